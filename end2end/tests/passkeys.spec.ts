import { test, expect, type Page } from '@playwright/test';
import { choosePassword, expectAccessibleAndNarrow, inviteModerator } from './support';
import { useSession } from './staff-sessions';
import { totp } from './totp';

// Passkeys (WebAuthn) with Chromium's virtual authenticator (CDP). Browsers
// only offer WebAuthn on a name, not an IP address, so this test runs on
// localhost (the same server as 127.0.0.1; cookies are per host).
const PHONE = { width: 360, height: 780 };

async function virtualAuthenticator(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
}

test('a moderator adds a passkey and signs in with it instead of the code', async ({ page, browser, baseURL }) => {
  const local = (baseURL ?? '').replace('127.0.0.1', 'localhost');
  // The admin invites a new moderator, who must set up an app first.
  await useSession(page, 'admin');
  await page.goto('/admin/demo/personale');
  const email = `passkey-${Date.now()}@demo.dk`;
  const link = await inviteModerator(page, email);

  const me = await (await browser.newContext({ viewport: PHONE, baseURL: local })).newPage();
  await virtualAuthenticator(me);
  const password = 'fire blå heste på taget';
  await me.goto(link);
  await choosePassword(me, password);
  const passwordStep = async () => {
    await me.goto('/admin/demo/moderation');
    await me.getByLabel('E-mail').fill(email);
    await me.getByLabel('Adgangskode').fill(password);
    await me.getByRole('button', { name: 'Log ind' }).click();
  };
  await passwordStep();
  const secret = (await me.locator('.totp-secret').innerText()).replace(/\s/g, '');
  await me.getByLabel('Kode fra appen', { exact: true }).fill(totp(secret));
  await me.getByRole('button', { name: 'Fortsæt' }).click();
  const recovery = await me.locator('.recovery-codes code').allInnerTexts();
  await me.getByRole('link', { name: 'Jeg har gemt koderne – fortsæt' }).click();
  await expect(me).toHaveURL(/\/admin\/demo\/moderation$/);

  // On the account page: a passkey from the phone's authenticator.
  await me.goto('/admin/konto');
  await expect(me.getByText('Du har ingen passkeys endnu.')).toBeVisible();
  await me.getByLabel('Navn på passkeyen').fill('Min telefon');
  // The app's code was just used (each works once): a recovery code will do.
  await me.getByLabel('Kode fra appen eller en reservekode').fill(recovery[0]);
  await me.getByRole('button', { name: 'Tilføj passkey' }).click();
  await expect(me).toHaveURL(/\/admin\/konto\?ok=passkey_added$/);
  await expect(me.getByRole('listitem').filter({ hasText: 'Min telefon' })).toBeVisible();
  await expectAccessibleAndNarrow(me);

  // Next sign-in: the passkey instead of the code.
  await me.getByRole('button', { name: 'Log ud' }).click();
  await passwordStep();
  await expect(me).toHaveURL(/\/login\/kode\?next=/);
  await expectAccessibleAndNarrow(me);
  await me.getByRole('button', { name: 'Brug din passkey' }).click();
  // Anchored: the code page's own address ends in ?next=/admin/demo/moderation.
  await expect(me).toHaveURL(`${local}/admin/demo/moderation`);
  await me.goto('/admin/konto');
  await expect(me.getByRole('listitem').filter({ hasText: 'sidst brugt' })).toBeVisible();

  // Removed: the code page offers only the code again.
  await me.getByRole('button', { name: 'Fjern Min telefon' }).click();
  await expect(me).toHaveURL(/\/admin\/konto\?ok=passkey_removed$/);
  await me.getByRole('button', { name: 'Log ud' }).click();
  await passwordStep();
  await expect(me).toHaveURL(/\/login\/kode\?next=/);
  await expect(me.getByRole('button', { name: 'Brug din passkey' })).toHaveCount(0);
});
