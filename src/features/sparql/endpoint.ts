/**
 * /sparql: the SPARQL 1.1 Protocol endpoint. A query request is read by the protocol module
 * (which measures its shape against the store's safe limits), its result format negotiated,
 * its client admitted (budget, queries in flight: admission.ts), then it waits its turn in the
 * store's fair queue and runs in an endpoint replica (or, with SERVICE clauses, in the
 * federation engine) under a time limit and a result-size limit; it is stopped when its client
 * goes away. Errors say what went wrong and never carry a stack trace or the store's own words.
 * A bare GET describes the service: the workbench for browsers, the Service Description for
 * programs.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import express, { type Request, type Response } from 'express';
import type { ServiceState } from '../../build/state.js';
import type { ServiceConfig } from '../../config.js';
import { negotiateFormat, negotiateLanguage } from '../../http/negotiation.js';
import { sendNotFound } from '../../http/not-found.js';
import { annotate, clientOfRequest, requestLog, type Observability } from '../../http/observability.js';
import { sendPlainText, sendStillLoading } from '../../http/plain-text.js';
import { RepresentationCache } from '../../http/representation-cache.js';
import { Representation, sendRepresentation } from '../../http/representation.js';
import { queryForm } from '../../queries/query-form.js';
import { FORMATS } from '../../rdf/formats.js';
import { publishedContext } from '../../rdf/jsonld.js';
import { allPrefixes } from '../../rdf/namespaces.js';
import { writeGraph } from '../../rdf/write.js';
import {
  QueryCancelledError, QueryEvaluationError, QueryPreemptedError, QueryResultTooLargeError, QuerySyntaxError, QueryTimeoutError, QueueFullError,
  QueueTimeoutError, StoreClosedError, StoreFailureError, type QueryOptions, type QueryUsage, type SerializedResult, type Store,
} from '../../store/store.js';
import type { PageLanguage } from '../../web/i18n/catalogue.js';
import type { Contributions } from '../feature.js';
import { Admission, isRefusal, type AdmissionPolicy } from './admission.js';
import type { ExampleQuery } from './examples.js';
import { RemoteEndpointError, type FederationEngine } from './federation/engine.js';
import { INTERNAL_HEADER, ON_BEHALF_OF_HEADER } from './federation/worker-protocol.js';
import { parametersOf, ProtocolError, readQueryRequest, type QueryRequest } from './protocol.js';
import { chooseResultFormat, offeredFormats, resultKindOf, type ResultFormat, type ResultKind } from './result-formats.js';
import { graphPage, solutionsPage } from './results-page.js';
import { describedNames } from './service-description.js';
import { describeSyntaxError } from './syntax-errors.js';
import { WORKBENCH_SCRIPT, workbenchPage } from './workbench.js';

export interface SparqlLimits extends AdmissionPolicy {
  readonly timeoutMs: number;
  readonly maxQueryLength: number;
  readonly maxRequestBytes: number;
  readonly maxResultBytes: number;
}

export const DEFAULT_SPARQL_LIMITS = {
  maxQueryLength: 100_000,
  maxRequestBytes: 256 * 1024,
  maxResultBytes: 64 * 1024 * 1024,
  maxConcurrentPerClient: 4,
} as const satisfies Partial<SparqlLimits>;

export interface EndpointContext {
  readonly config: ServiceConfig;
  readonly state: ServiceState;
  readonly examples: readonly ExampleQuery[];
  /** Every feature's part of the service description, answered by a bare GET. */
  readonly contributions: Contributions;
  readonly limits: SparqlLimits;
  readonly federation?: FederationEngine;
  /** Requests carrying this header value are the federation engine's own: charged to the client it names, never refused. */
  readonly internalToken?: string;
  readonly observability: Observability;
}


/** Parameters of the workbench page, which are not protocol parameters. */
const PAGE_PARAMETERS = new Set(['lang', 'edit']);
/** A bare GET: the workbench for people, the service description for programs. */
const DESCRIPTION_FORMATS = [FORMATS.turtle, FORMATS.jsonld, FORMATS.ntriples, FORMATS.rdfxml, FORMATS.html] as const;

const require = createRequire(import.meta.url);

interface Failure {
  readonly status: number;
  readonly text: string;
  readonly headers?: Readonly<Record<string, string>>;
}

function describeFailure(error: unknown, query: string, limits: SparqlLimits): Failure | undefined {
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
  if (error instanceof QueryPreemptedError) {
    return {
      status: 503, headers: { 'Retry-After': '5' },
      text: `The query was stopped after ${(error.ranMs / 1000).toFixed(1)} s to share the endpoint: your address had ${error.heldReplicas} queries running while another client, with none, waited. ` +
        'Send your queries one after the other.',
    };
  }
  if (error instanceof QueueTimeoutError) {
    return {
      status: 503, headers: { 'Retry-After': '5' },
      text: `The endpoint is busy: no query slot was free within ${(error.waitedMs / 1000).toFixed(0)} s. Try again in a few seconds.`,
    };
  }
  if (error instanceof QueueFullError) {
    return { status: 503, headers: { 'Retry-After': '5' }, text: `The endpoint is busy: ${error.queued} queries are already waiting. Try again in a few seconds.` };
  }
  if (error instanceof StoreFailureError) {
    // The store's own words (a trap, a panic) are for the log; the client learns what happened, in general terms.
    return { status: 503, headers: { 'Retry-After': '2' }, text: `The query could not be answered: ${error.message}. The store has been restarted; the endpoint goes on answering other queries.` };
  }
  if (error instanceof StoreClosedError) return { status: 503, headers: { 'Retry-After': '5' }, text: 'The service is stopping; try again in a moment.' };
  return undefined;
}

