/**
 * A worker thread running Comunica, which evaluates queries with SERVICE clauses. Like the
 * store's workers, it is ended when a query runs past its time limit.
 *
 * The local data is given to Comunica as a source of triple patterns, each answered by this
 * service's own endpoint with a CONSTRUCT. (Given as a SPARQL endpoint, Comunica would send it
 * the whole query, SERVICE clauses included, and the endpoint would hand it straight back.)
 * SERVICE SILENT is honoured here: a silent service that fails is replaced by an empty group,
 * which is what SPARQL says its failure amounts to, and the query is evaluated again.
 */
import { Readable } from 'node:stream';
import { parentPort } from 'node:worker_threads';
import { QueryEngine } from '@comunica/query-sparql';
import { Parser as TurtleParser } from 'n3';
import sparqljs from 'sparqljs';
import { FORMATS } from '../../../rdf/formats.js';
import { parseNTriples } from '../../../rdf/parse.js';
import { jsonResultsToCsv } from '../results-csv.js';
import { INTERNAL_HEADER, ON_BEHALF_OF_HEADER, type FederationCancel, type FederationRequest, type FederationResponse } from './worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('comunica-worker must run in a worker thread');

const engine = new QueryEngine();

interface Term { termType: string; value: string; language?: string; datatype?: { value: string } }

/** Queries being evaluated, by id: aborting one stops the requests it still has in flight. */
const running = new Map<number, AbortController>();

/**
 * fetch that marks requests to the local endpoint (with the client they run for), redirects
 * endpoints, stops when the query is cancelled, and names the URL it failed to reach.
 */
function fetchFor(request: FederationRequest, signal: AbortSignal): typeof fetch {
  return async (input, init) => {
    let url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    for (const [from, to] of Object.entries(request.redirects)) {
      if (url.startsWith(from)) url = to + url.slice(from.length);
    }
    const headers = new Headers(init?.headers);
    if (url.startsWith(request.localEndpoint)) {
      headers.set(INTERNAL_HEADER, request.internalToken);
      if (request.onBehalfOf) headers.set(ON_BEHALF_OF_HEADER, request.onBehalfOf);
    }
    try {
      return await fetch(url, { ...init, headers, signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal });
    } catch (error) {
      const cause = (error as Error & { cause?: Error }).cause?.message ?? (error as Error).message;
      throw new Error(`could not reach ${url.split('?')[0]}: ${cause}`);
    }
  };
}

function sparqlTerm(term: Term | undefined | null, variable: string): string {
  if (!term || term.termType === 'Variable' || term.termType === 'BlankNode' || term.termType === 'DefaultGraph') return `?${variable}`;
  if (term.termType === 'NamedNode') return `<${term.value}>`;
  const text = JSON.stringify(term.value);
  return term.language ? `${text}@${term.language}` : `${text}^^<${term.datatype?.value}>`;
}

/** The local data as an RDF/JS source: each triple pattern a CONSTRUCT on the local endpoint. */
function localSource(request: FederationRequest, fetcher: typeof fetch) {
  return {
    match(subject?: Term | null, predicate?: Term | null, object?: Term | null, graph?: Term | null) {
      const stream = new Readable({ objectMode: true, read() {} });
      // The published data lives in the default graph.
      if (graph && graph.termType !== 'DefaultGraph' && graph.termType !== 'Variable') {
        stream.push(null);
        return stream;
      }
      const pattern = `${sparqlTerm(subject, 's')} ${sparqlTerm(predicate, 'p')} ${sparqlTerm(object, 'o')}`;
      const url = `${request.localEndpoint}?query=${encodeURIComponent(`CONSTRUCT { ${pattern} } WHERE { ${pattern} }`)}`;
      fetcher(url, { headers: { accept: 'application/n-triples' } })
        .then(async (response) => {
          const text = await response.text();
          if (!response.ok) throw new Error(`the local endpoint answered ${response.status}: ${text.trim()}`);
          for (const quad of new TurtleParser({ format: 'application/n-triples' }).parse(text)) stream.push(quad);
          stream.push(null);
        })
        .catch((error: Error) => stream.destroy(error));
      return stream;
    },
  };
}

async function collect(stream: NodeJS.ReadableStream, limit: number): Promise<string | undefined> {
  let text = '';
  for await (const chunk of stream) {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
    if (text.length > limit) return undefined;
  }
  return text;
}

