/**
 * Lean RDF/JS terms. The parser creates millions of them while the data is validated; plain
 * objects with their fields filled in once are cheaper than N3's terms, whose `value`,
 * `language` and `datatype` are recomputed from an id string on every read.
 */
import { RDF_LANG_STRING, XSD_STRING } from './namespaces.js';

export interface NamedNode { readonly termType: 'NamedNode'; readonly value: string }
export interface BlankNode { readonly termType: 'BlankNode'; readonly value: string }
export interface Literal {
  readonly termType: 'Literal';
  readonly value: string;
  readonly language: string;
  readonly datatype: NamedNode;
}
export interface DefaultGraph { readonly termType: 'DefaultGraph'; readonly value: '' }
export type Term = NamedNode | BlankNode | Literal;
export type SubjectTerm = NamedNode | BlankNode;
export interface Quad {
  readonly subject: SubjectTerm;
  readonly predicate: NamedNode;
  readonly object: Term;
  readonly graph: NamedNode | BlankNode | DefaultGraph;
}

const LANG_STRING: NamedNode = { termType: 'NamedNode', value: RDF_LANG_STRING };
const STRING: NamedNode = { termType: 'NamedNode', value: XSD_STRING };
const DEFAULT_GRAPH: DefaultGraph = { termType: 'DefaultGraph', value: '' };
/** How many IRIs a factory keeps (a few megabytes); most data uses far fewer, over and over. */
const INTERNED_IRIS = 1 << 14;

/**
 * The string copied into one piece. A string joined from others (a prefix and a local name, a
 * statement spelt term by term) is a tree of pieces that keeps alive the whole texts they were
 * cut from; reading it as a number, which fails at once, makes V8 copy it flat, so that only it
 * stays in memory.
 */
export function flattened(value: string): string {
  Number(value);
  return value;
}

/**
 * A factory for one parse. Anonymous blank nodes (`[]`) are numbered per parse, so that parsing
 * the same source twice yields the same labels (validation reads a source twice when needed).
 */
export function createLeanFactory(anonymousPrefix: string) {
  let anonymousCount = 0;
  // One term per IRI among the first met (predicates, classes, the atlas's descriptors: what
  // recurs): the parser spells each occurrence anew, and every reader after it would hash that
  // new string again and keep its own copy.
  const named = new Map<string, NamedNode>();
  return {
    namedNode: (value: string): NamedNode => {
      let term = named.get(value);
      if (term === undefined) {
        // A joined string keeps alive the text it was cut from: the one kept is copied flat.
        if (named.size < INTERNED_IRIS) named.set(value, term = { termType: 'NamedNode', value: flattened(value) });
        else term = { termType: 'NamedNode', value };
      }
      return term;
    },
    blankNode: (value?: string): BlankNode => ({ termType: 'BlankNode', value: value ?? `${anonymousPrefix}${++anonymousCount}` }),
    literal: (value: string, languageOrDatatype?: string | NamedNode | { language: string }): Literal => {
      if (typeof languageOrDatatype === 'string') {
        return { termType: 'Literal', value, language: languageOrDatatype.toLowerCase(), datatype: LANG_STRING };
      }
      if (languageOrDatatype && 'language' in languageOrDatatype) {
        return { termType: 'Literal', value, language: languageOrDatatype.language.toLowerCase(), datatype: LANG_STRING };
      }
      return { termType: 'Literal', value, language: '', datatype: languageOrDatatype ?? STRING };
    },
    variable: (value: string) => ({ termType: 'Variable' as const, value }),
    defaultGraph: (): DefaultGraph => DEFAULT_GRAPH,
    quad: (subject: SubjectTerm, predicate: NamedNode, object: Term, graph?: Quad['graph']): Quad =>
      ({ subject, predicate, object, graph: graph ?? DEFAULT_GRAPH }),
  };
}

/** A string that identifies a term: the IRI itself, `_:label`, or the literal in N-Triples form. */
export function termKey(term: Term): string {
  switch (term.termType) {
    case 'NamedNode': return term.value;
    case 'BlankNode': return `_:${term.value}`;
    case 'Literal':
      return term.language ? `"${term.value}"@${term.language}` : `"${term.value}"^^${term.datatype.value}`;
  }
}

/** Turtle/N-Triples spelling of a term, for reports and messages (not for serialising data). */
export function termToNTriples(term: Term): string {
  switch (term.termType) {
    case 'NamedNode': return `<${term.value}>`;
    case 'BlankNode': return `_:${term.value}`;
    case 'Literal': {
      const text = JSON.stringify(term.value);
      if (term.language) return `${text}@${term.language}`;
      return term.datatype.value === XSD_STRING ? text : `${text}^^<${term.datatype.value}>`;
    }
  }
}
