import { test, expect, type Page } from '@playwright/test';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { expectAccessibleAndNarrow, signedIn } from './support';

// A manager sorts the heatmap, reads it without colour, takes each table
// into a spreadsheet, and prints the board report to A4.

const DESKTOP = { width: 1280, height: 900 };

/** Enough ratings that several services and criteria are shown. */
async function rate(playwright: typeof import('@playwright/test'), baseURL: string): Promise<void> {
  const plan: [string, number, Record<string, number>][] = [
    ['fgu', 12, { listened: 4, overall: 5, next_step: 3 }],
    ['ungdomsklub', 12, { listened: 2, overall: 3, next_step: 4 }],
    ['bibliotek', 12, { listened: 5, overall: 4, next_step: 2 }],
  ];
  for (const [service, times, answers] of plan) {
    for (let i = 0; i < times; i++) {
      const phone = await playwright.request.newContext({ baseURL });
      const r = await phone.post(`/api/v1/municipalities/demo/services/${service}/ratings`, { data: { answers } });
      expect(r.status()).toBe(201);
      await phone.dispose();
    }
  }
}

/** The means in a list of cells, in order; `null` for a hidden one. */
async function means(page: Page, selector: string): Promise<(number | null)[]> {
  return page.locator(selector).evaluateAll((cells) =>
    cells.map((c) => {
      const text = c.querySelector('.mean')?.textContent ?? '';
      const v = Number.parseFloat(text.replace(',', '.'));
      return Number.isNaN(v) ? null : v;
    }),
  );
}

/** Shown values in order (ascending or not), hidden ones only after them. */
function expectSorted(values: (number | null)[], ascending: boolean): void {
  const shown = values.filter((v): v is number => v !== null);
  expect(values.slice(0, shown.length)).toEqual(shown);
  const sorted = [...shown].sort((a, b) => (ascending ? a - b : b - a));
  expect(shown).toEqual(sorted);
  expect(shown.length).toBeGreaterThan(1);
}

