/**
 * The endpoint as its clients meet it: every result format, negotiation, each protocol error
 * with its status and a readable message, CORS, validators and 304, compression, caching that
 * follows the data, the service description and the workbench.
 */
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { Parser } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE } from '../../helpers.js';
import { startService, type RunningService } from '../../service-harness.js';
import { canonical, parseRdf } from '../../support/rdf-formats.js';

let running: RunningService;
let endpoint: string;

beforeAll(async () => {
  // Queries wait for a replica as long as it takes on a busy machine: this file tests the protocol, not the queue.
  running = await startService({ env: { QUERY_QUEUE_WAIT_MS: '120000' } });
  endpoint = `${running.origin}/sparql`;
});

afterAll(async () => {
  await running.close();
});

const SELECT = 'PREFIX skos: <http://www.w3.org/2004/02/skos/core#> SELECT ?angle ?letter WHERE { ?angle skos:notation ?letter ; skos:inScheme <id/scheme/angles> } ORDER BY ?letter';
const CONSTRUCT = 'PREFIX skos: <http://www.w3.org/2004/02/skos/core#> CONSTRUCT { ?c skos:prefLabel ?l ; skos:notation ?n } WHERE { ?c skos:inScheme <id/scheme/components> ; skos:prefLabel ?l ; skos:notation ?n }';

const get = (query: string, headers: Record<string, string> = {}, extra = '') =>
  fetch(`${endpoint}?query=${encodeURIComponent(query)}${extra}`, { headers });

