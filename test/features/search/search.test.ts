/**
 * The search, through HTTP as readers and widgets use it: the public contract's JSON, full text
 * folded and stemmed in three languages, descriptors combined with AND and OR giving exactly
 * the sheets SPARQL gives, facets whose counts match the filtered answers, names with their
 * alternative labels, clear errors, validators, and an index that follows the published data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publish } from '../../../src/build/publish.js';
import { EmbeddedStore } from '../../../src/store/embedded-store.js';
import { BASE, demoDataWith, seededRandom } from '../../helpers.js';
import { startService, type RunningService } from '../../service-harness.js';

let running: RunningService;
const D = (slug: string) => `${BASE}id/descriptor/${slug}`;

interface SearchAnswer {
  total: number;
  results: { iri: string; title: string; type: string; snippet: string; score: number }[];
  facets: Record<string, { value: string; label: string; count: number }[]>;
  names: { iri: string; label: string; alternative: boolean; preferred?: string }[];
}

async function searchJson(query: string): Promise<SearchAnswer> {
  const response = await fetch(`${running.origin}/search?${query}`, { headers: { Accept: 'application/json' } });
  expect(response.status, await response.clone().text()).toBe(200);
  return response.json() as Promise<SearchAnswer>;
}

/** Every result of a search, page after page. */
async function allResults(query: string): Promise<string[]> {
  const first = await searchJson(query);
  const iris = first.results.map((r) => r.iri);
  for (let page = 2; iris.length < first.total; page++) iris.push(...(await searchJson(`${query}&page=${page}`)).results.map((r) => r.iri));
  return iris.sort();
}

/** The sheets of a descriptor combination by SPARQL, written independently of the service's own query. */
async function bySparql(descriptors: readonly string[], op: 'and' | 'or'): Promise<string[]> {
  const patterns = op === 'and'
    ? descriptors.map((d) => `?sheet <http://purl.org/dc/terms/subject> <${d}> .`).join('\n')
    : descriptors.map((d) => `{ ?sheet <http://purl.org/dc/terms/subject> <${d}> }`).join(' UNION ');
  const query = `SELECT DISTINCT ?sheet WHERE { ${patterns} ?sheet a ?type . ?type <http://www.w3.org/2000/01/rdf-schema#subClassOf>* <${BASE}ontology#Document> }`;
  const response = await fetch(`${running.origin}/sparql`, { method: 'POST', headers: { 'Content-Type': 'application/sparql-query', Accept: 'application/sparql-results+json' }, body: query });
  const rows = ((await response.json()) as { results: { bindings: { sheet: { value: string } }[] } }).results.bindings;
  return rows.map((r) => r.sheet.value).sort();
}

beforeAll(async () => {
  running = await startService();
});

afterAll(async () => {
  await running?.close();
});

