import { expect, type Browser, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { STAFF } from './staff-accounts';

/** Waits until the rating island has hydrated (it marks its form). */
export async function waitForIsland(page: Page): Promise<void> {
  await page.locator('form.rating-form[data-hydrated="true"]').waitFor({ state: 'attached' });
}

/** Clicks the visible label of a radio answer (the radio itself is visually hidden). */
export async function answer(page: Page, key: string, value: string): Promise<void> {
  await page.locator(`label[for="f-answers-${key}-${value}"]`).click();
}

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** No axe-core WCAG 2.1 AA violations, and no sideways scrolling at the page's width. */
export async function expectAccessibleAndNarrow(page: Page): Promise<void> {
  // A page behind another one gets no animation frames, which axe and the
  // actionability checks wait for (tests with several phones open).
  await page.bringToFront();
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const report = violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} -> ${n.target.join(' ')}`));
  expect(report, `axe violations on ${page.url()}`).toEqual([]);
  const sideways = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  expect(sideways, `no sideways scrolling on ${page.url()}`).toBe(false);
}

/** Prepares a workshop through the facilitator's form: (id, code). */
export async function prepareWorkshop(page: Page, title: string): Promise<{ id: string; code: string }> {
  await page.goto('/admin/demo/workshops');
  await page.getByLabel('Titel').fill(title);
  await page.locator('[name="activities.0.kind"]').selectOption('poll');
  await page.locator('[name="activities.0.title"]').fill('Hvad skal vi tale om?');
  await page.locator('[name="activities.0.lines"]').fill('Transport\nJob\nFritid');
  await page.locator('[name="activities.1.kind"]').selectOption('statements');
  await page.locator('[name="activities.1.lines"]').fill('Bussen kører for sjældent\nVejledningen lytter');
  await page.locator('[name="activities.2.kind"]').selectOption('ideas');
  await page.getByRole('button', { name: 'Opret workshop' }).click();
  await expect(page).toHaveURL(/\/admin\/demo\/workshops\/\d+\?ok=workshop_ready$/);
  const id = new URL(page.url()).pathname.split('/').pop() as string;
  const code = (await page.locator('.join-code').first().innerText()).replace(/\s/g, '');
  expect(code).toMatch(/^[A-Z0-9]{6}$/);
  return { id, code };
}

/** On the admin's staff page: invites `email` as a moderator; the path of
 * the one-time set-password link the page shows. */
export async function inviteModerator(page: Page, email: string): Promise<string> {
  const invite = page.locator('form', { has: page.getByRole('button', { name: 'Invitér en kollega' }) });
  await invite.getByLabel('E-mail').fill(email);
  await invite.getByLabel('Moderator').check();
  await invite.getByRole('button', { name: 'Invitér en kollega' }).click();
  return new URL(await page.locator('.secret code').innerText()).pathname;
}

/** On a set-password page: chooses `password`. */
export async function choosePassword(page: Page, password: string): Promise<void> {
  await page.getByLabel('Ny adgangskode').fill(password);
  await page.getByLabel('Skriv den igen').fill(password);
  await page.getByRole('button', { name: 'Gem adgangskode' }).click();
}

/** A manager's page at `viewport`, signed in through the form that `path` redirects to. */
export async function signedIn(browser: Browser, viewport: { width: number; height: number }, path: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport })).newPage();
  await page.goto(path);
  await page.getByLabel('E-mail').fill(STAFF.manager.email);
  await page.getByLabel('Adgangskode').fill(STAFF.manager.password);
  await page.getByRole('button', { name: 'Log ind' }).click();
  await expect(page).toHaveURL(new RegExp(`${path.replace(/[?]/g, '\\?')}$`));
  return page;
}