describe('result formats', () => {
  it('answers SELECT in JSON, XML, CSV and TSV as Accept asks, with the same solutions', async () => {
    const json = await get(SELECT, { Accept: 'application/sparql-results+json' });
    expect(json.headers.get('content-type')).toBe('application/sparql-results+json; charset=utf-8');
    const letters = (await json.json() as { results: { bindings: { letter: { value: string } }[] } }).results.bindings.map((b) => b.letter.value);
    expect(letters).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G']);

    const xml = await get(SELECT, { Accept: 'application/sparql-results+xml' });
    expect(xml.headers.get('content-type')).toMatch(/^application\/sparql-results\+xml/);
    expect((await xml.text()).match(/<literal>([A-G])<\/literal>/g)).toHaveLength(7);

    const csv = await (await get(SELECT, { Accept: 'text/csv' })).text();
    expect(csv.split('\r\n')[0]).toBe('angle,letter');
    expect(csv.split('\r\n')[1]).toBe('http://localhost:3000/id/angle/actors,A');

    const tsv = await (await get(SELECT, { Accept: 'text/tab-separated-values' })).text();
    expect(tsv.split('\n')[1]).toBe('<http://localhost:3000/id/angle/actors>\t"A"');
  });

  it('answers CONSTRUCT in Turtle, N-Triples, JSON-LD and RDF/XML, the same triples in each', async () => {
    const graphs: string[][] = [];
    for (const mediaType of ['text/turtle', 'application/n-triples', 'application/ld+json', 'application/rdf+xml']) {
      const response = await get(CONSTRUCT, { Accept: mediaType });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(`${mediaType}; charset=utf-8`);
      graphs.push(canonical(await parseRdf(await response.text(), mediaType)));
    }
    expect(graphs[0]!.length).toBe(7 * 4);
    for (const graph of graphs.slice(1)) expect(graph).toEqual(graphs[0]);
  });

  it('answers ASK with a boolean in JSON or XML', async () => {
    const response = await get('ASK { <id/angle/actors> ?p ?o }', { Accept: 'application/sparql-results+xml' });
    expect(await response.text()).toContain('<boolean>true</boolean>');
    expect(await (await get('ASK { <id/angle/nowhere> ?p ?o }')).json()).toEqual({ head: {}, boolean: false });
  });

  it('respects q-values and lets the format parameter override Accept', async () => {
    const weighted = await get(SELECT, { Accept: 'application/sparql-results+json;q=0.5, text/csv;q=0.9, */*;q=0.1' });
    expect(weighted.headers.get('content-type')).toMatch(/^text\/csv/);
    const excluded = await get(SELECT, { Accept: 'application/sparql-results+json;q=0, */*' });
    expect(excluded.headers.get('content-type')).toMatch(/^application\/sparql-results\+xml/);
    const parameter = await get(SELECT, { Accept: 'application/sparql-results+json' }, '&format=tsv');
    expect(parameter.headers.get('content-type')).toMatch(/^text\/tab-separated-values/);
    const graph = await get(CONSTRUCT, {}, '&format=jsonld');
    expect(graph.headers.get('content-type')).toMatch(/^application\/ld\+json/);
    expect(graph.headers.get('vary')).toMatch(/Accept/);
  });

  it('answers 406 with the formats it has when none fits', async () => {
    const response = await get(SELECT, { Accept: 'image/png' });
    expect(response.status).toBe(406);
    expect(await response.text()).toContain('it can be answered as: application/sparql-results+json, application/sparql-results+xml, text/csv');
    const unknown = await get(CONSTRUCT, {}, '&format=csv');
    expect(unknown.status).toBe(406);
    expect(await unknown.text()).toContain('Unknown or unsuitable format "csv"');
  });

  it('shows results as an HTML table to browsers, escaping the data', async () => {
    const response = await get('SELECT ?text WHERE { BIND("<script>alert(1)</script>" AS ?text) }', { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' });
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await response.text();
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.toContain('<script>alert(1)</script>');
  });

  it('links an IRI of the results only when it is an http(s) IRI', async () => {
    const response = await get('SELECT ?iri WHERE { VALUES ?iri { <javascript:alert(1)> <http://example.org/a> <id/place/paris> } }', { Accept: 'text/html' });
    const page = await response.text();
    expect(page).toContain('javascript:alert(1)');
    expect(page).not.toContain('href="javascript:');
    expect(page).toContain('href="http://example.org/a"');
    expect(page).toContain('href="/id/place/paris"');
  });
});

describe('protocol errors', () => {
  it('answers a malformed query with 400, the position and the line of the error', async () => {
    const response = await get('SELECT ?s WHERE {\n  ?s ?p ?o\n');
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const text = await response.text();
    expect(text).toMatch(/^SPARQL syntax error at line 3, column 1: expected/);
    expect(text).not.toMatch(/\bat \w+ \(.*:\d+:\d+\)/);
  });

  it('refuses SPARQL Update, LOAD, CLEAR and DROP with 403', async () => {
    for (const update of ['INSERT DATA { <a> <b> <c> }', 'LOAD <http://example.org/x>', 'CLEAR ALL', 'DROP GRAPH <urn:x>']) {
      const form = await fetch(endpoint, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ update }) });
      expect(form.status).toBe(403);
      const direct = await fetch(endpoint, { method: 'POST', headers: { 'Content-Type': 'application/sparql-update' }, body: update });
      expect(direct.status).toBe(403);
      const asQuery = await fetch(endpoint, { method: 'POST', headers: { 'Content-Type': 'application/sparql-query' }, body: update });
      expect(asQuery.status).toBe(403);
      expect(await asQuery.text()).toContain('read-only');
    }
  });

  it('answers 405 with Allow to other methods, 415 to other media types', async () => {
    const put = await fetch(endpoint, { method: 'PUT', body: 'x' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, HEAD, POST, OPTIONS');
    const plain = await fetch(endpoint, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: SELECT });
    expect(plain.status).toBe(415);
    expect(await plain.text()).toContain('application/sparql-query or application/x-www-form-urlencoded');
  });

  it('answers 400 to a query given twice or missing', async () => {
    const twice = await fetch(`${endpoint}?query=ASK%7B%7D&query=ASK%7B%7D`);
    expect(twice.status).toBe(400);
    expect(await twice.text()).toContain('given 2 times');
    const missing = await fetch(`${endpoint}?default-graph-uri=${encodeURIComponent('http://example.org/g')}`);
    expect(missing.status).toBe(400);
  });

  it('answers 413 to a query or a body over the limits', async () => {
    const long = `SELECT * WHERE { ?s ?p ?o } # ${'x'.repeat(100_001)}`;
    const tooLong = await fetch(endpoint, { method: 'POST', headers: { 'Content-Type': 'application/sparql-query' }, body: long });
    expect(tooLong.status).toBe(413);
    expect(await tooLong.text()).toContain('this endpoint accepts up to 100,000');
    const big = await fetch(endpoint, { method: 'POST', headers: { 'Content-Type': 'application/sparql-query' }, body: 'x'.repeat(300 * 1024) });
    expect(big.status).toBe(413);
    expect(await big.text()).toContain('larger than the 256 KB');
  });

  it('answers 429 to a client with too many queries running', async () => {
    const slow = 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d a ?f . FILTER(?c != ?f) }';
    const responses = await Promise.all(Array.from({ length: 7 }, (_, i) =>
      fetch(endpoint, { method: 'POST', headers: { 'Content-Type': 'application/sparql-query' }, body: `${slow} # ${i}` })));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(3);
    const refused = responses.find((r) => r.status === 429)!;
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(statuses.filter((s) => s !== 429).every((s) => s === 200), JSON.stringify(statuses)).toBe(true);
  });
});

