/**
 * The atlas for readers and for the widgets of sister sites: the neighbourhood and matrix JSON
 * (their contract, counts equal to SPARQL's, CORS, ETag and 304), the network of actors by
 * family, the lists as pages and Hydra collections, the alphabetical index, and the basket's
 * bibliography, which BibTeX and RIS parsers read back.
 */
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE } from '../../helpers.js';
import { startService, type RunningService } from '../../service-harness.js';

let running: RunningService;
const D = (slug: string) => `${BASE}id/descriptor/${slug}`;

async function json<T>(path: string, accept = 'application/json'): Promise<T> {
  const response = await fetch(`${running.origin}${path}`, { headers: { Accept: accept } });
  expect(response.status, `${path}: ${await response.clone().text()}`).toBe(200);
  return response.json() as Promise<T>;
}

async function sparql(query: string): Promise<Record<string, { value: string }>[]> {
  const response = await fetch(`${running.origin}/sparql`, { method: 'POST', headers: { 'Content-Type': 'application/sparql-query', Accept: 'application/sparql-results+json' }, body: query });
  return ((await response.json()) as { results: { bindings: Record<string, { value: string }>[] } }).results.bindings;
}

interface Graph {
  nodes: { iri: string; label: string; components?: string[]; angles?: string[]; scale?: string | null; documents: number; family?: string }[];
  edges: { source: string; target: string; relation: string; crossesFamilies?: boolean }[];
}

beforeAll(async () => {
  running = await startService();
});

afterAll(async () => {
  await running?.close();
});

