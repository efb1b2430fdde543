/**
 * The service over the demo data: the home page in three languages with what the service holds
 * (counted here from the files, independently of the store), the health check, the ontology and
 * shapes downloads, one stylesheet, one CORS policy and one not-found answer on every route.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { Parser } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assembleService } from '../../src/app/service.js';
import { ServiceState } from '../../src/build/state.js';
import { loadConfig } from '../../src/config.js';
import { STYLESHEET_PATH } from '../../src/web/stylesheet.js';
import { BASE, DATA_DIR, projectRules, ROOT } from '../helpers.js';
import { startService, type RunningService } from '../service-harness.js';

const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const SUBCLASS_OF = 'http://www.w3.org/2000/01/rdf-schema#subClassOf';

/** Things of each class in the demo files, read with N3 and the ontology's class hierarchy: no store involved. */
function countedInFiles(classes: readonly string[]): Map<string, number> {
  const files = [join(ROOT, 'ontology', 'citego.ttl'), ...readdirSync(DATA_DIR).filter((f) => f.endsWith('.ttl')).map((f) => join(DATA_DIR, f))];
  const quads = files.flatMap((file) => new Parser({ baseIRI: BASE }).parse(readFileSync(file, 'utf8')));
  const parents = new Map<string, string[]>();
  for (const q of quads) if (q.predicate.value === SUBCLASS_OF) parents.set(q.subject.value, [...(parents.get(q.subject.value) ?? []), q.object.value]);
  const ancestors = (type: string, seen = new Set<string>()): Set<string> => {
    if (seen.has(type)) return seen;
    seen.add(type);
    for (const parent of parents.get(type) ?? []) ancestors(parent, seen);
    return seen;
  };
  const things = new Map(classes.map((c) => [c, new Set<string>()]));
  for (const q of quads) {
    if (q.predicate.value !== RDF_TYPE) continue;
    for (const type of ancestors(q.object.value)) things.get(type)?.add(q.subject.value);
  }
  return new Map([...things].map(([c, set]) => [c, set.size]));
}

let running: RunningService;
let origin: string;

beforeAll(async () => {
  running = await startService({ replicas: 1 });
  origin = running.origin;
});

afterAll(async () => {
  await running.close();
});

describe('home page', () => {
  it('is French by default, says what the service holds and links to its parts', async () => {
    const response = await fetch(`${origin}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('vary')).toMatch(/Accept-Language/);
    const page = await response.text();
    expect(page).toContain('<html lang="fr">');
    // Every part is linked in the page's language, which the reader keeps by following the link.
    for (const part of ['/sparql', '/ontology', '/shapes', '/doc/scheme/atlas.html', '/browse/document', '/atlas', '/lists']) expect(page).toContain(`href="${part}?lang=fr"`);
    expect(page).toContain('href="/search?ui=fr"');
    expect(page).toContain('href="/browse/descriptor?lang=fr"');
  });

  it('counts what the data files hold, kind by kind', async () => {
    const page = await (await fetch(`${origin}/?lang=en`)).text();
    const rows = new Map([...page.matchAll(/<th scope="row">([^<]+)<\/th><td class="number">([\d,]+)<\/td>/g)].map((m) => [m[1]!, Number(m[2]!.replace(/,/g, ''))]));
    const classes = {
      Sheets: `${BASE}ontology#Document`, 'Thematic dossiers': `${BASE}ontology#Dossier`, Persons: 'http://xmlns.com/foaf/0.1/Person',
      Organisations: 'http://www.w3.org/ns/org#Organization', Places: 'http://purl.org/dc/terms/Location', 'Atlas descriptors': `${BASE}ontology#Descriptor`,
    };
    const expected = countedInFiles(Object.values(classes));
    expect([...rows.keys()]).toEqual(Object.keys(classes));
    for (const [row, iri] of Object.entries(classes)) {
      expect(expected.get(iri), row).toBeGreaterThan(0);
      expect(rows.get(row), row).toBe(expected.get(iri));
    }
  });

  it('follows Accept-Language, and ?lang= over it', async () => {
    const english = await (await fetch(`${origin}/`, { headers: { 'Accept-Language': 'de;q=0.9, en-GB;q=0.8' } })).text();
    expect(english).toContain('<html lang="en">');
    expect(english).toContain('CITEGO — linked open data');
    const spanish = await (await fetch(`${origin}/?lang=es`, { headers: { 'Accept-Language': 'en' } })).text();
    expect(spanish).toContain('<html lang="es">');
    expect(spanish).toContain('Fichas');
  });

  it('embeds schema.org JSON-LD that parses', async () => {
    const page = await (await fetch(`${origin}/?lang=en`)).text();
    const block = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page);
    expect(block).not.toBeNull();
    expect(JSON.parse(block![1]!)).toMatchObject({ '@context': 'https://schema.org', '@type': 'WebSite', inLanguage: 'en' });
  });
});

