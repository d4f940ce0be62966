import type { Page } from '@playwright/test';

/** Waits until the rating island has hydrated (it marks its form). */
export async function waitForIsland(page: Page): Promise<void> {
  await page.locator('form.rating-form[data-hydrated="true"]').waitFor({ state: 'attached' });
}

/** Clicks the visible label of a radio answer (the radio itself is visually hidden). */
export async function answer(page: Page, key: string, value: string): Promise<void> {
  await page.locator(`label[for="f-answers-${key}-${value}"]`).click();
}
