/**
 * The vocabularies the service speaks, as prefix → namespace IRI. CITEGO's own namespaces
 * (`citego:` for the ontology, `shape:` for the shapes) hang under the configured base IRI, so
 * they are built by `citegoNamespaces(base)` rather than fixed here.
 */
export const STANDARD_PREFIXES = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  owl: 'http://www.w3.org/2002/07/owl#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  dct: 'http://purl.org/dc/terms/',
  dcmitype: 'http://purl.org/dc/dcmitype/',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  foaf: 'http://xmlns.com/foaf/0.1/',
  org: 'http://www.w3.org/ns/org#',
  schema: 'http://schema.org/',
  prov: 'http://www.w3.org/ns/prov#',
  geo: 'http://www.w3.org/2003/01/geo/wgs84_pos#',
  sh: 'http://www.w3.org/ns/shacl#',
  dcat: 'http://www.w3.org/ns/dcat#',
  void: 'http://rdfs.org/ns/void#',
  lang: 'http://publications.europa.eu/resource/authority/language/',
  wd: 'http://www.wikidata.org/entity/',
  hydra: 'http://www.w3.org/ns/hydra/core#',
  sd: 'http://www.w3.org/ns/sparql-service-description#',
  formats: 'http://www.w3.org/ns/formats/',
} as const;

export type StandardPrefix = keyof typeof STANDARD_PREFIXES;

export const RDF_TYPE = `${STANDARD_PREFIXES.rdf}type`;
export const RDF_LANG_STRING = `${STANDARD_PREFIXES.rdf}langString`;
export const RDFS_SUBCLASS_OF = `${STANDARD_PREFIXES.rdfs}subClassOf`;
export const XSD_STRING = `${STANDARD_PREFIXES.xsd}string`;

/** The last segment of an IRI, after its last '#' or '/': a name to show when nothing better is known. */
export function localName(iri: string): string {
  return iri.slice(Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/')) + 1);
}

/**
 * An IRI as a prefixed name (`dct:title`) with the longest namespace of `prefixes` it starts
 * with, when what follows is a plain local name; undefined otherwise.
 */
export function prefixedName(iri: string, prefixes: Readonly<Record<string, string>>): string | undefined {
  let best: [string, string] | undefined;
  for (const [prefix, namespace] of Object.entries(prefixes)) {
    if (iri.startsWith(namespace) && (!best || namespace.length > best[1].length)) best = [prefix, namespace];
  }
  if (!best) return undefined;
  const local = iri.slice(best[1].length);
  return /^[\w.-]*$/.test(local) ? `${best[0]}:${local}` : undefined;
}

/**
 * prefixedName for many IRIs against the same prefixes, as fast as one lookup: with namespaces
 * that all end in '/' or '#', the only one that can leave a plain local name is the IRI up to its
 * last '/' or '#'. Otherwise it falls back to prefixedName.
 */
export function prefixedNames(prefixes: Readonly<Record<string, string>>): (iri: string) => string | undefined {
  const entries = Object.entries(prefixes);
  if (!entries.every(([, namespace]) => namespace.endsWith('/') || namespace.endsWith('#'))) return (iri) => prefixedName(iri, prefixes);
  const byNamespace = new Map<string, string>();
  // The first prefix of a namespace wins, as in prefixedName.
  for (const [prefix, namespace] of entries) if (!byNamespace.has(namespace)) byNamespace.set(namespace, prefix);
  return (iri) => {
    const cut = Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/')) + 1;
    const prefix = byNamespace.get(iri.slice(0, cut));
    if (prefix === undefined) return undefined;
    const local = iri.slice(cut);
    return /^[\w.-]*$/.test(local) ? `${prefix}:${local}` : undefined;
  };
}

/** Prefixes of CITEGO's own vocabularies, resolved against the service's base IRI. */
export function citegoNamespaces(baseIRI: string): { citego: string; shape: string } {
  return { citego: new URL('ontology#', baseIRI).href, shape: new URL('shapes#', baseIRI).href };
}

/** Every prefix, standard and CITEGO's, for serialisers and for shortening IRIs in reports. */
export function allPrefixes(baseIRI: string): Record<string, string> {
  return { ...STANDARD_PREFIXES, ...citegoNamespaces(baseIRI) };
}
