/**
 * The SPARQL 1.1 Protocol's query operation: from an HTTP request to the query text and its
 * dataset, or to the error the protocol prescribes. Pure: it sees the method, the content type,
 * the URL's parameters and the raw body, and nothing else.
 */
import { queryForm } from '../../queries/query-form.js';
import { exceededLimit, measureQuery, QUERY_LIMITS, type QueryLimits, type QueryMeasures } from '../../queries/query-measures.js';

export interface QueryRequest {
  readonly query: string;
  readonly defaultGraphs: readonly string[];
  readonly namedGraphs: readonly string[];
  /** Its shape, measured before anything parses it: within the limits, and whether it has a SERVICE clause. */
  readonly measures: QueryMeasures;
}

/** A request the protocol refuses, with its status and a message a person understands. */
export class ProtocolError extends Error {
  /** `limit` names the limit of a query's shape that the query exceeded, when that was the reason. */
  constructor(readonly status: number, message: string, readonly headers: Readonly<Record<string, string>> = {}, readonly limit?: keyof QueryLimits) {
    super(message);
    this.name = 'ProtocolError';
  }
}

export interface ProtocolLimits {
  /** Longest query text accepted, in characters. */
  readonly maxQueryLength: number;
  /** Limits of a query's shape (query-measures.ts); the store's safe limits when absent. */
  readonly shape?: QueryLimits;
}

/** Each limit of a query's shape, as a sentence: what was found, what is accepted, what to do. */
const LIMIT_TEXTS: Readonly<Record<keyof QueryLimits, (value: number, limit: number) => string>> = {
  depth: (value, limit) => `The query nests ${value > limit ? `more than ${limit}` : value} levels deep (brackets, and each link of a chain of ||, &&, +, path steps, UNION, OPTIONAL, FILTER or BIND); this endpoint accepts up to ${limit}. ` +
    'Use VALUES or IN instead of long chains of alternatives, and fewer nested groups.',
  triplePatterns: (value, limit) => `The query has ${value > limit ? `more than ${limit}` : value} triple patterns; this endpoint accepts up to ${limit}. Split it, or run it on a downloaded dump.`,
  valuesRows: (value, limit) => `The query's VALUES blocks have ${value > limit ? `more than ${limit.toLocaleString('en-GB')}` : value.toLocaleString('en-GB')} rows; this endpoint accepts up to ${limit.toLocaleString('en-GB')}. Send them in several queries.`,
  size: (_value, limit) => `The query has more than ${limit.toLocaleString('en-GB')} terms and operators; this endpoint accepts up to ${limit.toLocaleString('en-GB')}. Split it into smaller queries.`,
};

type Parameters = ReadonlyMap<string, readonly string[]>;

export function parametersOf(search: string): Map<string, string[]> {
  const parameters = new Map<string, string[]>();
  for (const [name, value] of new URLSearchParams(search)) {
    const values = parameters.get(name);
    if (values) values.push(value);
    else parameters.set(name, [value]);
  }
  return parameters;
}

const READ_ONLY = 'This endpoint is read-only: SPARQL Update (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE…) is not accepted here.';

