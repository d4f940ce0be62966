import { test, expect, type Page } from '@playwright/test';
import { STAFF } from './staff-accounts';
import { choosePassword, expectAccessibleAndNarrow, inviteModerator } from './support';
import { typeCode, useSession } from './staff-sessions';
import { totp } from './totp';

/** Through the sign-in form, and the code page after it for admins and moderators. */
async function signIn(page: Page, who: keyof typeof STAFF, from = '/admin/demo'): Promise<void> {
  await page.goto(from);
  await expect(page).toHaveURL(/\/login\?next=/);
  await page.getByLabel('E-mail').fill(STAFF[who].email);
  await page.getByLabel('Adgangskode').fill(STAFF[who].password);
  await page.getByRole('button', { name: 'Log ind' }).click();
  if (who === 'admin' || who === 'moderator') {
    await expect(page).toHaveURL(/\/login\/kode\?next=/);
    await typeCode(page, who);
  }
  await expect(page).toHaveURL(new RegExp(`${from}$`));
}

/** The admin's session from global setup (each app code works once, so
 * tests do not all sign in through the form). */
async function asAdmin(page: Page, from = '/admin/demo'): Promise<void> {
  await useSession(page, 'admin');
  await page.goto(from);
  await expect(page).toHaveURL(new RegExp(`${from}$`));
}


test('a wrong password is refused in Danish and the e-mail is kept', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('E-mail').fill(STAFF.admin.email);
  await page.getByLabel('Adgangskode').fill('ikke min kode');
  await page.getByRole('button', { name: 'Log ind' }).click();
  await expect(page.getByRole('alert')).toHaveText('Forkert e-mail eller adgangskode.');
  await expect(page.getByLabel('E-mail')).toHaveValue(STAFF.admin.email);
  await expect(page.getByLabel('Adgangskode')).toHaveValue('');
});

test('an admin adds a service, and young people see it', async ({ page }) => {
  await asAdmin(page);
  await page.getByRole('link', { name: 'Tilbud i kæden' }).first().click();
  const add = page.locator('form', { has: page.getByRole('button', { name: 'Tilføj tilbud' }) });
  await add.getByLabel('Kort navn til adressen').fill(`e2e-vaerksted-${Date.now()}`);
  await add.getByLabel('Navn', { exact: true }).fill('Værkstedet E2E');
  await add.getByLabel('Kategori').selectOption('youth-school');
  await add.getByRole('button', { name: 'Tilføj tilbud' }).click();
  await expect(page.getByRole('status')).toHaveText('Tilføjet.');
  await page.goto('/k/demo');
  await expect(page.getByRole('link', { name: /Værkstedet E2E/ })).toBeVisible();
});

test('staff pages have no WCAG 2.1 AA violations and fit a 360 px phone', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 780 });
  await page.goto('/login');
  await expectAccessibleAndNarrow(page);
  await asAdmin(page, '/admin');
  for (const area of ['', '/tilbud', '/principper', '/spoergsmaal', '/personale', '/noegler', '/indstillinger', '/log']) {
    await page.goto(`/admin/demo${area}`);
    await expectAccessibleAndNarrow(page);
  }
  await page.goto('/admin/konto');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Min konto');
  await expectAccessibleAndNarrow(page);
  // The one-time link box, and the page the link opens.
  const invite = page.locator('form', { has: page.getByRole('button', { name: 'Invitér en kollega' }) });
  await page.goto('/admin/demo/personale');
  await invite.getByLabel('E-mail').fill('a11y@demo.dk');
  await invite.getByLabel('Moderator').check();
  await invite.getByRole('button', { name: 'Invitér en kollega' }).click();
  await expectAccessibleAndNarrow(page);
  await page.goto(new URL(await page.locator('.secret code').innerText()).pathname);
  await expectAccessibleAndNarrow(page);
});

test('a moderator is told plainly that the admin pages are not theirs', async ({ page }) => {
  await signIn(page, 'moderator');
  const response = await page.goto('/admin/demo/personale');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ingen adgang');
  await expectAccessibleAndNarrow(page);
  await page.getByRole('button', { name: 'Log ud' }).click();
  await expect(page.getByRole('status')).toHaveText('Du er logget ud.');
  await page.goto('/admin/demo');
  await expect(page).toHaveURL(/\/login/);
});

