/**
 * The search: `/search`, a page for people and, with `Accept: application/json`, the JSON of the
 * public contract; `/search/suggest`, the names that complete what a reader types; and the small
 * script of the page. The index follows the published data: each version's index is prepared as
 * the version is built (from the collection gathered from the quads the build reads, while the
 * store is materialised), else built as soon as the version is published (after a curator's
 * write); until it is ready the search answers 503 with its progress, so that no answer ever
 * comes from another version than the one served.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import express, { type Request, type Response } from 'express';
import { materialisedModel } from '../../build/materialise.js';
import type { ReadyStatus } from '../../build/state.js';
import { CollectionSource } from '../../collection/current.js';
import { negotiate, negotiateLanguage } from '../../http/negotiation.js';
import type { Store } from '../../store/store.js';
import { sendPlainText, sendStillLoading } from '../../http/plain-text.js';
import { addVary, Representation, sendRepresentation } from '../../http/representation.js';
import { isPageLanguage, textsIn, type PageLanguage } from '../../web/i18n/catalogue.js';
import { pickText } from '../../web/i18n/fallback.js';
import { thingPage } from '../../web/links.js';
import type { Feature, FeatureContext } from '../feature.js';
import { descriptorCombinationQuery } from './equivalent-sparql.js';
import { searchJson, searchPage, type Answer } from './page.js';
import { PAGE_SIZE, parseSearch, searchUrl, SearchRequestError } from './request.js';
import { SEARCH_SCRIPT } from './script.js';
import type { BuildProgress } from './indexing.js';
import { SearchIndex } from './search-index.js';

const NAMES_SHOWN = 12;
const SUGGESTIONS = 8;
/** How long a search waits for the index of a version just published before answering 503. */
const PATIENCE_MS = 5_000;
/** How often the feature looks for a newly published version to index. */
const WATCH_MS = 250;

/** An index being built, and how far it is. */
interface Building {
  index: Promise<SearchIndex | undefined>;
  progress?: BuildProgress;
}

interface Version {
  readonly store: ReadyStatus['store'];
  readonly dataVersion: string;
  readonly index: Promise<SearchIndex>;
  readonly building: Building;
  ready?: SearchIndex;
}

/** The interface language of the search: `ui`, since `lang` filters the sheets by their language. */
function interfaceLanguage(req: Request): PageLanguage {
  return negotiateLanguage(req, isPageLanguage(req.query.ui) ? req.query.ui : undefined);
}

