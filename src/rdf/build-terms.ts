/** Terms for graphs the service writes itself (service description, catalogue). */
import type { Literal, NamedNode, Quad, SubjectTerm, Term } from './terms.js';
import { RDF_LANG_STRING, STANDARD_PREFIXES, XSD_STRING } from './namespaces.js';

export const iri = (value: string): NamedNode => ({ termType: 'NamedNode', value });

export function text(value: string, language = ''): Literal {
  return { termType: 'Literal', value, language, datatype: iri(language ? RDF_LANG_STRING : XSD_STRING) };
}

export function typed(value: string | number, datatype: string): Literal {
  return { termType: 'Literal', value: String(value), language: '', datatype: iri(datatype) };
}

export const integer = (value: number): Literal => typed(Math.round(value), `${STANDARD_PREFIXES.xsd}integer`);

export function triple(subject: SubjectTerm | string, predicate: string, object: Term | string): Quad {
  return {
    subject: typeof subject === 'string' ? iri(subject) : subject,
    predicate: iri(predicate),
    object: typeof object === 'string' ? iri(object) : object,
    graph: { termType: 'DefaultGraph', value: '' },
  };
}
