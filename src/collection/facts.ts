/**
 * The facts a collection is made of: each subject's values of each property the collection
 * reads. They come from the store once a version is published (read.ts, one scan per property)
 * or from the quads the build of the version reads (prepared.ts); either way each subject's
 * values are put in one order, without repeats, so that the same data gives the same collection,
 * value for value: the store returns values in the order of its indexes, the build in the order
 * of the files, and a triple read twice (or held in two graphs) is one value.
 *
 * They are held for a million triples at once, so compactly: a subject's values together, by the
 * place of the property among those read (a sheet's dozen properties are found with one lookup);
 * an IRI as its string and a literal as the text the collection keeps; one value alone, a list
 * only when there are several.
 */

/** A text and its language tag ('' for none). */
export interface Text {
  readonly value: string;
  readonly language: string;
}

/** A value: an IRI (a string), or a literal (a text). Blank nodes are left aside. */
export type Value = string | Text;

/** A property's values for a subject: none, one, or several. */
export type Values = Value | Value[] | undefined;

/** A subject's values, by the place of the property in the facts' properties. */
export type SubjectFacts = Values[];

export interface Facts {
  readonly properties: readonly string[];
  readonly subjects: ReadonlyMap<string, readonly Values[]>;
}

/** Gathers facts, then puts them in order. */
export class FactTable {
  readonly subjects = new Map<string, SubjectFacts>();

  constructor(readonly properties: readonly string[]) {}

  /** A subject's values, to add to. */
  subject(subject: string): SubjectFacts {
    let facts = this.subjects.get(subject);
    if (!facts) {
      facts = new Array<Values>(this.properties.length);
      this.subjects.set(subject, facts);
    }
    return facts;
  }

  /** The facts, each subject's values ordered and without repeats. */
  facts(): Facts {
    for (const facts of this.subjects.values()) {
      for (let property = 0; property < facts.length; property++) {
        const values = facts[property];
        if (Array.isArray(values)) facts[property] = ordered(values);
      }
    }
    return { properties: this.properties, subjects: this.subjects };
  }
}

export function addValue(facts: SubjectFacts, property: number, value: Value): void {
  const values = facts[property];
  if (values === undefined) facts[property] = value;
  else if (Array.isArray(values)) values.push(value);
  else facts[property] = [values, value];
}

/** A property's values as a list. */
export function valuesOf(values: Values): readonly Value[] {
  return values === undefined ? [] : Array.isArray(values) ? values : [values];
}

/** IRIs before literals, then by value, then by language; plain comparisons (no locale). */
function compareValues(a: Value, b: Value): number {
  const aIri = typeof a === 'string';
  const bIri = typeof b === 'string';
  if (aIri !== bIri) return aIri ? -1 : 1;
  const x = aIri ? a : a.value;
  const y = bIri ? b : b.value;
  if (x !== y) return x < y ? -1 : 1;
  const xl = aIri ? '' : a.language;
  const yl = bIri ? '' : b.language;
  return xl < yl ? -1 : xl > yl ? 1 : 0;
}

/** A list of values in order, without repeats; one value alone is no list. */
function ordered(values: Value[]): Value | Value[] {
  if (values.length === 2) {
    // Most lists have two values (a title in two languages…).
    const order = compareValues(values[0]!, values[1]!);
    return order < 0 ? values : order > 0 ? [values[1]!, values[0]!] : values[0]!;
  }
  values.sort(compareValues);
  const distinct = values.filter((value, i) => i === 0 || compareValues(values[i - 1]!, value) !== 0);
  return distinct.length === 1 ? distinct[0]! : distinct;
}
