/**
 * The format registry: every format the service reads, writes or negotiates, declared once with
 * its media type, the other names clients give it, its file extensions, the short names of the
 * SPARQL endpoint's `format` parameter, what it holds, whether the store writes it, and its
 * W3C format IRI for service descriptions. Routes choose among these entries; writers are found
 * by them (rdf/write.ts); the parser reads the ones marked `parsed`.
 *
 * An alias is only ever looked up among the formats a route offers: `application/json` means
 * JSON-LD where a graph is offered and SPARQL JSON results where solutions are.
 */
import { extname } from 'node:path';

/** What a format's documents hold. */
export type Holding = 'page' | 'graph' | 'dataset' | 'results' | 'table';

export interface Format {
  readonly name: string;
  readonly label: string;
  readonly mediaType: string;
  /** Other media types clients send for it. */
  readonly aliases: readonly string[];
  /** File extensions, the one the service writes first. */
  readonly extensions: readonly string[];
  /** Names accepted by the SPARQL endpoint's `format` parameter. */
  readonly shortNames: readonly string[];
  /**
   * page: HTML for people; graph: one RDF graph; dataset: graphs with their names; results:
   * SPARQL solutions and booleans; table: SPARQL solutions only.
   */
  readonly holds: Holding;
  /** The store serialises query results and dumps in it. */
  readonly storeWrites: boolean;
  /** The service reads files in it (rdf/parse.ts). */
  readonly parsed: boolean;
  /** Its IRI in http://www.w3.org/ns/formats/, for service descriptions. */
  readonly w3c?: string;
}

function format<const F extends Format>(spec: F): F {
  return spec;
}

export const FORMATS = {
  html: format({
    name: 'html', label: 'HTML', mediaType: 'text/html', aliases: ['application/xhtml+xml'], extensions: ['html'], shortNames: ['html'],
    holds: 'page', storeWrites: false, parsed: false,
  }),
  jsonld: format({
    name: 'jsonld', label: 'JSON-LD', mediaType: 'application/ld+json', aliases: ['application/json'], extensions: ['jsonld'],
    shortNames: ['jsonld', 'json-ld', 'json'], holds: 'graph', storeWrites: true, parsed: false, w3c: 'JSON-LD',
  }),
  turtle: format({
    name: 'turtle', label: 'Turtle', mediaType: 'text/turtle', aliases: ['application/x-turtle'], extensions: ['ttl', 'turtle'],
    shortNames: ['turtle', 'ttl'], holds: 'graph', storeWrites: true, parsed: true, w3c: 'Turtle',
  }),
  ntriples: format({
    name: 'ntriples', label: 'N-Triples', mediaType: 'application/n-triples', aliases: ['text/plain'], extensions: ['nt'],
    shortNames: ['nt', 'ntriples', 'n-triples'], holds: 'graph', storeWrites: true, parsed: true, w3c: 'N-Triples',
  }),
  rdfxml: format({
    name: 'rdfxml', label: 'RDF/XML', mediaType: 'application/rdf+xml', aliases: ['application/xml', 'text/xml'], extensions: ['rdf'],
    shortNames: ['rdfxml', 'rdf', 'rdf+xml', 'xml'], holds: 'graph', storeWrites: true, parsed: false, w3c: 'RDF_XML',
  }),
  nquads: format({
    name: 'nquads', label: 'N-Quads', mediaType: 'application/n-quads', aliases: [], extensions: ['nq'], shortNames: ['nq', 'nquads'],
    holds: 'dataset', storeWrites: true, parsed: true, w3c: 'N-Quads',
  }),
  trig: format({
    name: 'trig', label: 'TriG', mediaType: 'application/trig', aliases: [], extensions: ['trig'], shortNames: ['trig'],
    holds: 'dataset', storeWrites: true, parsed: true, w3c: 'TriG',
  }),
  sparqlJson: format({
    name: 'sparql-json', label: 'SPARQL JSON', mediaType: 'application/sparql-results+json', aliases: ['application/json'], extensions: ['srj'],
    shortNames: ['json', 'srj'], holds: 'results', storeWrites: true, parsed: false, w3c: 'SPARQL_Results_JSON',
  }),
  sparqlXml: format({
    name: 'sparql-xml', label: 'SPARQL XML', mediaType: 'application/sparql-results+xml', aliases: ['application/xml', 'text/xml'],
    extensions: ['srx'], shortNames: ['xml', 'srx'], holds: 'results', storeWrites: true, parsed: false, w3c: 'SPARQL_Results_XML',
  }),
  csv: format({
    name: 'csv', label: 'CSV', mediaType: 'text/csv', aliases: [], extensions: ['csv'], shortNames: ['csv'],
    holds: 'table', storeWrites: true, parsed: false, w3c: 'SPARQL_Results_CSV',
  }),
  tsv: format({
    name: 'tsv', label: 'TSV', mediaType: 'text/tab-separated-values', aliases: ['text/tsv'], extensions: ['tsv'], shortNames: ['tsv'],
    holds: 'table', storeWrites: true, parsed: false, w3c: 'SPARQL_Results_TSV',
  }),
} as const;

