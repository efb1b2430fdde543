/**
 * The routes around dereferencing that are not on its hot path: the JSON-LD @context, the
 * browse pages (every thing of a kind, page by page, so that a crawler starting at the home
 * page reaches everything), the sitemap and robots.txt.
 */
import express, { type Request, type Response } from 'express';
import type { ServiceConfig } from '../config.js';
import { html } from '../server/html.js';
import { negotiateLanguage } from '../server/language.js';
import { renderPage } from '../server/layout.js';
import { sendPlainText, sendStillLoading } from '../server/plain-text.js';
import { Representation, sendRepresentation } from '../server/representation.js';
import type { ServiceState } from '../server/state.js';
import type { ServiceQueries } from '../sparql/queries.js';
import { DESCRIPTION_FORMATS } from './formats.js';
import type { IriPolicy } from './iri-policy.js';
import { say, type Texts, UI } from './pages/texts.js';
import { buildSitemaps } from './sitemap.js';
import { labelsOf, type ThingIndex } from './thing-index.js';
import { DescriptionView } from './view.js';

/** The kinds of things, by the segment of their IRIs, as the browse pages name them. */
export const KINDS: Readonly<Record<string, Texts>> = {
  document: { fr: 'Fiches', en: 'Sheets', es: 'Fichas' },
  dossier: { fr: 'Dossiers thématiques', en: 'Thematic dossiers', es: 'Dossiers temáticos' },
  descriptor: { fr: 'Descripteurs de l\'atlas', en: 'Atlas descriptors', es: 'Descriptores del atlas' },
  component: { fr: 'Composantes du territoire', en: 'Components of a territory', es: 'Componentes del territorio' },
  angle: { fr: 'Angles d\'approche de la gouvernance', en: 'Angles of approach to governance', es: 'Ángulos de enfoque de la gobernanza' },
  scale: { fr: 'Échelles', en: 'Scales', es: 'Escalas' },
  scheme: { fr: 'Schémas de concepts', en: 'Concept schemes', es: 'Esquemas de conceptos' },
  localmap: { fr: 'Cartes locales', en: 'Local maps', es: 'Mapas locales' },
  actor: { fr: 'Acteurs', en: 'Actors', es: 'Actores' },
  membership: { fr: 'Appartenances', en: 'Memberships', es: 'Pertenencias' },
  role: { fr: 'Rôles', en: 'Roles', es: 'Roles' },
  place: { fr: 'Lieux', en: 'Places', es: 'Lugares' },
};

const PER_PAGE = 100;
const HTML_FORMAT = DESCRIPTION_FORMATS[0]!;

export interface LinkedDataRoutesOptions {
  readonly config: ServiceConfig;
  readonly state: ServiceState;
  readonly queries: ServiceQueries;
  readonly policy: IriPolicy;
  readonly index: ThingIndex;
  readonly contextPath: string;
  readonly jsonLdContext: Record<string, unknown>;
}

