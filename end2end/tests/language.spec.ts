import { test, expect } from '@playwright/test';

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
