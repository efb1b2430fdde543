/**
 * Every thing's IRI answers the way "Cool URIs for the Semantic Web" describes: 303 to its
 * description in the format Accept asks for, descriptions with the headers caches and clients
 * need, 404 (never an empty 200) for what is not here, 406 listing the formats, and the same
 * triples whatever the format.
 */
import jsonld from 'jsonld';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CONTEXT_PATH, contextLoader, publishedContext } from '../../../src/rdf/jsonld.js';
import { BASE } from '../../helpers.js';
import { startService, type RunningService } from '../../service-harness.js';
import { canonical, parseRdf } from '../../support/rdf-formats.js';

let running: RunningService;

beforeAll(async () => {
  running = await startService();
});

afterAll(async () => {
  await running.close();
});

const THINGS = {
  document: 'id/document/relocaliser-alimentation-question-gouvernance',
  dossier: 'id/dossier/gouvernance-alimentaire',
  person: 'id/actor/claire-dumontel',
  organisation: 'id/actor/observatoire-systemes-alimentaires',
  place: 'id/place/paris',
  descriptor: 'id/descriptor/gouvernance-alimentaire',
  component: 'id/component/economy',
  angle: 'id/angle/actors',
};

const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
  fetch(`${running.origin}/${path.replace(/^\//, '')}`, { headers, method, redirect: 'manual' });

