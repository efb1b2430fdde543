/**
 * The HTTP application over the demo data: the home page in three languages with what the
 * service holds, the health check, the ontology and shapes downloads, and clear 404s.
 */
import { createServer } from 'node:http';
import { Parser } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { assembleService } from '../../src/server/service.js';
import { ServiceState } from '../../src/server/state.js';
import { BASE, projectRules } from '../helpers.js';
import { startService, type RunningService } from '../service-harness.js';

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
    expect(page).toContain('<th scope="row">Fiches</th><td class="number">68</td>');
    for (const part of ['/sparql', '/ontology', '/shapes', '/doc/scheme/atlas.html', '/browse/document']) expect(page).toContain(`href="${part}"`);
    expect(page).toContain('href="/browse/descriptor?lang=fr"');
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

  it('answers 404 with a page for people and JSON for programs', async () => {
    const page = await fetch(`${origin}/nowhere`, { headers: { Accept: 'text/html' } });
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('Ressource introuvable');
    const json = await fetch(`${origin}/nowhere`, { headers: { Accept: 'application/json' } });
    expect(json.status).toBe(404);
    expect(await json.json()).toEqual({ error: 'not found', path: '/nowhere' });
  });
});

describe('while loading', () => {
  it('answers 503 with Retry-After and shows the progress', async () => {
    const loading = new ServiceState();
    loading.status = { phase: 'loading', progress: { phase: 'validate', bytesDone: 40, bytesTotal: 100 } };
    const service = await assembleService(loadConfig({ BASE_IRI: BASE }), await projectRules());
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

