/**
 * The SPARQL query that gives the documents of a descriptor combination, shown beside the
 * search's results: a reader can check the answer in the endpoint, and the tests compare the two.
 */
import { citegoNamespaces, STANDARD_PREFIXES } from '../../rdf/namespaces.js';

export function descriptorCombinationQuery(descriptors: readonly string[], op: 'and' | 'or', baseIRI: string): string {
  const { citego } = citegoNamespaces(baseIRI);
  const { dct, rdfs } = STANDARD_PREFIXES;
  const pattern = op === 'and' || descriptors.length === 1
    ? `  ?sheet dct:subject ${descriptors.map((d) => `<${d}>`).join(' , ')} .`
    : `  VALUES ?descriptor { ${descriptors.map((d) => `<${d}>`).join(' ')} }\n  ?sheet dct:subject ?descriptor .`;
  return `PREFIX citego: <${citego}>
PREFIX dct: <${dct}>
PREFIX rdfs: <${rdfs}>

# The sheets indexed by ${op === 'and' ? 'every one' : 'at least one'} of these descriptors.
SELECT DISTINCT ?sheet ?title WHERE {
${pattern}
  ?sheet a/rdfs:subClassOf* citego:Document .
  OPTIONAL { ?sheet dct:title ?title FILTER(lang(?title) = "fr") }
}
ORDER BY ?sheet
`;
}
