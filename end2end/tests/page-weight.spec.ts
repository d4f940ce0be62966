// First-load weight of the rating page, all bytes counted as transferred
// (compressed as served, headers included). Budget: 150 KB.
import { test, expect } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';

const BUDGET = 150 * 1024;

test('the rating page loads in at most 150 KB compressed', async ({ page }) => {
  const requests: import('@playwright/test').Request[] = [];
  page.on('requestfinished', (r) => requests.push(r));
  await page.goto('/k/demo/s/fgu');
  await page.locator('form.rating-form[data-hydrated="true"]').waitFor({ state: 'attached' });
  await page.waitForLoadState('networkidle');

  const rows: { url: string; type: string; encoding: string; bytes: number }[] = [];
  for (const r of requests) {
    const sizes = await r.sizes();
    const response = await r.response();
    const path = new URL(r.url()).pathname;
    const type = path.endsWith('.wasm') ? 'wasm' : path.endsWith('.js') ? 'js' : path.endsWith('.css') ? 'css' : r.resourceType() === 'document' ? 'html' : 'other';
    rows.push({ url: path, type, encoding: (await response?.allHeaders())?.['content-encoding'] ?? 'none', bytes: sizes.responseBodySize + sizes.responseHeadersSize });
  }
  const total = rows.reduce((s, r) => s + r.bytes, 0);
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/page-weight.json', JSON.stringify({ total, rows }, null, 2));
  console.log(`rating page first load: ${(total / 1024).toFixed(1)} KiB over ${rows.length} requests`);
  for (const r of rows) console.log(`  ${r.type.padEnd(5)} ${r.encoding.padEnd(5)} ${(r.bytes / 1024).toFixed(1).padStart(7)} KiB  ${r.url}`);
  expect(rows.some((r) => r.type === 'wasm'), 'the island loads its wasm').toBe(true);
  expect(total).toBeLessThanOrEqual(BUDGET);
});
