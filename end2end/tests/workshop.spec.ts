import { test, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { STAFF } from './staff-accounts';
import { MULTI_INSTANCE, SECOND_INSTANCE, startInstance } from './instances';
import { expectAccessibleAndNarrow, prepareWorkshop as prepare } from './support';

const PHONE = { width: 360, height: 780 };
const LAPTOP = { width: 1280, height: 800 };

/** A signed-in facilitator's browser; `baseURL` picks the instance. */
async function facilitatorContext(browser: Browser, viewport = LAPTOP, baseURL?: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, ...(baseURL ? { baseURL } : {}) });
  const page = await context.newPage();
  const r = await page.request.post('/api/v1/session', { data: { email: STAFF.facilitator.email, password: STAFF.facilitator.password } });
  expect(r.status()).toBe(200);
  return { context, page };
}

async function joinOnPhone(browser: Browser, code: string, nickname: string, javaScriptEnabled = true, baseURL?: string): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled, ...(baseURL ? { baseURL } : {}) });
  const page = await context.newPage();
  await page.goto('/w');
  await page.getByLabel('Kode (6 tegn)').fill(code.toLowerCase());
  await page.getByLabel('Kaldenavn (frivilligt)').fill(nickname);
  await page.getByRole('button', { name: 'Deltag' }).click();
  await expect(page).toHaveURL(/\/w\/\d+$/);
  await expect(page.getByText(`Du er med som ${nickname}.`)).toBeVisible();
  return page;
}

async function control(page: Page, name: string): Promise<void> {
  await page.bringToFront();
  await page.locator('.controls').getByRole('button', { name, exact: true }).click();
  await expect(page.locator('.controls')).toBeVisible();
}

async function endWorkshop(page: Page): Promise<void> {
  await page.bringToFront();
  const end = page.locator('details.end-workshop');
  await end.locator('summary').click();
  await end.getByRole('button', { name: 'Ja, afslut workshoppen' }).click();
}

test('a workshop runs live on a facilitator laptop, a projector and two phones', async ({ browser }) => {
  test.setTimeout(90_000);
  const { page: facilitator } = await facilitatorContext(browser);
  const { id, code } = await prepare(facilitator, `Ungerådet E2E ${Date.now()}`);

  const { page: presenter } = await facilitatorContext(browser, { width: 1280, height: 720 });
  await presenter.goto(`/admin/demo/workshops/${id}/skaerm`);
  await expect(presenter.locator('.presenter-join .join-code')).toHaveText(`${code.slice(0, 3)} ${code.slice(3)}`);
  await expect(presenter.locator('.qr svg')).toBeVisible();

  const anna = await joinOnPhone(browser, code, 'Anna');
  const bo = await joinOnPhone(browser, code, 'Bo');
  await expect(anna.getByText('Vi venter på, at alle er med')).toBeVisible();
  await expect(presenter.locator('.presenter-counts')).toContainText('2 deltagere');

  // Start: the phones follow by themselves.
  await control(facilitator, 'Start');
  await expect(anna.getByRole('heading', { name: 'Hvad skal vi tale om?' })).toBeVisible({ timeout: 10_000 });
  await expect(bo.getByRole('heading', { name: 'Hvad skal vi tale om?' })).toBeVisible({ timeout: 10_000 });
  await expect(presenter.getByRole('heading', { name: 'Hvad skal vi tale om?' })).toBeVisible();

  await anna.getByLabel('Transport').check();
  await anna.getByRole('button', { name: 'Send' }).click();
  await expect(anna.getByRole('status').filter({ hasText: 'Dit svar er gemt' })).toBeVisible();
  await bo.getByLabel('Fritid').check();
  await bo.getByRole('button', { name: 'Send' }).click();
  await expect(presenter.locator('.presenter-counts')).toContainText('2 har svaret', { timeout: 10_000 });

  // Two answers are too few to show as counts, even when revealed.
  const controls = facilitator.locator('.controls');
  await expect(controls.getByRole('button', { name: 'Skjul resultat' }), 'nothing to hide yet').toHaveCount(0);
  await control(facilitator, 'Vis resultat');
  await expect(controls.getByRole('button', { name: 'Vis resultat' }), 'already shown').toHaveCount(0);
  await expect(controls.getByRole('button', { name: 'Skjul resultat' })).toBeVisible();
  await expect(presenter.locator('.presenter-live').getByText('Resultatet vises, når mindst 5 har svaret')).toBeVisible({ timeout: 10_000 });
  await expect(anna.getByText('Resultatet vises, når mindst 5 har svaret')).toBeVisible({ timeout: 10_000 });

  // Something typed is never thrown away by a live update.
  await control(facilitator, 'Næste');
  await expect(bo.getByText('Bussen kører for sjældent')).toBeVisible({ timeout: 10_000 });
  await bo.bringToFront();
  await bo.locator('#vote-0-agree').check();
  await control(facilitator, 'Næste');
  await expect(bo.getByRole('link', { name: 'Vis den nye aktivitet' })).toBeVisible({ timeout: 10_000 });
  await expect(bo.locator('#vote-0-agree')).toBeChecked();
  await expect(anna.getByRole('heading', { name: 'Hvad er din bedste idé?' })).toBeVisible({ timeout: 10_000 });
  await anna.bringToFront();
  await anna.getByLabel('Din idé').fill('Gratis bus om natten');
  // A reload (a lost connection, say) keeps what was typed and not sent.
  await anna.reload();
  await expect(anna.getByLabel('Din idé')).toHaveValue('Gratis bus om natten');
  await anna.getByRole('button', { name: 'Send' }).click();
  await expect(anna.getByRole('status').filter({ hasText: 'Dit svar er gemt' })).toBeVisible();
  await expect(anna.getByLabel('Din idé'), 'a sent idea is not offered again').toHaveValue('');

  await expectAccessibleAndNarrow(anna);
  await facilitator.reload();
  await expect(facilitator.getByText('Gratis bus om natten').first()).toBeVisible();
  await expectAccessibleAndNarrow(facilitator);
  await expectAccessibleAndNarrow(presenter);

  // A closed workshop has no controls left.
  // Ending is not next to "Næste" and takes a second, explicit step.
  await expect(facilitator.locator('.controls').getByRole('button', { name: /Afslut/ })).toHaveCount(0);
  await endWorkshop(facilitator);
  await expect(facilitator.locator('.controls')).toBeHidden();
  await expect(anna.getByText('Workshoppen er slut')).toBeVisible({ timeout: 10_000 });
  await expect(presenter.locator('.presenter-live').getByText('Workshoppen er slut')).toBeVisible({ timeout: 10_000 });
});