describe('the search', () => {
  it('answers the JSON of its public contract', async () => {
    const answer = await searchJson('q=gouvernance');
    expect(answer.total).toBeGreaterThan(5);
    expect(Object.keys(answer.facets).sort()).toEqual(['actor', 'descriptor', 'dossier', 'lang', 'place', 'type', 'year']);
    for (const result of answer.results) {
      expect(Object.keys(result)).toEqual(expect.arrayContaining(['iri', 'title', 'type', 'snippet', 'score']));
      expect(result.iri).toMatch(/\/id\/document\//);
      expect(result.type).toMatch(/ontology#/);
    }
    // Ranked: scores never rise down the page.
    const scores = answer.results.map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(answer.results.some((r) => r.snippet.includes('<mark>'))).toBe(true);
  });

  it('folds case and diacritics and stems French, English and Spanish words', async () => {
    const accented = await allResults('q=%C3%A9nergie');
    expect(accented.length).toBeGreaterThan(0);
    expect(await allResults('q=ENERGIE')).toEqual(accented);
    const plural = await allResults('q=jardins');
    expect(await allResults('q=jardin')).toEqual(plural);
    expect(plural).toContain(`${BASE}id/document/lille-jardins-partages-faubourg`);
    expect(await allResults('q=gardens')).toEqual(await allResults('q=garden'));
    expect((await allResults('q=huerto')).length).toBeGreaterThan(0);
    expect(await allResults('q=huerto')).toEqual(await allResults('q=huertos'));
    // Every word is required.
    const both = await allResults('q=jardins+Lille');
    expect(both.length).toBeGreaterThan(0);
    for (const iri of both) expect(plural).toContain(iri);
  });

  it('combines descriptors with AND and OR exactly as SPARQL does', async () => {
    const descriptors = (await searchJson('')).facets.descriptor!.map((f) => f.value);
    expect(descriptors.length).toBeGreaterThan(10);
    const random = seededRandom(12);
    const pairs = [[D('circuits-courts'), D('gouvernance-alimentaire')], [D('biens-communs'), D('foncier')]];
    for (let i = 0; i < 6; i++) pairs.push([descriptors[Math.floor(random() * descriptors.length)]!, descriptors[Math.floor(random() * descriptors.length)]!]);
    for (const pair of pairs) {
      const query = pair.map((d) => `descriptor=${encodeURIComponent(d)}`).join('&');
      expect(await allResults(`${query}&op=and`), `AND ${pair.join(' ')}`).toEqual(await bySparql(pair, 'and'));
      expect(await allResults(`${query}&op=or`), `OR ${pair.join(' ')}`).toEqual(await bySparql(pair, 'or'));
    }
    const three = [D('circuits-courts'), D('gouvernance-alimentaire'), D('restauration-collective')];
    expect(await allResults(`${three.map((d) => `descriptor=${encodeURIComponent(d)}`).join('&')}&op=or`)).toEqual(await bySparql(three, 'or'));
  });

  it('counts each facet value as many sheets as choosing it gives', async () => {
    const answer = await searchJson('q=gouvernance');
    for (const facet of ['type', 'lang', 'year', 'place', 'dossier']) {
      for (const { value, count } of answer.facets[facet]!.slice(0, 4)) {
        expect((await searchJson(`q=gouvernance&${facet}=${encodeURIComponent(value)}`)).total, `${facet}=${value}`).toBe(count);
      }
    }
    // A place stands for the places within it: France counts the sheets about Nantes.
    const france = await allResults(`place=${encodeURIComponent(`${BASE}id/place/france`)}`);
    expect(france).toEqual(expect.arrayContaining(await allResults(`place=${encodeURIComponent(`${BASE}id/place/nantes`)}`)));
  });

  it('finds descriptors by their alternative labels, exact names first', async () => {
    const answer = await searchJson('q=Communs');
    const first = answer.names[0]!;
    expect(first.iri).toBe(D('biens-communs'));
    expect(first.alternative).toBe(true);
    expect(first.preferred).toBe('Biens communs');
    const page = await (await fetch(`${running.origin}/search?q=Communs&ui=fr`)).text();
    expect(page).toMatch(/<span lang="fr">Communs<\/span> → <span lang="fr">Biens communs<\/span>/);
    const suggestions = (await (await fetch(`${running.origin}/search/suggest?q=commu&ui=fr`)).json()) as { suggestions: { iri: string }[] };
    expect(suggestions.suggestions.map((s) => s.iri)).toContain(D('communs-urbains'));
  });

  it('works without JavaScript: a page with the form, the results and the facets as links, in the reader\'s language', async () => {
    const response = await fetch(`${running.origin}/search?q=jardins&ui=en`);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await response.text();
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('<form class="search-form" role="search" method="get" action="/search">');
    expect(page).toMatch(/<ol class="results"/);
    expect(page).toMatch(/href="\/search\?q=jardins&amp;type=[^"]+&amp;ui=en"/);
    expect(page).toContain('hreflang="es" href="/search?q=jardins&amp;ui=es"');
    // The language of the sheets is "lang"; the interface's is "ui".
    const english = await searchJson('q=jardins&lang=en');
    expect(english.total).toBeGreaterThan(0);
    expect(english.total).toBeLessThan((await searchJson('q=jardins')).total);
  });

  it('refuses what names nothing, and says why', async () => {
    for (const [query, status, message] of [
      [`descriptor=${encodeURIComponent(`${BASE}id/place/paris`)}`, 400, /descriptor of the atlas/],
      ['op=xor&descriptor=' + encodeURIComponent(D('foncier')), 400, /"op"/],
      ['year=20', 400, /four digits/],
      ['page=0', 400, /page number/],
      ['q=jardins&page=99', 404, /page 99 does not exist/],
      [`q=${'x'.repeat(600)}`, 400, /characters/],
    ] as const) {
      const response = await fetch(`${running.origin}/search?${query}`, { headers: { Accept: 'application/json' } });
      expect(response.status, query).toBe(status);
      expect(await response.text(), query).toMatch(message);
    }
  });

  it('answers a repeated request with 304 and allows any origin', async () => {
    const first = await fetch(`${running.origin}/search?q=eau`, { headers: { Accept: 'application/json', Origin: 'https://sister.example' } });
    expect(first.headers.get('access-control-allow-origin')).toBe('*');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"/);
    const again = await fetch(`${running.origin}/search?q=eau`, { headers: { Accept: 'application/json', 'If-None-Match': etag } });
    expect(again.status).toBe(304);
  });

  it('follows the published data: a new version is searched, never the old one', async () => {
    expect((await searchJson('q=onerror')).total).toBe(0);
    const store = new EmbeddedStore({ replicas: 1 });
    const { service } = running;
    const previous = service.state.status;
    await publish({ rules: service.rules, queries: service.queries, dataDir: demoDataWith('hostile/hostile-sheet.ttl'), store, state: service.state });
    try {
      const answer = await searchJson('q=onerror');
      expect(answer.results.map((r) => r.iri)).toEqual([`${BASE}id/document/hostile-sheet`]);
      // The snippet is text with marks, never the data's markup.
      expect(answer.results[0]!.snippet).toContain('&lt;img src=x <mark>onerror</mark>=alert(1)&gt;');
    } finally {
      if (previous.phase === 'ready') service.state.status = previous;
      await store.close();
    }
  });
});
