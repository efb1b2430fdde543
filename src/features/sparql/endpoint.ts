/**
 * /sparql: the SPARQL 1.1 Protocol endpoint. A query request is read by the protocol module,
 * its result format negotiated, its client's share of the store checked, then it runs in a
 * store replica (or, with SERVICE clauses, in the federation engine) under a time limit and a
 * result-size limit. Errors say what went wrong and never carry a stack trace. A bare GET
 * describes the service: the workbench for browsers, the Service Description for programs.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import express, { type Request, type Response } from 'express';
import type { ServiceState } from '../../build/state.js';
import type { ServiceConfig } from '../../config.js';
import { ConcurrencyLimit } from '../../http/client-limit.js';
import { negotiateFormat, negotiateLanguage } from '../../http/negotiation.js';
import { sendNotFound } from '../../http/not-found.js';
import { sendPlainText, sendStillLoading } from '../../http/plain-text.js';
import { RepresentationCache } from '../../http/representation-cache.js';
import { Representation, sendRepresentation } from '../../http/representation.js';
import { queryForm } from '../../queries/query-form.js';
import { FORMATS } from '../../rdf/formats.js';
import { publishedContext } from '../../rdf/jsonld.js';
import { allPrefixes } from '../../rdf/namespaces.js';
import { writeGraph } from '../../rdf/write.js';
import {
  QueryEvaluationError, QueryResultTooLargeError, QuerySyntaxError, QueryTimeoutError, StoreClosedError, StoreFailureError,
  type SerializedResult, type Store,
} from '../../store/store.js';
import type { PageLanguage } from '../../web/i18n/catalogue.js';
import type { Contributions } from '../feature.js';
import type { ExampleQuery } from './examples.js';
import { RemoteEndpointError, type FederationEngine } from './federation/engine.js';
import { parametersOf, ProtocolError, readQueryRequest, type QueryRequest } from './protocol.js';
import { chooseResultFormat, offeredFormats, resultKindOf, type ResultFormat, type ResultKind } from './result-formats.js';
import { graphPage, solutionsPage } from './results-page.js';
import { describedNames } from './service-description.js';
import { describeSyntaxError } from './syntax-errors.js';
import { WORKBENCH_SCRIPT, workbenchPage } from './workbench.js';

export interface SparqlLimits {
  readonly timeoutMs: number;
  readonly maxQueryLength: number;
  readonly maxRequestBytes: number;
  readonly maxResultBytes: number;
  readonly maxConcurrentPerClient: number;
}

export const DEFAULT_SPARQL_LIMITS: Omit<SparqlLimits, 'timeoutMs'> = {
  maxQueryLength: 100_000,
  maxRequestBytes: 256 * 1024,
  maxResultBytes: 64 * 1024 * 1024,
  maxConcurrentPerClient: 4,
};

export interface EndpointContext {
  readonly config: ServiceConfig;
  readonly state: ServiceState;
  readonly examples: readonly ExampleQuery[];
  /** Every feature's part of the service description, answered by a bare GET. */
  readonly contributions: Contributions;
  readonly limits: SparqlLimits;
  readonly federation?: FederationEngine;
  /** Requests carrying this header value are the federation engine's own and bypass the per-client cap. */
  readonly internalToken?: string;
}

/** Parameters of the workbench page, which are not protocol parameters. */
const PAGE_PARAMETERS = new Set(['lang', 'edit']);
/** A bare GET: the workbench for people, the service description for programs. */
const DESCRIPTION_FORMATS = [FORMATS.turtle, FORMATS.jsonld, FORMATS.ntriples, FORMATS.rdfxml, FORMATS.html] as const;

const require = createRequire(import.meta.url);

function describeFailure(error: unknown, query: string, limits: SparqlLimits): { status: number; text: string } | undefined {
  if (error instanceof QuerySyntaxError) return { status: 400, text: describeSyntaxError(error.message, query).text };
  if (error instanceof QueryEvaluationError) return { status: 400, text: `The query could not be evaluated: ${error.message}` };
  if (error instanceof RemoteEndpointError) {
    return { status: 502, text: `A remote endpoint named in SERVICE failed: ${error.message}\nWrite SERVICE SILENT to go on without it.` };
  }
  if (error instanceof QueryTimeoutError) {
    return {
      status: 503,
      text: `The query was stopped after ${(error.timeoutMs / 1000).toLocaleString('en-GB')} s, this endpoint's time limit. ` +
        'Make it more selective (fewer unbound patterns, a LIMIT) or run it on a downloaded dump.',
    };
  }
  if (error instanceof QueryResultTooLargeError) {
    return { status: 503, text: `The result is larger than the ${Math.round(limits.maxResultBytes / 1e6)} MB this endpoint sends. Narrow the query or page through it with LIMIT and OFFSET.` };
  }
  if (error instanceof StoreFailureError || error instanceof StoreClosedError) {
    return { status: 503, text: `The store could not run the query (${error.message}); it is being restarted. Try again in a moment.` };
  }
  return undefined;
}