// PostgreSQL only (SQLite is one process's file): the facilitator and one
// phone on the first instance, the projector on the second, and the other
// phone on a third that crashes and comes back mid-workshop. Every change
// crosses instances through LISTEN/NOTIFY.
if (MULTI_INSTANCE) {
  test('a workshop runs across instances, and a phone reconnects after a crash', async ({ browser }) => {
    test.setTimeout(120_000);
    const THIRD = 'http://127.0.0.1:3003';
    let stopThird = await startInstance(THIRD);
    try {
      const { page: facilitator } = await facilitatorContext(browser);
      const { id, code } = await prepare(facilitator, `Tre instanser ${Date.now()}`);
      const { page: presenter } = await facilitatorContext(browser, { width: 1280, height: 720 }, SECOND_INSTANCE);
      await presenter.goto(`/admin/demo/workshops/${id}/skaerm`);
      const anna = await joinOnPhone(browser, code, 'Anna');
      const bo = await joinOnPhone(browser, code, 'Bo', true, THIRD);
      await expect(presenter.locator('.presenter-counts')).toContainText('2 deltagere', { timeout: 10_000 });

      await control(facilitator, 'Start');
      await expect(bo.getByRole('heading', { name: 'Hvad skal vi tale om?' })).toBeVisible({ timeout: 10_000 });
      await expect(presenter.getByRole('heading', { name: 'Hvad skal vi tale om?' })).toBeVisible({ timeout: 10_000 });
      await anna.bringToFront();
      await anna.getByLabel('Transport').check();
      await anna.getByRole('button', { name: 'Send' }).click();
      await expect(presenter.locator('.presenter-counts')).toContainText('1 har svaret', { timeout: 10_000 });
      await bo.bringToFront();
      await bo.getByLabel('Job').check();
      await bo.getByRole('button', { name: 'Send' }).click();
      await expect(presenter.locator('.presenter-counts')).toContainText('2 har svaret', { timeout: 10_000 });

      // Bo's instance crashes; the room moves on meanwhile; it comes back,
      // and Bo's phone finds the current activity by itself.
      stopThird();
      await control(facilitator, 'Næste');
      await expect(presenter.locator('.presenter-live').getByText('Bussen kører for sjældent')).toBeVisible({ timeout: 10_000 });
      stopThird = await startInstance(THIRD);
      await bo.bringToFront();
      await expect(bo.getByText('Bussen kører for sjældent')).toBeVisible({ timeout: 20_000 });

      await facilitator.bringToFront();
      await endWorkshop(facilitator);
      await expect(facilitator.locator('.controls')).toBeHidden();
      await expect(bo.getByText('Workshoppen er slut')).toBeVisible({ timeout: 10_000 });
      await expect(presenter.locator('.presenter-live').getByText('Workshoppen er slut')).toBeVisible({ timeout: 10_000 });
    } finally {
      stopThird();
    }
  });
}

