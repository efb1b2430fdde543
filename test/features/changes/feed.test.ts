/**
 * The change feed and what it promises: a harvester that follows it (from the start, or from
 * where it stopped) ends with exactly the published graph; readers during a burst of writes never
 * see half a write; a reload under many readers fails no request and switches them all to the
 * new version.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseNTriples } from '../../../src/rdf/parse.js';
import type { Quad } from '../../../src/rdf/terms.js';
import { BASE } from '../../helpers.js';
import { startCuratedService, TOKENS } from '../../support/curated-service.js';

interface Activity { type: 'Create' | 'Update' | 'Delete'; object: { id: string; url?: { href: string } }; endTime: string }
interface Page { id: string; startIndex: number; next?: { id: string }; prev?: { id: string }; orderedItems: Activity[] }

let service: Awaited<ReturnType<typeof startCuratedService>>;
let origin: string;

beforeAll(async () => {
  service = await startCuratedService();
  origin = service.running.origin;
}, 60_000);
afterAll(async () => { await service?.running.close(); });

const local = (url: string) => url.replace(BASE, `${origin}/`);
const auth = { Authorization: `Bearer ${TOKENS.alice}` };

function get(url: string, from: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request(url, { localAddress: from }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { body += chunk; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject).end();
  });
}

async function json<T>(url: string): Promise<T> {
  const response = await fetch(local(url));
  expect(response.status, url).toBe(200);
  return await response.json() as T;
}

/** Writes a place's labels: both carry the same number, so that half a write would show. */
async function writeLabels(slug: string, n: number): Promise<number> {
  const path = `/things/place/${slug}`;
  const current = await fetch(`${origin}${path}`, { headers: { Accept: 'application/n-triples' } });
  const lines = (await current.text()).split('\n').filter((line) => line && !line.includes('core#prefLabel>'));
  const thing = `${BASE}id/place/${slug}`;
  lines.push(`<${thing}> <http://www.w3.org/2004/02/skos/core#prefLabel> "${slug} ${n}"@fr .`, `<${thing}> <http://www.w3.org/2004/02/skos/core#prefLabel> "${slug} ${n}"@en .`);
  const response = await fetch(`${origin}${path}`, {
    method: 'PUT', body: `${lines.join('\n')}\n`, headers: { 'Content-Type': 'application/n-triples', 'If-Match': current.headers.get('etag')!, ...auth },
  });
  return response.status;
}

/** A harvester: replays the feed from a page, keeping each thing's own triples, and says where it stopped. */
async function harvest(graph: Map<string, string[]>, from: string): Promise<{ lastPage: string; seen: number }> {
  let url: string | undefined = from;
  let lastPage = from;
  let seen = 0;
  while (url) {
    const page: Page = await json<Page>(url);
    for (const activity of page.orderedItems) {
      seen++;
      if (activity.type === 'Delete') {
        graph.delete(activity.object.id);
        continue;
      }
      const response = await fetch(local(activity.object.url!.href), { headers: { Accept: 'application/n-triples' } });
      // A thing changed again and deleted later in the feed is gone now: its Delete follows.
      if (response.status === 410) continue;
      expect(response.status).toBe(200);
      graph.set(activity.object.id, (await response.text()).split('\n').filter(Boolean));
    }
    lastPage = url;
    url = page.next?.id;
  }
  return { lastPage, seen };
}

/** A triple as a key; numbers by value, since the store keeps decimals in their canonical form (54.5260 as 54.526). */
function tripleKey(q: Quad): string {
  const object = q.object.termType !== 'Literal' ? `${q.object.termType}:${q.object.value}`
    : /#(decimal|integer|double)$/.test(q.object.datatype.value) ? `number:${Number(q.object.value)}`
      : `literal:${q.object.value}:${q.object.language || q.object.datatype.value}`;
  return `<${q.subject.value}> ${q.predicate.value} ${object}`;
}

