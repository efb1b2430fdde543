/**
 * Small graphs the service builds itself, written in every RDF format it offers. (Data from the
 * store is serialised by the store.)
 */
import jsonld from 'jsonld';
import { serializeQuads } from './rdfjs.js';
import { toRdfXml } from './rdfxml.js';
import type { Quad } from './terms.js';

export type GraphMediaType = 'text/turtle' | 'application/n-triples' | 'application/ld+json' | 'application/rdf+xml';
export const GRAPH_MEDIA_TYPES: readonly GraphMediaType[] = ['text/turtle', 'application/ld+json', 'application/n-triples', 'application/rdf+xml'];

export async function serializeGraph(quads: readonly Quad[], mediaType: GraphMediaType, prefixes: Readonly<Record<string, string>>): Promise<string> {
  switch (mediaType) {
    case 'text/turtle': return serializeQuads(quads, { format: 'text/turtle', prefixes: { ...prefixes } });
    case 'application/n-triples': return serializeQuads(quads, { format: 'application/n-triples' });
    case 'application/rdf+xml': return toRdfXml(quads, prefixes);
    case 'application/ld+json': {
      const nquads = await serializeQuads(quads, { format: 'application/n-triples' });
      const expanded = await jsonld.fromRDF(nquads, { format: 'application/n-quads' });
      const compacted = await jsonld.compact(expanded, { '@context': { ...prefixes } });
      return `${JSON.stringify(compacted, null, 2)}\n`;
    }
  }
}
