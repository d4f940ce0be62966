import { test, expect, type Page } from '@playwright/test';
import { STAFF } from './staff-accounts';
import { expectAccessibleAndNarrow } from './support';

async function signIn(page: Page, who: keyof typeof STAFF, from = '/admin/demo'): Promise<void> {
  await page.goto(from);
  await expect(page).toHaveURL(/\/login\?next=/);
  await page.getByLabel('E-mail').fill(STAFF[who].email);
  await page.getByLabel('Adgangskode').fill(STAFF[who].password);
  await page.getByRole('button', { name: 'Log ind' }).click();
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
  await signIn(page, 'admin');
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
  await signIn(page, 'admin', '/admin');
  for (const area of ['', '/tilbud', '/principper', '/spoergsmaal', '/personale', '/noegler', '/indstillinger', '/log']) {
    await page.goto(`/admin/demo${area}`);
    await expectAccessibleAndNarrow(page);
  }
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

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('an admin invites a colleague and gets a one-time link to pass on', async ({ page }) => {
    await signIn(page, 'admin', '/admin/demo/personale');
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