/**
 * The published graph as the feed gives it: the things' triples the store holds, less those the
 * build derived from them (standard types and links, records' provenance), which the feed leaves
 * to the ontology's axioms. A triple the data states and the build also derives counts as data.
 */
async function publishedGraph(harvested: readonly string[]): Promise<string[]> {
  const status = service.running.service.state.status;
  if (status.phase !== 'ready') throw new Error('not ready');
  const dump = await status.store.dump('application/n-triples');
  const derived = new Set(status.sources.filter((s) => s.computed).flatMap((s) => parseNTriples(Buffer.from(s.bytes).toString('utf8')).map(tripleKey)));
  const written = new Set(harvested);
  // The store holds the ontology beside the data: the things are what the feed is about.
  return parseNTriples(dump).filter((q) => q.subject.value.startsWith(`${BASE}id/`)).map(tripleKey)
    .filter((triple) => written.has(triple) || !derived.has(triple)).sort();
}

function harvestedGraph(graph: Map<string, string[]>): string[] {
  return parseNTriples([...graph.values()].flat().join('\n')).map(tripleKey).sort();
}

describe('the change feed', () => {
  it('is an ordered collection of every thing created at the first version, linked from the home page and the service description', async () => {
    const collection = await json<{ type: string; totalItems: number; first: { id: string }; last: { id: string } }>(`${BASE}changes`);
    expect(collection.type).toBe('OrderedCollection');
    expect(collection.totalItems).toBeGreaterThan(300);
    const first = await json<Page>(collection.first.id);
    expect(first.orderedItems.every((a) => a.type === 'Create')).toBe(true);
    expect(first.orderedItems[0]!.object.url!.href).toMatch(/\/things\//);
    expect(await (await fetch(`${origin}/?lang=en`)).text()).toContain('href="/changes?lang=en"');
    const description = await (await fetch(`${origin}/sparql`, { headers: { Accept: 'text/turtle' } })).text();
    expect(description).toContain('/changes>');
    const negotiated = await fetch(`${origin}/changes`, { headers: { Accept: 'application/ld+json' } });
    expect(negotiated.headers.get('content-type')).toContain('profile="https://www.w3.org/ns/activitystreams"');
  });

  it('lets a harvester end with exactly the published graph, and catch up from where it stopped', async () => {
    const harvested = new Map<string, string[]>();
    const collection = await json<{ first: { id: string } }>(`${BASE}changes`);
    const firstRun = await harvest(harvested, collection.first.id);
    expect(harvestedGraph(harvested)).toEqual(await publishedGraph(harvestedGraph(harvested)));

    // Changes since: writes, a deletion, and a reload of the files.
    const stopped = new Date();
    await new Promise((r) => setTimeout(r, 20));
    expect(await writeLabels('lyon', 1)).toBe(200);
    const membership = await fetch(`${origin}/things/membership/claire-dumontel-observatoire`);
    const removed = await fetch(`${origin}/things/membership/claire-dumontel-observatoire`, { method: 'DELETE', headers: { 'If-Match': membership.headers.get('etag')!, ...auth } });
    expect(removed.status).toBe(200);
    const file = join(service.dataDir, 'places.ttl');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"Europe"@fr', '"Europe"@fr , "Europe"@en'));
    const reload = await fetch(`${origin}/admin/reload`, { method: 'POST', headers: { Authorization: `Bearer ${TOKENS.admin}` } });
    expect(await reload.json()).toMatchObject({ status: 'published', changes: 1 });

    // From the page it stopped at, or from the time of its last visit: only the new activities.
    const resumed = new Map(harvested);
    const again = await harvest(resumed, firstRun.lastPage);
    expect(again.seen).toBeLessThan(firstRun.seen + 10);
    expect(harvestedGraph(resumed)).toEqual(await publishedGraph(harvestedGraph(resumed)));
    const since = await fetch(`${origin}/changes?since=${stopped.toISOString()}`, { redirect: 'manual' });
    expect(since.status).toBe(303);
    const page = await json<Page>(since.headers.get('location')!);
    const recent = page.orderedItems.filter((a) => new Date(a.endTime) > stopped);
    expect(recent.map((a) => `${a.type} ${a.object.id.slice(BASE.length)}`)).toEqual([
      'Update id/place/lyon', 'Delete id/membership/claire-dumontel-observatoire', 'Update id/place/europe',
    ]);
    expect((await fetch(`${origin}/changes?since=yesterday`)).status).toBe(400);
    expect((await fetch(`${origin}/changes/page/999`)).status).toBe(404);
  }, 60_000);

  it('never shows half a write to readers during a burst of writes', async () => {
    const query = `SELECT ?l WHERE { <${BASE}id/place/bordeaux> <http://www.w3.org/2004/02/skos/core#prefLabel> ?l }`;
    let writing = true;
    const torn: string[] = [];
    let reads = 0;
    const reader = async () => {
      while (writing) {
        const response = await fetch(`${origin}/sparql?query=${encodeURIComponent(query)}`, { headers: { Accept: 'application/sparql-results+json' } });
        const labels = ((await response.json()) as { results: { bindings: { l: { value: string } }[] } }).results.bindings.map((b) => b.l.value);
        reads++;
        if (new Set(labels.map((l) => l.replace(/^bordeaux /, ''))).size > 1 && labels.some((l) => l.startsWith('bordeaux '))) torn.push(labels.join(' | '));
        const turtle = await (await fetch(`${origin}/doc/place/bordeaux.nt`)).text();
        const numbers = new Set([...turtle.matchAll(/"bordeaux (\d+)"@(fr|en)/g)].map((m) => m[1]));
        if (numbers.size > 1) torn.push(`description: ${[...numbers].join(', ')}`);
      }
    };
    const readers = Array.from({ length: 4 }, reader);
    for (let n = 1; n <= 25; n++) expect(await writeLabels('bordeaux', n)).toBe(200);
    writing = false;
    await Promise.all(readers);
    expect(reads).toBeGreaterThan(10);
    expect(torn).toEqual([]);
  }, 60_000);

  it('switches many readers to a reloaded version without failing a request', async () => {
    const file = join(service.dataDir, 'places.ttl');
    const before = readFileSync(file, 'utf8');
    let reading = true;
    const failures: string[] = [];
    const seen = new Set<string>();
    let requests = 0;
    const paths = ['/doc/place/toulouse.ttl', '/doc/place/toulouse.html', '/browse/place', '/sitemap.xml', '/things/place/toulouse',
      `/sparql?query=${encodeURIComponent(`SELECT ?l WHERE { <${BASE}id/place/toulouse> <http://www.w3.org/2004/02/skos/core#prefLabel> ?l }`)}`];
    // Each client from its own address, as distinct users (the endpoint caps queries per address).
    const client = async (index: number) => {
      for (let i = index; reading; i++) {
        const path = paths[i % paths.length]!;
        const response = await get(`${origin}${path}`, `127.0.0.${20 + index}`);
        requests++;
        if (response.status !== 200) failures.push(`${response.status} ${path}`);
        if (path.endsWith('.ttl')) seen.add(response.body.includes('Toulouse (reloaded)') ? 'new' : 'old');
      }
    };
    const clients = Array.from({ length: 12 }, (_, i) => client(i));
    await new Promise((r) => setTimeout(r, 300));
    writeFileSync(file, before.replace('"Toulouse"@fr', '"Toulouse"@fr , "Toulouse (reloaded)"@en'));
    const reload = await fetch(`${origin}/admin/reload`, { method: 'POST', headers: { Authorization: `Bearer ${TOKENS.admin}` } });
    expect(await reload.json()).toMatchObject({ status: 'published' });
    // Readers go on until one of them has read the new version (a loaded machine answers slowly).
    const deadline = Date.now() + 20_000;
    while (!seen.has('new') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    reading = false;
    await Promise.all(clients);
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(50);
    expect(seen).toEqual(new Set(['old', 'new']));
    // The old store is closed once its last readers are done.
    writeFileSync(file, before);
  }, 90_000);
});
