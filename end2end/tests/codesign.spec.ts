import { test, expect, type Browser, type Page } from '@playwright/test';
import { STAFF } from './staff-accounts';
import { expectAccessibleAndNarrow } from './support';
import { useSession } from './staff-sessions';

// The whole co-design loop at phone size: a young person proposes, a
// moderator approves the held text, a manager answers (changing a
// principle), and the young person sees the answer on the receipt page.
// Once with JavaScript and once without, for the young person.

const PHONE = { width: 360, height: 780 };


async function staffPage(browser: Browser, who: keyof typeof STAFF, path: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: PHONE })).newPage();
  if (who === 'moderator' || who === 'admin') {
    // Their session from global setup: a second factor's code works once.
    await useSession(page, who);
    await page.goto(path);
    await expect(page).toHaveURL(new RegExp(`${path}$`));
    return page;
  }
  await page.goto(path);
  await page.getByLabel('E-mail').fill(STAFF[who].email);
  await page.getByLabel('Adgangskode').fill(STAFF[who].password);
  await page.getByRole('button', { name: 'Log ind' }).click();
  await expect(page).toHaveURL(new RegExp(`${path}$`));
  return page;
}

async function propose(young: Page, title: string, text: string, principle = 'Kæden er større end kommunen'): Promise<string> {
  await young.goto('/k/demo/forslag');
  await young.getByRole('link', { name: 'Kom med et forslag' }).click();
  await expect(young).toHaveURL(/\/k\/demo\/foreslaa$/);
  await young.getByLabel('Ændre et princip').check();
  await young.getByLabel('Vil du ændre en af kædens fælles regler (principper)?').selectOption({ label: principle });
  await young.getByLabel('Overskrift', { exact: true }).fill(title);
  await young.getByLabel('Dit forslag', { exact: true }).fill(text);
  await young.getByRole('button', { name: 'Send forslag' }).click();
  await expect(young).toHaveURL(/\/kvittering\/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\?ny=1$/);
  await expect(young.getByRole('heading', { name: 'Tak! Dit forslag er modtaget.' })).toBeVisible();
  return (await young.locator('.receipt-code code').innerText()).trim();
}

for (const js of [true, false]) {
  test(`propose → moderate → answer → the receipt shows it (JavaScript ${js ? 'on' : 'off'})`, async ({ browser }) => {
    const young = await (await browser.newContext({ viewport: PHONE, javaScriptEnabled: js })).newPage();
    const title = `Ung i styregruppen ${js ? 'js' : 'nojs'} ${Date.now()}`;
    // The phone number is masked and holds the text for a moderator.
    const principle = js ? 'Dit forløb skal hænge sammen' : 'Ledelsen står bag';
    const code = await propose(young, title, 'Ring til mig på 22 33 44 55, så forklarer jeg det.', principle);
    await expect(young.locator('main')).toContainText('[telefonnummer skjult]');
    await expect(young.locator('main')).not.toContainText('22 33 44 55');
    await expect(young.locator('main')).toContainText('En voksen læser dit forslag');

    const moderator = await staffPage(browser, 'moderator', '/admin/demo/moderation');
    const item = moderator.locator('li.queue-item', { hasText: title });
    await item.getByRole('button', { name: 'Godkend og vis' }).click();
    await expect(moderator.getByRole('status').first()).toHaveText('Godkendt og vist.');

    const manager = await staffPage(browser, 'manager', '/admin/demo/forslag');
    const row = manager.locator('details', { hasText: title });
    await row.locator('summary').click();
    await row.getByLabel('Ny status').selectOption({ label: 'Vedtaget' });
    await row.getByLabel('Offentlig begrundelse').fill('Fra næste måned sidder to unge med i styregruppen.');
    await row.getByLabel('Overskrift (dansk)').fill(`Unge er med, når kæden beslutter ${js ? 'js' : 'nojs'}`);
    await row.getByRole('button', { name: 'Gem status' }).click();
    await expect(manager.getByRole('status').first()).toHaveText('Svaret er gemt og kan ses af den unge.');

    await young.goto('/kvittering');
    await young.getByLabel('Din kvitteringskode').fill(code.toLowerCase());
    await young.getByRole('button', { name: 'Find forslag' }).click();
    await expect(young.locator('.answer')).toContainText('Fra næste måned sidder to unge med i styregruppen.');
    await expect(young.locator('main')).toContainText('Vedtaget');

    // It is public now: support it and see the changed principle and the results.
    await young.getByRole('link', { name: 'Se forslaget, som andre ser det' }).click();
    await young.getByRole('button', { name: /^Støt/ }).click();
    await expect(young.getByText('Du støtter forslaget.')).toBeVisible();
    await young.goto('/k/demo/principper');
    await expect(young.getByRole('heading', { name: `Unge er med, når kæden beslutter ${js ? 'js' : 'nojs'}` })).toBeVisible();
    await young.goto('/k/demo/resultater');
    await expect(young.getByRole('link', { name: title })).toBeVisible();
  });
}

test('words about self-harm show where to get help at once', async ({ browser }) => {
  const young = await (await browser.newContext({ viewport: PHONE, javaScriptEnabled: false })).newPage();
  await propose(young, 'Ingen lytter', 'Nogle dage vil jeg ikke leve mere.');
  const help = young.getByRole('alert').filter({ hasText: 'Har du det svært lige nu?' });
  await expect(help).toBeVisible();
  await expect(help.getByRole('link', { name: 'Børnetelefonen 116 111' })).toHaveAttribute('href', 'tel:116111');
});

test('co-design pages have no WCAG 2.1 AA violations and fit a 360 px phone', async ({ browser }) => {
  const young = await (await browser.newContext({ viewport: PHONE })).newPage();
  const code = await propose(young, 'Tilgængelighed', 'Alle sider skal kunne bruges med skærmlæser.');
  await expectAccessibleAndNarrow(young);
  for (const path of ['/k/demo/forslag', '/k/demo/foreslaa', '/k/demo/resultater', '/kvittering', `/kvittering/${code}`]) {
    await young.goto(path);
    await expectAccessibleAndNarrow(young);
  }
  const moderator = await staffPage(browser, 'moderator', '/admin/demo/moderation');
  await expectAccessibleAndNarrow(moderator);
  const manager = await staffPage(browser, 'manager', '/admin/demo/forslag');
  await manager.locator('summary').first().click();
  await expectAccessibleAndNarrow(manager);
  // A public proposal's page, with the stance and comment forms.
  await young.goto('/k/demo/forslag');
  const first = young.locator('ul.cards li h3 a').first();
  await first.click();
  await expectAccessibleAndNarrow(young);
});

test('an empty proposal gets our Danish messages, not the browser’s bubbles', async ({ page }) => {
  await page.goto('/k/demo/foreslaa');
  await expect(page.locator('form.proposal-form')).toHaveAttribute('novalidate', '');
  await page.getByRole('button', { name: 'Send forslag' }).click();
  await expect(page).toHaveURL(/\/k\/demo\/foreslaa$/);
  await expect(page.locator('.field-error').first()).toBeVisible();
  await expect(page.locator('#proposal-title-error')).toContainText(/[a-zæøå]/);
  // The help says what really happens: most proposals are shown at once.
  await expect(page.getByText('Dit forslag bliver vist for alle med det samme.')).toBeVisible();
  await expect(page.getByLabel('Hvorfor er det vigtigt? (frivilligt)')).toBeVisible();
});
