import { expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

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
