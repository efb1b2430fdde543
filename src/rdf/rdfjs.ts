/**
 * Crossing between the lean terms and RDF/JS terms with `equals()`, for the libraries that need
 * them (N3's writer, rdf-validate-shacl).
 */
import type * as RDF from '@rdfjs/types';
import { DataFactory, Writer } from 'n3';
import type { Quad, Term } from './terms.js';

export function toRdfJsTerm(term: Term): RDF.Quad_Object {
  switch (term.termType) {
    case 'NamedNode': return DataFactory.namedNode(term.value);
    case 'BlankNode': return DataFactory.blankNode(term.value);
    case 'Literal': return DataFactory.literal(term.value, term.language || DataFactory.namedNode(term.datatype.value));
  }
}

export function toRdfJsQuad(quad: Quad): RDF.Quad {
  const graph = quad.graph.termType === 'DefaultGraph' ? DataFactory.defaultGraph() : toRdfJsTerm(quad.graph) as RDF.Quad_Graph;
  return DataFactory.quad(toRdfJsTerm(quad.subject) as RDF.Quad_Subject, DataFactory.namedNode(quad.predicate.value), toRdfJsTerm(quad.object), graph);
}

export function fromRdfJsTerm(term: RDF.Term): Term {
  switch (term.termType) {
    case 'NamedNode': return { termType: 'NamedNode', value: term.value };
    case 'BlankNode': return { termType: 'BlankNode', value: term.value };
    case 'Literal':
      return { termType: 'Literal', value: term.value, language: term.language, datatype: { termType: 'NamedNode', value: term.datatype.value } };
    default: throw new Error(`a ${term.termType} cannot be a subject or object of published data`);
  }
}

/** Serialises quads with N3's writer, in one of the syntaxes it writes, with the given prefixes. */
export function serializeQuads(quads: Iterable<Quad>, options: {
  format: 'text/turtle' | 'application/n-triples' | 'application/n-quads' | 'application/trig';
  prefixes?: Record<string, string>;
}): Promise<string> {
  const writer = new Writer({ format: options.format, prefixes: options.prefixes });
  for (const quad of quads) writer.addQuad(toRdfJsQuad(quad));
  return new Promise((resolve, reject) => writer.end((error, result: string) => (error ? reject(error) : resolve(result))));
}