describe('the widgets\' JSON', () => {
  it('gives a descriptor\'s neighbourhood at radius 1 and 2, as the atlas links it', async () => {
    const near = await json<Graph & { total: number }>(`/api/atlas/neighbourhood?descriptor=${encodeURIComponent(D('biens-communs'))}&radius=1`);
    const iris = near.nodes.map((n) => n.iri);
    const linked = await sparql(`SELECT DISTINCT ?n WHERE { <${D('biens-communs')}> <http://www.w3.org/2004/02/skos/core#broader>|<http://www.w3.org/2004/02/skos/core#narrower>|<http://www.w3.org/2004/02/skos/core#related> ?n }`);
    expect(iris.sort()).toEqual([D('biens-communs'), ...linked.map((r) => r.n!.value)].sort());
    for (const node of near.nodes) {
      expect(Object.keys(node)).toEqual(expect.arrayContaining(['iri', 'label', 'components', 'angles', 'scale', 'documents']));
      expect(node.components!.length).toBeGreaterThan(0);
    }
    const commons = near.nodes.find((n) => n.iri === D('biens-communs'))!;
    expect(commons.label).toBe('Biens communs');
    const indexed = await sparql(`SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s <http://purl.org/dc/terms/subject> <${D('biens-communs')}> }`);
    expect(commons.documents).toBe(Number(indexed[0]!.n!.value));
    for (const edge of near.edges) {
      expect(['broader', 'narrower', 'related']).toContain(edge.relation);
      expect(iris).toContain(edge.source);
      expect(iris).toContain(edge.target);
    }
    const far = await json<Graph & { total: number }>(`/api/atlas/neighbourhood?descriptor=${encodeURIComponent(D('biens-communs'))}&radius=2&lang=en`);
    expect(far.total).toBeGreaterThan(near.total);
    expect(far.nodes.find((n) => n.iri === D('biens-communs'))!.label).toBe('Commons');
    const capped = await json<Graph & { total: number }>(`/api/atlas/neighbourhood?descriptor=${encodeURIComponent(D('biens-communs'))}&radius=2&limit=10`);
    expect(capped.nodes.length).toBeLessThanOrEqual(11);
    expect(capped.total).toBe(far.total);
  });

  it('gives the matrix with the descriptors and sheets of each cell, as SPARQL counts them', async () => {
    const { cells } = await json<{ cells: { component: string; angle: string; descriptors: number; documents: number }[] }>('/api/atlas/matrix');
    expect(cells.length).toBe(49);
    const rows = await sparql(`SELECT ?c ?a (COUNT(DISTINCT ?d) AS ?descriptors) (COUNT(DISTINCT ?s) AS ?documents) WHERE {
      ?d <${BASE}ontology#component> ?c ; <${BASE}ontology#angle> ?a . OPTIONAL { ?s <http://purl.org/dc/terms/subject> ?d } } GROUP BY ?c ?a`);
    const expected = new Map(rows.map((r) => [`${r.c!.value} ${r.a!.value}`, [Number(r.descriptors!.value), Number(r.documents!.value)]]));
    for (const cell of cells) {
      expect([cell.descriptors, cell.documents], `${cell.component} × ${cell.angle}`).toEqual(expected.get(`${cell.component} ${cell.angle}`) ?? [0, 0]);
    }
  });

  it('gives the network of actors of a place, by family, with the links that cross families', async () => {
    const network = await json<Graph & { familyLinks: Record<string, number> }>(`/api/actors/network?place=${encodeURIComponent(`${BASE}id/place/france`)}`);
    expect(network.nodes.length).toBeGreaterThan(3);
    const families = new Set(network.nodes.map((n) => n.family));
    expect(families.size).toBeGreaterThan(2);
    for (const edge of network.edges) expect(['co-authorship', 'partnership', 'membership']).toContain(edge.relation);
    expect(network.edges.some((e) => e.crossesFamilies)).toBe(true);
    expect(network.edges.some((e) => !e.crossesFamilies)).toBe(true);
  });

  it('answers with CORS, a strong ETag and 304, and refuses what names nothing', async () => {
    const first = await fetch(`${running.origin}/api/atlas/matrix`, { headers: { Origin: 'https://sister.example' } });
    expect(first.headers.get('access-control-allow-origin')).toBe('*');
    const etag = first.headers.get('etag')!;
    expect((await fetch(`${running.origin}/api/atlas/matrix`, { headers: { 'If-None-Match': etag } })).status).toBe(304);
    for (const [path, message] of [
      ['/api/atlas/neighbourhood', /"descriptor" is required/],
      [`/api/atlas/neighbourhood?descriptor=${encodeURIComponent(`${BASE}id/place/paris`)}`, /descriptor of the atlas/],
      [`/api/atlas/neighbourhood?descriptor=${encodeURIComponent(D('foncier'))}&radius=3`, /"radius" is 1 or 2/],
      [`/api/actors/network?place=${encodeURIComponent(`${BASE}id/place/france`)}&dossier=x`, /one scope/],
    ] as const) {
      const response = await fetch(`${running.origin}${path}`);
      expect(response.status, path).toBe(400);
      expect(await response.text(), path).toMatch(message);
    }
  });
});

describe('the pages of the atlas', () => {
  it('show the matrix, a cell, a neighbourhood and a network, complete without JavaScript', async () => {
    const matrix = await (await fetch(`${running.origin}/atlas?lang=es`)).text();
    expect(matrix).toContain('<html lang="es">');
    expect(matrix).toMatch(/href="\/atlas\/cell\?component=[^"]+&amp;angle=[^"]+&amp;lang=es"/);
    const view = await (await fetch(`${running.origin}/atlas/neighbourhood?descriptor=${encodeURIComponent(D('foncier'))}&lang=en`)).text();
    expect(view).toContain('id="graph"');
    expect(view).toContain('src="/atlas/assets/cytoscape.min.js"');
    // The list says what the graph draws: every neighbour, each a way to its own neighbourhood.
    expect(view).toMatch(/<section id="neighbour-list">[\s\S]*href="\/atlas\/neighbourhood\?descriptor=http%3A%2F%2Flocalhost%3A3000%2Fid%2Fdescriptor%2Fbiens-communs&amp;lang=en"/);
    const library = await fetch(`${running.origin}/atlas/assets/cytoscape.min.js`);
    expect(library.status).toBe(200);
    expect(library.headers.get('content-type')).toMatch(/javascript/);
    const network = await (await fetch(`${running.origin}/atlas/actors?dossier=${encodeURIComponent(`${BASE}id/dossier/gouvernance-alimentaire`)}`)).text();
    expect(network).toContain('Claire Dumontel');
  });
});

