/**
 * What a crawler sees: following the links of the pages from the home page reaches every
 * thing, the sitemap lists every thing (an index beyond 50,000 URLs), and robots.txt points
 * to the sitemap.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSitemaps } from '../../../src/features/linked-data/sitemap.js';
import { BASE } from '../../helpers.js';
import { startService, type RunningService } from '../../service-harness.js';

let running: RunningService;
let things: string[];

beforeAll(async () => {
  running = await startService();
  const result = await running.store.select(`SELECT DISTINCT ?s WHERE { ?s ?p ?o FILTER(isIRI(?s) && STRSTARTS(STR(?s), "${BASE}id/")) }`);
  things = result.map((row) => row.s!.value).sort();
});

afterAll(async () => {
  await running.close();
});

/** The description page a thing's IRI redirects a browser to. */
const pageOf = (thing: string) => `/doc/${thing.slice(`${BASE}id/`.length)}.html`;

/**
 * Same-site links of a page, as paths; links written with the base IRI count as same-site.
 * The language a link carries is dropped: the other languages show the same things again.
 */
function linksOf(html: string, from: string): string[] {
  const links: string[] = [];
  for (const match of html.matchAll(/\shref="([^"]*)"/g)) {
    const href = match[1]!.replace(/&amp;/g, '&');
    const url = new URL(href.startsWith(BASE) ? `/${href.slice(BASE.length)}` : href, `http://crawler${from}`);
    if (url.origin !== 'http://crawler') continue;
    url.searchParams.delete('lang');
    links.push(url.pathname + url.search);
  }
  return links;
}

/**
 * A page fetched as a crawler does: a 503 with Retry-After (a part still being prepared, such as
 * the catalogue while the dumps are written) is asked again a little later, within a bound.
 */
async function crawl(path: string): Promise<Response> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const response = await fetch(`${running.origin}${path}`, { headers: { Accept: 'text/html' } });
    if (response.status !== 503 || !response.headers.has('retry-after') || Date.now() > deadline) return response;
    await response.arrayBuffer();
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe('a crawler', () => {
  it('reaches every thing by following links from the home page', async () => {
    // A polite crawler: what robots.txt disallows (the endpoint, the search…) it does not fetch.
    const robots = await (await fetch(`${running.origin}/robots.txt`)).text();
    const disallowed = [...robots.matchAll(/^Disallow: (\S+)$/gm)].map((m) => m[1]!);
    expect(disallowed).toContain('/sparql');
    const seen = new Set<string>(['/']);
    const queue = ['/'];
    const reachedPages = new Set<string>();
    while (queue.length > 0) {
      const path = queue.shift()!;
      const response = await crawl(path);
      expect(response.status, path).toBe(200);
      if (!response.headers.get('content-type')?.startsWith('text/html')) continue;
      reachedPages.add(new URL(response.url).pathname);
      for (const link of linksOf(await response.text(), path)) {
        if (disallowed.some((prefix) => link.startsWith(prefix))) continue;
        if (!seen.has(link)) {
          seen.add(link);
          queue.push(link);
        }
      }
    }
    expect(things.length).toBeGreaterThan(250);
    const unreached = things.filter((thing) => !reachedPages.has(pageOf(thing)));
    expect(unreached).toEqual([]);
  }, 180_000);

  it('finds every thing in the sitemap, with the dates the data gives', async () => {
    const response = await fetch(`${running.origin}/sitemap.xml`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/xml/);
    const xml = await response.text();
    expect(xml).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    const locations = new Set([...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]!));
    const missing = things.filter((thing) => !locations.has(`${BASE}${pageOf(thing).slice(1)}`));
    expect(missing).toEqual([]);
    expect(xml).toMatch(/<loc>[^<]*\/doc\/document\/[^<]*<\/loc><lastmod>\d{4}(-\d\d){0,2}<\/lastmod>/);
  });

  it('is told by robots.txt where the sitemap is', async () => {
    const response = await fetch(`${running.origin}/robots.txt`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await response.text()).toMatch(new RegExp(`^Sitemap: ${BASE}sitemap\\.xml$`, 'm'));
  });
});

describe('sitemaps beyond the limit of one file', () => {
  const entries = Array.from({ length: 5 }, (_, i) => ({ loc: `${BASE}doc/thing/${i}.html?a=1&b=2`, lastmod: '2024-05-01' }));
  const publishedAt = new Date('2026-01-02T03:04:05Z');

  it('are one urlset while the URLs fit', () => {
    const files = buildSitemaps(entries, BASE, publishedAt, 5);
    expect(files).toHaveLength(1);
    expect(files[0]).toContain('<loc>http://localhost:3000/doc/thing/4.html?a=1&amp;b=2</loc><lastmod>2024-05-01</lastmod>');
  });

  it('become an index of numbered files when they do not', () => {
    const [index, ...parts] = buildSitemaps(entries, BASE, publishedAt, 2);
    expect(parts).toHaveLength(3);
    expect(index).toContain('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    expect([...index!.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1])).toEqual([1, 2, 3].map((n) => `${BASE}sitemap-${n}.xml`));
    expect(index).toContain('<lastmod>2026-01-02T03:04:05.000Z</lastmod>');
    expect(parts.map((part) => part.match(/<url>/g)!.length)).toEqual([2, 2, 1]);
  });
});
