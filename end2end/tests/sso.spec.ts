import { test, expect, type Page } from '@playwright/test';
import { expectAccessibleAndNarrow } from './support';

// Staff single sign-on in a real Chromium, through the test OpenID provider
// that end2end/run.sh starts (oidc-provider; STEMME_TEST_OP is where it
// is). The attacks are in server/tests/it/sso.rs; here: the button, the
// round trip, and the refusal page, at a phone's width.
const OP = process.env.STEMME_TEST_OP ?? '';

async function op(what: string, body: object): Promise<void> {
  const r = await fetch(`${OP}/test/${what}`, { method: 'POST', body: JSON.stringify(body) });
  expect(r.status, what).toBe(204);
}

async function startSignIn(page: Page): Promise<void> {
  await page.goto('/admin/demo');
  await expect(page).toHaveURL(/\/login\?next=/);
  await page.getByRole('link', { name: 'Demo Kommunes konto (test)' }).click();
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ baseURL }) => {
  expect(OP, 'end2end/run.sh starts the test provider').not.toBe('');
  await op('client', { redirect_uris: [`${baseURL}/login/sso/demo/callback`] });
});

test('a manager signs in with the municipality\'s account and lands where they were going', async ({ page }) => {
  await op('user', { sub: 'e2e-leader', email: 'leder@demo.dk', groups: ['stemme-leaders'] });
  await page.goto('/login');
  await expect(page.getByRole('heading', { name: 'Log ind med kommunens konto' })).toBeVisible();
  await expectAccessibleAndNarrow(page);
  await startSignIn(page);
  await expect(page).toHaveURL(/\/admin\/demo$/);
  await expect(page.getByText('Dine roller: Leder')).toBeVisible();
  await page.goto('/admin/konto');
  await expect(page.getByText('Du logger ind med kommunens egen konto')).toBeVisible();
  await expectAccessibleAndNarrow(page);
});

test('someone in no mapped group is told why and is not signed in', async ({ page }) => {
  await op('user', { sub: 'e2e-outsider', email: 'udenfor@demo.dk', groups: ['kantinen'] });
  await startSignIn(page);
  await expect(page).toHaveURL(/\/login\/sso\/demo\/callback/);
  await expect(page.getByRole('alert')).toContainText('ikke i en gruppe');
  await expectAccessibleAndNarrow(page);
  await page.goto('/admin/demo');
  await expect(page).toHaveURL(/\/login\?next=/);
});
