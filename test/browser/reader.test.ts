/// <reference lib="dom" />
/**
 * The reader's side in a real browser (Debian's chromium, headless, playwright-core): a reader
 * searches with words and facets, finds the sheets at the crossing of two descriptors in three
 * clicks from the home page and gets SPARQL's answer, combines them with OR, walks three steps
 * through the atlas graph, opens the matrix and a cell, the network of actors of a place, puts
 * two sheets in the basket and exports them as BibTeX and RIS, switches language, and does the
 * same searches with JavaScript off. axe-core (from node_modules, injected into the page) checks
 * every kind of page in the three languages, the workbench included, for serious and critical
 * violations; the keyboard walks the home page, the workbench and the atlas view.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE } from '../helpers.js';
import { startService, type RunningService } from '../service-harness.js';

const REQUIRED = process.env.CITEGO_INTEGRATION === 'require';
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const D = (slug: string) => `${BASE}id/descriptor/${slug}`;

interface AxeViolation { id: string; impact: string | null; help: string; nodes: { target: string[]; html: string }[] }

describe.runIf(existsSync(CHROMIUM) || REQUIRED)('the reader\'s side in a browser', () => {
  let running: RunningService;
  let browser: Browser;

  beforeAll(async () => {
    running = await startService();
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    // The search index and the atlas are ready before the first reader comes.
    await fetch(`${running.origin}/search?q=x`);
    await fetch(`${running.origin}/atlas`);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  async function reader(options: { locale?: string; javaScriptEnabled?: boolean; bypassCSP?: boolean } = {}): Promise<{ context: BrowserContext; page: Page; incidents: string[] }> {
    const context = await browser.newContext({
      locale: options.locale ?? 'fr-FR', javaScriptEnabled: options.javaScriptEnabled ?? true, acceptDownloads: true, bypassCSP: options.bypassCSP ?? false,
    });
    const incidents: string[] = [];
    context.on('page', (p) => {
      p.on('pageerror', (error) => incidents.push(`error: ${error.message}`));
      p.on('dialog', (dialog) => {
        incidents.push(`dialog: ${dialog.message()}`);
        void dialog.dismiss();
      });
    });
    return { context, page: await context.newPage(), incidents };
  }

  /** The sheets SPARQL gives for descriptors combined with AND or OR. */
  async function bySparql(descriptors: readonly string[], op: 'and' | 'or'): Promise<string[]> {
    const patterns = op === 'and'
      ? descriptors.map((d) => `?sheet <http://purl.org/dc/terms/subject> <${d}> .`).join(' ')
      : descriptors.map((d) => `{ ?sheet <http://purl.org/dc/terms/subject> <${d}> }`).join(' UNION ');
    const response = await fetch(`${running.origin}/sparql`, {
      method: 'POST', headers: { 'Content-Type': 'application/sparql-query', Accept: 'application/sparql-results+json' },
      body: `SELECT DISTINCT ?sheet WHERE { ${patterns} }`,
    });
    return ((await response.json()) as { results: { bindings: { sheet: { value: string } }[] } }).results.bindings.map((b) => b.sheet.value).sort();
  }

  /** The sheets listed on a search page (the page shows them all when there are fewer than twenty). */
  async function listedSheets(page: Page): Promise<string[]> {
    return (await page.locator('ol.results li.result').evaluateAll((items) => items.map((i) => i.getAttribute('data-basket-iri') ?? ''))).sort();
  }

  it('finds the sheets at the crossing of two descriptors in three clicks from the home page, as SPARQL does, then with OR', async () => {
    const { context, page, incidents } = await reader();
    await page.goto(`${running.origin}/`);
    await page.getByRole('link', { name: 'Rechercher', exact: true }).click();
    await page.waitForURL(/\/search\?ui=fr/);
    const facet = page.locator('.facet', { has: page.getByRole('heading', { name: 'Descripteur' }) });
    await facet.getByRole('link', { name: 'Circuits courts alimentaires' }).click();
    await page.waitForURL(/descriptor=/);
    await facet.getByRole('link', { name: 'Gouvernance alimentaire', exact: true }).click();
    await page.waitForURL(/descriptor=.*descriptor=/);
    const both = [D('circuits-courts'), D('gouvernance-alimentaire')];
    expect(await listedSheets(page)).toEqual(await bySparql(both, 'and'));
    expect(await page.getByRole('link', { name: 'La même combinaison de descripteurs en SPARQL' }).isVisible()).toBe(true);
    await page.getByLabel('au moins un (OU)').check();
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.waitForURL(/op=or/);
    expect(await listedSheets(page)).toEqual(await bySparql(both, 'or'));
    expect(incidents).toEqual([]);
    await context.close();
  });

  it('searches with words and facets, suggests names as the reader types, and switches language', async () => {
    const { context, page, incidents } = await reader();
    await page.goto(`${running.origin}/search?ui=fr`);
    await page.getByLabel('Mots à chercher').pressSequentially('commu', { delay: 20 });
    await page.locator('#search-suggestions a').first().waitFor();
    expect(await page.locator('#search-suggestions').innerText()).toContain('Biens communs');
    await page.getByLabel('Mots à chercher').fill('jardins');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.waitForURL(/q=jardins/);
    const all = Number((await page.locator('#results-heading small').innerText()).match(/\d+/)![0]);
    await page.locator('.facet', { has: page.getByRole('heading', { name: 'Type de fiche' }) }).getByRole('link').first().click();
    await page.waitForURL(/type=/);
    const narrowed = Number((await page.locator('#results-heading small').innerText()).match(/\d+/)![0]);
    expect(narrowed).toBeGreaterThan(0);
    expect(narrowed).toBeLessThanOrEqual(all);
    expect(await page.locator('ol.results mark').count()).toBeGreaterThan(0);
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(/ui=en/);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(new URL(page.url()).searchParams.get('q')).toBe('jardins');
    expect(await page.locator('h1').innerText()).toBe('Search the collection');
    expect(incidents).toEqual([]);
    await context.close();
  });

  it('does the same searches with JavaScript off', async () => {
    const { context, page, incidents } = await reader({ locale: 'en-GB', javaScriptEnabled: false });
    await page.goto(`${running.origin}/search?ui=en`);
    await page.getByLabel('Words to search for').fill('jardins');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/q=jardins/);
    expect(await page.locator('ol.results li').count()).toBeGreaterThan(0);
    await page.goto(`${running.origin}/search?ui=en`);
    const facet = page.locator('.facet', { has: page.getByRole('heading', { name: 'Descriptor' }) });
    await facet.getByRole('link', { name: 'Short food supply chains' }).click();
    await page.waitForURL(/descriptor=/);
    await facet.getByRole('link', { name: 'Food governance', exact: true }).click();
    await page.waitForURL(/descriptor=.*descriptor=/);
    const both = [D('circuits-courts'), D('gouvernance-alimentaire')];
    expect(await listedSheets(page)).toEqual(await bySparql(both, 'and'));
    await page.getByLabel('at least one (OR)').check();
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/op=or/);
    expect(await listedSheets(page)).toEqual(await bySparql(both, 'or'));
    expect(incidents).toEqual([]);
    await context.close();
  });

  it('walks three steps through the atlas graph, then opens the matrix and a cell', async () => {
    const { context, page, incidents } = await reader();
    await page.goto(`${running.origin}/atlas/neighbourhood?descriptor=${encodeURIComponent(D('gouvernance-territoriale'))}&lang=fr`);
    const visited = [D('gouvernance-territoriale')];
    for (let step = 0; step < 3; step++) {
      await page.locator('#graph canvas').first().waitFor();
      await page.locator('#graph').scrollIntoViewIfNeeded();
      // Cytoscape reads the frame's place on the page again on the scroll event: let it run before clicking.
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      // A node of the graph other than the centre, never visited yet, clicked where it is drawn.
      const target = await page.evaluate((seen) => {
        const cy = (document.getElementById('graph') as unknown as { _cyreg: { cy: { nodes(): { toArray(): { data(k: string): unknown; renderedPosition(): { x: number; y: number } }[] } } } })._cyreg.cy;
        const box = document.getElementById('graph')!.getBoundingClientRect();
        const inside = (n: { renderedPosition(): { x: number; y: number } }) => {
          const { x, y } = n.renderedPosition();
          return x > 10 && y > 10 && x < box.width - 10 && y < box.height - 10;
        };
        const node = cy.nodes().toArray().find((n) => !n.data('centre') && !seen.includes(n.data('id') as string) && inside(n));
        if (!node) return undefined;
        const { x, y } = node.renderedPosition();
        return { iri: node.data('id') as string, x: box.left + x, y: box.top + y };
      }, visited);
      expect(target).toBeDefined();
      const here = visited[visited.length - 1];
      // Where two nodes overlap the one drawn on top opens: any other descriptor is a step.
      await Promise.all([page.waitForURL((url) => url.searchParams.get('descriptor') !== here), page.mouse.click(target!.x, target!.y)]);
      visited.push(new URL(page.url()).searchParams.get('descriptor')!);
      expect(await page.locator('h1').innerText()).toMatch(/^Voisinage de/);
    }
    expect(new Set(visited).size).toBe(4);
    await page.getByRole('link', { name: 'La matrice de l\'atlas relationnel' }).click();
    await page.waitForURL(/\/atlas\?lang=fr/);
    await page.locator('.matrix-table td a').first().click();
    await page.waitForURL(/\/atlas\/cell\?/);
    expect(await page.locator('main h2').first().innerText()).toBe('Descripteurs de l\'atlas');
    expect(await page.locator('main ul.links li').count()).toBeGreaterThan(1);
    expect(incidents).toEqual([]);
    await context.close();
  });

  it('draws the network of actors of a place, coloured by family', async () => {
    const { context, page, incidents } = await reader({ locale: 'en-GB' });
    await page.goto(`${running.origin}/atlas/actors?place=${encodeURIComponent(`${BASE}id/place/france`)}&lang=en`);
    await page.locator('#graph canvas').first().waitFor();
    const drawn = await page.evaluate(() => {
      const cy = (document.getElementById('graph') as unknown as { _cyreg: { cy: { nodes(): { length: number }; edges(): { length: number } } } })._cyreg.cy;
      return { nodes: cy.nodes().length, edges: cy.edges().length };
    });
    expect(drawn.nodes).toBeGreaterThan(3);
    expect(drawn.edges).toBeGreaterThan(0);
    expect(await page.locator('.family h3').count()).toBeGreaterThan(2);
    expect(await page.locator('main').innerText()).toMatch(/links of \d+ join different families/);
    expect(incidents).toEqual([]);
    await context.close();
  });

  it('puts two sheets in the basket and exports them as BibTeX and RIS, which parse', async () => {
    const { context, page, incidents } = await reader();
    const sheets = ['lille-jardins-partages-faubourg', 'relocaliser-alimentation-question-gouvernance'];
    for (const sheet of sheets) {
      await page.goto(`${running.origin}/doc/document/${sheet}.html?lang=fr`);
      await page.getByRole('button', { name: 'Mettre de côté' }).click();
      expect(await page.getByRole('button', { name: 'Retirer du panier' }).getAttribute('aria-pressed')).toBe('true');
    }
    await page.getByRole('link', { name: /Panier \(2\)/ }).click();
    await page.waitForURL(/\/reader\/basket/);
    expect(await page.locator('#basket-items li').count()).toBe(2);
    for (const [format, extension] of [['BibTeX', 'bib'], ['RIS', 'ris']] as const) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: format, exact: true }).click()]);
      expect(download.suggestedFilename()).toBe(`citego-basket.${extension}`);
      const text = readFileSync((await download.path()), 'utf8');
      const titles = new Cite(text).data.map((entry) => entry.title).sort();
      expect(titles, format).toEqual(['Les jardins partagés du faubourg, à Lille', 'Relocaliser l\'alimentation : une question de gouvernance']);
    }
    // The history kept the path, in order.
    await page.goto(`${running.origin}/reader/history?lang=fr`);
    expect(await page.locator('#history-items li a').allInnerTexts()).toEqual(['Les jardins partagés du faubourg, à Lille', 'Relocaliser l\'alimentation : une question de gouvernance']);
    await page.getByRole('button', { name: 'Effacer l\'historique' }).click();
    expect(await page.locator('#history-items li').count()).toBe(0);
    expect(incidents).toEqual([]);
    await context.close();
  });

  describe('accessibility', () => {
    const PAGES = [
      '/', '/search', '/search?q=jardins', '/atlas', `/atlas/cell?component=${encodeURIComponent(`${BASE}id/component/society`)}&angle=${encodeURIComponent(`${BASE}id/angle/actors`)}`,
      `/atlas/neighbourhood?descriptor=${encodeURIComponent(D('biens-communs'))}&radius=2`, '/atlas/actors', '/lists', '/lists/documents/type', '/lists/descriptors',
      '/reader/basket', '/reader/history', '/sparql', '/doc/document/lille-jardins-partages-faubourg.html', '/doc/descriptor/biens-communs.html',
      '/doc/actor/claire-dumontel.html', '/doc/place/nantes.html', '/doc/dossier/gouvernance-alimentaire.html', '/doc/scheme/atlas.html', '/doc/localmap/coteaux-du-lignon.html',
      '/browse/actor', '/ontology', '/shapes',
    ];

    async function violations(page: Page): Promise<string[]> {
      await page.addScriptTag({ content: AXE });
      const found = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: AxeViolation[] }> } }).axe;
        return (await axe.run(document)).violations;
      });
      return found.filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
    }

    it.each(['fr', 'en', 'es'])('finds no serious or critical violation on any kind of page, in %s', async (language) => {
      // axe-core is injected by the test as an inline script, which the pages' policy rightly forbids;
      // the pages' own scripts run under the policy in every other test.
      const { context, page } = await reader({ locale: language, bypassCSP: true });
      const found: string[] = [];
      for (const path of PAGES) {
        const url = `${running.origin}${path}${path.includes('?') ? '&' : '?'}${path.startsWith('/search') ? 'ui' : 'lang'}=${language}`;
        await page.goto(url);
        if (path.startsWith('/atlas/neighbourhood') || path.startsWith('/atlas/actors')) await page.locator('#graph canvas').first().waitFor();
        if (path === '/sparql') await page.locator('.yasqe .CodeMirror').waitFor();
        for (const violation of await violations(page)) found.push(`${path}: ${violation}`);
      }
      // The workbench after a query, with its results table.
      await page.goto(`${running.origin}/sparql?lang=${language}`);
      await page.locator('.yasqe .CodeMirror').waitFor();
      await page.locator('.yasqe_queryButton').click();
      await page.locator('.yasr table tbody tr').first().waitFor();
      for (const violation of await violations(page)) found.push(`/sparql after a query: ${violation}`);
      expect(found).toEqual([]);
      await context.close();
    }, 240_000);

    async function focused(page: Page): Promise<{ tag: string; text: string; inEditor: boolean }> {
      return page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        return { tag: element?.tagName ?? '', text: (element?.getAttribute('aria-label') ?? element?.textContent ?? '').trim(), inEditor: Boolean(element?.closest('.CodeMirror')) };
      });
    }

    it('lets a keyboard walk the home page, the workbench and the atlas view', async () => {
      const { context, page } = await reader({ locale: 'fr-FR' });
      await page.goto(`${running.origin}/`);
      await page.keyboard.press('Tab');
      expect(await page.evaluate('document.activeElement?.getAttribute("href")')).toBe('#content');
      const reached: string[] = [];
      for (let i = 0; i < 12; i++) {
        await page.keyboard.press('Tab');
        reached.push((await focused(page)).text);
      }
      expect(reached).toEqual(expect.arrayContaining(['English', 'Español', 'Rechercher', 'La matrice de l\'atlas']));

      // The workbench: nothing takes the focus on load, the skip link and the language switch come
      // first, and Tab goes into the editor and out of it again.
      await page.goto(`${running.origin}/sparql?lang=fr`);
      await page.locator('.yasqe .CodeMirror').waitFor();
      expect((await focused(page)).inEditor).toBe(false);
      await page.keyboard.press('Tab');
      expect(await page.evaluate('document.activeElement?.getAttribute("href")')).toBe('#content');
      const before = await page.evaluate<string>('document.querySelector(".CodeMirror").CodeMirror.getValue()');
      let enteredEditor = false;
      let leftEditor = false;
      const path: string[] = [];
      for (let i = 0; i < 40 && !leftEditor; i++) {
        await page.keyboard.press('Tab');
        const now = await focused(page);
        path.push(now.text);
        if (now.inEditor) enteredEditor = true;
        else if (enteredEditor) leftEditor = true;
      }
      expect(path).toEqual(expect.arrayContaining(['English']));
      expect(enteredEditor).toBe(true);
      expect(leftEditor).toBe(true);
      expect(await page.evaluate<string>('document.querySelector(".CodeMirror").CodeMirror.getValue()')).toBe(before);

      // The atlas view: the radius and every neighbour are links a keyboard reaches.
      await page.goto(`${running.origin}/atlas/neighbourhood?descriptor=${encodeURIComponent(D('foncier'))}&lang=fr`);
      const texts: string[] = [];
      for (let i = 0; i < 30; i++) {
        await page.keyboard.press('Tab');
        texts.push((await focused(page)).text);
      }
      expect(texts).toEqual(expect.arrayContaining(['jusqu\'à deux pas', 'Biens communs']));
      await context.close();
    });
  });
});
