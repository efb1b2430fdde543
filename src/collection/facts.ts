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

import { RDF_TYPE } from '../rdf/namespaces.js';
import type { SourceChunk } from '../rdf/parse.js';

/** A text and its language tag ('' for none). */
export interface Text {
  readonly value: string;
  readonly language: string;
}

/** Long texts are stored in blocks of this many bytes. */
const BLOCK = 4 << 20;
/**
 * How far before the chunk its quad was read in a literal may end: the parser gives a literal's
 * quad once it has read the token after it, which may follow a comment.
 */
const LOOK_BEHIND = 64 << 10;
const ENCODER = new TextEncoder();
const DECODER = new TextDecoder();

/** A text held as UTF-8 bytes in a block of a TextStore, read when it is needed. */
class StoredText implements Text {
  constructor(readonly block: Uint8Array, readonly start: number, readonly end: number, readonly language: string) {}

  get value(): string {
    return DECODER.decode(this.utf8());
  }

  utf8(): Uint8Array {
    return this.block.subarray(this.start, this.end);
  }

  toJSON(): Text {
    return { value: this.value, language: this.language };
  }
}

let scratch = new Uint8Array(1 << 16);

/**
 * A text's UTF-8 bytes: those it is stored as, else encoded into a buffer that the next call
 * reuses (read them before asking for another text's).
 */
export function utf8Of(text: Text): Uint8Array {
  if (text instanceof StoredText) return text.utf8();
  if (3 * text.value.length > scratch.length) scratch = new Uint8Array(3 * text.value.length);
  return scratch.subarray(0, ENCODER.encodeInto(text.value, scratch).written);
}

/** Where a text's UTF-8 bytes are kept, if it is stored as bytes: its block and their span in it. */
export function storedSpan(text: Text): { readonly block: Uint8Array; readonly start: number; readonly end: number } | undefined {
  return text instanceof StoredText ? text : undefined;
}

/**
 * Long texts (the sheets' abstracts: a hundred million characters in a large collection) held as
 * UTF-8 in large blocks of bytes rather than as strings of their own: about a byte a character
 * in any script, nothing for the garbage collector to copy or scan, and no string cut from the
 * parser's text keeping that text alive. A text is read (decoded) when it is shown or indexed.
 * The blocks are shared memory: the search index is built from them on worker threads, which
 * read them where they are rather than from a copy.
 * A text the source spells as it is (no escapes), in bytes the build holds in shared memory for
 * as long as the version is published (build.ts reads its files so), is held as its place there:
 * copying it would touch as much new memory as it takes, and on a virtual machine each new page
 * costs a fault (on 1M triples, a quarter of the time the collection's gathering took).
 */
export class TextStore {
  private block = sharedBytes(BLOCK);
  private used = 0;
  /** The source last searched, and where the last text found in it ends: texts come in the order the source spells them. */
  private source: Uint8Array | undefined;
  private cursor = 0;

  /** A text, read in `chunk` of its source when the parser says which. */
  add(value: string, language: string, chunk?: SourceChunk): Text {
    return (chunk && this.spelt(value, language, chunk)) ?? this.copied(value, language);
  }

  /** The text's place in its source's bytes, if it is spelt there as UTF-8 and they are shared. */
  private spelt(value: string, language: string, chunk: SourceChunk): Text | undefined {
    const { bytes } = chunk;
    if (!(bytes.buffer instanceof SharedArrayBuffer)) return undefined;
    // Another source, or the same one read again.
    if (bytes !== this.source || this.cursor > chunk.end) {
      this.source = bytes;
      this.cursor = 0;
    }
    const spelling = utf8Of({ value, language });
    // Any place where the bytes are the same will do; searching from the last text found keeps each search short.
    const from = Math.max(this.cursor, chunk.start - LOOK_BEHIND - spelling.length);
    if (chunk.end - from < spelling.length) return undefined;
    const found = Buffer.from(bytes.buffer, bytes.byteOffset + from, chunk.end - from).indexOf(spelling);
    if (found < 0) return undefined;
    const start = from + found;
    this.cursor = start + spelling.length;
    return new StoredText(bytes, start, this.cursor, language);
  }

  private copied(value: string, language: string): Text {
    // A UTF-16 unit takes three bytes at most in UTF-8.
    if (this.used + 3 * value.length > this.block.length) {
      this.block = sharedBytes(Math.max(BLOCK, 3 * value.length));
      this.used = 0;
    }
    const start = this.used;
    this.used += ENCODER.encodeInto(value, this.block.subarray(start)).written;
    return new StoredText(this.block, start, this.used, language);
  }
}

function sharedBytes(length: number): Uint8Array {
  return new Uint8Array(new SharedArrayBuffer(length));
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

  /**
   * The facts, each subject's values ordered and without repeats; but its types, a set to the
   * collection (which asks only whether a type is among them), are left as they come.
   */
  facts(): Facts {
    const types = this.properties.indexOf(RDF_TYPE);
    for (const facts of this.subjects.values()) {
      for (let property = 0; property < facts.length; property++) {
        const values = facts[property];
        if (Array.isArray(values) && property !== types) facts[property] = ordered(values);
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

/**
 * IRIs before literals; IRIs by value, literals by language, then by value; plain comparisons
 * (no locale). A stored text is read only to tell it from another in the same language.
 */
function compareValues(a: Value, b: Value): number {
  if (typeof a === 'string') return typeof b === 'string' ? compareStrings(a, b) : -1;
  if (typeof b === 'string') return 1;
  return compareStrings(a.language, b.language) || compareStrings(a.value, b.value);
}

/** Strings in the order of their UTF-16 code units, as `<` compares them (no locale). */
export const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A list of values in order, without repeats; one value alone is no list. */
function ordered(values: Value[]): Value | Value[] {
  if (values.length === 2) {
    // Most lists have two values (a title in two languages…).
    const order = compareValues(values[0]!, values[1]!);
    return order < 0 ? values : order > 0 ? [values[1]!, values[0]!] : values[0]!;
  }
  // IRIs alone (most longer lists: a sheet's descriptors…) sort as strings, without a comparison function.
  if (values.every((value) => typeof value === 'string')) values.sort();
  else values.sort(compareValues);
  // Repeats are rare: a list without any is kept rather than copied.
  let repeats = false;
  for (let i = 1; i < values.length && !repeats; i++) repeats = compareValues(values[i - 1]!, values[i]!) === 0;
  if (!repeats) return values;
  const distinct = values.filter((value, i) => i === 0 || compareValues(values[i - 1]!, value) !== 0);
  return distinct.length === 1 ? distinct[0]! : distinct;
}
