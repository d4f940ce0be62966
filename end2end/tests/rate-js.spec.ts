import { test, expect, type APIRequestContext } from '@playwright/test';
import { answer, waitForIsland } from './support';

const API = '/api/v1/municipalities/demo/services/fgu';

async function ratings(request: APIRequestContext): Promise<number> {
  const response = await request.get(API);
  expect(response.status()).toBe(200);
  return (await response.json()).ratings;
}

test('rate FGU with JavaScript: inline errors, inline thanks, no page loads', async ({ page, request }) => {
  const before = await ratings(request);

  await page.goto('/k/demo');
  await page.locator('a[href="/k/demo/s/fgu"]').click();
  await expect(page).toHaveURL(/\/k\/demo\/s\/fgu$/);
  await expect(page.locator('h1')).toHaveText('Hvad synes du om FGU Demo?');
  await waitForIsland(page);

  // A marker a page load would wipe: proves the island handles the submit.
  await page.evaluate(() => ((window as any).__sameDocument = true));
  const submit = page.locator('form.rating-form button[type=submit]');
  await expect(submit).toHaveText('Send mit svar');
  await expect(page.locator('.error-summary')).toBeHidden();
  await expect(page.locator('.thanks-inline')).toBeHidden();

  await submit.click();
  const summary = page.locator('.error-summary');
  await expect(summary).toBeVisible();
  await expect(summary).toContainText('Der er noget, du skal rette');
  await expect(summary).toContainText('Svar på mindst ét spørgsmål.');
  // GOV.UK's pattern: the summary takes the focus and is on screen, so a
  // phone scrolled down to the button sees (and a screen reader hears) it.
  await expect(summary).toBeFocused();
  await expect(summary).toBeInViewport();
  await expect(page).toHaveURL(/\/k\/demo\/s\/fgu$/);
  expect(await page.evaluate(() => (window as any).__sameDocument)).toBe(true);

  await answer(page, 'listened', '4');
  await answer(page, 'fits_path', '3');
  await answer(page, 'contact_person', 'yes');
  await answer(page, 'overall', '5');
  await page.locator('#comment').fill('God vejleder, test fra Playwright.');
  await page.locator('#came_from').selectOption('uu');
  await submit.click();

  const thanks = page.locator('.thanks-inline');
  await expect(thanks).toBeVisible();
  await expect(thanks.getByRole('heading', { level: 2 }).first()).toHaveText('Tak for dit svar!');
  await expect(thanks.getByRole('heading', { level: 2 }).first()).toBeFocused();
  await expect(thanks.getByRole('heading', { level: 2 }).first()).toBeInViewport();
  await expect(thanks.getByText('Har du det svært lige nu?')).toBeHidden();
  await expect(page.locator('form.rating-form')).toBeHidden();
  await expect(page).toHaveURL(/\/k\/demo\/s\/fgu$/);
  expect(await page.evaluate(() => (window as any).__sameDocument)).toBe(true);

  expect(await ratings(request)).toBeGreaterThanOrEqual(before + 1);
});

test('a comment about self-harm shows where to get help inline, with JavaScript', async ({ page }) => {
  await page.goto('/k/demo/s/ungdomsklub');
  await waitForIsland(page);
  await answer(page, 'listened', '2');
  await page.locator('#comment').fill('Jeg har tænkt på selvmord, og ingen lytter.');
  await page.locator('form.rating-form button[type=submit]').click();
  const help = page.locator('.thanks-inline .help-now');
  await expect(help).toBeVisible();
  await expect(help.getByRole('link', { name: 'Børnetelefonen 116 111' })).toHaveAttribute('href', 'tel:116111');
});

test('rating a place again says first that the new answer replaces the old one', async ({ page }) => {
  await page.goto('/k/demo/s/bibliotek');
  await expect(page.locator('p.notice')).toHaveCount(0);
  await waitForIsland(page);
  await answer(page, 'listened', '3');
  await page.locator('form.rating-form button[type=submit]').click();
  await expect(page.locator('.thanks-inline')).toBeVisible();

  await page.goto('/k/demo/s/bibliotek');
  await expect(page.locator('p.notice')).toContainText('Du har svaret om dette sted før');
  await expect(page.locator('p.notice')).toContainText('erstatter det dit gamle');
});
