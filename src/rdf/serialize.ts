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

/** The prefixes whose namespaces the graph uses: a document declares only what it needs. */
export function usedPrefixes(quads: readonly Quad[], prefixes: Readonly<Record<string, string>>): Record<string, string> {
  const iris = new Set<string>();
  for (const q of quads) {
    iris.add(q.subject.value);
    iris.add(q.predicate.value);
    if (q.object.termType === 'NamedNode') iris.add(q.object.value);
    else if (q.object.termType === 'Literal') iris.add(q.object.datatype.value);
  }
  const used: Record<string, string> = {};
  for (const [prefix, namespace] of Object.entries(prefixes)) {
    for (const value of iris) {
      if (value.startsWith(namespace)) {
        used[prefix] = namespace;
        break;
      }
    }
  }
  return used;
}

/**
 * The quads in one order whatever order the store gave them in (replicas need not agree): the
 * described thing first, then by subject; rdf:type first within a subject. The same graph then
 * always gives the same bytes, and so the same ETag.
 */
export function canonicalOrder(quads: readonly Quad[], first?: string): Quad[] {
  const key = (q: Quad) => `${q.subject.value === first ? '0' : '1'}${q.subject.value}\u0000${q.predicate.value.endsWith('#type') ? '0' : '1'}${q.predicate.value}\u0000${q.object.termType}${q.object.value}${q.object.termType === 'Literal' ? `@${q.object.language}^${q.object.datatype.value}` : ''}`;
  const keyed = quads.map((q) => [key(q), q] as const);
  keyed.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const unique: Quad[] = [];
  let previous = '';
  for (const [k, q] of keyed) {
    if (k !== previous) unique.push(q);
    previous = k;
  }
  return unique;
}

export async function serializeGraph(quads: readonly Quad[], mediaType: GraphMediaType, prefixes: Readonly<Record<string, string>>): Promise<string> {
  switch (mediaType) {
    case 'text/turtle': return serializeQuads(quads, { format: 'text/turtle', prefixes: usedPrefixes(quads, prefixes) });
    case 'application/n-triples': return serializeQuads(quads, { format: 'application/n-triples' });
    case 'application/rdf+xml': return toRdfXml(quads, usedPrefixes(quads, prefixes));
    case 'application/ld+json': {
      const nquads = await serializeQuads(quads, { format: 'application/n-triples' });
      const expanded = await jsonld.fromRDF(nquads, { format: 'application/n-quads' });
      const compacted = await jsonld.compact(expanded, { '@context': { ...prefixes } });
      return `${JSON.stringify(compacted, null, 2)}\n`;
    }
  }
}