test('a phone without JavaScript joins and answers with plain forms', async ({ browser }) => {
  test.setTimeout(60_000);
  const { page: facilitator } = await facilitatorContext(browser);
  const { code } = await prepare(facilitator, `Uden JavaScript ${Date.now()}`);
  const phone = await joinOnPhone(browser, code, 'Cille', false);
  await control(facilitator, 'Start');
  await phone.getByRole('link', { name: 'Opdater siden' }).click();
  await phone.getByRole('button', { name: 'Send' }).click();
  await expect(phone.locator('.field-error')).toHaveText('Vælg et af svarene.');
  await phone.getByLabel('Job').check();
  await phone.getByRole('button', { name: 'Send' }).click();
  await expect(phone.getByRole('status').filter({ hasText: 'Dit svar er gemt' })).toBeVisible();
  await expect(phone.getByLabel('Job')).toBeChecked();
  // axe runs on the same participant page with JavaScript in the live test:
  // here, in a context without JavaScript, its last step never returns.
});

test('a wrong code is explained, and the join page is accessible', async ({ page }) => {
  await page.setViewportSize(PHONE);
  await page.goto('/w');
  await expectAccessibleAndNarrow(page);
  await page.getByLabel('Kode (6 tegn)').fill('CCCCCC');
  await page.getByRole('button', { name: 'Deltag' }).click();
  await expect(page.getByRole('alert')).toContainText('Ingen workshop har den kode');
  await expect(page.getByLabel('Kode (6 tegn)')).toHaveValue('CCCCCC');
  await expectAccessibleAndNarrow(page);
});

test('the projector screen can be read from the back of a room', async ({ browser, playwright }) => {
  const { page: facilitator } = await facilitatorContext(browser);
  const { id, code } = await prepare(facilitator, `Projektor ${Date.now()}`);
  const { page: projector } = await facilitatorContext(browser, { width: 1920, height: 1080 });
  await projector.goto(`/admin/demo/workshops/${id}/skaerm`);
  const small: string[] = [];
  for (const selector of ['.presenter-join p', '.presenter-join .join-code', '.presenter-title', '.presenter-counts', '.presenter-step']) {
    const px = await projector.locator(selector).first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    if (px < 32) small.push(`${selector}: ${px}px`);
  }
  expect(small, 'text under 32 px at 1920 × 1080').toEqual([]);
  await expect(projector.locator('.qr svg')).toBeInViewport();

  // Six phones answer the poll and the result is shown: every word of it
  // is at least 32 px with a contrast of at least 7:1, and the way in
  // (code and QR) stays in view beside it.
  const baseURL = test.info().project.use.baseURL as string;
  const phones = await Promise.all([...Array(6)].map(() => playwright.request.newContext({ baseURL })));
  for (const phone of phones) expect((await phone.post('/api/v1/workshops/join', { data: { code } })).status()).toBe(200);
  await control(facilitator, 'Start');
  for (const [i, phone] of phones.entries()) {
    expect((await phone.post(`/api/v1/workshops/${id}/responses`, { data: { activity: 0, value: i % 3 } })).status()).toBe(201);
  }
  await control(facilitator, 'Vis resultat');
  await projector.bringToFront();
  await expect(projector.locator('.presenter-live .bar').first()).toBeVisible({ timeout: 10_000 });
  const unreadable = await projector.locator('.presenter-live').evaluate((live) => {
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r, g, b]: number[]) => {
      const lin = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const background = (e: Element | null): number[] => {
      for (; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c.length === 3 || (c.length === 4 && c[3] > 0)) return c;
      }
      return [255, 255, 255];
    };
    const out: string[] = [];
    for (const e of live.querySelectorAll('*')) {
      const text = [...e.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent?.trim()).join('');
      if (!text || e.closest('.visually-hidden')) continue;
      const style = getComputedStyle(e);
      const [a, b] = [lum(rgb(style.color)), lum(background(e))];
      const contrast = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      if (parseFloat(style.fontSize) < 32 || contrast < 7) out.push(`${text}: ${style.fontSize}, ${contrast.toFixed(1)}:1`);
    }
    return out;
  });
  expect(unreadable, 'result text under 32 px or under 7:1').toEqual([]);
  await projector.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await expect(projector.locator('.presenter-join .join-code')).toBeInViewport();
  await expect(projector.locator('.qr svg')).toBeInViewport();
  for (const phone of phones) await phone.dispose();
});

