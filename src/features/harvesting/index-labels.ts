/** Reading things' names and labels from the version's triple index, for the harvesters' records. */
import { STANDARD_PREFIXES, localName } from '../../rdf/namespaces.js';
import type { Literal } from '../../rdf/terms.js';
import { termOfKey } from './ntriples-terms.js';
import type { TripleIndex } from './triple-index.js';

const { dct, skos, foaf, rdfs } = STANDARD_PREFIXES;

/** The properties that name a thing, in the order they are tried. */
export const NAMING_PROPERTIES = [`${dct}title`, `${skos}prefLabel`, `${foaf}name`, `${rdfs}label`] as const;

/** Every label of a thing (spelt as N-Triples), by the first naming property it has. */
export function labelsOf(index: TripleIndex, thing: string, properties: readonly string[] = NAMING_PROPERTIES): Literal[] {
  for (const property of properties) {
    const labels = index.objects(thing, `<${property}>`).map(termOfKey).filter((t): t is Literal => t.termType === 'Literal');
    if (labels.length) return labels;
  }
  return [];
}

/** One label of a thing, French first (CITEGO's language), else its IRI's last segment. */
export function labelOf(index: TripleIndex, thing: string, properties: readonly string[] = NAMING_PROPERTIES): string {
  const labels = labelsOf(index, thing, properties);
  return (labels.find((l) => l.language === 'fr') ?? labels.find((l) => !l.language) ?? labels[0])?.value ?? localName(termOfKey(thing).value);
}
