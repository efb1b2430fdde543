/**
 * A thing that thousands of links point to is described a page at a time: a hundred incoming
 * links per page, the page links in the data (Hydra) and in the HTML, every link on exactly
 * one page. On generated data, where a descriptor indexes hundreds of sheets.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../../src/generate/generator.js';
import { BASE } from '../../helpers.js';
import { startService, type RunningService } from '../../service-harness.js';
import { parseRdf } from '../../support/rdf-formats.js';

const HYDRA = 'http://www.w3.org/ns/hydra/core#';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';

let running: RunningService;
let dataDir: string;
/** The thing most pointed to, and how many links point to it. */
let busiest: { thing: string; links: number };

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'citego-paging-'));
  generate({ documents: 1500, seed: 7, outDir: dataDir });
  running = await startService({ env: { DATA_DIR: dataDir } });
  const [row] = await running.store.select(`SELECT ?o (COUNT(*) AS ?links) WHERE { ?s ?p ?o FILTER(isIRI(?o) && STRSTARTS(STR(?o), "${BASE}id/")) }
    GROUP BY ?o ORDER BY DESC(?links) ?o LIMIT 1`);
  busiest = { thing: row!.o!.value, links: Number(row!.links!.value) };
}, 120_000);

afterAll(async () => {
  await running?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const docPath = (thing: string, extension: string, page = 1) =>
  `/doc/${thing.slice(`${BASE}id/`.length)}.${extension}${page > 1 ? `?page=${page}` : ''}`;

async function turtlePage(page: number) {
  const response = await fetch(`${running.origin}${docPath(busiest.thing, 'ttl', page)}`);
  expect(response.status, `page ${page}`).toBe(200);
  return { response, quads: await parseRdf(await response.text(), 'text/turtle') };
}

describe('a thing with many incoming links', () => {
  it('is described a hundred links at a time, each link on exactly one page', async () => {
    expect(busiest.links).toBeGreaterThan(250);
    const pages = Math.ceil(busiest.links / 100);
    const seen = new Set<string>();
    for (let page = 1; page <= pages; page += 1) {
      const { quads } = await turtlePage(page);
      // The description document names its topic; every other triple ending on the thing is a link.
      const incoming = quads.filter((q) => q.object.value === busiest.thing && !q.subject.value.startsWith(`${BASE}doc/`))
        .map((q) => `${q.subject.value} ${q.predicate.value}`);
      expect(incoming.length, `page ${page}`).toBe(page < pages ? 100 : busiest.links - 100 * (pages - 1));
      for (const link of incoming) {
        expect(seen.has(link), link).toBe(false);
        seen.add(link);
      }
    }
    expect(seen.size).toBe(busiest.links);
    const beyond = await fetch(`${running.origin}${docPath(busiest.thing, 'ttl', pages + 1)}`);
    expect(beyond.status).toBe(404);
  });

  it('says in Hydra terms where the first, previous, next and last pages are', async () => {
    const pages = Math.ceil(busiest.links / 100);
    const { quads, response } = await turtlePage(2);
    const document = `${BASE}${docPath(busiest.thing, 'ttl', 2).slice(1)}`.replace('.ttl', '');
    const about = (predicate: string) => quads.filter((q) => q.subject.value === document && q.predicate.value === predicate).map((q) => q.object.value);
    expect(about(RDF_TYPE)).toContain(`${HYDRA}PartialCollectionView`);
    expect(about(`${HYDRA}totalItems`)).toEqual([String(busiest.links)]);
    const negotiated = (page: number) => `${BASE}${docPath(busiest.thing, 'x', page).slice(1)}`.replace('.x', '');
    expect(about(`${HYDRA}first`)).toEqual([negotiated(1)]);
    expect(about(`${HYDRA}previous`)).toEqual([negotiated(1)]);
    expect(about(`${HYDRA}next`)).toEqual([negotiated(3)]);
    expect(about(`${HYDRA}last`)).toEqual([negotiated(pages)]);
    expect(response.headers.get('link')).toContain(`<${docPath(busiest.thing, 'ttl', 3)}>; rel="next"`);
    expect(response.headers.get('link')).toContain(`<${docPath(busiest.thing, 'ttl', 1)}>; rel="prev"`);
  });

  it('shows the pages as links in HTML, and rejects a page that is not a number', async () => {
    const response = await fetch(`${running.origin}${docPath(busiest.thing, 'html', 2)}`, { headers: { 'Accept-Language': 'en' } });
    const html = await response.text();
    expect(html).toMatch(/<nav class="pagination"[^>]*><p>Page 2 of \d+/);
    expect(html).toContain(`rel="next" href="${docPath(busiest.thing, 'html', 3)}&amp;lang=en"`);
    expect(html).toContain(`rel="prev" href="${docPath(busiest.thing, 'html')}?lang=en"`);
    for (const page of ['0', '-1', 'two', '1.5']) {
      const bad = await fetch(`${running.origin}${docPath(busiest.thing, 'html')}?page=${page}`);
      expect(bad.status, page).toBe(404);
    }
  });
});
