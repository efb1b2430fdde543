/**
 * Triple Pattern Fragments as a client meets them: every shape of pattern answered with the
 * endpoint's own count and triples, pages that together hold every match once, the Hydra
 * controls in the fragment's metadata graph, the same triples in every format, literals found
 * by their exact text (escapes included), caching headers and 304, and errors that say what to
 * write. The index behind them is checked against a plain filter of the store's dump.
 */
import { Parser } from 'n3';
import type * as RDF from '@rdfjs/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { termOfKey } from '../../../src/features/harvesting/ntriples-terms.js';
import { TripleIndex } from '../../../src/features/harvesting/triple-index.js';
import { BASE, demoDataWith, seededRandom } from '../../helpers.js';
import { startService, type RunningService } from '../../service-harness.js';
import { parseRdf } from '../../support/rdf-formats.js';

const HYDRA = 'http://www.w3.org/ns/hydra/core#';
const SKOS_LABEL = 'http://www.w3.org/2004/02/skos/core#prefLabel';
const DCT = 'http://purl.org/dc/terms/';

let running: RunningService;
let dump: string;
/** The store's triples as [subject, predicate, object] spellings. */
let triples: [string, string, string][];

beforeAll(async () => {
  running = await startService({ env: { DATA_DIR: demoDataWith('harvesting/escapes-sheet.ttl', 'hostile/hostile-sheet.ttl') }, replicas: 1 });
  dump = await running.store.dump('application/n-triples');
  triples = dump.split('\n').filter(Boolean).map((line) => {
    const [s, p] = line.split(' ', 2) as [string, string];
    return [s, p, line.slice(s.length + p.length + 2, -2)];
  });
});

afterAll(async () => {
  await running?.close();
});

/** A pattern parameter as the clients write it: a bare IRI, or a literal in quotes with its text as it is. */
function parameter(spelling: string): string {
  const term = termOfKey(spelling);
  if (term.termType === 'NamedNode') return term.value;
  if (term.termType === 'BlankNode') return spelling;
  const datatype = term.datatype.value;
  return `"${term.value}"${term.language ? `@${term.language}` : datatype.endsWith('#string') ? '' : `^^${datatype}`}`;
}

function fragmentPath(pattern: { subject?: string; predicate?: string; object?: string }, page?: number): string {
  const search = new URLSearchParams();
  for (const [name, spelling] of Object.entries(pattern)) if (spelling) search.set(name, parameter(spelling));
  if (page) search.set('page', String(page));
  return search.size ? `/fragments?${search.toString()}` : '/fragments';
}

async function fragment(path: string, accept = 'application/trig') {
  const response = await fetch(`${running.origin}${path}`, { headers: { Accept: accept } });
  const body = await response.text();
  expect(response.status, `${path}: ${body.slice(0, 300)}`).toBe(200);
  const quads = new Parser({ format: 'application/trig' }).parse(body);
  const metadataGraph = `${running.origin}${path}#metadata`;
  const data = quads.filter((q) => q.graph.termType === 'DefaultGraph');
  const metadata = quads.filter((q) => q.graph.value === metadataGraph);
  const value = (predicate: string) => metadata.find((q) => q.subject.value === `${running.origin}${path}` && q.predicate.value === predicate)?.object.value;
  return { response, body, data, metadata, count: Number(value(`${HYDRA}totalItems`)), next: value(`${HYDRA}next`), value };
}

const spell = (q: RDF.Quad) => [q.subject, q.predicate, q.object].map((t) => t.termType === 'NamedNode' ? `<${t.value}>` : t.termType === 'BlankNode' ? `_:${t.value}` : '').join(' ');

describe('the index of the version', () => {
  it('answers every shape of pattern exactly as a plain filter of the dump', async () => {
    const index = await TripleIndex.fromNTriples(dump);
    expect(index.size).toBe(triples.length);
    const random = seededRandom(5);
    for (let n = 0; n < 150; n++) {
      const [s, p, o] = triples[Math.floor(random() * triples.length)]!;
      for (let shape = 0; shape < 8; shape++) {
        const pattern = [shape & 1 ? s : undefined, shape & 2 ? p : undefined, shape & 4 ? o : undefined] as const;
        const expected = triples.filter((t) => t.every((term, i) => pattern[i] === undefined || pattern[i] === term)).map((t) => t.join(' ')).sort();
        const match = index.match(...pattern.map((term) => (term === undefined ? undefined : index.id(term))) as [number?, number?, number?]);
        const tuples = Array.from({ length: match.count }, (_v, i) => match.at(i).map((id) => index.term(id)));
        const found = tuples.map((t) => t.join(' '));
        expect(found.slice().sort(), `${shape} ${pattern.join(' ')}`).toEqual(expected);
        // The order is stable: by the spellings of the terms, in the order of the index that answers.
        const [sBound, pBound, oBound] = pattern.map((term) => term !== undefined);
        const columns = sBound ? (!pBound && oBound ? [2, 0, 1] : [0, 1, 2]) : pBound ? [1, 2, 0] : oBound ? [2, 0, 1] : [0, 1, 2];
        const keys = tuples.map((t) => columns.map((c) => t[c]).join('\u0000'));
        expect(keys).toEqual(keys.slice().sort());
      }
    }
  });
});

