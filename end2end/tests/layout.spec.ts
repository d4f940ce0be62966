import { test, expect } from '@playwright/test';

test.use({ viewport: { width: 360, height: 740 } });

const PAGES = [
  '/',
  '/k/demo',
  '/k/demo/principper',
  '/k/demo/s/fgu',
  '/k/demo/s/fgu/tak',
  '/k/demo/s/fgu/plakat',
  '/privatliv',
  '/tilgaengelighed',
  '/findes-ikke',
];

for (const path of PAGES) {
  test(`${path} does not scroll sideways at 360 px`, async ({ page }) => {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
  });
}

test('answer choices and the submit button are at least 44×44 px', async ({ page }) => {
  await page.goto('/k/demo/s/fgu');
  const targets = page.locator('label.choice, form.rating-form button[type=submit]');
  const count = await targets.count();
  expect(count).toBeGreaterThan(1);
  const small: string[] = [];
  for (let i = 0; i < count; i++) {
    const target = targets.nth(i);
    const box = await target.boundingBox();
    if (!box || box.width < 44 || box.height < 44) {
      const name = (await target.getAttribute('for')) ?? 'submit button';
      small.push(`${name}: ${box ? `${box.width.toFixed(1)}×${box.height.toFixed(1)}` : 'not rendered'}`);
    }
  }
  expect(small, 'touch targets smaller than 44×44 px').toEqual([]);
});