describe('IRIs answer 303 See Other', () => {
  it.each(Object.entries(THINGS))('the IRI of a %s redirects to its description, HTML for a browser', async (_kind, path) => {
    const response = await get(path, { Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/${path.replace(/^id\//, 'doc/')}.html`);
    expect(response.headers.get('vary')).toContain('Accept');
  });

  it('chooses the format by Accept, q-values respected, any type meaning HTML', async () => {
    const cases: [string, string][] = [
      ['text/turtle', 'ttl'], ['application/ld+json', 'jsonld'], ['application/n-triples', 'nt'], ['application/rdf+xml', 'rdf'],
      ['*/*', 'html'], ['text/turtle;q=0.2, application/ld+json;q=0.8', 'jsonld'], ['application/json', 'jsonld'],
      ['application/ld+json;q=0, */*;q=0.5', 'html'],
    ];
    for (const [accept, extension] of cases) {
      const response = await get(THINGS.descriptor, { Accept: accept });
      expect(response.headers.get('location'), accept).toBe(`/doc/descriptor/gouvernance-alimentaire.${extension}`);
    }
  });

  it('answers 406 listing the formats when none is acceptable', async () => {
    const response = await get(THINGS.document, { Accept: 'image/png' });
    expect(response.status).toBe(406);
    expect(await response.text()).toContain('text/html, application/ld+json, text/turtle, application/n-triples, application/rdf+xml');
  });

  it('answers 404 for an unknown IRI, as a page or as RDF, never an empty 200', async () => {
    const page = await get('id/document/no-such-sheet', { Accept: 'text/html' });
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('<h1>Ressource introuvable</h1>');
    const turtle = await get('doc/document/no-such-sheet.ttl');
    expect(turtle.status).toBe(404);
    expect(turtle.headers.get('content-type')).toMatch(/^text\/turtle/);
    expect(await parseRdf(await turtle.text(), 'text/turtle')).toEqual([]);
    expect((await get('id/document/BAD<name>', { Accept: 'text/turtle' })).status).toBe(404);
    expect((await get('doc/document/relocaliser-alimentation-question-gouvernance.ttl?page=2')).status).toBe(404);
  });
});

describe('descriptions', () => {
  it('carry Vary, Content-Location, Link alternates, a strong ETag, Last-Modified, Cache-Control and CORS', async () => {
    const response = await get(`doc/${THINGS.document.slice(3)}`, { Accept: 'text/turtle' });
    expect(response.status).toBe(200);
    expect(response.headers.get('vary')).toContain('Accept');
    expect(response.headers.get('content-location')).toBe(`/doc/${THINGS.document.slice(3)}.ttl`);
    const link = response.headers.get('link')!;
    for (const [extension, type] of [['html', 'text/html'], ['jsonld', 'application/ld+json'], ['nt', 'application/n-triples'], ['rdf', 'application/rdf+xml']]) {
      expect(link).toContain(`</doc/${THINGS.document.slice(3)}.${extension}>; rel="alternate"; type="${type}"`);
    }
    expect(response.headers.get('etag')).toMatch(/^"[\w-]{27}(-br|-gzip)?"$/);
    expect(new Date(response.headers.get('last-modified')!).getTime()).toBeGreaterThan(0);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('answers 304 to If-None-Match and If-Modified-Since, and HEAD with the headers alone', async () => {
    const path = `doc/${THINGS.descriptor.slice(3)}.jsonld`;
    const first = await get(path);
    const etag = first.headers.get('etag')!;
    expect((await get(path, { 'If-None-Match': etag })).status).toBe(304);
    expect((await get(path, { 'If-Modified-Since': first.headers.get('last-modified')! })).status).toBe(304);
    const head = await get(path, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBe(etag);
    expect(head.headers.get('content-length')).toBe(first.headers.get('content-length'));
    expect(await head.text()).toBe('');
  });

  it('hold the same triples in every format, the compacted JSON-LD expanding to exactly the Turtle graph', async () => {
    const documentLoader = contextLoader(publishedContext(BASE));
    for (const path of Object.values(THINGS)) {
      const doc = path.replace(/^id\//, 'doc/');
      const graphs: Record<string, string[]> = {};
      for (const [extension, type] of [['ttl', 'text/turtle'], ['nt', 'application/n-triples'], ['rdf', 'application/rdf+xml']] as const) {
        const response = await get(`${doc}.${extension}`);
        expect(response.status).toBe(200);
        graphs[extension] = canonical(await parseRdf(await response.text(), type));
      }
      const compacted = JSON.parse(await (await get(`${doc}.jsonld`)).text()) as jsonld.JsonLdDocument;
      expect((compacted as { '@context': string })['@context']).toBe(`${BASE}context/v1.jsonld`);
      const expanded = await jsonld.expand(compacted, { documentLoader: documentLoader as never });
      graphs.jsonld = canonical(await parseRdf(JSON.stringify(expanded), 'application/ld+json'));
      const profiled = await get(doc, { Accept: 'application/ld+json; profile="http://www.w3.org/ns/json-ld#expanded"' });
      const expandedText = await profiled.text();
      expect(expandedText.trimStart().startsWith('[')).toBe(true);
      graphs.expanded = canonical(await parseRdf(expandedText, 'application/ld+json'));
      expect(graphs.ttl!.length, path).toBeGreaterThan(5);
      for (const format of ['nt', 'rdf', 'jsonld', 'expanded']) expect(graphs[format], `${path} as ${format}`).toEqual(graphs.ttl);
    }
  });

  it('name the labels of linked things in every language, and the links that point to the thing', async () => {
    const turtle = await (await get(`doc/${THINGS.person.slice(3)}.ttl`)).text();
    const quads = await parseRdf(turtle, 'text/turtle');
    const wrote = quads.filter((q) => q.predicate.value === 'http://purl.org/dc/terms/creator' && q.object.value === `${BASE}${THINGS.person}`);
    expect(wrote.length).toBeGreaterThanOrEqual(3);
    const sheetTitles = quads.filter((q) => q.subject.equals(wrote[0]!.subject) && q.predicate.value === 'http://purl.org/dc/terms/title');
    expect(sheetTitles.length).toBeGreaterThanOrEqual(1);
    const descriptor = await parseRdf(await (await get(`doc/${THINGS.descriptor.slice(3)}.nt`)).text(), 'application/n-triples');
    const neighbourLabels = descriptor.filter((q) => q.subject.value === `${BASE}id/descriptor/circuits-courts` && q.predicate.value.endsWith('#prefLabel'));
    expect(neighbourLabels.map((q) => (q.object as { language: string }).language).sort()).toEqual(['en', 'es', 'fr']);
  });

  it('are queried once: a description already written, or a thing already seen, is answered without the store', async () => {
    const store = running.store;
    let queries = 0;
    const counted = <A extends unknown[], R>(f: (...args: A) => Promise<R>) => (...args: A) => { queries += 1; return f(...args); };
    const original = { construct: store.construct, select: store.select };
    store.construct = counted(original.construct.bind(store));
    store.select = counted(original.select.bind(store));
    // The queried description is let go after a while; what was written from it stays.
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      const path = 'doc/place/lyon.jsonld';
      expect((await get(path)).status).toBe(200);
      expect(queries).toBeGreaterThan(0);
      vi.advanceTimersByTime(10 * 60_000);
      queries = 0;
      expect((await get(path)).status).toBe(200);
      expect((await get('id/place/lyon', { Accept: 'text/turtle' })).status).toBe(303);
      expect(queries).toBe(0);
    } finally {
      vi.useRealTimers();
      Object.assign(store, original);
    }
  });

  it('serve the JSON-LD context as a cacheable document', async () => {
    const response = await get(CONTEXT_PATH);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/ld\+json/);
    expect(response.headers.get('cache-control')).toContain('max-age=86400');
    const body = await response.json() as { '@context': Record<string, unknown> };
    expect(body['@context'].citego).toBe(`${BASE}ontology#`);
    expect(body['@context'].title).toEqual({ '@id': 'dct:title', '@container': '@language' });
  });
});