describe('fragments', () => {
  it('count and give the triples the endpoint finds, for every shape of pattern', async () => {
    const random = seededRandom(9);
    for (let n = 0; n < 12; n++) {
      const [s, p, o] = triples[Math.floor(random() * triples.length)]!;
      for (let shape = 0; shape < 8; shape++) {
        const pattern = { subject: shape & 1 ? s : undefined, predicate: shape & 2 ? p : undefined, object: shape & 4 ? o : undefined };
        const where = `${pattern.subject ?? '?s'} ${pattern.predicate ?? '?p'} ${pattern.object ?? '?o'}`;
        const [row] = await running.store.select(`SELECT (COUNT(*) AS ?n) WHERE { ${where} }`);
        const page = await fragment(fragmentPath(pattern));
        expect(page.count, where).toBe(Number(row!.n!.value));
        expect(page.data.length, where).toBe(Math.min(100, page.count));
        for (const q of page.data) {
          expect(pattern.subject === undefined || `<${q.subject.value}>` === pattern.subject || `_:${q.subject.value}` === pattern.subject).toBe(true);
          expect(pattern.predicate === undefined || `<${q.predicate.value}>` === pattern.predicate).toBe(true);
        }
      }
    }
  });

  it('page through large results: each match on exactly one page, linked first to last', async () => {
    const pattern = { predicate: `<${DCT}subject>` };
    const [row] = await running.store.select(`SELECT (COUNT(*) AS ?n) WHERE { ?s <${DCT}subject> ?o }`);
    const total = Number(row!.n!.value);
    expect(total).toBeGreaterThan(250);
    const seen = new Set<string>();
    let path: string | undefined = fragmentPath(pattern);
    let pages = 0;
    while (path) {
      const page = await fragment(path);
      pages++;
      expect(page.count).toBe(total);
      expect(page.value(`${HYDRA}last`)).toBe(`${running.origin}${fragmentPath(pattern, Math.ceil(total / 100))}`);
      if (pages > 1) expect(page.value(`${HYDRA}previous`)).toBeDefined();
      for (const q of page.data) {
        const key = `${q.subject.value} ${q.object.value}`;
        expect(seen.has(key)).toBe(false);
        seen.add(key);
      }
      path = page.next?.slice(running.origin.length);
    }
    expect(pages).toBe(Math.ceil(total / 100));
    expect(seen.size).toBe(total);
    const past = await fetch(`${running.origin}${fragmentPath(pattern, pages + 1)}`);
    expect(past.status).toBe(404);
    expect(await past.text()).toContain('fewer pages');
  });

  it('carry the Hydra search form, the dataset and the page in a metadata graph about the fragment', async () => {
    const path = fragmentPath({ predicate: `<${SKOS_LABEL}>` });
    const { metadata } = await fragment(path);
    const objects = (predicate: string) => metadata.filter((q) => q.predicate.value === predicate).map((q) => q.object.value);
    expect(objects(`${HYDRA}template`)).toEqual([`${running.origin}/fragments{?subject,predicate,object}`]);
    expect(objects(`${HYDRA}property`).sort()).toEqual(['object', 'predicate', 'subject'].map((p) => `http://www.w3.org/1999/02/22-rdf-syntax-ns#${p}`));
    expect(objects(`${HYDRA}variable`).sort()).toEqual(['object', 'predicate', 'subject']);
    expect(objects('http://xmlns.com/foaf/0.1/primaryTopic')).toEqual([`${running.origin}${path}`]);
    expect(objects('http://rdfs.org/ns/void#triples')).toContain(String(triples.length));
  });

  it('hold the same triples in Turtle, TriG, N-Triples and JSON-LD', async () => {
    const path = fragmentPath({ subject: `<${BASE}id/document/escapes-sheet>` });
    const trig = await fragment(path);
    const expected = trig.data.map(spell).sort();
    expect(expected.length).toBeGreaterThan(5);
    for (const type of ['text/turtle', 'application/n-triples', 'application/ld+json']) {
      const response = await fetch(`${running.origin}${path}`, { headers: { Accept: type } });
      expect(response.headers.get('content-type')).toBe(`${type}; charset=utf-8`);
      const quads = await parseRdf(await response.text(), type);
      const subjectData = quads.filter((q) => q.subject.value === `${BASE}id/document/escapes-sheet`);
      expect(subjectData.map(spell).sort(), type).toEqual(expected);
      const literals = (list: RDF.Quad[]) => list.filter((q) => q.object.termType === 'Literal').map((q) => `${q.predicate.value} ${q.object.value} ${(q.object as RDF.Literal).language}`).sort();
      expect(literals(subjectData), type).toEqual(literals(trig.data));
    }
  });

  it('find literals by their exact text: escapes, other scripts, language tags and datatypes', async () => {
    const sheet = `<${BASE}id/document/escapes-sheet>`;
    const literals = triples.filter(([s, , o]) => (s === sheet || s === `<${BASE}id/document/hostile-sheet>`) && o.startsWith('"'));
    expect(literals.length).toBeGreaterThanOrEqual(6);
    for (const [s, p, o] of literals) {
      const page = await fragment(fragmentPath({ object: o }));
      expect(page.count, o).toBeGreaterThan(0);
      expect(page.data.some((q) => `<${q.subject.value}>` === s && `<${q.predicate.value}>` === p), o).toBe(true);
    }
    // Brackets around IRIs and datatypes are accepted as well. (The date is the sheet's dct:issued,
    // and its dct:modified too, which the build gives a record that states none.)
    const typed = await fetch(`${running.origin}/fragments?object=${encodeURIComponent('"2021-03-04"^^<http://www.w3.org/2001/XMLSchema#date>')}&subject=${encodeURIComponent(sheet)}&predicate=${encodeURIComponent('<http://purl.org/dc/terms/issued>')}`, { headers: { Accept: 'text/turtle' } });
    const counts = (await parseRdf(await typed.text(), 'text/turtle')).filter((q) => q.predicate.value === `${HYDRA}totalItems`);
    expect(counts.map((q) => q.object.value)).toEqual(['1']);
    // A term the data does not have: an empty fragment, counted 0.
    expect((await fragment(fragmentPath({ subject: `<${BASE}id/document/nothing-here>` }))).count).toBe(0);
  });

  it('are cached and cache-correct: strong ETag, 304, Last-Modified, Vary', async () => {
    const path = fragmentPath({ predicate: `<${SKOS_LABEL}>` });
    const first = await fetch(`${running.origin}${path}`, { headers: { Accept: 'text/turtle' } });
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get('last-modified')).toBeTruthy();
    expect(first.headers.get('vary')).toContain('Accept');
    expect(first.headers.get('cache-control')).toContain('max-age');
    const again = await fetch(`${running.origin}${path}`, { headers: { Accept: 'text/turtle', 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    const other = await fetch(`${running.origin}${path}`, { headers: { Accept: 'application/n-triples', 'If-None-Match': etag } });
    expect(other.status).toBe(200);
    expect((await fetch(`${running.origin}${path}`, { method: 'HEAD', headers: { Accept: 'text/turtle' } })).headers.get('etag')).toBe(etag);
  });

  it('say what is wrong with a request', async () => {
    const cases: [string, RequestInit, number, string][] = [
      [`/fragments?subject=${encodeURIComponent('"a literal"')}`, {}, 400, 'a literal can only be an object'],
      ['/fragments?predicate=not%20an%20iri', {}, 400, 'neither an absolute IRI'],
      ['/fragments?object=%22unclosed', {}, 400, 'is not a literal'],
      ['/fragments?page=0', {}, 400, 'page must be a whole number'],
      ['/fragments', { method: 'POST' }, 405, 'GET or HEAD'],
      ['/fragments', { headers: { Accept: 'image/png' } }, 406, 'text/turtle'],
    ];
    for (const [path, init, status, message] of cases) {
      const response = await fetch(`${running.origin}${path}`, init);
      expect(response.status, path).toBe(status);
      expect(await response.text(), path).toContain(message);
    }
  });

  it('are a page for browsers: the search form, the count, the triples with hostile text as text', async () => {
    const response = await fetch(`${running.origin}${fragmentPath({ subject: `<${BASE}id/document/hostile-sheet>` })}&lang=en`, { headers: { Accept: 'text/html' } });
    const html = await response.text();
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html).toContain('<form method="get" action="/fragments"');
    expect(html).toMatch(/\d+ triples match this pattern/);
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert');
  });

  it('are named in the service description, and both doors on the home page', async () => {
    const description = await (await fetch(`${running.origin}/sparql`, { headers: { Accept: 'text/turtle' } })).text();
    expect(description).toContain(`"${BASE.slice(0, -1)}/fragments{?subject,predicate,object}"`);
    expect(description).toContain(`<${BASE}oai>`);
    const home = await (await fetch(`${running.origin}/?lang=en`)).text();
    // The home page's links keep the reader's language.
    expect(home).toContain('href="/fragments?lang=en"');
    expect(home).toContain('href="/oai?verb=Identify&amp;lang=en"');
  });
});