export function sparqlRoutes(context: EndpointContext): express.Router {
  const { config, state, limits } = context;
  const router = express.Router();
  const cache = new RepresentationCache(64 * 1024 * 1024);
  const admission = new Admission(limits);
  context.observability.trackCache('sparql-results', () => cache.size);

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
      if (error.limit) context.observability.refused(req, `limit:${error.limit}`);
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

    const internal = context.internalToken !== undefined && req.get(INTERNAL_HEADER) === context.internalToken;
    const onBehalfOf = internal ? req.get(ON_BEHALF_OF_HEADER) : undefined;
    const client = onBehalfOf ?? clientOfRequest(req) ?? req.socket.remoteAddress ?? 'unknown';
    await answer(req, res, request, kind, format, status.store, status.dataVersion, language, client, !internal);
  }

  /** What the store was told about a query, and when it ended: for the access log and the metrics. */
  function noteUsage(req: Request, federated: boolean) {
    return (usage: QueryUsage) => annotate(req, { query: { outcome: usage.outcome, waitMs: Math.round(usage.waitMs), runMs: Math.round(usage.runMs), federated } });
  }

  async function answer(req: Request, res: Response, request: QueryRequest, kind: ResultKind, format: ResultFormat,
    store: Store, dataVersion: string, language: PageLanguage, client: string, charged: boolean): Promise<void> {
    const cacheable = req.method !== 'POST' && !/no-cache|no-store/i.test(req.get('cache-control') ?? '');
    const key = JSON.stringify([format.name, language, request.query, request.defaultGraphs, request.namedGraphs]);
    if (format.name === 'html') res.vary('Accept-Language');
    const cached = cacheable ? cache.get(dataVersion, key) : undefined;
    if (cacheable) annotate(req, { cache: { name: 'sparql-results', hit: cached !== undefined } });
    if (cached) {
      // An answer already written costs the store nothing: it is given whatever the client's budget.
      sendRepresentation(req, res, cached);
      return;
    }
    // Oxigraph has no SERVICE: a query with one goes to the federation engine.
    const federated = request.measures.service && context.federation !== undefined;
    // A client that goes away stops its query: waiting, it leaves the queue; running, its replica is ended.
    const gone = new AbortController();
    res.once('close', () => { if (!res.writableFinished) gone.abort(); });
    const admitted = admission.admit(client, gone.signal, noteUsage(req, federated), charged);
    if (isRefusal(admitted)) {
      context.observability.refused(req, admitted.reason);
      sendPlainText(res, admitted.status, admitted.text, admitted.headers);
      return;
    }
    try {
      await run(req, res, request, format, store, dataVersion, language, cacheable, key, federated, admitted.options);
    } catch (error) {
      if (error instanceof QueryCancelledError) {
        requestLog(req).info('the client went away; its query was stopped');
        return;
      }
      const failure = describeFailure(error, request.query, limits);
      if (!failure) throw error;
      if (error instanceof QueueFullError) context.observability.refused(req, 'queue-full');
      if (error instanceof StoreFailureError) requestLog(req).error({ reason: error.reason, detail: error.detail }, 'the store failed on this query');
      if (!res.headersSent) sendPlainText(res, failure.status, failure.text, failure.headers);
    } finally {
      admitted.release();
    }
  }

  async function run(req: Request, res: Response, request: QueryRequest, format: ResultFormat, store: Store, dataVersion: string,
    language: PageLanguage, cacheable: boolean, key: string, federated: boolean, admitted: QueryOptions): Promise<void> {
    // The store writes the machine formats itself; a page is built from JSON results or N-Triples.
    const formats = {
      solutions: format.holds === 'results' || format.holds === 'table' ? format.mediaType : FORMATS.sparqlJson.mediaType,
      graph: format.holds === 'graph' ? format.mediaType : FORMATS.ntriples.mediaType,
    };
    let usage: QueryUsage | undefined;
    const options: QueryOptions = {
      ...admitted, baseIRI: config.baseIRI, defaultGraphs: request.defaultGraphs, namedGraphs: request.namedGraphs,
      timeoutMs: limits.timeoutMs, maxResultBytes: limits.maxResultBytes,
      onSettled: (settled) => {
        usage = settled;
        admitted.onSettled?.(settled);
      },
    };
    const result: SerializedResult = federated
      ? await context.federation!.query(request, formats, options)
      : await store.query(request.query, formats, options);
    // Server-Timing shows a client (and browsers' developer tools) where the time went: waiting its turn, then running.
    res.set('Server-Timing', `queue;dur=${(usage?.waitMs ?? 0).toFixed(2)}, ${federated ? 'federation' : 'store'};dur=${(usage?.runMs ?? 0).toFixed(2)}`);
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