function mediaTypeOf(contentType: string | undefined): { type: string; charset?: string } {
  if (!contentType) return { type: '' };
  const [type, ...parameters] = contentType.split(';').map((p) => p.trim());
  const charset = parameters.find((p) => p.toLowerCase().startsWith('charset='))?.slice(8).replace(/"/g, '').toLowerCase();
  return { type: (type ?? '').toLowerCase(), charset };
}

function single(parameters: Parameters, name: string): string | undefined {
  const values = parameters.get(name);
  if (!values) return undefined;
  if (values.length > 1) throw new ProtocolError(400, `The "${name}" parameter is given ${values.length} times; give it once.`);
  return values[0];
}

/** Characters an IRI may not hold (RFC 3987): spaces, controls, and the delimiters of IRIs in SPARQL. */
const NOT_IN_IRI = /[\u0000-\u0020<>"{}|^`\\]/;

function checkIri(value: string, parameter: string): string {
  if (!URL.canParse(value) || NOT_IN_IRI.test(value)) throw new ProtocolError(400, `The ${parameter} "${value}" is not an absolute IRI.`);
  return value;
}

function datasetOf(parameters: Parameters): Pick<QueryRequest, 'defaultGraphs' | 'namedGraphs'> {
  return {
    defaultGraphs: (parameters.get('default-graph-uri') ?? []).map((v) => checkIri(v, 'default-graph-uri')),
    namedGraphs: (parameters.get('named-graph-uri') ?? []).map((v) => checkIri(v, 'named-graph-uri')),
  };
}

/** The query, checked before anything parses it: present, not too long, read-only, within the limits of its shape. */
function checked(query: string, limits: ProtocolLimits): { query: string; measures: QueryMeasures } {
  if (!query.trim()) throw new ProtocolError(400, 'The query is empty.');
  if (query.length > limits.maxQueryLength) {
    throw new ProtocolError(413, `The query is ${query.length.toLocaleString('en-GB')} characters long; this endpoint accepts up to ${limits.maxQueryLength.toLocaleString('en-GB')}.`);
  }
  if (queryForm(query) === 'UPDATE') throw new ProtocolError(403, READ_ONLY);
  const shape = limits.shape ?? QUERY_LIMITS;
  const measures = measureQuery(query, shape);
  const exceeded = exceededLimit(measures, shape);
  if (exceeded) throw new ProtocolError(400, LIMIT_TEXTS[exceeded.name](exceeded.value, exceeded.limit), {}, exceeded.name);
  return { query, measures };
}

/**
 * Reads a query request. Returns undefined for a bare GET (no parameter at all), which asks for
 * the service description rather than for a query.
 */
export function readQueryRequest(
  request: { method: string; contentType?: string; search: string; body?: Buffer },
  limits: ProtocolLimits,
): QueryRequest | undefined {
  const urlParameters = parametersOf(request.search);
  const method = request.method.toUpperCase();

  if (method === 'GET' || method === 'HEAD') {
    if (urlParameters.has('update')) throw new ProtocolError(403, READ_ONLY);
    if (urlParameters.size === 0) return undefined;
    const query = single(urlParameters, 'query');
    if (query === undefined) throw new ProtocolError(400, 'A "query" parameter is required: /sparql?query=SELECT…');
    return { ...checked(query, limits), ...datasetOf(urlParameters) };
  }

  if (method !== 'POST') {
    throw new ProtocolError(405, `The SPARQL protocol uses GET or POST, not ${method}.`, { Allow: 'GET, HEAD, POST, OPTIONS' });
  }
  const { type, charset } = mediaTypeOf(request.contentType);
  if (charset && charset !== 'utf-8' && charset !== 'utf8') {
    throw new ProtocolError(415, `The request body must be UTF-8, not ${charset}.`);
  }
  const body = request.body ?? Buffer.alloc(0);
  if (type === 'application/sparql-update') throw new ProtocolError(403, READ_ONLY);
  if (type === 'application/sparql-query') {
    const query = decodeUtf8(body);
    return { ...checked(query, limits), ...datasetOf(urlParameters) };
  }
  if (type === 'application/x-www-form-urlencoded') {
    const form = parametersOf(decodeUtf8(body));
    if (form.has('update')) {
      if ((form.get('update') ?? []).length > 1) throw new ProtocolError(400, 'The "update" parameter is given more than once.');
      throw new ProtocolError(403, READ_ONLY);
    }
    const query = single(form, 'query');
    if (query === undefined) throw new ProtocolError(400, 'A "query" field is required in the form body.');
    return { ...checked(query, limits), ...datasetOf(form) };
  }
  throw new ProtocolError(415, type
    ? `POST a query as application/sparql-query or application/x-www-form-urlencoded, not ${type}.`
    : 'A POST request needs a Content-Type: application/sparql-query or application/x-www-form-urlencoded.');
}

function decodeUtf8(body: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw new ProtocolError(400, 'The request body is not valid UTF-8.');
  }
}