describe('HTTP', () => {
  it('allows any origin, and answers the CORS preflight of a POST', async () => {
    const response = await get(SELECT, { Origin: 'https://portal.example' });
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-expose-headers')).toContain('ETag');
    const preflight = await fetch(endpoint, { method: 'OPTIONS', headers: { Origin: 'https://portal.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type');
  });

  it('gives GET results a strong ETag and Cache-Control, and answers 304 to a match', async () => {
    const first = await get(SELECT);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]{20,}"$/);
    expect(first.headers.get('cache-control')).toBe('public, max-age=300');
    const again = await get(SELECT, { 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const other = await get(SELECT, { 'If-None-Match': '"something-else"' });
    expect(other.status).toBe(200);
    const post = await fetch(endpoint, { method: 'POST', headers: { 'Content-Type': 'application/sparql-query' }, body: SELECT });
    expect(post.headers.get('cache-control')).toBe('no-store');
  });

  it('compresses with br or gzip when asked, with a validator per coding', async () => {
    const query = 'SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 500';
    const plain = await (await get(query, { 'Accept-Encoding': 'identity' })).text();
    for (const coding of ['br', 'gzip'] as const) {
      const response = await fetch(`${endpoint}?query=${encodeURIComponent(query)}`, { headers: { 'Accept-Encoding': coding } });
      expect(response.headers.get('content-encoding')).toBe(coding);
      expect(response.headers.get('etag')).toMatch(new RegExp(`-${coding}"$`));
    }
    // fetch decodes transparently: the raw bytes are read with node:http.
    const { request } = await import('node:http');
    const raw = (coding: string) => new Promise<{ encoding: unknown; body: Buffer }>((resolve) => {
      request(`${endpoint}?query=${encodeURIComponent(query)}`, { headers: { 'Accept-Encoding': coding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
      }).end();
    });
    const gzipped = await raw('gzip');
    expect(gzipped.encoding).toBe('gzip');
    expect(gunzipSync(gzipped.body).toString('utf8')).toBe(plain);
    expect(gzipped.body.length).toBeLessThan(Buffer.byteLength(plain) / 3);
    const brotli = await raw('br;q=1, gzip;q=0.5');
    expect(brotli.encoding).toBe('br');
    expect(brotliDecompressSync(brotli.body).toString('utf8')).toBe(plain);
  });

  it('forgets cached results when the data changes', async () => {
    const query = 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH <urn:extra> { ?s ?p ?o } }';
    const count = async () => Number((await (await get(query)).json() as { results: { bindings: { n: { value: string } }[] } }).results.bindings[0]!.n.value);
    expect(await count()).toBe(0);
    await running.store.load([{ name: 'extra', graph: 'urn:extra', format: 'application/n-triples', baseIRI: BASE, bytes: Buffer.from('<urn:a> <urn:b> <urn:c> .\n') }]);
    expect(await count()).toBe(0);
    const status = running.service.state.status;
    if (status.phase !== 'ready') throw new Error('not ready');
    running.service.state.status = { ...status, dataVersion: 'test-2' };
    expect(await count()).toBe(1);
  });
});

describe('service description and workbench', () => {
  it('describes the service in Turtle, with the endpoint, its formats and VoID statistics', async () => {
    const response = await fetch(endpoint, { headers: { Accept: 'text/turtle' } });
    expect(response.status).toBe(200);
    const quads = new Parser().parse(await response.text());
    const value = (predicate: string) => quads.find((q) => q.predicate.value === predicate)?.object.value;
    expect(value('http://www.w3.org/ns/sparql-service-description#endpoint')).toBe(`${BASE}sparql`);
    expect(value('http://www.w3.org/ns/sparql-service-description#supportedLanguage')).toBe('http://www.w3.org/ns/sparql-service-description#SPARQL11Query');
    expect(quads.filter((q) => q.predicate.value.endsWith('#resultFormat'))).toHaveLength(8);
    expect(Number(value('http://rdfs.org/ns/void#triples'))).toBeGreaterThan(3900);
    // The linked-data feature's part of the description: where the things are, and their vocabulary.
    expect(value('http://rdfs.org/ns/void#uriSpace')).toBe(`${BASE}id/`);
    expect(value('http://rdfs.org/ns/void#vocabulary')).toBe(`${BASE}ontology#`);
  });

  it('gives the same description in JSON-LD, N-Triples and RDF/XML', async () => {
    const graphs: string[][] = [];
    for (const mediaType of ['text/turtle', 'application/ld+json', 'application/n-triples', 'application/rdf+xml']) {
      const response = await fetch(endpoint, { headers: { Accept: mediaType } });
      expect(response.headers.get('content-type')).toBe(`${mediaType}; charset=utf-8`);
      graphs.push(canonical(await parseRdf(await response.text(), mediaType)));
    }
    for (const graph of graphs.slice(1)) expect(graph).toEqual(graphs[0]);
  });

  it('gives browsers the workbench, with YASGUI from our own assets and the examples', async () => {
    const response = await fetch(`${endpoint}?lang=en`, { headers: { Accept: 'text/html' } });
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('<script src="/sparql/assets/yasgui.min.js"></script>');
    expect(page).not.toMatch(/https?:\/\/(cdn|unpkg|jsdelivr)/);
    expect(page).toContain('Sheets of a descriptor and of its neighbours');
    expect(page).toContain(`PREFIX citego: &lt;${BASE}ontology#&gt;`);
    const script = await fetch(`${running.origin}/sparql/assets/yasgui.min.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await script.arrayBuffer()).byteLength).toBeGreaterThan(500_000);
  });
});
