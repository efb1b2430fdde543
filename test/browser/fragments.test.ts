/**
 * Triple Pattern Fragments in a real browser (Debian's chromium, headless, JavaScript off): a
 * reader fills the search form, reads the count and the triples, follows a term to its own
 * fragment and pages on, in French and in English; texts full of markup stay text. .ci/run
 * installs chromium and sets CITEGO_INTEGRATION=require so that this cannot be skipped there.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, demoDataWith } from '../helpers.js';
import { startService, type RunningService } from '../service-harness.js';

const REQUIRED = process.env.CITEGO_INTEGRATION === 'require';
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

describe.runIf(existsSync(CHROMIUM) || REQUIRED)('fragments in a browser', () => {
  let running: RunningService;
  let browser: Browser;

  beforeAll(async () => {
    running = await startService({ env: { DATA_DIR: demoDataWith('hostile/hostile-sheet.ttl') }, replicas: 1 });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  it('searches a pattern with the form, follows a term, and pages on, without JavaScript', async () => {
    const context = await browser.newContext({ locale: 'en-GB', javaScriptEnabled: false });
    const dialogs: string[] = [];
    context.on('page', (page) => page.on('dialog', (dialog) => { dialogs.push(dialog.message()); void dialog.dismiss(); }));
    const page = await context.newPage();
    await page.goto(`${running.origin}/fragments`);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('h1').innerText()).toBe('Triple Pattern Fragments');
    await page.fill('#predicate', 'http://purl.org/dc/terms/subject');
    await page.click('button[type=submit]');
    expect(await page.locator('.fragment-count').innerText()).toMatch(/^[\d,]+ triples match this pattern, out of [\d,]+ triples in all\.$/);
    expect(await page.locator('table.fragment tbody tr').count()).toBe(100);
    // Every row's predicate is the one asked for.
    expect(new Set(await page.locator('table.fragment tbody tr td:nth-child(2)').allInnerTexts())).toEqual(new Set(['http://purl.org/dc/terms/subject']));
    await page.click('a[rel=next]');
    expect(await page.locator('.pagination').innerText()).toContain('Page 2 of');
    // A subject leads to its own fragment: everything said about it.
    const subject = await page.locator('table.fragment tbody tr td:first-child a').first().innerText();
    await page.locator('table.fragment tbody tr td:first-child a').first().click();
    expect(await page.inputValue('#subject')).toBe(subject);
    expect(await page.locator('table.fragment tbody tr').count()).toBeGreaterThan(3);
    expect(dialogs).toEqual([]);
    await context.close();
  });

  it('shows hostile texts as text, in French', async () => {
    const context = await browser.newContext({ locale: 'fr-FR', javaScriptEnabled: true });
    const dialogs: string[] = [];
    context.on('page', (page) => page.on('dialog', (dialog) => { dialogs.push(dialog.message()); void dialog.dismiss(); }));
    const page = await context.newPage();
    await page.goto(`${running.origin}/fragments?subject=${encodeURIComponent(`${BASE}id/document/hostile-sheet`)}`);
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await page.locator('label[for=subject]').innerText()).toBe('Sujet');
    expect(await page.locator('table.fragment').innerText()).toContain('<script>alert(\'title\')</script> & "quotes"');
    expect(await page.locator('table.fragment img').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await context.close();
  });
});
