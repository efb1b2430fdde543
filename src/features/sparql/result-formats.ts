/**
 * Which serialisation a SPARQL result is sent in: chosen by the `format` parameter when given,
 * else by Accept (q-values respected), among the registry's formats that fit the query's form.
 */
import { negotiateFormat } from '../../http/negotiation.js';
import { formatByShortName, FORMATS, type GraphMediaType, type SolutionsMediaType } from '../../rdf/formats.js';
import type { QueryForm } from '../../queries/query-form.js';

export type ResultKind = 'solutions' | 'boolean' | 'graph';

/** What each form of query can be answered in, in the server's order of preference; HTML is the page a browser gets. */
const OFFERED = {
  solutions: [FORMATS.sparqlJson, FORMATS.sparqlXml, FORMATS.csv, FORMATS.tsv, FORMATS.html],
  boolean: [FORMATS.sparqlJson, FORMATS.sparqlXml, FORMATS.html],
  graph: [FORMATS.turtle, FORMATS.ntriples, FORMATS.jsonld, FORMATS.rdfxml, FORMATS.html],
} as const;

export type ResultFormat = (typeof OFFERED)[ResultKind][number];
export type ResultMediaType = SolutionsMediaType | GraphMediaType | 'text/html';

export function resultKindOf(form: QueryForm): ResultKind {
  if (form === 'CONSTRUCT' || form === 'DESCRIBE') return 'graph';
  return form === 'ASK' ? 'boolean' : 'solutions';
}

export function offeredFormats(kind: ResultKind): readonly ResultFormat[] {
  return OFFERED[kind];
}

/** The format a `format` parameter (a short name or a media type) or Accept asks for, among those that fit. */
export function chooseResultFormat(kind: ResultKind, accept: string | undefined, formatParameter: string | undefined): ResultFormat | undefined {
  const offered: readonly ResultFormat[] = OFFERED[kind];
  if (formatParameter !== undefined) return formatByShortName(formatParameter, offered);
  return negotiateFormat(accept, offered)?.format;
}
