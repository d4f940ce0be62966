import { test, expect } from '@playwright/test';
import { answer, waitForIsland } from './support';

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled });

    test('switch /k/demo to English and back to Danish', async ({ page }) => {
      await page.goto('/k/demo');
      const html = page.locator('html');
      const button = page.locator('form.lang-switch button');
      await expect(html).toHaveAttribute('lang', 'da');
      await expect(page.getByRole('heading', { name: 'Kommunens tilbud' })).toBeVisible();

      await expect(button).toHaveText('English');
      await button.click();
      await expect(html).toHaveAttribute('lang', 'en');
      await expect(page.getByRole('heading', { name: "The municipality's services" })).toBeVisible();
      await expect(page).toHaveURL(/\/k\/demo$/);

      await expect(button).toHaveText('Dansk');
      await button.click();
      await expect(html).toHaveAttribute('lang', 'da');
      await expect(page.getByRole('heading', { name: 'Kommunens tilbud' })).toBeVisible();
      await expect(page).toHaveURL(/\/k\/demo$/);
    });
  });
}

// A young person half way through a form who switches language keeps what
// they typed; nothing is sent or counted by the switch.
for (const javaScriptEnabled of [true, false]) {
  test.describe(`keeps typed text ${javaScriptEnabled ? 'with' : 'without'} JavaScript`, () => {
    test.use({ javaScriptEnabled });

    test('the rating form survives a language switch', async ({ page, request }) => {
      const api = '/api/v1/municipalities/demo/services/uu';
      const before = (await (await request.get(api)).json()).ratings;
      await page.goto('/k/demo/s/uu');
      if (javaScriptEnabled) await waitForIsland(page);
      await answer(page, 'listened', '4');
      await page.locator('#comment').fill('Jeg skrev det her først');
      await page.locator('#came_from').selectOption('fgu');
      await page.locator('form.lang-switch button').click();

      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      await expect(page.locator('h1')).toContainText('What do you think of');
      await expect(page.locator('#comment')).toHaveValue('Jeg skrev det her først');
      await expect(page.locator('#came_from')).toHaveValue('fgu');
      await expect(page.locator('input[name="answers.listened"][value="4"]')).toBeChecked();
      await expect(page.locator('.error-summary')).toBeHidden();
      expect((await (await request.get(api)).json()).ratings).toBe(before);

      await page.locator('form.lang-switch button').click();
      await expect(page.locator('html')).toHaveAttribute('lang', 'da');
      await expect(page.locator('#comment')).toHaveValue('Jeg skrev det her først');
    });

    test('the proposal form survives a language switch', async ({ page }) => {
      await page.goto('/k/demo/foreslaa');
      await page.locator('#proposal-title').fill('Længere åbent i klubben');
      await page.locator('#proposal-text').fill('Klubben lukker for tidligt om fredagen.');
      await page.locator('form.lang-switch button').click();
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      await expect(page.locator('#proposal-title')).toHaveValue('Længere åbent i klubben');
      await expect(page.locator('#proposal-text')).toHaveValue('Klubben lukker for tidligt om fredagen.');
      await expect(page.locator('.field-error')).toHaveCount(0);
    });
  });
}
