import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { waitForIsland } from './support';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function expectAccessible(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  // One readable line per problem and element, so a failure says what to fix.
  const report = violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} -> ${n.target.join(' ')}`),
  );
  expect(report, `axe violations on ${page.url()}`).toEqual([]);
}

const PAGES: [string, string][] = [
  ['home', '/'],
  ['chain page', '/k/demo'],
  ['principles', '/k/demo/principper'],
  ['thank-you page', '/k/demo/s/fgu/tak'],
  ['poster', '/k/demo/s/fgu/plakat'],
  ['privacy', '/privatliv'],
  ['accessibility statement', '/tilgaengelighed'],
  ["the municipality's accessibility statement", '/k/demo/tilgaengelighed'],
];

for (const [name, path] of PAGES) {
  test(`${name} (${path}) has no WCAG 2.1 AA violations`, async ({ page }) => {
    await page.goto(path);
    await expectAccessible(page);
  });
}

test('rating page (hydrated) has no WCAG 2.1 AA violations', async ({ page }) => {
  await page.goto('/k/demo/s/fgu');
  await waitForIsland(page);
  await expectAccessible(page);
});

test('404 page has no WCAG 2.1 AA violations', async ({ page }) => {
  const response = await page.goto('/findes-ikke');
  expect(response?.status()).toBe(404);
  await expect(page.locator('h1')).toHaveText('Siden findes ikke');
  await expectAccessible(page);
});

test('chain page in English has no WCAG 2.1 AA violations', async ({ page }) => {
  await page.goto('/k/demo');
  await page.locator('form.lang-switch button').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expectAccessible(page);
});

test('rating page with errors after a no-JavaScript submit has no WCAG 2.1 AA violations', async ({ browser, page }) => {
  // Submit the empty form where JavaScript is off and keep the server's 422 page.
  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const form = await noJs.newPage();
  await form.goto('/k/demo/s/fgu');
  const posted = form.waitForResponse((r) => r.request().method() === 'POST');
  await form.locator('form.rating-form button[type=submit]').click();
  const response = await posted;
  expect(response.status()).toBe(422);
  const html = await response.text();
  await noJs.close();

  // axe itself needs JavaScript: show that exact page here, with the island's
  // scripts blocked so it stays as a browser without JavaScript renders it.
  await page.route(/\/pkg\/.*\.(js|wasm)(\?.*)?$/, (route) => route.abort());
  await page.route('**/k/demo/s/fgu', (route) =>
    route.fulfill({ status: 422, contentType: 'text/html; charset=utf-8', body: html }),
  );
  await page.goto('/k/demo/s/fgu');
  await expect(page.locator('.error-summary')).toBeVisible();
  await expectAccessible(page);
});
