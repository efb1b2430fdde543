/**
 * JSON-LD as harvesters like it: compacted with a published, versioned @context of short names
 * for our terms, or expanded when the `profile` asks for it. Compacting never changes the graph:
 * expanding our output gives back exactly the triples of the Turtle description (tested).
 * Every JSON-LD document the service writes, whatever it describes, goes through `writeJsonLd`.
 */
import jsonld from 'jsonld';
import { citegoNamespaces, STANDARD_PREFIXES } from './namespaces.js';
import { serializeQuads } from './rdfjs.js';
import type { Quad } from './terms.js';

/** Where the current context is published: a new version gets a new path, so that it can be cached for good. */
export const CONTEXT_PATH = '/context/v1.jsonld';

/** The context our JSON-LD documents name, and its definition (served at its URL). */
export interface PublishedContext {
  readonly url: string;
  readonly definition: Record<string, unknown>;
}

export type JsonLdProfile = 'compacted' | 'expanded';

const id = (iri: string) => ({ '@id': iri, '@type': '@id' });
const texts = (iri: string) => ({ '@id': iri, '@container': '@language' });

function contextDefinition(baseIRI: string): Record<string, unknown> {
  const { citego } = citegoNamespaces(baseIRI);
  const prefixes = { ...STANDARD_PREFIXES, citego };
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

export function publishedContext(baseIRI: string): PublishedContext {
  return { url: new URL(CONTEXT_PATH.slice(1), baseIRI).href, definition: contextDefinition(baseIRI) };
}

const JSON_LD_NS = 'http://www.w3.org/ns/json-ld#';

/** JSON-LD's profile, from the media type's parameter or the `profile` query parameter: expanded when asked for. */
export function jsonLdProfile(...requested: readonly (string | undefined)[]): JsonLdProfile {
  return requested.join(' ').split(/\s+/).some((p) => p === `${JSON_LD_NS}expanded` || p === 'expanded') ? 'expanded' : 'compacted';
}

/** A document loader that knows our context without fetching it (for expanding our own output). */
export function contextLoader(context: PublishedContext) {
  return async (url: string) => {
    if (url !== context.url) throw new Error(`no network here: cannot load ${url}`);
    return { contextUrl: undefined, documentUrl: url, document: { '@context': context.definition } };
  };
}

/** Quads as JSON-LD: expanded, or compacted with the published context (which it then needs). */
export async function writeJsonLd(quads: readonly Quad[], profile: JsonLdProfile, context?: PublishedContext): Promise<string> {
  const nquads = await serializeQuads(quads, { format: 'application/n-triples' });
  const expanded = await jsonld.fromRDF(nquads, { format: 'application/n-quads' });
  if (profile === 'expanded' || !context) return `${JSON.stringify(expanded, null, 2)}\n`;
  const compacted = await jsonld.compact(expanded, context.definition as jsonld.ContextDefinition);
  // The document names the published context rather than carrying a copy of it.
  return `${JSON.stringify({ ...compacted, '@context': context.url }, null, 2)}\n`;
}
