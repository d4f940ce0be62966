import { test, expect, type Browser, type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { STAFF } from '../tests/staff-accounts';
import { prepareWorkshop } from '../tests/support';
import { useSession } from '../tests/staff-sessions';

const OUT = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const SIZES = { phone: { width: 360, height: 740 }, laptop: { width: 1280, height: 800 } } as const;
type Size = keyof typeof SIZES;

async function open(browser: Browser, size: Size, who?: keyof typeof STAFF): Promise<Page> {
  const context = await browser.newContext({ viewport: SIZES[size], locale: 'da-DK' });
  const page = await context.newPage();
  if (who === 'admin' || who === 'moderator') {
    await useSession(page, who);
  } else if (who) {
    const r = await page.request.post('/api/v1/session', { data: { email: STAFF[who].email, password: STAFF[who].password } });
    expect(r.status(), `${who} signs in`).toBe(200);
  }
  return page;
}

/** What the person sees first (the viewport); `full` adds the whole page. */
async function shoot(page: Page, name: string, size: Size, full = false): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: `${OUT}${name}-${size}.png` });
  if (full) await page.screenshot({ path: `${OUT}${name}-${size}-full.png`, fullPage: true });
}

for (const size of Object.keys(SIZES) as Size[]) {
  test(`young person's screens at ${size} width`, async ({ browser }) => {
    const page = await open(browser, size);
    await page.goto('/k/demo');
    await shoot(page, 'chain', size);
    // The demo's longest service name: the screen most likely to overflow.
    await page.goto('/k/demo/s/uu');
    await shoot(page, 'rate', size, size === 'phone');
    await page.goto('/k/demo/tilgaengelighed');
    await shoot(page, 'accessibility-statement', size, size === 'phone');
  });

  test(`moderation, dashboard and board report at ${size} width`, async ({ browser }) => {
    const moderator = await open(browser, size, 'moderator');
    await moderator.goto('/admin/demo/moderation');
    await shoot(moderator, 'moderation', size);
    const manager = await open(browser, size, 'manager');
    await manager.goto('/styring/demo');
    await shoot(manager, 'dashboard', size);
    await manager.goto('/styring/demo/rapport');
    await shoot(manager, 'board-report', size);
    if (size === 'laptop') {
      // The heatmap sorted worst first, and the report as it prints (A4 width).
      await manager.goto('/styring/demo?raekker=alle');
      await manager.locator('section:has(#g-heat)').screenshot({ path: `${OUT}dashboard-heatmap-laptop.png` });
      await manager.goto('/styring/demo/rapport');
      await manager.emulateMedia({ media: 'print' });
      await manager.setViewportSize({ width: 794, height: 1123 });
      await manager.screenshot({ path: `${OUT}board-report-print-full.png`, fullPage: true });
    }
  });
}

test('a live workshop: facilitator, projector and phone', async ({ browser }) => {
  const facilitator = await open(browser, 'laptop', 'facilitator');
  await facilitator.goto('/admin/demo/workshops');
  await shoot(facilitator, 'workshop-builder', 'laptop', true);
  const { id, code } = await prepareWorkshop(facilitator, 'Ungerådet: transport og job');
  const phone = await open(browser, 'phone');
  await phone.goto('/w');
  await phone.getByLabel('Kode (6 tegn)').fill(code);
  await phone.getByLabel('Kaldenavn (frivilligt)').fill('Anna');
  await phone.getByRole('button', { name: 'Deltag' }).click();
  await expect(phone).toHaveURL(/\/w\/\d+$/);
  await shoot(phone, 'workshop-join', 'phone');
  await facilitator.locator('.controls').getByRole('button', { name: 'Start', exact: true }).click();
  await expect(phone.getByRole('heading', { name: 'Hvad skal vi tale om?' })).toBeVisible({ timeout: 10_000 });
  await shoot(phone, 'workshop-phone', 'phone');
  await shoot(facilitator, 'workshop-facilitator', 'laptop');
  await facilitator.locator('.controls').getByRole('button', { name: 'Næste', exact: true }).click();
  await expect(phone.getByText('Bussen kører for sjældent')).toBeVisible({ timeout: 10_000 });
  await shoot(phone, 'workshop-statements', 'phone');
  const projector = await open(browser, 'laptop', 'facilitator');
  await projector.setViewportSize({ width: 1920, height: 1080 });
  await projector.goto(`/admin/demo/workshops/${id}/skaerm`);
  await projector.waitForLoadState('networkidle');
  await projector.screenshot({ path: `${OUT}workshop-projector-1920.png` });
});
