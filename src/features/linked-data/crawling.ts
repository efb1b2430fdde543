/**
 * What crawlers read first: robots.txt, pointing to the sitemap, and the sitemap itself (every
 * thing's page, with the date the data gives it), written once per version of the data.
 */
import type { Request, Response } from 'express';
import type { ServiceState } from '../../build/state.js';
import { negotiateLanguage } from '../../http/negotiation.js';
import { sendNotFound } from '../../http/not-found.js';
import { sendStillLoading } from '../../http/plain-text.js';
import { Representation, sendRepresentation } from '../../http/representation.js';
import { FORMATS } from '../../rdf/formats.js';
import type { Store } from '../../store/store.js';
import { KINDS } from './browse.js';
import type { IriPolicy } from './iri-policy.js';
import { buildSitemaps } from './sitemap.js';
import type { ThingIndex } from './thing-index.js';

export function robotsTxt(baseIRI: string): Representation {
  return new Representation(
    `# The data is open: crawl the descriptions (the sitemap lists them all). Leave to people and\n# programs the query endpoint, the search (every combination of its filters is a page), the\n# atlas's and the lists' views of the same things in every order, scope and radius, the widgets'\n# JSON and the reader's own tools.\nUser-agent: *\nDisallow: /sparql\nDisallow: /search\nDisallow: /atlas/\nDisallow: /lists/\nDisallow: /api/\nDisallow: /reader/\nAllow: /\n\nSitemap: ${new URL('sitemap.xml', baseIRI).href}\n`,
    'text/plain; charset=utf-8', { cacheControl: 'public, max-age=86400' });
}

export class Sitemaps {
  private current: { version: string; files: Promise<Representation[]> } | undefined;

  constructor(private readonly state: ServiceState, private readonly policy: IriPolicy, private readonly index: ThingIndex) {}

  /** Sends sitemap file `number` (0: the sitemap, or the index of the numbered files). */
  async send(req: Request, res: Response, number: number): Promise<void> {
    const status = this.state.status;
    if (status.phase !== 'ready') {
      sendStillLoading(res);
      return;
    }
    if (this.current?.version !== status.dataVersion) {
      const files = this.write(status.store, status.dataVersion, status.dataModified);
      this.current = { version: status.dataVersion, files };
      files.catch(() => { this.current = undefined; });
    }
    const files = await this.current.files;
    const file = files[number];
    if (!file || (number > 0 && files.length === 1)) {
      await sendNotFound(req, res, { address: new URL(req.originalUrl.slice(1), this.policy.baseIRI).href, language: negotiateLanguage(req, req.query.lang) });
      return;
    }
    sendRepresentation(req, res, file);
  }

  private async write(store: Store, version: string, publishedAt: Date): Promise<Representation[]> {
    const { baseIRI } = this.policy;
    const things = await this.index.things(store, version);
    const entries = [
      { loc: baseIRI },
      ...KINDS.map((kind) => ({ loc: new URL(`browse/${kind}`, baseIRI).href })),
      ...things.map((thing) => ({ loc: this.policy.descriptionUrl(thing.iri, FORMATS.html), lastmod: thing.lastmod })),
    ];
    return buildSitemaps(entries, baseIRI, publishedAt)
      .map((xml) => new Representation(xml, 'application/xml; charset=utf-8', { cacheControl: 'public, max-age=3600', lastModified: publishedAt }));
  }
}
