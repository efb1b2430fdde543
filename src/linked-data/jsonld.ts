/**
 * JSON-LD as harvesters like it: compacted with a published, versioned @context of short names
 * for our terms, or expanded when the `profile` asks for it. Compacting never changes the graph:
 * expanding our output gives back exactly the triples of the Turtle description (tested).
 */
import jsonld from 'jsonld';
import { citegoNamespaces, STANDARD_PREFIXES } from '../rdf/namespaces.js';
import { serializeQuads } from '../rdf/rdfjs.js';
import type { Quad } from '../rdf/terms.js';
import type { JsonLdProfile } from './formats.js';

/** The path of the current context: a new version gets a new path, so that it can be cached for good. */
export const CONTEXT_PATH = '/context/v1.jsonld';

const id = (iri: string) => ({ '@id': iri, '@type': '@id' });
const texts = (iri: string) => ({ '@id': iri, '@container': '@language' });

export function jsonLdContext(baseIRI: string): Record<string, unknown> {
  const { citego } = citegoNamespaces(baseIRI);
  const prefixes = { ...STANDARD_PREFIXES, citego, hydra: 'http://www.w3.org/ns/hydra/core#' };
  return {
    '@version': 1.1,
    ...prefixes,
    title: texts('dct:title'),
    abstract: texts('dct:abstract'),
    description: texts('dct:description'),
    label: texts('skos:prefLabel'),
    altLabel: texts('skos:altLabel'),
    definition: texts('skos:definition'),
    name: { '@id': 'foaf:name' },
    givenName: { '@id': 'foaf:givenName' },
    familyName: { '@id': 'foaf:familyName' },
    notation: { '@id': 'skos:notation' },
    issued: { '@id': 'dct:issued' },
    modified: { '@id': 'dct:modified' },
    bibliographicCitation: { '@id': 'dct:bibliographicCitation' },
    language: id('dct:language'),
    subject: id('dct:subject'),
    creator: id('dct:creator'),
    contributor: id('dct:contributor'),
    partner: id('citego:partner'),
    spatial: id('dct:spatial'),
    isPartOf: id('dct:isPartOf'),
    hasPart: id('dct:hasPart'),
    relation: id('dct:relation'),
    source: id('dct:source'),
    references: id('dct:references'),
    license: id('dct:license'),
    coordinator: id('citego:coordinator'),
    introduction: id('citego:introduction'),
    related: id('skos:related'),
    broader: id('skos:broader'),
    narrower: id('skos:narrower'),
    inScheme: id('skos:inScheme'),
    topConceptOf: id('skos:topConceptOf'),
    member: id('skos:member'),
    exactMatch: id('skos:exactMatch'),
    component: id('citego:component'),
    angle: id('citego:angle'),
    scale: id('citego:scale'),
    colour: { '@id': 'citego:colour' },
    memberOf: id('org:memberOf'),
    subOrganizationOf: id('org:subOrganizationOf'),
    location: id('schema:location'),
    containedInPlace: id('schema:containedInPlace'),
    latitude: { '@id': 'geo:lat' },
    longitude: { '@id': 'geo:long' },
    homepage: id('foaf:homepage'),
    sameAs: id('owl:sameAs'),
    primaryTopic: id('foaf:primaryTopic'),
  };
}

/** A document loader that knows our context without fetching it (for expanding our own output). */
export function contextLoader(contextUrl: string, context: Record<string, unknown>) {
  return async (url: string) => {
    if (url !== contextUrl) throw new Error(`no network here: cannot load ${url}`);
    return { contextUrl: undefined, documentUrl: url, document: { '@context': context } };
  };
}

export async function toJsonLd(quads: readonly Quad[], profile: JsonLdProfile, context: Record<string, unknown>, contextUrl: string): Promise<string> {
  const nquads = await serializeQuads(quads, { format: 'application/n-triples' });
  const expanded = await jsonld.fromRDF(nquads, { format: 'application/n-quads' });
  if (profile === 'expanded') return `${JSON.stringify(expanded, null, 2)}\n`;
  const compacted = await jsonld.compact(expanded, context as jsonld.ContextDefinition);
  // The document names the published context rather than carrying a copy of it.
  return `${JSON.stringify({ ...compacted, '@context': contextUrl }, null, 2)}\n`;
}
