// Admins and moderators must use a second factor, and each code works once
// (30-second steps). So global setup signs each of them in once, setting up
// their authenticator app through the real pages, and the tests reuse that
// session; the app's key and the step it last used go to the workers in the
// environment, for the tests that sign in through the form themselves.
import { request, expect, type Page } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { STAFF } from './staff-accounts';
import { stepNow, totp } from './totp';

export type WithApp = 'admin' | 'moderator';
export const WITH_APP: WithApp[] = ['admin', 'moderator'];

const stateFile = (who: WithApp) => fileURLToPath(new URL(`../../target/e2e/session-${who}.json`, import.meta.url));
const envKey = (who: WithApp) => `STEMME_TOTP_${who.toUpperCase()}`;

/** Global setup: password, the set-up page's key, the first code; the session is saved. */
export async function setUpApp(baseURL: string, who: WithApp): Promise<void> {
  const ctx = await request.newContext({ baseURL });
  const login = await ctx.post('/login', { form: { email: STAFF[who].email, password: STAFF[who].password, next: '/admin' }, maxRedirects: 0 });
  expect(login.headers().location, `${who} is sent to set up an app (is the database fresh?)`).toMatch(/^\/login\/app/);
  const page = await (await ctx.get('/login/app')).text();
  const secret = /<code class="totp-secret">([A-Z2-7 ]+)<\/code>/.exec(page)?.[1]?.replace(/ /g, '');
  if (!secret) throw new Error(`no key on the set-up page for ${who}`);
  const step = stepNow();
  const done = await ctx.post('/login/app', { form: { code: totp(secret, step), next: '/admin' }, maxRedirects: 0 });
  expect(done.status(), `${who} sets up an app`).toBe(200);
  mkdirSync(dirname(stateFile(who)), { recursive: true });
  await ctx.storageState({ path: stateFile(who) });
  await ctx.dispose();
  process.env[envKey(who)] = `${secret}:${step}`;
}

/** Signs `page`'s context in as `who` with the session global setup made. */
export async function useSession(page: Page, who: WithApp): Promise<void> {
  const { cookies } = JSON.parse(readFileSync(stateFile(who), 'utf8'));
  await page.context().addCookies(cookies);
}

const lastUsed = new Map<WithApp, number>();

/** On the code page: types codes from `who`'s app until one is taken (a step
 * used elsewhere is refused, so the next one is tried; future steps are
 * waited for). */
export async function typeCode(page: Page, who: WithApp): Promise<void> {
  const [secret, setupStep] = (process.env[envKey(who)] ?? '').split(':');
  if (!secret) throw new Error(`global setup did not set up ${who}'s app`);
  for (let attempt = 0; attempt < 4; attempt++) {
    // Never the step before now: a slow submit across a step boundary would
    // carry a code two steps old.
    let step = Math.max(stepNow(), Number(setupStep) + 1, (lastUsed.get(who) ?? 0) + 1);
    while (step > stepNow() + 1) await page.waitForTimeout(1000);
    lastUsed.set(who, step);
    await page.getByLabel('Kode fra appen eller en reservekode').fill(totp(secret, step));
    await page.getByRole('button', { name: 'Fortsæt' }).click();
    await page.waitForLoadState();
    if (!page.url().includes('/login/kode')) return;
  }
  throw new Error(`no code from ${who}'s app was taken`);
}
