/**
 * The two metadata formats of the repository, read from the version's triple index:
 *
 * - `oai_dc`, simple Dublin Core, which every harvester reads: the sheet's titles and abstracts
 *   in every language (xml:lang), its authors and partners by name, its descriptors by label (in
 *   every language) and by IRI, its places likewise (coverage), its dates, its type (DCMI's
 *   "Text" and CITEGO's type, by label and IRI), languages, rights, dossier, original page, and
 *   its IRI as identifier.
 * - `rdf`, the whole description in RDF/XML: the sheet's own triples and the names and types of
 *   what it links to, as the linked-data description gives them. We chose it over a MODS or
 *   DataCite mapping because it loses nothing (descriptors, atlas components, places with their
 *   identity links keep their IRIs) and because harvesters of linked data (Isidore among them)
 *   read RDF, while a MODS or DataCite crosswalk would flatten the atlas into keywords that
 *   oai_dc already carries.
 */
import { iri, triple } from '../../../rdf/build-terms.js';
import { FORMATS } from '../../../rdf/formats.js';
import { RDF_TYPE, STANDARD_PREFIXES, citegoNamespaces, localName } from '../../../rdf/namespaces.js';
import type { Quad, SubjectTerm } from '../../../rdf/terms.js';
import { writeGraph } from '../../../rdf/write.js';
import { labelOf, labelsOf, NAMING_PROPERTIES } from '../index-labels.js';
import { termOfKey } from '../ntriples-terms.js';
import type { TripleIndex } from '../triple-index.js';

const { dct, rdfs, foaf } = STANDARD_PREFIXES;

export interface MetadataFormat {
  readonly prefix: string;
  readonly schema: string;
  readonly namespace: string;
}

export const METADATA_FORMATS: readonly MetadataFormat[] = [
  { prefix: 'oai_dc', schema: 'http://www.openarchives.org/OAI/2.0/oai_dc.xsd', namespace: 'http://www.openarchives.org/OAI/2.0/oai_dc/' },
  { prefix: 'rdf', schema: 'http://www.openarchives.org/OAI/2.0/rdf.xsd', namespace: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#' },
];

export type DublinCoreName = 'title' | 'creator' | 'subject' | 'description' | 'publisher' | 'contributor' | 'date' | 'type' | 'format'
  | 'identifier' | 'source' | 'language' | 'relation' | 'coverage' | 'rights';

export interface DublinCoreElement {
  readonly name: DublinCoreName;
  readonly value: string;
  readonly language?: string;
}

/** A sheet in simple Dublin Core, in the order of the fifteen elements. */
export function dublinCore(index: TripleIndex, sheetIri: string, baseIRI: string): DublinCoreElement[] {
  const sheet = `<${sheetIri}>`;
  const { citego } = citegoNamespaces(baseIRI);
  const objects = (property: string) => index.objects(sheet, `<${property}>`);
  const iris = (property: string) => objects(property).map(termOfKey).filter((t) => t.termType === 'NamedNode').map((t) => t.value);
  const texts = (name: DublinCoreName, property: string): DublinCoreElement[] => objects(property).map(termOfKey)
    .map((t) => ({ name, value: t.value, ...(t.termType === 'Literal' && t.language ? { language: t.language } : {}) }));
  /** Every label of each linked thing, then its IRI: readers see names, machines follow IRIs. */
  const labelledLinks = (name: DublinCoreName, property: string): DublinCoreElement[] => iris(property).flatMap((thing) => [
    ...labelsOf(index, `<${thing}>`).map((label) => ({ name, value: label.value, ...(label.language ? { language: label.language } : {}) })),
    { name, value: thing },
  ]);
  const names = (name: DublinCoreName, ...properties: string[]): DublinCoreElement[] =>
    properties.flatMap((property) => iris(property)).map((thing) => ({ name, value: labelOf(index, `<${thing}>`, [`${foaf}name`, ...NAMING_PROPERTIES]) }));
  const types = iris(RDF_TYPE).filter((type) => type.startsWith(citego));

  return [
    ...texts('title', `${dct}title`),
    ...names('creator', `${dct}creator`),
    ...labelledLinks('subject', `${dct}subject`),
    ...texts('description', `${dct}abstract`),
    { name: 'publisher', value: 'CITEGO (Cités, territoires, gouvernance)' },
    ...names('contributor', `${citego}partner`, `${dct}contributor`),
    ...texts('date', `${dct}issued`),
    { name: 'type', value: 'Text' },
    ...types.flatMap((type) => [
      ...labelsOf(index, `<${type}>`, [`${rdfs}label`]).map((label) => ({ name: 'type' as const, value: label.value, ...(label.language ? { language: label.language } : {}) })),
      { name: 'type' as const, value: type },
    ]),
    { name: 'format', value: 'text/html' },
    { name: 'identifier', value: sheetIri },
    ...iris(`${dct}source`).map((value) => ({ name: 'source' as const, value })),
    // The EU language table names languages by ISO 639 three-letter codes (FRA, ENG…).
    ...iris(`${dct}language`).map((language) => ({ name: 'language' as const, value: localName(language).toLowerCase() })),
    ...iris(`${dct}isPartOf`).map((value) => ({ name: 'relation' as const, value })),
    ...labelledLinks('coverage', `${dct}spatial`),
    ...iris(`${dct}license`).map((value) => ({ name: 'rights' as const, value })),
    ...texts('rights', `${dct}rights`),
  ];
}

/** The sheet's description: its own triples, and the names and types of what it links to. */
export function describedSheet(index: TripleIndex, sheetIri: string): Quad[] {
  const id = index.id(`<${sheetIri}>`);
  if (id === undefined) return [];
  const own = index.match(id);
  const quads: Quad[] = [];
  const linked = new Set<string>();
  for (let i = 0; i < own.count; i++) {
    const [, p, o] = own.at(i);
    const object = termOfKey(index.term(o));
    quads.push(triple(iri(sheetIri), termOfKey(index.term(p)).value, object));
    if (object.termType === 'NamedNode' && object.value !== sheetIri) linked.add(index.term(o));
  }
  for (const thing of linked) {
    const subject = termOfKey(thing) as SubjectTerm;
    for (const property of [RDF_TYPE, ...NAMING_PROPERTIES]) {
      for (const value of index.objects(thing, `<${property}>`)) quads.push(triple(subject, property, termOfKey(value)));
    }
  }
  return quads;
}

/** The description in RDF/XML, whose root element goes into the record's metadata. */
export function rdfXmlOf(quads: readonly Quad[]): Promise<string> {
  return writeGraph(quads, FORMATS.rdfxml, { prefixes: {} });
}