type Registered = (typeof FORMATS)[keyof typeof FORMATS];
export type GraphFormat = Extract<Registered, { holds: 'graph' | 'dataset' }>;
export type ParsedFormat = Extract<Registered, { parsed: true }>;

/** Media types of the formats the store writes, by what they hold (the store interface's types). */
export type GraphMediaType = GraphFormat['mediaType'];
export type SolutionsMediaType = Extract<Registered, { holds: 'results' | 'table' }>['mediaType'];
export type ParsedMediaType = ParsedFormat['mediaType'];

export const ALL_FORMATS: readonly Format[] = Object.values(FORMATS);
/** The four RDF syntaxes a single graph is published in, in the order they are listed to people. */
export const GRAPH_FORMATS = [FORMATS.jsonld, FORMATS.turtle, FORMATS.ntriples, FORMATS.rdfxml] as const;
const PARSED_FORMATS: readonly ParsedFormat[] = [FORMATS.turtle, FORMATS.ntriples, FORMATS.nquads, FORMATS.trig];

export function isGraphFormat(format: Format): format is GraphFormat {
  return format.holds === 'graph' || format.holds === 'dataset';
}

/** The format among `offered` whose canonical media type or alias this is. */
export function formatByMediaType<F extends Format>(mediaType: string, offered: readonly F[]): F | undefined {
  const type = mediaType.toLowerCase();
  return offered.find((f) => f.mediaType === type) ?? offered.find((f) => f.aliases.includes(type));
}

export function formatByExtension<F extends Format>(extension: string, offered: readonly F[]): F | undefined {
  return offered.find((f) => f.extensions.includes(extension.toLowerCase()));
}

/** The format a `format` parameter names among `offered`: a short name or a media type. */
export function formatByShortName<F extends Format>(name: string, offered: readonly F[]): F | undefined {
  const wanted = name.trim().toLowerCase();
  return offered.find((f) => f.shortNames.includes(wanted)) ?? formatByMediaType(wanted, offered);
}

export class UnsupportedFileTypeError extends Error {
  constructor(readonly file: string) {
    super(`${file}: unsupported file type "${extname(file) || '(none)'}"; expected one of ${PARSED_FORMATS.flatMap((f) => f.extensions.map((e) => `.${e}`)).join(', ')}`);
    this.name = 'UnsupportedFileTypeError';
  }
}

/** The RDF syntax of a file, from its extension. */
export function formatOfFile(file: string): ParsedFormat {
  const found = formatByExtension(extname(file).slice(1), PARSED_FORMATS);
  if (!found) throw new UnsupportedFileTypeError(file);
  return found;
}

/** Whether a file name has the extension of an RDF syntax the service reads. */
export function isRdfFile(file: string): boolean {
  return formatByExtension(extname(file).slice(1), PARSED_FORMATS) !== undefined;
}
