/** The formats a description comes in: a page for people, four RDF syntaxes for programs. */
import { negotiate, type MediaRange } from '../server/negotiation.js';

export interface DescriptionFormat {
  readonly name: 'html' | 'jsonld' | 'turtle' | 'ntriples' | 'rdfxml';
  readonly extension: string;
  readonly mediaType: string;
  readonly label: string;
}

export const DESCRIPTION_FORMATS: readonly DescriptionFormat[] = [
  { name: 'html', extension: 'html', mediaType: 'text/html', label: 'HTML' },
  { name: 'jsonld', extension: 'jsonld', mediaType: 'application/ld+json', label: 'JSON-LD' },
  { name: 'turtle', extension: 'ttl', mediaType: 'text/turtle', label: 'Turtle' },
  { name: 'ntriples', extension: 'nt', mediaType: 'application/n-triples', label: 'N-Triples' },
  { name: 'rdfxml', extension: 'rdf', mediaType: 'application/rdf+xml', label: 'RDF/XML' },
];

const BY_EXTENSION = new Map(DESCRIPTION_FORMATS.map((f) => [f.extension, f]));
const BY_MEDIA_TYPE = new Map(DESCRIPTION_FORMATS.map((f) => [f.mediaType, f]));
/** Other names clients use for the same formats. */
const ALIASES: Readonly<Record<string, string>> = {
  'application/xhtml+xml': 'text/html',
  'application/json': 'application/ld+json',
  'application/x-turtle': 'text/turtle',
  'text/plain': 'application/n-triples',
  'application/xml': 'application/rdf+xml',
  'text/xml': 'application/rdf+xml',
};
const OFFERED = [...DESCRIPTION_FORMATS.map((f) => f.mediaType), ...Object.keys(ALIASES)];

export function formatByExtension(extension: string): DescriptionFormat | undefined {
  return BY_EXTENSION.get(extension);
}

/** The format Accept asks for, q-values respected; any type at all (a browser's) means HTML. */
export function negotiateFormat(accept: string | undefined): { format: DescriptionFormat; range: MediaRange } | undefined {
  const chosen = negotiate(accept, OFFERED);
  if (!chosen) return undefined;
  return { format: BY_MEDIA_TYPE.get(ALIASES[chosen.mediaType] ?? chosen.mediaType)!, range: chosen.range };
}

export type JsonLdProfile = 'compacted' | 'expanded';

const JSON_LD_NS = 'http://www.w3.org/ns/json-ld#';

/** JSON-LD's profile parameter: `expanded` when asked for, else compacted with our context. */
export function jsonLdProfile(range: MediaRange | undefined, parameter: string | undefined): JsonLdProfile {
  const requested = `${parameter ?? ''} ${range?.parameters.profile ?? ''}`;
  return requested.split(/\s+/).some((p) => p === `${JSON_LD_NS}expanded` || p === 'expanded') ? 'expanded' : 'compacted';
}