export function linkedDataRoutes(options: LinkedDataRoutesOptions): express.Router {
  const { config, state, policy, index } = options;
  const router = express.Router();
  const context = new Representation(`${JSON.stringify({ '@context': options.jsonLdContext }, null, 2)}\n`, 'application/ld+json; charset=utf-8',
    { cacheControl: 'public, max-age=86400', headers: { 'Access-Control-Allow-Origin': '*' } });
  router.get(options.contextPath, (req, res) => sendRepresentation(req, res, context));

  const ready = (res: Response) => {
    const status = state.status;
    if (status.phase === 'ready') return status;
    sendStillLoading(res);
    return undefined;
  };

  router.get('/browse/:kind', async (req: Request, res: Response, next) => {
    try {
      const kind = String(req.params.kind);
      const language = negotiateLanguage(req.query.lang, req.get('accept-language'));
      res.vary('Accept-Language');
      const heading = KINDS[kind];
      const status = ready(res);
      if (!status) return;
      const page = Number(req.query.page ?? '1');
      const all = (await index.things(status.store, status.dataVersion)).filter((t) => t.kind === kind);
      const pages = Math.max(1, Math.ceil(all.length / PER_PAGE));
      if (!heading || !Number.isInteger(page) || page < 1 || page > pages) {
        sendPlainText(res, 404, `No such list: /browse/${kind}?page=${req.query.page ?? 1}`);
        return;
      }
      const slice = all.slice((page - 1) * PER_PAGE, page * PER_PAGE);
      const labels = await labelsOf(status.store, options.queries, slice.map((t) => t.iri));
      const items = slice.map((thing) => {
        const literals = (labels.get(thing.iri) ?? []).map((l) => ({ termType: 'Literal' as const, value: l.value, language: l.language, datatype: { termType: 'NamedNode' as const, value: '' } }));
        const label = DescriptionView.pick(literals, language);
        return { thing, label };
      }).sort((a, b) => (a.label?.value ?? a.thing.iri).localeCompare(b.label?.value ?? b.thing.iri, language));
      const pageLink = (n: number) => `/browse/${kind}?page=${n}&lang=${language}`;
      const body = html`<p><a href="/?lang=${language}">${say(UI.home, language)}</a></p>
<h1>${say(heading, language)}</h1>
<p>${all.length.toLocaleString(language)}${pages > 1 ? html` — ${say(UI.page, language)} ${page} ${say(UI.of, language)} ${pages}` : ''}</p>
<ul class="links">${items.map(({ thing, label }) => html`<li><a href="${policy.descriptionPath(thing.iri, HTML_FORMAT)}?lang=${language}"${label?.language ? html` lang="${label.language}"` : ''}>${label?.value ?? thing.iri}</a></li>`)}</ul>
${pages > 1 ? html`<nav class="pagination"><p>${page > 1 ? html`<a rel="prev" href="${pageLink(page - 1)}">← ${say(UI.previous, language)}</a> ` : ''}${page < pages ? html`<a rel="next" href="${pageLink(page + 1)}">${say(UI.next, language)} →</a>` : ''}</p></nav>` : ''}`;
      const representation = new Representation(renderPage({
        language, title: say(heading, language), path: page > 1 ? `/browse/${kind}?page=${page}` : `/browse/${kind}`, body,
        head: html`<style>ul.links { display: grid; grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr)); gap: .2rem 1.5rem; padding-left: 1.1rem; }</style>`,
      }), 'text/html; charset=utf-8', { cacheControl: 'public, max-age=300', lastModified: status.readyAt });
      sendRepresentation(req, res, representation);
    } catch (error) {
      next(error);
    }
  });

  router.get('/robots.txt', (_req, res) => {
    res.type('text/plain').set('Cache-Control', 'public, max-age=86400').send(
      `# The data is open: crawl the descriptions; leave the query endpoint to people and programs.\nUser-agent: *\nDisallow: /sparql\nAllow: /\n\nSitemap: ${new URL('sitemap.xml', config.baseIRI).href}\n`);
  });

  let sitemaps: { version: string; files: Promise<Representation[]> } | undefined;
  const sitemapFiles = async (store: Parameters<ThingIndex['things']>[0], version: string, publishedAt: Date): Promise<Representation[]> => {
    const things = await index.things(store, version);
    const entries = [
      { loc: config.baseIRI },
      ...Object.keys(KINDS).map((kind) => ({ loc: new URL(`browse/${kind}`, config.baseIRI).href })),
      ...things.map((t) => ({ loc: policy.descriptionUrl(t.iri, HTML_FORMAT), lastmod: t.lastmod })),
    ];
    return buildSitemaps(entries, config.baseIRI, publishedAt)
      .map((xml) => new Representation(xml, 'application/xml; charset=utf-8', { cacheControl: 'public, max-age=3600', lastModified: publishedAt }));
  };
  const sendSitemap = async (req: Request, res: Response, number: number) => {
    const status = ready(res);
    if (!status) return;
    if (sitemaps?.version !== status.dataVersion) sitemaps = { version: status.dataVersion, files: sitemapFiles(status.store, status.dataVersion, status.readyAt) };
    const files = await sitemaps.files;
    const file = files[number];
    if (!file || (number > 0 && files.length === 1)) {
      sendPlainText(res, 404, 'No such sitemap.');
      return;
    }
    sendRepresentation(req, res, file);
  };
  router.get('/sitemap.xml', (req, res, next) => { sendSitemap(req, res, 0).catch(next); });
  router.get(/^\/sitemap-(\d+)\.xml$/, (req, res, next) => { sendSitemap(req, res, Number((req.params as Record<string, string>)[0])).catch(next); });
  return router;
}
