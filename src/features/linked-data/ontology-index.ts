/**
 * The ontology read for pages: each term's labels and definitions by language, each class's
 * superclasses, each property's domain and range. Pages use it to name kinds of things and
 * properties; the ontology's own documentation page is written from it.
 */
import { STANDARD_PREFIXES } from '../../rdf/namespaces.js';
import type { Quad } from '../../rdf/terms.js';
import { pickText, type Tagged } from '../../web/i18n/fallback.js';

const { rdf, rdfs, owl } = STANDARD_PREFIXES;

export interface OntologyTerm {
  readonly iri: string;
  readonly kind: 'class' | 'property';
  readonly labels: ReadonlyMap<string, string>;
  readonly comments: ReadonlyMap<string, string>;
  readonly superTerms: readonly string[];
  readonly domains: readonly string[];
  readonly ranges: readonly string[];
}

export class OntologyIndex {
  private readonly terms = new Map<string, OntologyTerm>();
  private readonly superclasses = new Map<string, Set<string>>();
  readonly metadata: ReadonlyMap<string, readonly Quad[]>;

  constructor(quads: readonly Quad[], readonly namespace: string) {
    const bySubject = new Map<string, Quad[]>();
    for (const quad of quads) {
      const list = bySubject.get(quad.subject.value);
      if (list) list.push(quad);
      else bySubject.set(quad.subject.value, [quad]);
      if (quad.predicate.value === `${rdfs}subClassOf` && quad.object.termType === 'NamedNode') {
        const parents = this.superclasses.get(quad.subject.value) ?? new Set<string>();
        parents.add(quad.object.value);
        this.superclasses.set(quad.subject.value, parents);
      }
    }
    this.metadata = bySubject;
    for (const [subject, statements] of bySubject) {
      const types = statements.filter((q) => q.predicate.value === `${rdf}type`).map((q) => q.object.value);
      const kind = types.includes(`${owl}Class`) ? 'class'
        : types.some((t) => t === `${owl}ObjectProperty` || t === `${owl}DatatypeProperty`) ? 'property' : undefined;
      if (!kind) continue;
      const texts = (predicate: string) => new Map(statements
        .filter((q) => q.predicate.value === predicate && q.object.termType === 'Literal')
        .map((q) => [q.object.termType === 'Literal' ? q.object.language : '', q.object.value] as const));
      const objects = (predicate: string) => statements.filter((q) => q.predicate.value === predicate).map((q) => q.object.value);
      this.terms.set(subject, {
        iri: subject,
        kind,
        labels: texts(`${rdfs}label`),
        comments: texts(`${rdfs}comment`),
        superTerms: objects(kind === 'class' ? `${rdfs}subClassOf` : `${rdfs}subPropertyOf`),
        domains: objects(`${rdfs}domain`),
        ranges: objects(`${rdfs}range`),
      });
    }
  }

  term(iri: string): OntologyTerm | undefined {
    return this.terms.get(iri);
  }

  /** The terms CITEGO defines, classes first, in the order of their IRIs. */
  ownTerms(): OntologyTerm[] {
    return [...this.terms.values()]
      .filter((t) => t.iri.startsWith(this.namespace))
      .sort((a, b) => (a.kind === b.kind ? a.iri.localeCompare(b.iri) : a.kind === 'class' ? -1 : 1));
  }

  /** A class and every class above it. */
  ancestors(classIri: string): Set<string> {
    const found = new Set<string>();
    const stack = [classIri];
    while (stack.length) {
      const current = stack.pop()!;
      if (found.has(current)) continue;
      found.add(current);
      stack.push(...(this.superclasses.get(current) ?? []));
    }
    return found;
  }

  /** Whether any of the types is the class or one of its subclasses. */
  isA(types: readonly string[], classIri: string): boolean {
    return types.some((t) => this.ancestors(t).has(classIri));
  }

  label(iri: string, language: string): string | undefined {
    return this.taggedLabel(iri, language)?.value;
  }

  /** A term's label by the service's one language fallback, with the language it is in. */
  taggedLabel(iri: string, language: string): Tagged | undefined {
    return pickText(tagged(this.terms.get(iri)?.labels), language);
  }

  /** A term's definition by the same fallback, with its language. */
  taggedComment(iri: string, language: string): Tagged | undefined {
    return pickText(tagged(this.terms.get(iri)?.comments), language);
  }
}

/** Texts kept by language, as tagged texts. */
export function tagged(texts: ReadonlyMap<string, string> | undefined): Tagged[] {
  return [...(texts ?? [])].map(([language, value]) => ({ value, language }));
}