export function search(context: FeatureContext): Feature {
  const { config, state, queries, rules } = context;
  const collections = new CollectionSource(queries, config.baseIRI, materialisedModel(rules));
  let current: Version | undefined;
  /** Once the service stops, an index cut short by the closing store is no failure to report. */
  let closing = false;
  /** Ends the builds under way when the service stops: a large collection's index takes seconds of worker threads. */
  const stopping = new AbortController();
  const reportFailure = (error: unknown): undefined => {
    if (!closing) console.error('the search index could not be built:', error);
    return undefined;
  };
  /** The index each build prepared, by the store it built (as that store was built). */
  const prepared = new WeakMap<Store, Building>();

  // Each version's index is prepared as it is built, from its collection, while the store is materialised.
  state.tapBuilds((store) => {
    const tap = collections.prepare(store);
    return {
      quads: tap.quads,
      accepted: () => {
        tap.accepted();
        const building: Building = { index: Promise.resolve(undefined) };
        building.index = (collections.prepared(store) ?? Promise.resolve(undefined))
          .then((collection) => collection && SearchIndex.build(collection, (progress) => { building.progress = progress; }, stopping.signal))
          .catch(reportFailure);
        prepared.set(store, building);
      },
    };
  });

  /** The index of the version served: the one its build prepared, else built now from its collection. */
  const indexOf = (status: ReadyStatus): Version => {
    if (current?.store === status.store && current.dataVersion === status.dataVersion) return current;
    const asBuilt = status.sourcesVersion === status.dataVersion ? prepared.get(status.store) : undefined;
    const building: Building = asBuilt ?? { index: Promise.resolve(undefined) };
    const version: Version = {
      store: status.store,
      dataVersion: status.dataVersion,
      building,
      index: building.index.then((index) => index ?? collections.of(status).then((collection) => SearchIndex.build(collection, (progress) => { building.progress = progress; }, stopping.signal))),
    };
    version.index.then((index) => { version.ready = index; }, (error: unknown) => {
      reportFailure(error);
      if (current === version) current = undefined;
    });
    current = version;
    return version;
  };

  // Index each version as soon as it is published, not at its first search.
  const watcher = setInterval(() => {
    if (state.status.phase === 'ready') indexOf(state.status);
  }, WATCH_MS);
  watcher.unref();

  /**
   * The ready index of the version served, or an answer saying why there is none yet. A request
   * arriving while the index is built waits a little for it: a small collection is indexed in
   * less time than a reader notices; a large one answers 503 with the progress.
   */
  const readyIndex = async (res: ServerResponse): Promise<SearchIndex | undefined> => {
    const status = state.status;
    if (status.phase !== 'ready') {
      sendStillLoading(res);
      return undefined;
    }
    const version = indexOf(status);
    if (!version.ready) await Promise.race([version.index.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, PATIENCE_MS))]);
    if (version.ready) return version.ready;
    const done = version.building.progress;
    const progress = done ? ` (${Math.floor((100 * done.done) / Math.max(1, done.total))} %)` : '';
    sendStillLoading(res, `The search index of the new version of the data is being prepared${progress}; try again in a few seconds.`);
    return undefined;
  };

  const send = (req: IncomingMessage, res: ServerResponse, body: string, mediaType: string, lastModified: Date) => {
    addVary(res, 'Accept');
    addVary(res, 'Accept-Language');
    sendRepresentation(req, res, new Representation(body, mediaType, { cacheControl: 'public, max-age=60', lastModified }));
  };

  const routes = express.Router();
  routes.get('/search', (req: Request, res: Response, next) => { answerSearch(req, res).catch(next); });
  const answerSearch = async (req: Request, res: Response) => {
    const index = await readyIndex(res);
    if (!index) return;
    const language = interfaceLanguage(req);
    const wantsJson = negotiate(req.headers.accept, ['text/html', 'application/json'])?.mediaType === 'application/json';
    let parsed;
    try {
      parsed = parseSearch(req.query, index.collection);
    } catch (error) {
      if (error instanceof SearchRequestError) {
        sendPlainText(res, 400, `Bad search: ${error.message}.`);
        return;
      }
      throw error;
    }
    const outcome = index.search({
      text: parsed.text, descriptors: parsed.descriptors, allDescriptors: parsed.op === 'and',
      selection: parsed.selection, order: parsed.order, language,
    });
    const pages = Math.max(1, Math.ceil(outcome.total / PAGE_SIZE));
    if (parsed.page > pages) {
      sendPlainText(res, 404, `This search has ${pages} page${pages > 1 ? 's' : ''}; page ${parsed.page} does not exist. The first page: ${searchUrl({ ...parsed, page: 1 }, language)}`);
      return;
    }
    const answer: Answer = {
      search: parsed, outcome, collection: index.collection, language,
      names: parsed.text && parsed.page === 1 ? index.matchNames(parsed.text, NAMES_SHOWN) : [],
      pageOf: (iri) => thingPage(iri, config.baseIRI, language),
      sparql: parsed.descriptors.length > 0 ? descriptorCombinationQuery(parsed.descriptors, parsed.op, config.baseIRI) : undefined,
    };
    const readyAt = (state.status as ReadyStatus).readyAt;
    if (wantsJson) send(req, res, `${JSON.stringify(searchJson(answer))}\n`, 'application/json; charset=utf-8', readyAt);
    else send(req, res, searchPage(answer), 'text/html; charset=utf-8', readyAt);
  };

  routes.get('/search/suggest', (req: Request, res: Response, next) => { suggest(req, res).catch(next); });
  const suggest = async (req: Request, res: Response) => {
    const index = await readyIndex(res);
    if (!index) return;
    const language = interfaceLanguage(req);
    const text = typeof req.query.q === 'string' ? req.query.q : '';
    if (text.length > 200) {
      sendPlainText(res, 400, 'Bad suggestion request: "q" is at most 200 characters long.');
      return;
    }
    const suggestions = index.matchNames(text, SUGGESTIONS).map((match) => ({
      iri: match.iri,
      kind: match.kind,
      label: match.matched.value,
      language: match.matched.language,
      alternative: match.alternative,
      preferred: pickText(index.collection.labels(match.iri), language)?.value,
      kindLabel: textsIn(language).search.named[match.kind],
      page: thingPage(match.iri, config.baseIRI, language),
      search: searchUrl({ text: '', descriptors: match.kind === 'descriptor' ? [match.iri] : [], op: 'and', order: 'date', page: 1,
        selection: match.kind === 'descriptor' ? {} : { [match.kind]: [match.iri] } }, language),
    }));
    send(req, res, `${JSON.stringify({ suggestions })}\n`, 'application/json; charset=utf-8', (state.status as ReadyStatus).readyAt);
  };

  const script = new Representation(SEARCH_SCRIPT, 'text/javascript; charset=utf-8', { cacheControl: 'public, max-age=3600' });
  routes.get('/search/assets/search.js', (req, res) => sendRepresentation(req, res, script));

  return {
    name: 'search',
    routes,
    cards: [{ path: '/search', languageParameter: 'ui', text: (t) => t.search.card }],
    close: async () => {
      closing = true;
      clearInterval(watcher);
      stopping.abort(new Error('the service is stopping'));
    },
  };
}
