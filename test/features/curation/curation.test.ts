/**
 * The curators' write path and the reloads, through HTTP: reading a thing's own triples with its
 * ETag, writing it with If-Match (412 when another write came first, 428 without), creating and
 * deleting, refusals with the SHACL report that change nothing, authentication, and reloads of
 * the files (published, unchanged, or refused with the old version still served). Every change
 * is visible at once to the descriptions and the endpoint.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE } from '../../helpers.js';
import { startCuratedService, TOKENS } from '../../support/curated-service.js';

let service: Awaited<ReturnType<typeof startCuratedService>>;
let origin: string;

beforeAll(async () => {
  service = await startCuratedService();
  origin = service.running.origin;
}, 60_000);
afterAll(async () => { await service?.running.close(); });

const auth = (who: keyof typeof TOKENS) => ({ Authorization: `Bearer ${TOKENS[who]}` });

async function read(path: string): Promise<{ etag: string; body: string }> {
  const response = await fetch(`${origin}${path}`, { headers: { Accept: 'text/turtle' } });
  expect(response.status).toBe(200);
  return { etag: response.headers.get('etag')!, body: await response.text() };
}

function put(path: string, body: string, headers: Record<string, string>, type = 'text/turtle') {
  return fetch(`${origin}${path}`, { method: 'PUT', body, headers: { 'Content-Type': type, ...headers } });
}

async function sparqlLabels(thing: string): Promise<string[]> {
  const query = `SELECT ?l WHERE { <${thing}> <http://www.w3.org/2004/02/skos/core#prefLabel> ?l }`;
  const response = await fetch(`${origin}/sparql?query=${encodeURIComponent(query)}`, { headers: { Accept: 'application/sparql-results+json' } });
  const json = await response.json() as { results: { bindings: { l: { value: string; 'xml:lang'?: string } }[] } };
  return json.results.bindings.map((b) => `${b.l.value}@${b.l['xml:lang'] ?? ''}`).sort();
}

const PARIS = `${BASE}id/place/paris`;

describe('a thing\'s own triples', () => {
  it('are open to read, in Turtle, N-Triples and JSON-LD, with the ETag of its state', async () => {
    const turtle = await read('/things/place/paris');
    expect(turtle.body).toContain('"Paris"@fr');
    const nt = await fetch(`${origin}/things/place/paris`, { headers: { Accept: 'application/n-triples' } });
    expect(nt.headers.get('etag')).toBe(`${turtle.etag.slice(0, -1)}.nt"`);
    expect((await nt.text()).split('\n').filter(Boolean).every((line) => line.startsWith(`<${PARIS}> `))).toBe(true);
    const jsonld = await fetch(`${origin}/things/place/paris`, { headers: { Accept: 'application/ld+json' } });
    expect(jsonld.headers.get('content-type')).toContain('application/ld+json');
    expect((await fetch(`${origin}/things/place/paris`, { headers: { 'If-None-Match': turtle.etag } })).status).toBe(304);
    expect((await fetch(`${origin}/things/place/nowhere`)).status).toBe(404);
  });
});

describe('writing a thing', () => {
  it('needs a curator\'s token, and writing is closed to everyone else', async () => {
    const { body, etag } = await read('/things/place/paris');
    const anonymous = await put('/things/place/paris', body, { 'If-Match': etag });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toContain('Bearer');
    expect((await put('/things/place/paris', body, { 'If-Match': etag, Authorization: 'Bearer wrong' })).status).toBe(401);
    const reload = await fetch(`${origin}/admin/reload`, { method: 'POST', headers: auth('alice') });
    expect(reload.status).toBe(403);
    expect(await reload.text()).toContain('administrator');
  });

  it('replaces the description with If-Match, publishes it at once, and refuses a write based on an older state', async () => {
    const { body, etag } = await read('/things/place/paris');
    const changed = body.replace('"Paris"@fr', '"Paris"@fr, "Paris"@en, "París"@es');
    const first = await put('/things/place/paris', changed, { 'If-Match': etag, ...auth('alice') });
    expect(first.status).toBe(200);
    const written = await first.json() as { result: string; version: number; etag: string };
    expect(written.result).toBe('updated');
    expect(first.headers.get('etag')).toBe(written.etag);
    // Visible at once to the endpoint, the descriptions and the pages.
    expect(await sparqlLabels(PARIS)).toEqual(['Paris@en', 'Paris@fr', 'París@es']);
    expect(await (await fetch(`${origin}/doc/place/paris.ttl`)).text()).toContain('"París"@es');
    expect((await read('/things/place/paris')).etag).toBe(written.etag);
    // Bob read the same state as Alice: his write comes second and is refused, with the ETag now.
    const second = await put('/things/place/paris', body, { 'If-Match': etag, ...auth('bob') });
    expect(second.status).toBe(412);
    expect(second.headers.get('etag')).toBe(written.etag);
    expect(await sparqlLabels(PARIS)).toEqual(['Paris@en', 'Paris@fr', 'París@es']);
    // Without If-Match, an existing thing is not overwritten.
    const blind = await put('/things/place/paris', body, auth('bob'));
    expect(blind.status).toBe(428);
    // The same description again changes nothing and makes no version.
    const same = await put('/things/place/paris', changed, { 'If-Match': written.etag, ...auth('alice') });
    expect(await same.json()).toMatchObject({ result: 'unchanged', version: written.version });
  });

  it('of two curators writing the same thing at once, lets exactly one win', async () => {
    const { body, etag } = await read('/things/place/lyon');
    const answers = await Promise.all((['alice', 'bob'] as const).map((who) =>
      put('/things/place/lyon', body.replace('"Lyon"@fr', `"Lyon"@fr, "Lyon (${who})"@en`), { 'If-Match': etag, ...auth(who) })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 412]);
  });

  it('refuses a description that does not conform with the SHACL report, and changes nothing', async () => {
    const { body, etag } = await read('/things/place/paris');
    const before = await sparqlLabels(PARIS);
    const response = await fetch(`${origin}/things/place/paris`, {
      method: 'PUT', body: body.replace(/skos:prefLabel [^;.]*/, 'skos:prefLabel "Paris"'),
      headers: { 'Content-Type': 'text/turtle', 'If-Match': etag, 'Accept-Language': 'en', ...auth('alice') },
    });
    expect(response.status).toBe(422);
    const report = await response.json() as { message: string; report: { conforms: boolean; results: { focusNode: string; path: string; message: string; source: string }[] } };
    expect(report.report.conforms).toBe(false);
    expect(report.report.results.map((r) => r.message)).toContain('A place must have a French name (skos:prefLabel "…"@fr).');
    expect(report.report.results.every((r) => r.focusNode === PARIS && r.source === 'request body')).toBe(true);
    expect(await sparqlLabels(PARIS)).toEqual(before);
    expect((await read('/things/place/paris')).etag).toBe(etag);
  });

  it('validates what references the thing: a place that sheets are about cannot stop being a place', async () => {
    const { body, etag } = await read('/things/place/montpellier');
    const response = await fetch(`${origin}/things/place/montpellier`, {
      method: 'PUT', body: body.replace('dct:Location', '<http://xmlns.com/foaf/0.1/Person>'),
      headers: { 'Content-Type': 'text/turtle', 'If-Match': etag, Accept: 'text/plain', 'Accept-Language': 'en', ...auth('alice') },
    });
    expect(response.status).toBe(422);
    const text = await response.text();
    expect(text).toContain('<id/document/conseils-politique-alimentaire-montreal-montpellier>');
    expect(text).toContain('published data');
    const deletion = await fetch(`${origin}/things/place/montpellier`, { method: 'DELETE', headers: { 'If-Match': etag, ...auth('alice') } });
    expect(deletion.status).toBe(422);
  });

  it('creates a thing with If-None-Match, in JSON-LD with our context, and deletes it: then it is gone (410)', async () => {
    const description = {
      '@context': `${BASE}context/v1.jsonld`,
      '@id': 'id/place/chambery-test', '@type': 'http://purl.org/dc/terms/Location',
      'http://www.w3.org/2004/02/skos/core#prefLabel': { '@value': 'Chambéry', '@language': 'fr' },
    };
    const created = await put('/things/place/chambery-test', JSON.stringify(description), { 'If-None-Match': '*', ...auth('alice') }, 'application/ld+json');
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/things/place/chambery-test');
    expect((await fetch(`${origin}/id/place/chambery-test`, { redirect: 'manual' })).status).toBe(303);
    const again = await put('/things/place/chambery-test', JSON.stringify(description), { 'If-None-Match': '*', ...auth('bob') }, 'application/ld+json');
    expect(again.status).toBe(412);

    const etag = created.headers.get('etag')!;
    const deleted = await fetch(`${origin}/things/place/chambery-test`, { method: 'DELETE', headers: { 'If-Match': etag, ...auth('alice') } });
    expect(deleted.status).toBe(200);
    for (const path of ['/id/place/chambery-test', '/doc/place/chambery-test.ttl', '/doc/place/chambery-test', '/things/place/chambery-test']) {
      const gone = await fetch(`${origin}${path}`, { redirect: 'manual' });
      expect(gone.status, path).toBe(410);
      expect(gone.headers.get('link')).toMatch(/\/changes\/page\/\d+>; rel="related"/);
    }
    expect((await fetch(`${origin}/things/place/chambery-test`, { method: 'DELETE', headers: { 'If-Match': etag, ...auth('alice') } })).status).toBe(412);
  });

  it('explains a bad body: syntax, media type, another subject, blank nodes, emptiness', async () => {
    const { etag } = await read('/things/place/paris');
    const headers = { 'If-Match': etag, ...auth('alice') };
    const syntax = await put('/things/place/paris', '<id/place/paris> a ', headers);
    expect(syntax.status).toBe(400);
    expect(await syntax.text()).toMatch(/^request body:1:\d+: syntax error/);
    expect((await put('/things/place/paris', '<a> <b> <c> .', headers, 'text/csv')).status).toBe(415);
    const other = await put('/things/place/paris', '<id/place/lyon> a <http://purl.org/dc/terms/Location> .', headers);
    expect(other.status).toBe(422);
    expect(await other.text()).toContain("that thing's own address");
    expect((await put('/things/place/paris', '<id/place/paris> <http://schema.org/geo> [ a <http://schema.org/GeoCoordinates> ] .', headers)).status).toBe(422);
    expect((await put('/things/place/paris', '', headers)).status).toBe(422);
    expect((await fetch(`${origin}/things/place/paris`, { method: 'PATCH' })).status).toBe(405);
  });
});

