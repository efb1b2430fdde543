/**
 * Terms spelt as N-Triples, the keys of the version's triple index. The index reads the store's
 * own N-Triples (every triple, written by the store), so a term asked for (in a fragment's pattern, or by the OAI-PMH records)
 * must be spelt exactly as the store writes it: the same escapes as Oxigraph's writer, plain
 * `"…"` for xsd:string, `"…"@lang` for language-tagged strings, `"…"^^<datatype>` otherwise.
 */
import { RDF_LANG_STRING, XSD_STRING } from '../../rdf/namespaces.js';
import type { Literal, Term } from '../../rdf/terms.js';

const ESCAPES: Readonly<Record<string, string>> = { '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r', '"': '\\"', '\\': '\\\\' };

/** A string quoted as Oxigraph writes it: the named escapes, \uXXXX for other control characters. */
function quoted(value: string): string {
   
  return `"${value.replace(/["\\\u0000-\u001f\u007f]/g, (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`)}"`;
}

/** The term's key: its N-Triples spelling. */
export function ntriplesKey(term: Term): string {
  switch (term.termType) {
    case 'NamedNode': return `<${term.value}>`;
    case 'BlankNode': return `_:${term.value}`;
    case 'Literal':
      if (term.language) return `${quoted(term.value)}@${term.language.toLowerCase()}`;
      return term.datatype.value === XSD_STRING ? quoted(term.value) : `${quoted(term.value)}^^<${term.datatype.value}>`;
  }
}

const UNESCAPES: Readonly<Record<string, string>> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', "'": "'", '\\': '\\' };

function unquote(body: string): string {
  return body.replace(/\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))/g, (_m, short?: string, long?: string, named?: string) =>
    short || long ? String.fromCodePoint(parseInt((short ?? long)!, 16)) : UNESCAPES[named!] ?? named!);
}

function literal(value: string, language: string, datatype: string): Literal {
  return { termType: 'Literal', value, language, datatype: { termType: 'NamedNode', value: language ? RDF_LANG_STRING : datatype } };
}

/** The term a key spells (the inverse of ntriplesKey). */
export function termOfKey(key: string): Term {
  if (key.startsWith('<')) return { termType: 'NamedNode', value: key.slice(1, -1) };
  if (key.startsWith('_:')) return { termType: 'BlankNode', value: key.slice(2) };
  const end = key.lastIndexOf('"');
  const value = unquote(key.slice(1, end));
  const rest = key.slice(end + 1);
  if (rest.startsWith('@')) return literal(value, rest.slice(1), RDF_LANG_STRING);
  return literal(value, '', rest.startsWith('^^<') ? rest.slice(3, -1) : XSD_STRING);
}

/** What a fragment's `subject`, `predicate` or `object` parameter said. */
export type PatternTerm = { readonly kind: 'variable' } | { readonly kind: 'term'; readonly term: Term } | { readonly kind: 'invalid'; readonly reason: string };

const ABSOLUTE_IRI = /^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]*$/i;

/**
 * A pattern term as Linked Data Fragments clients write it: empty or `?name` for a variable; an
 * IRI bare or in angle brackets; `_:label`; a literal `"…"`, `"…"@lang` or `"…"^^datatype` (the
 * datatype bare or bracketed). The text between the quotes is taken as it is, unescaped, as the
 * clients (Comunica, the LDF client) write it.
 */
export function parsePatternTerm(text: string | null): PatternTerm {
  const value = (text ?? '').trim();
  if (value === '' || value.startsWith('?') || value.startsWith('$')) return { kind: 'variable' };
  if (value.startsWith('_:')) return { kind: 'term', term: { termType: 'BlankNode', value: value.slice(2) } };
  if (value.startsWith('"')) {
    const language = /^"([\s\S]*)"@([a-zA-Z]+(?:-[a-zA-Z0-9]+)*)$/.exec(value);
    if (language) return { kind: 'term', term: literal(language[1]!, language[2]!.toLowerCase(), RDF_LANG_STRING) };
    const typedLiteral = /^"([\s\S]*)"\^\^<?([^<>\s]+)>?$/.exec(value);
    if (typedLiteral) {
      if (!ABSOLUTE_IRI.test(typedLiteral[2]!)) return { kind: 'invalid', reason: `the datatype of ${value} is not an absolute IRI` };
      return { kind: 'term', term: literal(typedLiteral[1]!, '', typedLiteral[2]!) };
    }
    const plain = /^"([\s\S]*)"$/.exec(value);
    if (plain) return { kind: 'term', term: literal(plain[1]!, '', XSD_STRING) };
    return { kind: 'invalid', reason: `${value} is not a literal: write "text", "text"@fr or "text"^^datatype` };
  }
  const iri = value.startsWith('<') && value.endsWith('>') ? value.slice(1, -1) : value;
  if (!ABSOLUTE_IRI.test(iri)) return { kind: 'invalid', reason: `${value} is neither an absolute IRI, a literal in quotes, nor a variable` };
  return { kind: 'term', term: { termType: 'NamedNode', value: iri } };
}
