/**
 * Sitemaps (sitemaps.org): one urlset when everything fits in 50,000 URLs, else a sitemap index
 * pointing to files of 50,000 URLs each, sitemap-1.xml, sitemap-2.xml…
 */
import { escapeMarkup } from '../../web/html.js';

export const URLS_PER_SITEMAP = 50_000;

export interface SitemapEntry {
  readonly loc: string;
  /** W3C date: YYYY, YYYY-MM or YYYY-MM-DD. */
  readonly lastmod?: string;
}

function urlset(entries: readonly SitemapEntry[]): string {
  const urls = entries.map((e) => `<url><loc>${escapeMarkup(e.loc)}</loc>${e.lastmod ? `<lastmod>${e.lastmod}</lastmod>` : ''}</url>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
}

/** The sitemap files: [the sitemap (or the index), then the numbered files if there is an index]. */
export function buildSitemaps(entries: readonly SitemapEntry[], baseIRI: string, publishedAt: Date, perFile = URLS_PER_SITEMAP): string[] {
  if (entries.length <= perFile) return [urlset(entries)];
  const chunks: SitemapEntry[][] = [];
  for (let i = 0; i < entries.length; i += perFile) chunks.push(entries.slice(i, i + perFile));
  const index = `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${chunks.map((_, i) =>
    `<sitemap><loc>${escapeMarkup(new URL(`sitemap-${i + 1}.xml`, baseIRI).href)}</loc><lastmod>${publishedAt.toISOString()}</lastmod></sitemap>`).join('\n')}\n</sitemapindex>\n`;
  return [index, ...chunks.map(urlset)];
}
