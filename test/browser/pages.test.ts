/**
 * The pages in a real browser: Debian's chromium, headless, driven by playwright-core.
 * A reader follows an IRI to its page in French, English or Spanish, with JavaScript off;
 * switches language; meets texts full of markup that stay text; and runs a query in the
 * workbench, with JavaScript (YASGUI) and without it (the plain form). .ci/run installs
 * chromium and sets CITEGO_INTEGRATION=require so that this cannot be skipped there.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDataWith } from '../helpers.js';
import { startService, type RunningService } from '../service-harness.js';

const REQUIRED = process.env.CITEGO_INTEGRATION === 'require';
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const SHEET = '/id/document/relocaliser-alimentation-question-gouvernance';

describe.runIf(existsSync(CHROMIUM) || REQUIRED)('in a browser', () => {
  let running: RunningService;
  let browser: Browser;

  beforeAll(async () => {
    running = await startService({ env: { DATA_DIR: demoDataWith('hostile/hostile-sheet.ttl') } });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  /** A browser context whose pages report every script error and every dialog they open. */
  async function reader(options: { locale?: string; javaScriptEnabled?: boolean } = {}): Promise<{ context: BrowserContext; incidents: string[] }> {
    const context = await browser.newContext({ locale: options.locale ?? 'fr-FR', javaScriptEnabled: options.javaScriptEnabled ?? true });
    const incidents: string[] = [];
    context.on('page', (page) => {
      page.on('pageerror', (error) => incidents.push(`error: ${error.message}`));
      // Whatever the Content-Security-Policy refused (a script, a style, a request) is an incident too.
      page.on('console', (message) => { if (/Content Security Policy/i.test(message.text())) incidents.push(`policy: ${message.text()}`); });
      page.on('dialog', (dialog) => {
        incidents.push(`dialog: ${dialog.message()}`);
        void dialog.dismiss();
      });
    });
    return { context, incidents };
  }

  it.each([
    ['fr-FR', 'fr', 'Relocaliser l\'alimentation : une question de gouvernance', ['Auteurs', 'Lieux', 'Descripteurs de l\'atlas']],
    ['en-GB', 'en', 'Relocalising food: a question of governance', ['Authors', 'Places', 'Atlas descriptors']],
    // No Spanish title: the French one is shown, marked as French.
    ['es-ES', 'es', 'Relocaliser l\'alimentation : une question de gouvernance', ['Autores', 'Lugares', 'Descriptores del atlas']],
  ])('reads a sheet from its IRI in %s, without JavaScript', async (locale, language, title, headings) => {
    const { context, incidents } = await reader({ locale, javaScriptEnabled: false });
    const page = await context.newPage();
    const response = await page.goto(`${running.origin}${SHEET}`);
    expect(response!.status()).toBe(200);
    expect(page.url()).toBe(`${running.origin}${SHEET.replace('/id/', '/doc/')}.html`);
    expect(await page.locator('html').getAttribute('lang')).toBe(language);
    expect(await page.locator('h1').innerText()).toBe(title);
    expect(await page.locator('h1').getAttribute('lang')).toBe(language === 'en' ? 'en' : 'fr');
    const shown = await page.locator('main h2').allInnerTexts();
    for (const heading of headings) expect(shown).toContain(heading);
    expect(await page.getByRole('link', { name: 'Claire Dumontel' }).isVisible()).toBe(true);
    // The first thing a keyboard reaches is the way past the header to the content.
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.getAttribute("href")')).toBe('#content');
    expect(incidents).toEqual([]);
    await context.close();
  });

  it('switches language and keeps it while the reader follows links', async () => {
    const { context, incidents } = await reader({ locale: 'fr-FR' });
    const page = await context.newPage();
    await page.goto(`${running.origin}${SHEET}`);
    await page.getByRole('link', { name: 'Español' }).click();
    await page.waitForURL(/lang=es/);
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    await page.getByRole('link', { name: 'Claire Dumontel' }).first().click();
    await page.waitForURL(/\/doc\/actor\/claire-dumontel\.html\?lang=es$/);
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    expect(incidents).toEqual([]);
    await context.close();
  });

  it('shows texts full of markup as text, running none of it', async () => {
    const { context, incidents } = await reader();
    const page = await context.newPage();
    await page.goto(`${running.origin}/id/document/hostile-sheet`);
    expect(await page.locator('h1').innerText()).toBe('<script>alert(\'title\')</script> & "quotes"');
    expect(await page.locator('main img').count()).toBe(0);
    expect(await page.locator('main').innerText()).toContain('</p><img src=x onerror=alert(1)> un résumé <b>gras</b>');
    expect(incidents).toEqual([]);
    await context.close();
  });

  it('runs an example query in the workbench', async () => {
    const { context, incidents } = await reader({ locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${running.origin}/sparql`);
    await page.waitForSelector('.yasqe .CodeMirror');
    await page.locator('.load-example').first().click();
    const query = await page.evaluate<string>('document.querySelector(".CodeMirror").CodeMirror.getValue()');
    expect(query).toContain('SELECT ?sheet ?title');
    await page.locator('.yasqe_queryButton').click();
    await page.waitForSelector('.yasr table tbody tr');
    expect(await page.locator('.yasr table tbody tr').count()).toBeGreaterThan(5);
    expect(await page.locator('.yasr table tbody').innerText()).toContain('/id/document/');
    expect(incidents).toEqual([]);
    await context.close();
  });

  it('runs a query from the plain form when JavaScript is off', async () => {
    const { context, incidents } = await reader({ locale: 'en-GB', javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${running.origin}/sparql`);
    await page.locator('textarea#query').fill('SELECT ?angle ?label WHERE { ?angle a <http://localhost:3000/ontology#GovernanceAngle> ; <http://www.w3.org/2004/02/skos/core#prefLabel> ?label FILTER(lang(?label) = "en") } ORDER BY ?angle');
    await page.getByRole('button', { name: 'Run' }).click();
    await page.waitForSelector('table tbody tr');
    expect(await page.locator('h1').innerText()).toBe('Query results');
    expect(await page.locator('table tbody tr').count()).toBeGreaterThan(3);
    expect(await page.locator('table').innerText()).toContain('Actors and relations');
    expect(incidents).toEqual([]);
    await context.close();
  });
});
