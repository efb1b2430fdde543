/**
 * The atlas for people who read it: the matrix (`/atlas`) and its cells, the atlas view of a
 * descriptor's neighbourhood, the network of actors, the lists (sheets by type, dossier, place,
 * year and actor; actors by family; the alphabetical index of descriptors), the reader's tools
 * (history and basket, with the bibliography export), and the JSON widgets of sister sites
 * (`/api/atlas/neighbourhood`, `/api/atlas/matrix`, `/api/actors/network`). Everything is
 * computed from the collection of the version served, prepared once per version.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import express, { type Request, type Response } from 'express';
import { materialisedModel } from '../../build/materialise.js';
import type { ReadyStatus } from '../../build/state.js';
import type { ActorFamily, Collection } from '../../collection/collection.js';
import { CollectionSource } from '../../collection/current.js';
import { negotiate, negotiateLanguage } from '../../http/negotiation.js';
import { sendNotFound } from '../../http/not-found.js';
import { sendPlainText, sendStillLoading } from '../../http/plain-text.js';
import { addVary, Representation, sendRepresentation } from '../../http/representation.js';
import { html } from '../../web/html.js';
import { pickText } from '../../web/i18n/fallback.js';
import { textsIn, type PageLanguage } from '../../web/i18n/catalogue.js';
import { READER_TOOLS_PATH } from '../../web/layout.js';
import { thingPage } from '../../web/links.js';
import type { Feature, FeatureContext } from '../feature.js';
import { bibliography, BIBLIOGRAPHY_FORMATS, isBibliographyFormat } from './bibliography.js';
import { networkPage, neighbourhoodPage } from './graph-pages.js';
import { GRAPH_SCRIPT } from './graph-script.js';
import { actorNetwork, matrix, neighbourhood, type MatrixCell, type Scope } from './graphs.js';
import { listJsonLd, listPage, pagesOf, type ListItem, type ListModel } from './list-pages.js';
import { FAMILIES, GROUPINGS, PreparedLists, type Grouping } from './lists.js';
import { cellPage, matrixPage } from './matrix-pages.js';
import { basketPage, historyPage, READER_TOOLS_SCRIPT } from './reader-tools.js';
import { GRAPH_LIBRARY_PATH, GRAPH_SCRIPT_PATH, type ViewContext } from './view.js';

/** Nodes a graph shows at most, by default and when a widget asks for more. */
const VIEW_NODES = 32;
const NETWORK_NODES = 80;
const MAX_NODES = 1000;
const BASKET_LIMIT = 500;
/** How long a request waits for the collection of a version just published before answering 503. */
const PATIENCE_MS = 5_000;

/** What is prepared once per version: the matrix and the lists. */
interface Prepared {
  readonly matrix: readonly MatrixCell[];
  readonly lists: PreparedLists;
}
const PREPARED = new WeakMap<Collection, Prepared>();

function prepared(collection: Collection): Prepared {
  let found = PREPARED.get(collection);
  if (!found) {
    found = { matrix: matrix(collection), lists: new PreparedLists(collection) };
    PREPARED.set(collection, found);
  }
  return found;
}

class BadRequest extends Error {}

function positiveInteger(value: unknown, name: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value) || n < 1 || n > max) throw new BadRequest(`"${name}" is a whole number from 1 to ${max}, not "${String(value)}"`);
  return n;
}

function iriParameter(value: unknown, name: string, exists: (iri: string) => boolean, what: string): string {
  if (typeof value !== 'string' || value === '') throw new BadRequest(`"${name}" is required: the IRI of ${what}`);
  if (!exists(value)) throw new BadRequest(`"${name}" must be the IRI of ${what}; ${value} is not one`);
  return value;
}

function radiusOf(value: unknown): 1 | 2 {
  if (value === undefined || value === '' || value === '1') return 1;
  if (value === '2') return 2;
  throw new BadRequest(`"radius" is 1 or 2, not "${String(value)}"`);
}

