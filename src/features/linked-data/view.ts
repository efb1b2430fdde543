/**
 * A description read for display: the values of a property, the incoming links, and each
 * linked thing's label in the reader's language, by the service's one fallback (the reader's
 * language, then French, then any other in a fixed order: web/i18n/fallback.ts).
 */
import { localName, STANDARD_PREFIXES } from '../../rdf/namespaces.js';
import type { Literal, Quad, Term } from '../../rdf/terms.js';
import type { Description } from './describe.js';
import { pickText } from '../../web/i18n/fallback.js';

const { rdf, skos, dct, foaf, rdfs } = STANDARD_PREFIXES;
/** Properties that name a thing, in order of preference. */
const NAMING = [`${skos}prefLabel`, `${dct}title`, `${foaf}name`, `${rdfs}label`];

export class DescriptionView {
  private readonly bySubject = new Map<string, Quad[]>();
  readonly incoming: readonly { readonly subject: string; readonly predicate: string }[];

  constructor(readonly description: Description) {
    for (const quad of description.quads) {
      const list = this.bySubject.get(quad.subject.value);
      if (list) list.push(quad);
      else this.bySubject.set(quad.subject.value, [quad]);
    }
    this.incoming = description.quads
      .filter((q) => q.object.termType === 'NamedNode' && q.object.value === description.thing && q.subject.value !== description.thing)
      .map((q) => ({ subject: q.subject.value, predicate: q.predicate.value }));
  }

  get thing(): string {
    return this.description.thing;
  }

  values(subject: string, predicate: string): Term[] {
    return (this.bySubject.get(subject) ?? []).filter((q) => q.predicate.value === predicate).map((q) => q.object);
  }

  /** The thing's own values of a property. */
  own(predicate: string): Term[] {
    return this.values(this.thing, predicate);
  }

  /** The thing's own (predicate, value) pairs, in the order the store gave them. */
  ownStatements(): { predicate: string; object: Term }[] {
    return (this.bySubject.get(this.thing) ?? []).map((q) => ({ predicate: q.predicate.value, object: q.object }));
  }

  types(subject: string): string[] {
    return this.values(subject, `${rdf}type`).map((t) => t.value);
  }

  /** The subjects linking to the thing with a predicate. */
  incomingBy(predicate: string): string[] {
    return this.incoming.filter((l) => l.predicate === predicate).map((l) => l.subject);
  }

  /** A text in the reader's language among language-tagged literals, by the service's one fallback. */
  static pick(literals: readonly Term[], language: string): Literal | undefined {
    return pickText(literals.filter((t): t is Literal => t.termType === 'Literal'), language);
  }

  /** The name of anything the description mentions, in the reader's language when it exists. */
  label(subject: string, language: string): Literal | undefined {
    for (const predicate of NAMING) {
      const found = DescriptionView.pick(this.values(subject, predicate), language);
      if (found) return found;
    }
    return undefined;
  }

  /** A label, or the end of the IRI when there is none. */
  labelText(subject: string, language: string): string {
    return this.label(subject, language)?.value ?? localName(subject);
  }

  /** Every language-tagged text of a property, by language: titles and their translations. */
  texts(subject: string, predicate: string): Map<string, string> {
    const texts = new Map<string, string>();
    for (const value of this.values(subject, predicate)) if (value.termType === 'Literal') texts.set(value.language, value.value);
    return texts;
  }
}
