/**
 * Writing a graph (or a dataset) in any format of the registry. There is one writer per format,
 * chosen from this table: Turtle, N-Triples, N-Quads and TriG by N3's writer, JSON-LD by the one
 * JSON-LD pipeline (rdf/jsonld.ts), RDF/XML by Oxigraph's writer, the same the store uses for
 * query results.
 */
import { FORMATS, type GraphFormat } from './formats.js';
import { writeJsonLd, type JsonLdProfile, type PublishedContext } from './jsonld.js';
import { serializeQuads } from './rdfjs.js';
import type { Quad, Term } from './terms.js';
import type * as OxigraphModule from 'oxigraph';

export interface WriteOptions {
  /** Prefixes Turtle and TriG may use: a document declares only those its graph needs. */
  readonly prefixes: Readonly<Record<string, string>>;
  /** The context compacted JSON-LD names; without one, JSON-LD is expanded. */
  readonly context?: PublishedContext;
  /** JSON-LD's profile: compacted (with the context) unless said. */
  readonly profile?: JsonLdProfile;
}

type Writer = (quads: readonly Quad[], options: WriteOptions) => Promise<string>;

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

type Oxigraph = typeof OxigraphModule;
let oxigraph: Promise<Oxigraph> | undefined;

/** Oxigraph is loaded on the first RDF/XML document: most processes never write one. */
async function writeRdfXml(quads: readonly Quad[]): Promise<string> {
  // A CommonJS module: its exports are the default export of the dynamic import.
  const ox = await (oxigraph ??= import('oxigraph').then((module) => (module as unknown as { default: Oxigraph }).default));
  const term = (t: Term) => t.termType === 'NamedNode' ? ox.namedNode(t.value)
    : t.termType === 'BlankNode' ? ox.blankNode(t.value)
      : ox.literal(t.value, t.language || ox.namedNode(t.datatype.value));
  const store = new ox.Store();
  try {
    for (const q of quads) store.add(ox.quad(term(q.subject) as never, ox.namedNode(q.predicate.value), term(q.object), ox.defaultGraph()));
    return store.dump({ format: FORMATS.rdfxml.mediaType, from_graph_name: ox.defaultGraph() });
  } finally {
    (store as { free?: () => void }).free?.();
  }
}

const WRITERS: Readonly<Record<GraphFormat['name'], Writer>> = {
  turtle: (quads, { prefixes }) => serializeQuads(quads, { format: 'text/turtle', prefixes: usedPrefixes(quads, prefixes) }),
  ntriples: (quads) => serializeQuads(quads, { format: 'application/n-triples' }),
  nquads: (quads) => serializeQuads(quads, { format: 'application/n-quads' }),
  trig: (quads, { prefixes }) => serializeQuads(quads, { format: 'application/trig', prefixes: usedPrefixes(quads, prefixes) }),
  jsonld: (quads, { context, profile }) => writeJsonLd(quads, context ? profile ?? 'compacted' : 'expanded', context),
  rdfxml: (quads) => writeRdfXml(quads),
};

/** The graph written in a format; rejects when the format cannot hold it (an RDF/XML predicate that is not an XML name). */
export function writeGraph(quads: readonly Quad[], format: GraphFormat, options: WriteOptions): Promise<string> {
  return WRITERS[format.name](quads, options);
}
