import { test, expect } from '@playwright/test';
import { answer, expectAccessibleAndNarrow, signedIn } from './support';

// The governance view at desktop and tablet size: a manager sees the
// heatmap, filters it with a plain GET form and opens the A4 report.
// Seven phones rate FGU first, so at least one cell is shown.

const DESKTOP = { width: 1280, height: 900 };
const TABLET = { width: 768, height: 1024 };

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
  // At a glance, above the fold: satisfaction between two whole periods,
  // what moved, what waits; the running quarter is not compared.
  const glance = page.locator('section.glance');
  await expect(glance).toBeInViewport();
  await expect(glance.getByRole('heading', { name: 'Overblik' })).toBeVisible();
  await expect(glance).toContainText('er ikke slut endnu');
  await expect(glance.getByRole('link', { name: 'Se alle forslag' })).toHaveAttribute('href', '#g-pipe');
  await expect(page.getByText('Sammenlignes, når perioden er slut').first()).toBeVisible();
  // Which cells a hidden one takes with it depends on the other tests' ratings;
  // the column totals always show.
  await expect(page.locator('table.heatmap tfoot')).toContainText('n=');
  await expect(page.getByRole('row', { name: /Idrætsforeningen/ })).toContainText('For få svar');
  await expect(page.locator('svg.trend-chart').first()).toBeVisible();
  await expectAccessibleAndNarrow(page);

  await page.locator('select[name=periode]').selectOption('aar');
  await page.getByRole('button', { name: 'Vis' }).click();
  await expect(page).toHaveURL(/periode=aar/);
  await expect(page.getByRole('heading', { name: /Antal: \d{4}/ })).toBeVisible();

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

test('a manager tests an assumption: young people answer it without JavaScript, then a verdict stops it', async ({ browser }) => {
  const manager = await signedIn(browser, DESKTOP, '/admin/demo/antagelser');
  await expect(manager.getByRole('heading', { level: 1 })).toHaveText('Antagelser');
  await manager.getByLabel('Antagelsen').fill('Unge vil helst ringes op, ikke skrives til');
  await manager.getByLabel('Spørgsmål til de unge (dansk, ja/nej)').fill('Vil du helst have en sms frem for et opkald?');
  await manager.getByRole('radio', { name: 'Nej' }).check();
  await manager.getByRole('button', { name: 'Begynd at spørge' }).click();
  await expect(manager.getByRole('status')).toContainText('Spørgsmålet kommer nu med');
  await expect(manager.getByRole('heading', { name: 'Unge vil helst ringes op, ikke skrives til' })).toBeVisible();
  await expectAccessibleAndNarrow(manager);

  // A phone without JavaScript at 360 px gets the extra question and answers it.
  const phone = await (await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } })).newPage();
  await phone.goto('/k/demo/s/fgu');
  const extra = phone.getByRole('group', { name: 'Vil du helst have en sms frem for et opkald?' });
  await expect(extra).toBeVisible();
  await extra.locator('label', { hasText: /^Ja$/ }).click();
  await answer(phone, 'listened', '4');
  await phone.locator('form.rating-form button[type=submit]').click();
  await expect(phone.locator('h1')).toHaveText('Tak for dit svar!');

  const item = manager.locator('article.assumption', { hasText: 'Unge vil helst ringes op' });
  await manager.reload();
  await expect(item).toContainText('For få svar endnu');
  await item.getByText('Skriv afgørelse').click();
  await item.getByRole('radio', { name: 'Uafklaret' }).check();
  await item.getByLabel('Begrundelse og hvad I gør nu').fill('For få svar. Vi spørger igen til foråret.');
  await item.getByRole('button', { name: 'Gem afgørelse' }).click();
  await expect(manager.getByRole('status')).toContainText('Afgørelsen er gemt');
  await phone.goto('/k/demo/s/fgu');
  await expect(phone.getByText('Vil du helst have en sms frem for et opkald?')).toHaveCount(0);
});