test('a new moderator sets up an authenticator app at first sign-in and later uses a recovery code', async ({ page, browser }) => {
  const PHONE = { width: 360, height: 780 };
  await asAdmin(page, '/admin/demo/personale');
  const email = `mfa-${Date.now()}@demo.dk`;
  const link = await inviteModerator(page, email);

  const colleague = await (await browser.newContext({ viewport: PHONE })).newPage();
  await colleague.goto(link);
  const password = 'tre grønne cykler i regnvejr';
  await choosePassword(colleague, password);
  const passwordStep = async () => {
    await colleague.goto('/admin/demo/moderation');
    await colleague.getByLabel('E-mail').fill(email);
    await colleague.getByLabel('Adgangskode').fill(password);
    await colleague.getByRole('button', { name: 'Log ind' }).click();
  };
  await passwordStep();
  await expect(colleague).toHaveURL(/\/login\/app\?next=/);
  await expect(colleague.getByRole('heading', { level: 1 })).toHaveText('Sæt totrinsbekræftelse op');
  await expect(colleague.getByRole('img', { name: 'QR-kode til din godkendelses-app' })).toBeVisible();
  await expectAccessibleAndNarrow(colleague);
  // Nothing behind the sign-in opens yet.
  expect((await colleague.request.get('/api/v1/me')).status()).toBe(401);
  const secret = (await colleague.locator('.totp-secret').innerText()).replace(/\s/g, '');
  await colleague.getByLabel('Kode fra appen', { exact: true }).fill('000000');
  await colleague.getByRole('button', { name: 'Fortsæt' }).click();
  await expect(colleague.getByRole('alert')).toContainText('Koden er forkert');
  await colleague.getByLabel('Kode fra appen', { exact: true }).fill(totp(secret));
  await colleague.getByRole('button', { name: 'Fortsæt' }).click();
  await expect(colleague.getByRole('heading', { level: 1 })).toHaveText('Totrinsbekræftelse er sat op');
  const codes = await colleague.locator('.recovery-codes code').allInnerTexts();
  expect(codes).toHaveLength(10);
  await expectAccessibleAndNarrow(colleague);
  await colleague.getByRole('link', { name: 'Jeg har gemt koderne – fortsæt' }).click();
  await expect(colleague).toHaveURL(/\/admin\/demo\/moderation$/);

  // The phone is at home: a recovery code instead, once.
  await colleague.getByRole('button', { name: 'Log ud' }).click();
  await passwordStep();
  await expect(colleague).toHaveURL(/\/login\/kode\?next=/);
  await expectAccessibleAndNarrow(colleague);
  await colleague.getByLabel('Kode fra appen eller en reservekode').fill(codes[0].toUpperCase());
  await colleague.getByRole('button', { name: 'Fortsæt' }).click();
  await expect(colleague).toHaveURL(/\/admin\/demo\/moderation$/);

  // The admin sees who has an app, and can reset it for a lost phone.
  await page.goto('/admin/demo/personale');
  const row = page.getByRole('row', { name: new RegExp(email) });
  await expect(row).toContainText('totrinsbekræftelse');
  await row.locator('summary').click();
  await row.getByRole('button', { name: 'Nulstil totrinsbekræftelse' }).click();
  await expect(page.getByRole('status')).toHaveText('Gemt.');
  await passwordStep();
  await expect(colleague).toHaveURL(/\/login\/app\?next=/);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('an admin invites a colleague and gets a one-time link to pass on', async ({ page }) => {
    await asAdmin(page, '/admin/demo/personale');
    const invite = page.locator('form', { has: page.getByRole('button', { name: 'Invitér en kollega' }) });
    await invite.getByLabel('E-mail').fill('ny-kollega@demo.dk');
    await invite.getByLabel('Facilitator').check();
    await invite.getByRole('button', { name: 'Invitér en kollega' }).click();
    const link = await page.locator('.secret code').innerText();
    expect(link).toMatch(/\/adgangskode\/[0-9a-f]{64}$/);
    await page.goto(new URL(link).pathname);
    await expect(page.getByText('ny-kollega@demo.dk')).toBeVisible();
    await page.getByLabel('Ny adgangskode').fill('sommer2026');
    await page.getByLabel('Skriv den igen').fill('sommer2026');
    await page.getByRole('button', { name: 'Gem adgangskode' }).click();
    await expect(page.getByRole('alert')).toContainText('for almindelig');
    await page.getByLabel('Ny adgangskode').fill('tre grønne cykler i regnvejr');
    await page.getByLabel('Skriv den igen').fill('tre grønne cykler i regnvejr');
    await page.getByRole('button', { name: 'Gem adgangskode' }).click();
    await expect(page.getByRole('status')).toHaveText('Din adgangskode er gemt. Log ind med den nu.');
  });
});

test('static files carry the security headers too', async ({ request }) => {
  const response = await request.get('/pkg/stemme.css');
  expect(response.status()).toBe(200);
  const headers = response.headers();
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
});