export function sparqlRoutes(context: EndpointContext): express.Router {
  const { config, state, limits } = context;
  const router = express.Router();
  const cache = new RepresentationCache(64 * 1024 * 1024);
  const clients = new ConcurrencyLimit(limits.maxConcurrentPerClient);

  const asset = (path: string, mediaType: string) =>
    new Representation(readFileSync(require.resolve(path)), mediaType, { cacheControl: 'public, max-age=86400' });
  const assets: Record<string, Representation> = {
    'yasgui.min.js': asset('@zazuko/yasgui/build/yasgui.min.js', 'text/javascript; charset=utf-8'),
    'yasgui.min.css': asset('@zazuko/yasgui/build/yasgui.min.css', 'text/css; charset=utf-8'),
    'workbench.js': new Representation(WORKBENCH_SCRIPT, 'text/javascript; charset=utf-8', { cacheControl: 'public, max-age=3600' }),
  };
  router.get('/sparql/assets/:name', (req, res, next) => {
    const representation = assets[req.params.name];
    if (representation) sendRepresentation(req, res, representation);
    else sendNotFound(req, res, { address: new URL(req.originalUrl.slice(1), config.baseIRI).href, language: negotiateLanguage(req, req.query.lang) }).catch(next);
  });

  router.all('/sparql', express.raw({ type: () => true, limit: limits.maxRequestBytes }), (req, res, next) => {
    handle(req, res).catch(next);
  });

  const prefixes = allPrefixes(config.baseIRI);
  const jsonLd = publishedContext(config.baseIRI);
  let description: { version: string; representations: Map<string, Promise<Representation>> } | undefined;

  async function describeService(req: Request, res: Response, language: PageLanguage): Promise<void> {
    const format = negotiateFormat(req.get('accept'), DESCRIPTION_FORMATS)?.format;
    res.vary('Accept');
    if (!format) {
      sendPlainText(res, 406, `The service description is available as ${DESCRIPTION_FORMATS.map((f) => f.mediaType).join(', ')}.`);
      return;
    }
    if (format.name === 'html') {
      const edit = parametersOf(req.url.split('?')[1] ?? '').get('edit')?.[0];
      res.vary('Accept-Language');
      sendRepresentation(req, res, new Representation(
        workbenchPage({ language, baseIRI: config.baseIRI, examples: context.examples, initialQuery: edit }),
        'text/html; charset=utf-8', { cacheControl: 'public, max-age=300' },
      ));
      return;
    }
    const status = state.status;
    if (status.phase !== 'ready') {
      sendStillLoading(res, 'The data is still loading; the service description will be available when it is published.');
      return;
    }
    if (description?.version !== status.dataVersion) description = { version: status.dataVersion, representations: new Map() };
    let representation = description.representations.get(format.name);
    if (!representation) {
      representation = context.contributions.serviceDescription(describedNames(config.baseIRI), status)
        .then((quads) => writeGraph(quads, format, { prefixes, context: jsonLd }))
        .then((body) => new Representation(body, `${format.mediaType}; charset=utf-8`, { cacheControl: 'public, max-age=300', lastModified: status.readyAt }));
      description.representations.set(format.name, representation);
      representation.catch(() => description?.representations.delete(format.name));
    }
    sendRepresentation(req, res, await representation);
  }

  async function handle(req: Request, res: Response): Promise<void> {
    const language = negotiateLanguage(req, req.query.lang);
    const search = req.url.split('?')[1] ?? '';
    const urlParameters = parametersOf(search);
    const isRead = req.method === 'GET' || req.method === 'HEAD';
    if (isRead && !urlParameters.has('query') && !urlParameters.has('update') && [...urlParameters.keys()].every((k) => PAGE_PARAMETERS.has(k))) {
      await describeService(req, res, language);
      return;
    }

    let request: QueryRequest | undefined;
    try {
      request = readQueryRequest({ method: req.method, contentType: req.get('content-type'), search, body: Buffer.isBuffer(req.body) ? req.body : undefined }, limits);
    } catch (error) {
      if (!(error instanceof ProtocolError)) throw error;
      sendPlainText(res, error.status, error.message, error.headers);
      return;
    }
    if (!request) {
      await describeService(req, res, language);
      return;
    }

    const status = state.status;
    if (status.phase !== 'ready') {
      sendStillLoading(res);
      return;
    }
    const kind = resultKindOf(queryForm(request.query));
    const formatParameter = urlParameters.get('format')?.[0]
      ?? (req.method === 'POST' && Buffer.isBuffer(req.body) && /x-www-form-urlencoded/i.test(req.get('content-type') ?? '')
        ? parametersOf(req.body.toString('utf8')).get('format')?.[0] : undefined);
    const format = chooseResultFormat(kind, req.get('accept'), formatParameter);
    res.vary('Accept');
    if (!format) {
      const offered = offeredFormats(kind).map((f) => f.mediaType).join(', ');
      sendPlainText(res, 406, formatParameter !== undefined
        ? `Unknown or unsuitable format "${formatParameter}" for this query; use one of: ${offered}.`
        : `None of the formats in Accept fits this query; it can be answered as: ${offered}.`);
      return;
    }

    const internal = context.internalToken !== undefined && req.get('x-citego-internal') === context.internalToken;
    const client = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    if (!internal && !clients.acquire(client)) {
      sendPlainText(res, 429, `Too many queries at once from your address: this endpoint runs up to ${limits.maxConcurrentPerClient} queries per client at a time.`, { 'Retry-After': '1' });
      return;
    }
    try {
      await answer(req, res, request, kind, format, status.store, status.dataVersion, language, internal ? undefined : client);
    } catch (error) {
      const failure = describeFailure(error, request.query, limits);
      if (!failure) throw error;
      sendPlainText(res, failure.status, failure.text);
    } finally {
      if (!internal) clients.release(client);
    }
  }

  async function answer(req: Request, res: Response, request: QueryRequest, kind: ResultKind, format: ResultFormat,
    store: Store, dataVersion: string, language: PageLanguage, client: string | undefined): Promise<void> {
    const cacheable = req.method !== 'POST' && !/no-cache|no-store/i.test(req.get('cache-control') ?? '');
    const key = JSON.stringify([format.name, language, request.query, request.defaultGraphs, request.namedGraphs]);
    if (format.name === 'html') res.vary('Accept-Language');
    const cached = cacheable ? cache.get(dataVersion, key) : undefined;
    if (cached) {
      sendRepresentation(req, res, cached);
      return;
    }
    // The store writes the machine formats itself; a page is built from JSON results or N-Triples.
    const formats = {
      solutions: format.holds === 'results' || format.holds === 'table' ? format.mediaType : FORMATS.sparqlJson.mediaType,
      graph: format.holds === 'graph' ? format.mediaType : FORMATS.ntriples.mediaType,
    };
    const options = {
      baseIRI: config.baseIRI, defaultGraphs: request.defaultGraphs, namedGraphs: request.namedGraphs,
      timeoutMs: limits.timeoutMs, maxResultBytes: limits.maxResultBytes, client,
    };
    const federated = context.federation?.handles(request.query) ?? false;
    const queryStarted = performance.now();
    const result: SerializedResult = federated
      ? await context.federation!.query(request, formats, options)
      : await store.query(request.query, formats, options);
    // Server-Timing shows a client (and browsers' developer tools) where the time went.
    res.set('Server-Timing', `${federated ? 'federation' : 'store'};dur=${(performance.now() - queryStarted).toFixed(2)}`);
    let body = result.body;
    if (format.name === 'html') {
      const downloads = offeredFormats(result.kind).filter((f) => f.name !== 'html').map((f) => ({
        label: f.mediaType, href: `/sparql?${new URLSearchParams({ query: request.query, format: f.mediaType })}`,
      }));
      const page = { language, baseIRI: config.baseIRI, query: request.query, downloads };
      body = result.kind === 'graph' ? graphPage(body, page) : solutionsPage(body, page);
    }
    const representation = new Representation(body, `${format.mediaType}; charset=utf-8`, {
      cacheControl: req.method === 'POST' ? 'no-store' : 'public, max-age=300',
      validated: req.method !== 'POST',
      lastModified: state.status.phase === 'ready' ? state.status.readyAt : undefined,
    });
    if (cacheable) cache.set(dataVersion, key, representation);
    sendRepresentation(req, res, representation);
  }

  return router;
}