test('on a phone, statements are answered by tapping cards and dots by tapping + and −', async ({ browser }) => {
  test.setTimeout(60_000);
  const { page: facilitator } = await facilitatorContext(browser);
  await facilitator.goto('/admin/demo/workshops');
  await facilitator.getByLabel('Titel').fill(`Prikker ${Date.now()}`);
  await facilitator.locator('[name="activities.0.kind"]').selectOption('statements');
  await facilitator.locator('[name="activities.0.lines"]').fill('Klubben skal have længere åbent');
  await facilitator.locator('[name="activities.1.kind"]').selectOption('dots');
  await facilitator.locator('[name="activities.1.title"]').fill('Hvad er vigtigst?');
  await facilitator.locator('[name="activities.1.lines"]').fill('Transport\nJob\nFritid');
  await facilitator.locator('[name="activities.1.dots"]').fill('3');
  await facilitator.getByRole('button', { name: 'Opret workshop' }).click();
  await expect(facilitator).toHaveURL(/\/admin\/demo\/workshops\/\d+\?ok=workshop_ready$/);
  const code = (await facilitator.locator('.join-code').first().innerText()).replace(/\s/g, '');
  const phone = await joinOnPhone(browser, code, 'Cia');
  await control(facilitator, 'Start');

  await phone.bringToFront();
  const card = phone.locator('label.choice[for="vote-0-agree"]');
  await expect(card).toBeVisible({ timeout: 10_000 });
  // The header is small: the task is above the fold on a 360 × 780 phone.
  await expect(card).toBeInViewport({ ratio: 1 });
  const box = await card.boundingBox();
  expect(box!.width).toBeGreaterThanOrEqual(44);
  expect(box!.height).toBeGreaterThanOrEqual(44);
  // A tap near the card's edge, not on a small radio button, chooses it.
  await phone.mouse.click(box!.x + box!.width - 6, box!.y + box!.height - 6);
  await expect(phone.locator('#vote-0-agree')).toBeChecked();
  await phone.getByRole('button', { name: 'Send' }).click();
  await expect(phone.getByRole('status').filter({ hasText: 'Dit svar er gemt' })).toBeVisible();

  await control(facilitator, 'Næste');
  await phone.bringToFront();
  await expect(phone.getByText('Du har 3 prikker.')).toBeVisible({ timeout: 10_000 });
  const left = phone.locator('.dots-left');
  await expect(left).toHaveText('3 prikker tilbage');
  await expect(phone.locator('input[type="number"]').first()).toBeHidden();
  await phone.getByRole('button', { name: 'Giv en prik til: Transport' }).click();
  await phone.getByRole('button', { name: 'Giv en prik til: Transport' }).click();
  await expect(left).toHaveText('1 prik tilbage');
  await phone.getByRole('button', { name: 'Giv en prik til: Fritid' }).click();
  await expect(left).toHaveText('0 prikker tilbage');
  await expect(phone.getByRole('button', { name: 'Giv en prik til: Job' }), 'no dots left to give').toBeDisabled();
  await phone.getByRole('button', { name: 'Tag en prik fra: Transport' }).click();
  await phone.getByRole('button', { name: 'Giv en prik til: Job' }).click();
  for (const b of await phone.locator('.stepper .step').all()) {
    const r = await b.boundingBox();
    expect(r!.width).toBeGreaterThanOrEqual(44);
    expect(r!.height).toBeGreaterThanOrEqual(44);
  }
  await expectAccessibleAndNarrow(phone);
  await phone.getByRole('button', { name: 'Send' }).click();
  await expect(phone.getByRole('status').filter({ hasText: 'Dit svar er gemt' })).toBeVisible();
  // The saved dots come back on the page: 1 · 1 · 1.
  await expect(phone.locator('.dot-count')).toHaveText(['1', '1', '1']);
  await endWorkshop(facilitator);
});