describe('service parts', () => {
  it('reports health as JSON', async () => {
    const response = await fetch(`${origin}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ready', engine: 'compiled' });
  });

  it('serves the ontology and the shapes as Turtle with absolute IRIs', async () => {
    for (const [path, marker] of [['/ontology.ttl', 'http://localhost:3000/ontology#Descriptor'], ['/shapes.ttl', 'http://localhost:3000/shapes#Document']] as const) {
      const response = await fetch(`${origin}${path}`);
      expect(response.headers.get('content-type')).toMatch(/^text\/turtle/);
      const quads = new Parser().parse(await response.text());
      expect(quads.some((q) => q.subject.value === marker)).toBe(true);
    }
  });

  it('answers 404 the same way on every route: a page for people, JSON or text for programs', async () => {
    for (const path of ['/nowhere', '/ontology.xyz', '/browse/unicorns', '/sitemap-9.xml', '/sparql/assets/nothing.js', '/id/document/no-such-sheet', '/doc/place/nowhere']) {
      const linkedData = /^\/(id|doc)\//.test(path);
      const page = await fetch(`${origin}${path}`, { headers: { Accept: 'text/html' } });
      expect(page.status, path).toBe(404);
      expect(page.headers.get('content-type'), path).toMatch(/^text\/html/);
      expect(await page.text(), path).toContain('<h1>Ressource introuvable</h1>');
      const json = await fetch(`${origin}${path}`, { headers: { Accept: 'application/json', 'Accept-Language': 'en' } });
      expect(json.status, path).toBe(404);
      // Where things are described, JSON is JSON-LD: an empty graph, which a harvester still reads.
      expect(await json.json(), path).toEqual(linkedData ? [] : { error: 'not found', path });
      const text = await fetch(`${origin}${path}`, { headers: { Accept: 'text/plain' } });
      expect(await text.text(), path).toBe(linkedData ? '' : `Nothing is published at ${path}.\n`);
    }
  });

  it('answers a CORS preflight on every route, and lets any origin read every answer', async () => {
    const routes = ['/', '/id/place/paris', '/doc/place/paris.ttl', '/ontology', '/ontology.ttl', '/shapes.jsonld', '/context/v1.jsonld',
      '/sparql', '/browse/place', '/sitemap.xml', '/health', '/nowhere'];
    for (const path of routes) {
      const preflight = await fetch(`${origin}${path}`, {
        method: 'OPTIONS', headers: { Origin: 'https://portal.example.org', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'accept, if-none-match' },
      });
      expect(preflight.status, path).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin'), path).toBe('*');
      expect(preflight.headers.get('access-control-allow-methods'), path).toContain('GET');
      expect(preflight.headers.get('access-control-allow-headers'), path).toBe('accept, if-none-match');
      const answer = await fetch(`${origin}${path}`, { headers: { Origin: 'https://portal.example.org', Accept: 'text/turtle' }, redirect: 'manual' });
      expect(answer.headers.get('access-control-allow-origin'), path).toBe('*');
      expect(answer.headers.get('access-control-expose-headers'), path).toContain('ETag');
    }
    const post = await fetch(`${origin}/sparql`, { method: 'OPTIONS', headers: { Origin: 'https://portal.example.org', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' } });
    expect(post.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('serves one stylesheet, linked by every page and kept by browsers for good', async () => {
    for (const path of ['/', '/doc/place/paris.html', '/ontology', '/shapes', '/browse/place', '/sparql', '/nowhere']) {
      const page = await (await fetch(`${origin}${path}`, { headers: { Accept: 'text/html' } })).text();
      expect(page, path).toContain(`<link rel="stylesheet" href="${STYLESHEET_PATH}">`);
      expect(page, path).not.toContain('<style');
    }
    const css = await fetch(`${origin}${STYLESHEET_PATH}`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    expect(css.headers.get('cache-control')).toContain('immutable');
    expect(await css.text()).toContain('.facts');
  });
});

describe('while loading', () => {
  it('answers 503 with Retry-After and shows the progress', async () => {
    const loading = new ServiceState();
    loading.status = { phase: 'loading', progress: { phase: 'validate', bytesDone: 40, bytesTotal: 100 } };
    const service = await assembleService(loadConfig({ BASE_IRI: BASE, LOG_LEVEL: 'silent' }), await projectRules());
    service.state.status = loading.status;
    const other = createServer(service.handler);
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    try {
      const address = other.address();
      const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      const home = await fetch(`${base}/?lang=en`);
      expect(home.status).toBe(503);
      expect(home.headers.get('retry-after')).toBe('5');
      expect(await home.text()).toContain('<progress max="100" value="40">');
      for (const path of ['/doc/place/paris.ttl', '/id/place/paris', '/browse/place', '/sparql?query=ASK%7B%7D', '/sparql']) {
        const waiting = await fetch(`${base}${path}`, { redirect: 'manual', headers: { Accept: 'text/turtle' } });
        expect(waiting.status, path).toBe(503);
        expect(waiting.headers.get('retry-after'), path).toBe('5');
        expect(waiting.headers.get('cache-control'), path).toBe('no-store');
        expect(await waiting.text(), path).toMatch(/^The data is still loading; .+\n$/);
      }
      const health = await fetch(`${base}/health`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ status: 'loading' });
    } finally {
      other.close();
    }
  });
});

