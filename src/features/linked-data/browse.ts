/**
 * The browse pages: every thing of a kind, page by page, named in the reader's language, so that
 * a person (or a crawler starting at the home page) reaches everything.
 */
import type { Request, Response } from 'express';
import type { ServiceState } from '../../build/state.js';
import { negotiateLanguage } from '../../http/negotiation.js';
import { sendNotFound } from '../../http/not-found.js';
import { sendStillLoading } from '../../http/plain-text.js';
import { Representation, sendRepresentation } from '../../http/representation.js';
import type { QueryCatalogue } from '../../queries/catalogue.js';
import type { Store } from '../../store/store.js';
import { FORMATS } from '../../rdf/formats.js';
import { html } from '../../web/html.js';
import { textsIn, type Catalogue } from '../../web/i18n/catalogue.js';
import { renderPage } from '../../web/layout.js';
import type { IriPolicy } from './iri-policy.js';
import { labelsOf, type ThingIndex } from './thing-index.js';
import { DescriptionView } from './view.js';

/** The kinds of things, by the segment of their IRIs, as the browse pages name them. */
export const KINDS = ['document', 'dossier', 'descriptor', 'component', 'angle', 'scale', 'scheme', 'localmap', 'actor', 'membership', 'role', 'place'] as const;
export type Kind = (typeof KINDS)[number];

const isKind = (value: string): value is Kind => (KINDS as readonly string[]).includes(value);
const PER_PAGE = 100;

export interface BrowseOptions {
  readonly state: ServiceState;
  readonly queries: QueryCatalogue;
  readonly policy: IriPolicy;
  readonly index: ThingIndex;
}

export function kindName(kind: Kind, t: Catalogue): string {
  return t.kinds[kind];
}

export function browsePage(options: BrowseOptions) {
  const { state, policy, index } = options;
  return async (req: Request, res: Response): Promise<void> => {
    const kind = String(req.params.kind);
    const language = negotiateLanguage(req, req.query.lang);
    const t = textsIn(language);
    res.vary('Accept-Language');
    const status = state.status;
    if (status.phase !== 'ready') {
      sendStillLoading(res);
      return;
    }
    const page = Number(req.query.page ?? '1');
    const all = (await index.things(status.store, status.dataVersion)).filter((thing) => thing.kind === kind);
    const pages = Math.max(1, Math.ceil(all.length / PER_PAGE));
    if (!isKind(kind) || !Number.isInteger(page) || page < 1 || page > pages) {
      await sendNotFound(req, res, { address: `${policy.baseIRI}${req.originalUrl.slice(1)}`, language });
      return;
    }
    const slice = all.slice((page - 1) * PER_PAGE, page * PER_PAGE);
    const labels = await labelsOf(status.store, options.queries, slice.map((thing) => thing.iri));
    const items = slice.map((thing) => {
      const literals = (labels.get(thing.iri) ?? []).map((l) => ({ termType: 'Literal' as const, value: l.value, language: l.language, datatype: { termType: 'NamedNode' as const, value: '' } }));
      return { thing, label: DescriptionView.pick(literals, language) };
    }).sort((a, b) => (a.label?.value ?? a.thing.iri).localeCompare(b.label?.value ?? b.thing.iri, language));
    const pageLink = (n: number) => `/browse/${kind}?page=${n}&lang=${language}`;
    const heading = kindName(kind, t);
    const list = (shown: typeof items) => html`<ul class="links">${shown.map(({ thing, label }) => html`<li><a href="${policy.descriptionPath(thing.iri, FORMATS.html)}?lang=${language}"${label?.language ? html` lang="${label.language}"` : ''}>${label?.value ?? thing.iri}</a></li>`)}</ul>`;
    // Actors are persons or organisations: each page shows them apart.
    const persons = kind === 'actor' ? await personsAmong(status.store, options.queries, slice.map((thing) => thing.iri)) : undefined;
    const groups: [string, typeof items][] = persons
      ? [[t.kinds.person, items.filter((i) => persons.has(i.thing.iri))], [t.kinds.organisation, items.filter((i) => !persons.has(i.thing.iri))]]
      : [];
    const listed = persons ? html`${groups.filter(([, group]) => group.length > 0).map(([name, group]) => html`<h2>${name}</h2>${list(group)}`)}` : list(items);
    const body = html`<p><a href="/?lang=${language}">${t.home}</a></p>
<h1>${heading}</h1>
<p>${t.atlas.lists.itemCount(all.length)}${pages > 1 ? html` — ${t.page} ${page} ${t.of} ${pages}` : ''}</p>
${listed}
${pages > 1 ? html`<nav class="pagination"><p>${page > 1 ? html`<a rel="prev" href="${pageLink(page - 1)}">← ${t.previous}</a> ` : ''}${page < pages ? html`<a rel="next" href="${pageLink(page + 1)}">${t.next} →</a>` : ''}</p></nav>` : ''}`;
    const representation = new Representation(renderPage({
      language, title: heading, path: page > 1 ? `/browse/${kind}?page=${page}` : `/browse/${kind}`, body,
    }), 'text/html; charset=utf-8', { cacheControl: 'public, max-age=300', lastModified: status.dataModified });
    sendRepresentation(req, res, representation);
  };
}

/** Which of the things are persons. */
async function personsAmong(store: Store, queries: QueryCatalogue, iris: readonly string[]): Promise<Set<string>> {
  if (iris.length === 0) return new Set();
  const query = queries.get('persons').replace('<urn:x-citego:this>', iris.map((i) => `<${i}>`).join(' '));
  return new Set((await store.select(query)).map((row) => row.thing!.value));
}
