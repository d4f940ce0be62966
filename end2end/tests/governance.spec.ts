import { test, expect, type Browser, type Page } from '@playwright/test';
import { STAFF } from './staff-accounts';
import { expectAccessibleAndNarrow } from './support';

// The governance view at desktop and tablet size: a manager sees the
// heatmap, filters it with a plain GET form and opens the A4 report.
// Seven phones rate FGU first, so at least one cell is shown.

const DESKTOP = { width: 1280, height: 900 };
const TABLET = { width: 768, height: 1024 };

async function signedIn(browser: Browser, viewport: { width: number; height: number }, path: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport })).newPage();
  await page.goto(path);
  await page.getByLabel('E-mail').fill(STAFF.manager.email);
  await page.getByLabel('Adgangskode').fill(STAFF.manager.password);
  await page.getByRole('button', { name: 'Log ind' }).click();
  await expect(page).toHaveURL(new RegExp(`${path}$`));
  return page;
}

test('a manager reads the chain at a glance, filters and prints', async ({ browser, playwright }) => {
  // Seven phones rate FGU (shown); three rate the sports club (too few).
  for (const [service, times] of [['fgu', 7], ['idraetsforening', 3]] as const) {
    for (let i = 0; i < times; i++) {
      const phone = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
      const r = await phone.post(`/api/v1/municipalities/demo/services/${service}/ratings`, { data: { answers: { listened: 4, overall: 5 } } });
      expect(r.status()).toBe(201);
      await phone.dispose();
    }
  }
  const page = await signedIn(browser, DESKTOP, '/styring/demo');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Styring – Demo Kommune');
  // Which cells a hidden one takes with it depends on the other tests' ratings;
  // the column totals always show.
  await expect(page.locator('table.heatmap tfoot')).toContainText('n=');
  await expect(page.getByRole('row', { name: /Idrætsforeningen/ })).toContainText('For få svar');
  await expect(page.locator('svg.trend-chart').first()).toBeVisible();
  await expectAccessibleAndNarrow(page);

  await page.locator('select[name=periode]').selectOption('aar');
  await page.getByRole('button', { name: 'Vis' }).click();
  await expect(page).toHaveURL(/periode=aar/);
  await expect(page.getByRole('heading', { name: /Overblik: \d{4}/ })).toBeVisible();

  await page.getByRole('link', { name: 'Rapport til udskrift (A4)' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Rapport om ungekæden');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('table.heatmap')).toBeVisible();
  await page.emulateMedia({ media: 'screen' });
  await expectAccessibleAndNarrow(page);

  const tablet = await signedIn(browser, TABLET, '/styring/demo');
  await expectAccessibleAndNarrow(tablet);
});

test('young people and other staff cannot open it', async ({ browser }) => {
  const anonymous = await (await browser.newContext()).newPage();
  await anonymous.goto('/styring/demo');
  await expect(anonymous).toHaveURL(/\/login/);
});
