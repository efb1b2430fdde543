/**
 * Which serialisation a SPARQL result is sent in: chosen by the `format` parameter when given,
 * else by Accept (q-values respected), among the formats that fit the query's form.
 */
import { negotiate } from '../server/negotiation.js';
import type { GraphFormat, SolutionsFormat } from '../store/store.js';
import type { QueryForm } from './query-form.js';

export type ResultKind = 'solutions' | 'boolean' | 'graph';
/** 'text/html' is the page a browser gets: a table of the results. */
export type ResultMediaType = SolutionsFormat | GraphFormat | 'text/html';

/** What each form of query can be answered in, in the server's order of preference. */
const OFFERED: Record<ResultKind, readonly ResultMediaType[]> = {
  solutions: ['application/sparql-results+json', 'application/sparql-results+xml', 'text/csv', 'text/tab-separated-values', 'text/html'],
  boolean: ['application/sparql-results+json', 'application/sparql-results+xml', 'text/html'],
  graph: ['text/turtle', 'application/n-triples', 'application/ld+json', 'application/rdf+xml', 'text/html'],
};

/** Media types clients send for the same thing, mapped to the one the store writes. */
const ALIASES: Record<ResultKind, Readonly<Record<string, ResultMediaType>>> = {
  solutions: { 'application/json': 'application/sparql-results+json', 'application/xml': 'application/sparql-results+xml', 'text/xml': 'application/sparql-results+xml', 'text/tsv': 'text/tab-separated-values' },
  boolean: { 'application/json': 'application/sparql-results+json', 'application/xml': 'application/sparql-results+xml', 'text/xml': 'application/sparql-results+xml' },
  graph: { 'application/x-turtle': 'text/turtle', 'text/plain': 'application/n-triples', 'application/json': 'application/ld+json', 'application/xml': 'application/rdf+xml', 'text/xml': 'application/rdf+xml' },
};

/** Short names accepted by the `format` parameter. */
const SHORT_NAMES: Readonly<Record<string, ResultMediaType>> = {
  json: 'application/sparql-results+json', srj: 'application/sparql-results+json',
  xml: 'application/sparql-results+xml', srx: 'application/sparql-results+xml',
  csv: 'text/csv', tsv: 'text/tab-separated-values',
  ttl: 'text/turtle', turtle: 'text/turtle',
  nt: 'application/n-triples', ntriples: 'application/n-triples', 'n-triples': 'application/n-triples',
  jsonld: 'application/ld+json', 'json-ld': 'application/ld+json',
  rdfxml: 'application/rdf+xml', rdf: 'application/rdf+xml', 'rdf+xml': 'application/rdf+xml',
  html: 'text/html',
};

export function resultKindOf(form: QueryForm): ResultKind {
  if (form === 'CONSTRUCT' || form === 'DESCRIBE') return 'graph';
  return form === 'ASK' ? 'boolean' : 'solutions';
}

export function offeredFormats(kind: ResultKind): readonly ResultMediaType[] {
  return OFFERED[kind];
}

/** The `format` parameter for a kind: json/xml name results formats for SELECT and ASK, graph formats otherwise. */
function fromFormatParameter(value: string, kind: ResultKind): ResultMediaType | undefined {
  const name = value.trim().toLowerCase();
  let mediaType = SHORT_NAMES[name] ?? ALIASES[kind][name] ?? (OFFERED[kind].includes(name as ResultMediaType) ? (name as ResultMediaType) : undefined);
  if (kind === 'graph' && (name === 'json' || name === 'xml')) mediaType = name === 'json' ? 'application/ld+json' : 'application/rdf+xml';
  return mediaType && OFFERED[kind].includes(mediaType) ? mediaType : undefined;
}

export function chooseResultFormat(kind: ResultKind, accept: string | undefined, formatParameter: string | undefined): ResultMediaType | undefined {
  if (formatParameter !== undefined) return fromFormatParameter(formatParameter, kind);
  // Aliases are offered after the canonical types, so that an exact canonical match wins.
  const aliases = Object.keys(ALIASES[kind]);
  const chosen = negotiate(accept, [...OFFERED[kind], ...aliases]);
  if (!chosen) return undefined;
  return ALIASES[kind][chosen.mediaType] ?? (chosen.mediaType as ResultMediaType);
}

/** The Content-Type header of a result: text formats say they are UTF-8. */
export function contentTypeOf(mediaType: ResultMediaType): string {
  return `${mediaType}; charset=utf-8`;
}