test('the heatmap sorts by column and by row, reads in greyscale, and every table has its CSV', async ({ browser, playwright }) => {
  await rate(playwright, test.info().project.use.baseURL as string);
  const page = await signedIn(browser, DESKTOP, '/styring/demo');
  const heat = page.locator('table.heatmap');

  // Rows by the "all criteria" column: lowest first, then highest first.
  const all = heat.locator('thead th').last();
  await all.getByRole('link').click();
  await expect(page).toHaveURL(/raekker=alle/);
  await expect(heat.locator('thead th').last()).toHaveAttribute('aria-sort', 'ascending');
  expectSorted(await means(page, 'table.heatmap tbody tr td:last-child'), true);
  await heat.locator('thead th').last().getByRole('link').click();
  await expect(page).toHaveURL(/raekker=-alle/);
  await expect(heat.locator('thead th').last()).toHaveAttribute('aria-sort', 'descending');
  expectSorted(await means(page, 'table.heatmap tbody tr td:last-child'), false);

  // Columns by the all-services row, lowest first; the row sort is kept.
  await heat.locator('tfoot th').getByRole('link').click();
  await expect(page).toHaveURL(/raekker=-alle&kolonner=alle/);
  expectSorted(await means(page, 'table.heatmap tfoot td:not(:last-child)'), true);
  await expectAccessibleAndNarrow(page);

  // Greyscale: each band is darker than the one above it.
  const luminance = await page.evaluate(() => {
    const out: number[] = [];
    for (const band of ['low', 'mid-low', 'mid-high', 'high']) {
      const td = document.createElement('td');
      td.className = `cell ${band}`;
      document.querySelector('table.heatmap tbody tr')?.appendChild(td);
      const [r, g, b] = getComputedStyle(td).backgroundColor.match(/\d+/g)!.map((v) => Number(v) / 255);
      const lin = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
      out.push(0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b));
      td.remove();
    }
    return out;
  });
  for (let i = 1; i < luminance.length; i++) expect(luminance[i] - luminance[i - 1]).toBeGreaterThan(0.1);

  // The trend charts start at 1, the bottom of the scale, and show the 95 %
  // interval of every point with 30 answers or more (three lines each), and
  // none for a smaller one (hollow), where it could reveal single answers.
  const chart = page.locator('svg.trend-chart').first();
  await expect(chart.locator('text.axis', { hasText: /^1$/ })).toHaveCount(1);
  const large = await page.locator('svg.trend-chart circle.point:not(.small)').count();
  expect(large, 'this month has over 30 answers per criterion').toBeGreaterThan(0);
  await expect(page.locator('svg.trend-chart line.interval')).toHaveCount(3 * large);

  // One CSV per table, each the same figures as the page.
  const sectionsWithTables = await page.locator('section:has(table)').count();
  const csv = page.locator('a[href*="/tables/"]');
  expect(await csv.count()).toBeGreaterThanOrEqual(sectionsWithTables + 2);
  for (const href of await csv.evaluateAll((as) => as.map((a) => a.getAttribute('href') as string))) {
    const r = await page.request.get(href);
    expect(r.status(), href).toBe(200);
    expect(r.headers()['content-type']).toContain('text/csv');
    expect((await r.text()).split('\r\n')[0].length).toBeGreaterThan(3);
  }
  const heatmapCsv = await (await page.request.get((await csv.first().getAttribute('href')) as string)).text();
  const overall = ((await heat.locator('tfoot td:last-child .mean').innerText()) as string).trim();
  const lastLine = heatmapCsv.trim().split('\r\n').pop() as string;
  expect(lastLine.startsWith('Alle tilbud;')).toBe(true);
  const csvMean = Number.parseFloat((lastLine.split(';').pop() as string).replace(/"/g, '').replace(',', '.'));
  expect(Math.abs(csvMean - Number.parseFloat(overall.replace(',', '.')))).toBeLessThanOrEqual(0.05);
  const wrong = await page.request.get('/api/v1/municipalities/demo/tables/secret.csv');
  expect(wrong.status()).toBe(404);
  expect((await wrong.json()).error).toContain('Den tabel findes ikke');
});

test('the board report prints to A4: a summary page first, numbered and dated pages, nothing clipped', async ({ browser, playwright }) => {
  await rate(playwright, test.info().project.use.baseURL as string);
  const page = await signedIn(browser, DESKTOP, '/styring/demo/rapport?periode=aar');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Rapport om ungekæden');

  // At the printable width of A4 (210 mm less 2 × 15 mm margins = 680 px),
  // nothing sticks out and nothing scrolls.
  await page.setViewportSize({ width: 680, height: 1000 });
  await page.emulateMedia({ media: 'print' });
  const overflow = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    // Text for screen readers only is clipped to 1 px on purpose.
    const all = [...document.querySelectorAll('main *')].filter((e) => !e.closest('.visually-hidden'));
    const wide = all.filter((e) => e.getBoundingClientRect().right > width + 1);
    const scrolls = all.filter((e) => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible');
    return [...wide, ...scrolls].map((e) => `${e.tagName}.${e.className}`);
  });
  expect(overflow).toEqual([]);

  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: true }).promise;
  const count = doc.numPages;
  expect(count).toBeGreaterThanOrEqual(2);
  expect(count).toBeLessThanOrEqual(10);
  // The server dates the report in Danish time, whatever the test machine's zone.
  const today = new Date().toLocaleDateString('da-DK', { timeZone: 'Europe/Copenhagen', day: 'numeric', month: 'long', year: 'numeric' });
  const pages: string[] = [];
  for (let i = 1; i <= count; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    const text = content.items.map((item) => ('str' in item ? item.str : '')).join(' ').replace(/\s+/g, ' ');
    pages.push(text);
    expect(text, `page ${i}`).toContain(`Side ${i} af ${count}`);
    expect(text, `page ${i}`).toContain('Stemme · Demo Kommune');
    expect(text, `page ${i}`).toContain(today);
    // No blank page: more than the footer on every page.
    const body = text.replace(`Side ${i} af ${count}`, '').replace(/Stemme · Demo Kommune · [^S]*/, '');
    expect(body.trim().length, `page ${i} has content`).toBeGreaterThan(40);
  }
  // The one-page summary first; the details start on page 2.
  expect(pages[0]).toContain('Overblik');
  expect(pages[0]).toContain('Største ændringer');
  expect(pages[0]).not.toContain('Tilbud og kvalitetskriterier');
  expect(pages[1]).toContain('Tilbud og kvalitetskriterier');
  // Every service row of the heatmap made it onto paper.
  const all = pages.join(' ');
  expect(all).toContain('Alle tilbud');
  expect(all).not.toContain('Hent som CSV');
});