describe('reloading the files', () => {
  it('publishes what changed in the files, keeps curators\' writes elsewhere, and refuses invalid files keeping the version served', async () => {
    const file = join(service.dataDir, 'places.ttl');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('"Europe"@fr', '"Europe"@fr , "Europe"@en'));
    const reload = await fetch(`${origin}/admin/reload`, { method: 'POST', headers: auth('admin') });
    expect(reload.status).toBe(200);
    const published = await reload.json() as { status: string; version: number; changes: number };
    expect(published).toMatchObject({ status: 'published', changes: 1 });
    expect(await sparqlLabels(`${BASE}id/place/europe`)).toContain('Europe@en');
    // Paris, written by a curator and unchanged in the files, keeps the curator's version.
    expect(await sparqlLabels(PARIS)).toContain('París@es');

    const unchanged = await fetch(`${origin}/admin/reload`, { method: 'POST', headers: auth('admin') });
    expect(await unchanged.json()).toEqual({ status: 'unchanged', version: published.version });

    writeFileSync(file, original.replace('"Europe"@fr', '"Europe"'));
    const refused = await fetch(`${origin}/admin/reload`, { method: 'POST', headers: { Accept: 'text/plain', 'Accept-Language': 'en', ...auth('admin') } });
    expect(refused.status).toBe(422);
    const report = await refused.text();
    expect(report).toContain('places.ttl:');
    expect(report).toContain('A place must have a French name');
    expect(await sparqlLabels(`${BASE}id/place/europe`)).toContain('Europe@en');
    expect(service.logs.some((line) => line.includes('refused'))).toBe(true);
    writeFileSync(file, original);
  }, 60_000);
});
