import { test, expect } from '@playwright/test';
import { answer } from './support';

// Every test gets a fresh context, so a fresh device: the first rating is new.
test.use({ javaScriptEnabled: false });

const PAGE = '/k/demo/s/jobcenter';

test('rate the jobcentre without JavaScript: 422 with errors, 303 to thanks, then update', async ({ page }) => {
  await page.goto(PAGE);
  const comment = 'Kun en kommentar, ingen svar.';
  await page.locator('#comment').fill(comment);
  const submit = page.locator('form.rating-form button[type=submit]');

  const invalid = page.waitForResponse((r) => r.request().method() === 'POST');
  await submit.click();
  expect((await invalid).status()).toBe(422);
  await expect(page).toHaveURL(new RegExp(`${PAGE}$`));
  const summary = page.locator('.error-summary');
  await expect(summary).toBeVisible();
  await expect(summary).toContainText('Der er noget, du skal rette');
  await expect(summary).toContainText('Svar på mindst ét spørgsmål.');
  await expect(page.locator('#comment')).toHaveValue(comment);

  await answer(page, 'listened', '4');
  await answer(page, 'next_step', '2');
  await answer(page, 'contact_person', 'unsure');
  await page.locator('#age_band').selectOption('18-20');
  await submit.click();
  await expect(page).toHaveURL(new RegExp(`${PAGE}/tak$`));
  await expect(page.locator('h1')).toHaveText('Tak for dit svar!');

  // The same device rates again: the answer replaces the first one.
  await page.goto(PAGE);
  await answer(page, 'overall', '3');
  await page.locator('form.rating-form button[type=submit]').click();
  await expect(page).toHaveURL(new RegExp(`${PAGE}/tak\\?opdateret=1$`));
  await expect(page.locator('h1')).toHaveText('Tak for dit svar!');
});