/**
 * Comunica does not write RDF/XML: the graph is rewritten from N-Triples by the service's RDF/XML
 * writer, loaded on the first such query (the worker starts faster without the writers).
 */
async function ntriplesToRdfXml(ntriples: string): Promise<string> {
  const { writeGraph } = await import('../../../rdf/write.js');
  return writeGraph(parseNTriples(ntriples), FORMATS.rdfxml, { prefixes: {} });
}

interface ServicePattern { type: 'service'; name: { value: string }; silent: boolean }

function servicePatterns(node: unknown, found: ServicePattern[] = []): ServicePattern[] {
  if (Array.isArray(node)) node.forEach((child) => servicePatterns(child, found));
  else if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    if (record.type === 'service') found.push(record as unknown as ServicePattern);
    Object.values(record).forEach((child) => servicePatterns(child, found));
  }
  return found;
}

/** The query with one silent SERVICE replaced by an empty group: its failure's meaning. */
function withoutService(query: string, baseIRI: string, iri: string): string {
  const parsed = new sparqljs.Parser({ baseIRI }).parse(query);
  for (const service of servicePatterns(parsed)) {
    if (service.silent && service.name.value === iri) {
      const replaced = service as unknown as Record<string, unknown>;
      for (const key of Object.keys(replaced)) delete replaced[key];
      Object.assign(replaced, { type: 'group', patterns: [] });
    }
  }
  return new sparqljs.Generator().stringify(parsed);
}

async function evaluate(request: FederationRequest, query: string, signal: AbortSignal): Promise<FederationResponse> {
  const fetcher = fetchFor(request, signal);
  const context = { sources: [localSource(request, fetcher)], baseIRI: request.baseIRI, fetch: fetcher };
  const result = await engine.query(query, context);
  const kind = result.resultType === 'quads' ? 'graph' : result.resultType === 'boolean' ? 'boolean' : 'solutions';
  const wanted = kind === 'graph' ? request.graphFormat : request.solutionsFormat;
  // Comunica writes neither RDF/XML nor CSV as SPARQL specifies it: those are rewritten here.
  const produced = wanted === 'application/rdf+xml' ? 'application/n-triples' : wanted === 'text/csv' ? 'application/sparql-results+json' : wanted;
  const { data } = await engine.resultToString(result, produced, context);
  const text = await collect(data, request.maxResultBytes);
  if (text === undefined) return { id: request.id, error: 'too-large', message: 'result too large' };
  const body = wanted === produced ? text : wanted === 'text/csv' ? jsonResultsToCsv(text) : await ntriplesToRdfXml(text);
  return { id: request.id, kind, mediaType: wanted, body };
}

const REMOTE_FAILURE = /could not reach|Invalid SPARQL endpoint response|HTTP status/i;

async function run(request: FederationRequest, signal: AbortSignal): Promise<FederationResponse> {
  let silent: string[];
  try {
    silent = servicePatterns(new sparqljs.Parser({ baseIRI: request.baseIRI }).parse(request.query)).filter((s) => s.silent).map((s) => s.name.value);
  } catch (error) {
    return { id: request.id, error: 'syntax', message: (error as Error).message };
  }
  let query = request.query;
  for (;;) {
    try {
      return await evaluate(request, query, signal);
    } catch (error) {
      const message = (error as Error).message ?? String(error);
      const redirected = (iri: string) => Object.entries(request.redirects).find(([from]) => iri.startsWith(from))?.[1] ?? iri;
      const failed = silent.find((iri) => message.includes(iri) || message.includes(redirected(iri)));
      if (!failed) return { id: request.id, error: REMOTE_FAILURE.test(message) ? 'remote' : 'evaluation', message };
      silent = silent.filter((iri) => iri !== failed);
      query = withoutService(query, request.baseIRI, failed);
    }
  }
}

port.on('message', (message: FederationRequest | FederationCancel) => {
  if ('cancel' in message) {
    running.get(message.cancel)?.abort();
    running.delete(message.cancel);
    return;
  }
  const request = message;
  const controller = new AbortController();
  running.set(request.id, controller);
  run(request, controller.signal).then(
    (response) => port.postMessage(response),
    (error: unknown) => port.postMessage({ id: request.id, error: 'evaluation', message: (error as Error).message ?? String(error) } satisfies FederationResponse),
  ).finally(() => running.delete(request.id));
});
port.postMessage({ ready: true });