describe('the lists', () => {
  it('are pages and Hydra collections, paged and sortable', async () => {
    const types = await json<{ '@type': string; 'hydra:totalItems': number; 'hydra:member': { '@id': string; count: number }[] }>('/lists/documents/type', 'application/ld+json');
    expect(types['@type']).toBe('hydra:Collection');
    const counts = types['hydra:member'].map((m) => m.count);
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);
    const byName = await (await fetch(`${running.origin}/lists/documents/type?sort=name&lang=en`)).text();
    expect(byName).toContain('<strong aria-current="true">name</strong>');
    const experiences = await json<{ 'hydra:totalItems': number }>(`/lists/documents/type?value=${encodeURIComponent(`${BASE}ontology#ExperienceRecord`)}`, 'application/ld+json');
    expect(experiences['hydra:totalItems']).toBe(types['hydra:member'].find((m) => m['@id'] === `${BASE}ontology#ExperienceRecord`)!.count);
    const actors = await (await fetch(`${running.origin}/lists/actors?lang=fr`)).text();
    expect(actors).toContain('Associations');
    expect((await fetch(`${running.origin}/lists/actors?family=Unicorns`)).status).toBe(400);
  });

  it('index the descriptors alphabetically in the reader\'s language, É with E, synonyms as "see" entries', async () => {
    const page = await (await fetch(`${running.origin}/lists/descriptors?lang=fr`)).text();
    const letters = [...page.matchAll(/<h2 id="letter-([^"]+)">/g)].map((m) => m[1]);
    expect(new Set(letters).size).toBe(letters.length);
    expect(letters).not.toContain('É');
    expect(page).toMatch(/>Économie territoriale<\/a>/);
    expect(page).toMatch(/>Communs<\/a> <small>voir <span lang="fr">Biens communs<\/span><\/small>/);
    const sorted = [...page.matchAll(/<h2 id="letter-E">[\s\S]*?<\/ul>/g)][0]![0];
    const names = [...sorted.matchAll(/lang="fr">([^<]+)<\/a>/g)].map((m) => m[1]!);
    expect(names).toEqual([...names].sort(new Intl.Collator('fr').compare));
  });
});

describe('the basket', () => {
  const sheets = [`${BASE}id/document/lille-jardins-partages-faubourg`, `${BASE}id/document/relocaliser-alimentation-question-gouvernance`];
  const query = sheets.map((s) => `iri=${encodeURIComponent(s)}`).join('&');

  it('exports BibTeX and RIS that parsers read back, CSL-JSON and the IRIs', async () => {
    for (const format of ['bibtex', 'ris'] as const) {
      const response = await fetch(`${running.origin}/api/bibliography?format=${format}&${query}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="citego-basket\.(bib|ris)"/);
      const entries = new Cite(await response.text()).data;
      expect(entries.map((e) => e.title).sort()).toEqual(['Les jardins partagés du faubourg, à Lille', 'Relocaliser l\'alimentation : une question de gouvernance']);
    }
    const csl = (await (await fetch(`${running.origin}/api/bibliography?format=csl-json&${query}`)).json()) as { URL: string; author: unknown[] }[];
    expect(csl.map((c) => c.URL).sort()).toEqual([...sheets].sort());
    expect(csl.every((c) => c.author.length > 0)).toBe(true);
    expect(await (await fetch(`${running.origin}/api/bibliography?format=iris&${query}`)).text()).toBe(`${sheets.join('\n')}\n`);
    const posted = await fetch(`${running.origin}/api/bibliography`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `format=ris&${query}` });
    expect(new Cite(await posted.text()).data.length).toBe(2);
    const bad = await fetch(`${running.origin}/api/bibliography?format=ris&iri=${encodeURIComponent(`${BASE}id/place/paris`)}`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/not a sheet/);
  });
});