function scopeOf(query: Request['query'], collection: Collection): Scope {
  const given = (['place', 'dossier', 'descriptor'] as const).filter((k) => query[k] !== undefined);
  if (given.length > 1) throw new BadRequest(`a network has one scope: place, dossier or descriptor, not ${given.join(' and ')}`);
  const kind = given[0];
  if (!kind) return { kind: 'collection' };
  const exists = { place: (i: string) => collection.places.has(i), dossier: (i: string) => collection.dossiers.has(i), descriptor: (i: string) => collection.descriptors.has(i) }[kind];
  return { kind, iri: iriParameter(query[kind], kind, exists, `a ${kind === 'descriptor' ? 'descriptor of the atlas' : kind}`) };
}

export function atlas(context: FeatureContext): Feature {
  const { config, state, queries, rules } = context;
  const collections = new CollectionSource(queries, config.baseIRI, materialisedModel(rules));
  // The collection of each version is prepared as it is built (shared with the search, when both tap the build).
  state.tapBuilds((store) => collections.prepare(store));
  const routes = express.Router();

  /**
   * Runs a handler with the collection of the version served, or says why there is none yet. A
   * request arriving while a new version is read waits a little for it (a small collection is
   * read in well under a second); past that it is answered 503.
   */
  const withCollection = (handler: (req: Request, res: Response, collection: Collection, status: ReadyStatus) => void) =>
    (req: Request, res: Response, next: (error?: unknown) => void) => {
      const status = state.status;
      if (status.phase !== 'ready') {
        sendStillLoading(res);
        return;
      }
      const run = (collection: Collection | undefined) => {
        if (!collection) {
          sendStillLoading(res, 'The atlas of the new version of the data is being prepared; try again in a few seconds.');
          return;
        }
        try {
          handler(req, res, collection, status);
        } catch (error) {
          if (error instanceof BadRequest) sendPlainText(res, 400, `Bad request: ${error.message}.`);
          else next(error);
        }
      };
      const ready = collections.peek(status);
      if (ready) {
        run(ready);
        return;
      }
      Promise.race([collections.of(status), new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), PATIENCE_MS))]).then(run, next);
    };

  const viewOf = (req: Request, collection: Collection): ViewContext => {
    const language = negotiateLanguage(req, req.query.lang);
    return { collection, language, t: textsIn(language), baseIRI: config.baseIRI };
  };

  const sendPage = (req: Request, res: Response, page: string, status: ReadyStatus) => {
    addVary(res, 'Accept-Language');
    sendRepresentation(req, res, new Representation(page, 'text/html; charset=utf-8', { cacheControl: 'public, max-age=300', lastModified: status.readyAt }));
  };
  /** JSON for widgets: CORS (for every route), a strong ETag and 304, like the descriptions. */
  const sendJson = (req: Request, res: Response, value: unknown, status: ReadyStatus, mediaType = 'application/json; charset=utf-8') => {
    addVary(res, 'Accept-Language');
    sendRepresentation(req, res, new Representation(`${JSON.stringify(value)}\n`, mediaType, { cacheControl: 'public, max-age=300', lastModified: status.readyAt }));
  };
  const notFound = (req: Request, res: Response, language: PageLanguage) =>
    sendNotFound(req, res, { address: new URL(req.originalUrl.slice(1), config.baseIRI).href, language });

  // ---- the matrix and the atlas view ---------------------------------------------------------
  routes.get('/atlas', withCollection((req, res, collection, status) => {
    sendPage(req, res, matrixPage(prepared(collection).matrix, viewOf(req, collection)), status);
  }));
  routes.get('/atlas/cell', withCollection((req, res, collection, status) => {
    const view = viewOf(req, collection);
    const component = iriParameter(req.query.component, 'component', (i) => collection.components.some((c) => c.iri === i), 'a component of the matrix');
    const angle = iriParameter(req.query.angle, 'angle', (i) => collection.angles.some((a) => a.iri === i), 'an angle of the matrix');
    const page = cellPage(component, angle, positiveInteger(req.query.page, 'page', 1), view);
    if (page) sendPage(req, res, page, status);
    else void notFound(req, res, view.language);
  }));
  routes.get('/atlas/neighbourhood', withCollection((req, res, collection, status) => {
    const view = viewOf(req, collection);
    const descriptor = iriParameter(req.query.descriptor, 'descriptor', (i) => collection.descriptors.has(i), 'a descriptor of the atlas');
    const shown = neighbourhood(collection, descriptor, radiusOf(req.query.radius), VIEW_NODES, view.language);
    const page = neighbourhoodPage(view, shown, positiveInteger(req.query.page, 'page', 1));
    if (page) sendPage(req, res, page, status);
    else void notFound(req, res, view.language);
  }));
  routes.get('/atlas/actors', withCollection((req, res, collection, status) => {
    const view = viewOf(req, collection);
    const scope = scopeOf(req.query, collection);
    sendPage(req, res, networkPage(view, scope, actorNetwork(collection, scope, NETWORK_NODES, view.language)), status);
  }));

  // ---- the widgets' JSON ---------------------------------------------------------------------
  routes.get('/api/atlas/neighbourhood', withCollection((req, res, collection, status) => {
    const language = negotiateLanguage(req, req.query.lang);
    const descriptor = iriParameter(req.query.descriptor, 'descriptor', (i) => collection.descriptors.has(i), 'a descriptor of the atlas');
    const shown = neighbourhood(collection, descriptor, radiusOf(req.query.radius), positiveInteger(req.query.limit, 'limit', 200, MAX_NODES), language);
    sendJson(req, res, {
      descriptor, radius: shown.radius, total: shown.total,
      nodes: shown.nodes.map(({ distance: _distance, language: _language, ...node }) => node),
      edges: shown.edges,
    }, status);
  }));
  routes.get('/api/atlas/matrix', withCollection((req, res, collection, status) => {
    const language = negotiateLanguage(req, req.query.lang);
    const axis = (a: Collection['components'][number]) => ({ iri: a.iri, label: pickText(a.labels, language)?.value ?? a.iri, notation: a.notation, ...(a.colour ? { colour: a.colour } : {}) });
    sendJson(req, res, { components: collection.components.map(axis), angles: collection.angles.map(axis), cells: prepared(collection).matrix }, status);
  }));
  routes.get('/api/actors/network', withCollection((req, res, collection, status) => {
    const language = negotiateLanguage(req, req.query.lang);
    const scope = scopeOf(req.query, collection);
    const network = actorNetwork(collection, scope, positiveInteger(req.query.limit, 'limit', 200, MAX_NODES), language);
    sendJson(req, res, {
      scope: scope.kind === 'collection' ? null : { [scope.kind]: scope.iri },
      actors: network.actors, documents: network.documents, familyLinks: network.familyLinks,
      nodes: network.nodes.map(({ language: _language, ...node }) => node),
      edges: network.edges,
    }, status);
  }));

  // ---- lists ---------------------------------------------------------------------------------
  const sendList = (req: Request, res: Response, model: ListModel, status: ReadyStatus, language: PageLanguage) => {
    if (model.page > pagesOf(model)) {
      void notFound(req, res, language);
      return;
    }
    addVary(res, 'Accept');
    if (negotiate(req.headers.accept, ['text/html', 'application/ld+json', 'application/json'])?.mediaType.endsWith('json')) {
      sendJson(req, res, listJsonLd(model, new URL(config.baseIRI).origin), status, 'application/ld+json; charset=utf-8');
    } else {
      sendPage(req, res, listPage(model, language, textsIn(language)), status);
    }
  };
  const sortOf = (req: Request, allowed: readonly string[]) => {
    const value = req.query.sort ?? allowed[0];
    if (typeof value !== 'string' || !allowed.includes(value)) throw new BadRequest(`"sort" is one of ${allowed.join(', ')}, not "${String(value)}"`);
    return value;
  };
  const documentItems = (collection: Collection, indexes: readonly number[], language: PageLanguage, sort: string): ListItem[] => {
    const collator = new Intl.Collator(language, { sensitivity: 'base', numeric: true });
    const items = indexes.map((i) => collection.documents[i]!).map((d) => {
      const title = pickText(d.titles, language);
      return { d, item: { iri: d.iri, label: title ?? { value: d.iri, language: '' }, href: thingPage(d.iri, config.baseIRI, language), note: d.year ? html`<span class="count">${d.year}</span>` : undefined, sheet: true } };
    });
    items.sort(sort === 'date' ? (a, b) => ((b.d.issued ?? '') > (a.d.issued ?? '') ? 1 : (b.d.issued ?? '') < (a.d.issued ?? '') ? -1 : a.d.index - b.d.index)
      : (a, b) => collator.compare(a.item.label.value, b.item.label.value) || a.d.index - b.d.index);
    return items.map((x) => x.item);
  };

  routes.get('/lists', withCollection((req, res, collection, status) => {
    const view = viewOf(req, collection);
    const { t, language } = view;
    const l = t.atlas.lists;
    const item = (path: string, label: string): ListItem => ({ label: { value: label, language }, href: `${path}${path.includes('?') ? '&' : '?'}lang=${language}` });
    const model: ListModel = {
      title: l.title, path: '/lists', parameters: {}, sorts: [], sort: '', page: 1,
      items: [
        ...GROUPINGS.map((by) => item(`/lists/documents/${by}`, l.documentsBy[by])),
        item('/lists/actors', l.actorsByFamily),
        item('/lists/descriptors', l.descriptorIndex),
      ],
    };
    sendList(req, res, model, status, language);
  }));
  routes.get('/lists/documents/:by', withCollection((req, res, collection, status) => {
    const view = viewOf(req, collection);
    const { t, language } = view;
    const l = t.atlas.lists;
    const by = String(req.params.by);
    if (!(GROUPINGS as readonly string[]).includes(by)) {
      void notFound(req, res, language);
      return;
    }
    const grouping = by as Grouping;
    const groups = prepared(collection).lists.groupsOf(grouping);
    const page = positiveInteger(req.query.page, 'page', 1);
    const up = { href: `/lists?lang=${language}`, label: l.title };
    const value = req.query.value;
    if (value !== undefined) {
      if (typeof value !== 'string' || !groups.has(value)) throw new BadRequest(`"value" must be one of the ${l.documentsBy[grouping].toLowerCase()}; "${String(value)}" has no sheet`);
      const sort = sortOf(req, ['title', 'date']);
      const label = grouping === 'year' ? value : pickText(collection.labels(value), language)?.value ?? value;
      sendList(req, res, {
        title: `${l.documentsBy[grouping]} : ${label}`, path: `/lists/documents/${grouping}`, parameters: { value }, page, sort,
        sorts: [{ value: 'title', label: t.search.titleOrder }, { value: 'date', label: t.search.date }],
        items: documentItems(collection, groups.get(value)!, language, sort), countUnit: undefined,
        up: { href: `/lists/documents/${grouping}?lang=${language}`, label: l.documentsBy[grouping] },
      }, status, language);
      return;
    }
    const sort = sortOf(req, grouping === 'year' ? ['name', 'count'] : ['count', 'name']);
    const collator = new Intl.Collator(language, { sensitivity: 'base', numeric: true });
    const items: ListItem[] = [...groups].map(([key, documents]) => ({
      ...(grouping === 'year' ? {} : { iri: key }),
      label: grouping === 'year' ? { value: key, language: '' } : pickText(collection.labels(key), language) ?? { value: key, language: '' },
      href: `/lists/documents/${grouping}?${new URLSearchParams({ value: key, lang: language }).toString()}`,
      count: documents.length,
    }));
    items.sort(sort === 'count' ? (a, b) => (b.count ?? 0) - (a.count ?? 0) || collator.compare(a.label.value, b.label.value)
      : grouping === 'year' ? (a, b) => b.label.value.localeCompare(a.label.value) : (a, b) => collator.compare(a.label.value, b.label.value));
    sendList(req, res, {
      title: l.documentsBy[grouping], path: `/lists/documents/${grouping}`, parameters: {}, page, sort, up,
      sorts: (grouping === 'year' ? ['name', 'count'] : ['count', 'name']).map((s) => ({ value: s, label: s === 'count' ? l.byCount : grouping === 'year' ? t.search.date : l.byName })),
      items, countUnit: t.atlas.documentCount,
    }, status, language);
  }));
  routes.get('/lists/actors', withCollection((req, res, collection, status) => {
    const view = viewOf(req, collection);
    const { t, language } = view;
    const l = t.atlas.lists;
    const lists = prepared(collection).lists;
    const page = positiveInteger(req.query.page, 'page', 1);
    const family = req.query.family;
    if (family === undefined) {
      sendList(req, res, {
        title: l.actorsByFamily, path: '/lists/actors', parameters: {}, page, sort: '', sorts: [], up: { href: `/lists?lang=${language}`, label: l.title },
        items: FAMILIES.map((f) => ({ label: { value: t.atlas.families[f], language }, href: `/lists/actors?family=${f}&lang=${language}`, count: lists.actorsOf(f).length }))
          .filter((item) => (item.count ?? 0) > 0),
      }, status, language);
      return;
    }
    if (typeof family !== 'string' || !(FAMILIES as readonly string[]).includes(family)) throw new BadRequest(`"family" is one of ${FAMILIES.join(', ')}, not "${String(family)}"`);
    const sort = sortOf(req, ['name', 'documents']);
    const collator = new Intl.Collator(language, { sensitivity: 'base', numeric: true });
    const items: ListItem[] = lists.actorsOf(family as ActorFamily).map((iri) => {
      const actor = collection.actors.get(iri)!;
      return { iri, label: pickText(actor.names, language) ?? { value: iri, language: '' }, href: thingPage(iri, config.baseIRI, language), count: actor.documents.length };
    });
    items.sort(sort === 'documents' ? (a, b) => (b.count ?? 0) - (a.count ?? 0) || collator.compare(a.label.value, b.label.value) : (a, b) => collator.compare(a.label.value, b.label.value));
    sendList(req, res, {
      title: t.atlas.families[family as ActorFamily], path: '/lists/actors', parameters: { family }, page, sort,
      sorts: [{ value: 'name', label: l.byName }, { value: 'documents', label: l.byCount }],
      items, countUnit: t.atlas.documentCount, up: { href: `/lists/actors?lang=${language}`, label: l.actorsByFamily },
    }, status, language);
  }));
  routes.get('/lists/descriptors', withCollection((req, res, collection, status) => {
    const view = viewOf(req, collection);
    const { t, language } = view;
    const l = t.atlas.lists;
    const entries = prepared(collection).lists.descriptorIndex(language);
    const letters = [...new Set(entries.map((e) => e.letter))];
    const letter = req.query.letter;
    if (letter !== undefined && (typeof letter !== 'string' || !letters.includes(letter))) throw new BadRequest(`"letter" is one of ${letters.join(' ')}, not "${String(letter)}"`);
    const chosen = entries.filter((e) => letter === undefined || e.letter === letter);
    const items: ListItem[] = chosen.map((e) => ({
      iri: e.iri, label: e.label, heading: e.letter,
      href: `/atlas/neighbourhood?${new URLSearchParams({ descriptor: e.iri, lang: language }).toString()}`,
      note: e.see ? html`<small>${l.see} <span${e.see.language ? html` lang="${e.see.language}"` : ''}>${e.see.value}</span></small>` : undefined,
      count: e.see ? undefined : collection.descriptors.get(e.iri)!.documents.length,
    }));
    sendList(req, res, {
      title: l.descriptorIndex, intro: l.indexIntro, path: '/lists/descriptors', parameters: letter ? { letter } : {},
      page: positiveInteger(req.query.page, 'page', 1), sort: '', sorts: [], items, countUnit: t.atlas.documentCount,
      sections: letters.map((x) => ({ label: x, href: `/lists/descriptors?${new URLSearchParams({ letter: x, lang: language }).toString()}`, current: x === letter })),
      up: { href: `/atlas?lang=${language}`, label: t.atlas.matrixTitle },
    }, status, language);
  }));

  // ---- the reader's tools --------------------------------------------------------------------
  const toolsScript = new Representation(READER_TOOLS_SCRIPT, 'text/javascript; charset=utf-8', { cacheControl: 'public, max-age=3600' });
  routes.get(READER_TOOLS_PATH, (req, res) => sendRepresentation(req, res, toolsScript));
  routes.get('/reader/basket', (req, res) => {
    const language = negotiateLanguage(req, req.query.lang);
    res.vary('Accept-Language').type('html').set('Cache-Control', 'public, max-age=300').send(basketPage(language, textsIn(language)));
  });
  routes.get('/reader/history', (req, res) => {
    const language = negotiateLanguage(req, req.query.lang);
    res.vary('Accept-Language').type('html').set('Cache-Control', 'public, max-age=300').send(historyPage(language, textsIn(language)));
  });
  /** The basket's export, from a link (GET) or the basket page's form (POST, for long baskets). */
  const exportBasket = (parameters: (req: Request) => Record<string, unknown>) => withCollection((req, res, collection, status) => {
    const query = parameters(req);
    const format = query.format ?? 'bibtex';
    if (!isBibliographyFormat(format)) throw new BadRequest(`"format" is one of ${Object.keys(BIBLIOGRAPHY_FORMATS).join(', ')}, not "${String(format)}"`);
    const raw = query.iri;
    const iris = [...new Set((Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map(String))];
    if (iris.length === 0) throw new BadRequest('"iri" names the sheets to export: give one or more');
    if (iris.length > BASKET_LIMIT) throw new BadRequest(`at most ${BASKET_LIMIT} sheets are exported at once, not ${iris.length}`);
    const documents = iris.map((iri) => {
      const index = collection.documentIndex.get(iri);
      if (index === undefined) throw new BadRequest(`${iri} is not a sheet of the collection`);
      return collection.documents[index]!;
    });
    const language = negotiateLanguage(req, query.ui);
    const { mediaType, extension } = BIBLIOGRAPHY_FORMATS[format];
    res.setHeader('Content-Disposition', `attachment; filename="citego-basket.${extension}"`);
    sendRepresentation(req, res, new Representation(bibliography(collection, documents, format, language), mediaType,
      { cacheControl: req.method === 'POST' ? 'no-store' : 'public, max-age=300', lastModified: status.readyAt, validated: req.method !== 'POST' }));
  });
  routes.get('/api/bibliography', exportBasket((req) => req.query));
  routes.post('/api/bibliography', express.urlencoded({ extended: false, limit: '256kb', parameterLimit: BASKET_LIMIT + 10 }),
    exportBasket((req) => (req.body ?? {}) as Record<string, unknown>));

  // ---- the graph's scripts, from the project's own dependencies --------------------------------
  const library = new Representation(readFileSync(createRequire(import.meta.url).resolve('cytoscape/dist/cytoscape.min.js')), 'text/javascript; charset=utf-8', { cacheControl: 'public, max-age=86400' });
  const graphScript = new Representation(GRAPH_SCRIPT, 'text/javascript; charset=utf-8', { cacheControl: 'public, max-age=3600' });
  routes.get(GRAPH_LIBRARY_PATH, (req, res) => sendRepresentation(req, res, library));
  routes.get(GRAPH_SCRIPT_PATH, (req, res) => sendRepresentation(req, res, graphScript));

  // Read the collection of each version as soon as it is published.
  const watcher = setInterval(() => {
    if (state.status.phase === 'ready') collections.peek(state.status);
  }, 250);
  watcher.unref();

  return {
    name: 'atlas',
    routes,
    cards: [
      { path: '/atlas', text: (t) => t.atlas.card },
      { path: '/atlas/actors', text: (t) => t.atlas.actorsCard },
      { path: '/lists', text: (t) => t.atlas.lists.card },
    ],
    close: async () => { clearInterval(watcher); },
  };
}
