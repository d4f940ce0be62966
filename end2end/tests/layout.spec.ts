import { test, expect } from '@playwright/test';

test.use({ viewport: { width: 360, height: 740 } });

const PAGES = [
  '/',
  '/k/demo',
  '/k/demo/principper',
  '/k/demo/s/fgu',
  // The demo's longest service name, in the page's biggest heading.
  '/k/demo/s/uu',
  '/k/demo/s/fgu/tak',
  '/k/demo/forslag',
  '/k/demo/foreslaa',
  '/k/demo/resultater',
  '/kvittering',
  '/w',
  '/k/demo/s/fgu/plakat',
  '/privatliv',
  '/tilgaengelighed',
  '/k/demo/tilgaengelighed',
  '/findes-ikke',
];

// One page load per page for both checks (the suite runs twice a CI run).
for (const path of PAGES) {
  test(`${path} neither scrolls sideways nor breaks a word at 360 px`, async ({ page }) => {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, 'no sideways scrolling').toBeLessThanOrEqual(360);
    // A word whose letters land on two lines ("Nogenl/unde"): the text is too
    // big for its box. Breaks at a hyphen, dash or slash are fine.
    const split = await page.evaluate(() => {
      const found: string[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const words = /[^\s\-–/]+/g;
        for (let m = words.exec(node.textContent ?? ''); m; m = words.exec(node.textContent ?? '')) {
          const range = document.createRange();
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          if (lines.size > 1) found.push(m[0]);
        }
      }
      return found;
    });
    expect(split, 'words broken across lines').toEqual([]);
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
