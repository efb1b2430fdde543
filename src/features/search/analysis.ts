/**
 * How texts become search terms, the same way when a sheet is indexed and when a reader types a
 * query: words are split on anything that is not a letter or a digit (Chinese and Japanese, which
 * have no spaces, one ideograph at a time), folded (lower case, diacritics removed, in every
 * script: "Économie" and "economie" are one term) and, for French, English and Spanish texts,
 * stemmed with the Snowball stemmers of their language ("jardins" finds "jardin"). A query's
 * language is not known: the index looks for a query word in each language under the form that
 * language's texts are filed under. Words and stems are memoised: a collection has far fewer distinct words than words.
 */
import { stemmer as english } from '@orama/stemmers/english';
import { stemmer as french } from '@orama/stemmers/french';
import { stemmer as spanish } from '@orama/stemmers/spanish';

const MARKS = /\p{M}+/gu;

/**
 * What each UTF-16 code unit is to the tokenizer: 0 a separator, 1 part of a word, 2 an ideograph
 * (a word of its own). A table read per character is five times faster than a Unicode regular
 * expression over the 100 M characters of a large collection.
 */
const CHARACTER_CLASSES = (() => {
  const table = new Uint8Array(65_536);
  const letter = /[\p{L}\p{N}\p{M}]/u;
  const ideograph = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
  for (let code = 0; code < 65_536; code++) {
    if (code >= 0xd800 && code <= 0xdfff) continue;
    const char = String.fromCharCode(code);
    if (ideograph.test(char)) table[code] = 2;
    else if (letter.test(char)) table[code] = 1;
  }
  return table;
})();

/** The languages whose words are stemmed. */
export const STEMMED = ['fr', 'en', 'es'] as const;
export type StemmedLanguage = (typeof STEMMED)[number];

function memoised(transform: (word: string) => string, limit = 500_000): (word: string) => string {
  const cache = new Map<string, string>();
  return (word) => {
    let result = cache.get(word);
    if (result === undefined) {
      result = transform(word);
      if (cache.size < limit) cache.set(word, result);
    }
    return result;
  };
}

/** Lower case without diacritics, in every script. */
export const fold = memoised((word) => word.normalize('NFD').replace(MARKS, '').toLowerCase().normalize('NFC'));

const STEMMERS: Readonly<Record<StemmedLanguage, (word: string) => string>> = {
  fr: memoised(french), en: memoised(english), es: memoised(spanish),
};

/** The stemmer of a language tag (`fr-CA` is French), if the language is stemmed. */
export function stemmerOf(language: string): ((word: string) => string) | undefined {
  const primary = language.toLowerCase().split('-', 1)[0]!;
  return (STEMMERS as Record<string, (word: string) => string>)[primary];
}

/** The words of a text, as written (ideographs one by one). */
export function words(text: string): string[] {
  const found: string[] = [];
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const kind = CHARACTER_CLASSES[text.charCodeAt(i)];
    if (kind === 1) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) {
      found.push(text.slice(start, i));
      start = -1;
    }
    if (kind === 2) found.push(text[i]!);
  }
  if (start >= 0) found.push(text.slice(start));
  return found;
}

/** Where each word of a text starts and ends, for highlighting. */
export function wordSpans(text: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const kind = i < text.length ? CHARACTER_CLASSES[text.charCodeAt(i)] : 0;
    if (kind === 1) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) {
      spans.push({ start, end: i });
      start = -1;
    }
    if (kind === 2) spans.push({ start: i, end: i + 1 });
  }
  return spans;
}

/** Word → term, one table per language: one lookup per word of a text once the table is warm. */
const TERMS = new Map<string, Map<string, string>>();
const TERMS_LIMIT = 500_000;

/** The term an indexed word of a given language is filed under: its stem, or its folded form in other languages. */
export function indexTerm(word: string, language: string): string {
  const primary = language.toLowerCase().split('-', 1)[0]!;
  let table = TERMS.get(primary);
  if (!table) {
    table = new Map();
    TERMS.set(primary, table);
  }
  let term = table.get(word);
  if (term === undefined) {
    const folded = fold(word);
    term = stemmerOf(primary)?.(folded) ?? folded;
    if (table.size < TERMS_LIMIT) table.set(word, term);
  }
  return term;
}

/** A text as the index reads it: its terms, in order, separated by spaces. */
export function analysed(text: string, language: string): string {
  return words(text).map((word) => indexTerm(word, language)).join(' ');
}

/**
 * FlexSearch's slot for a term first found at `position` in a content of `pieces` terms, with
 * the resolution the index is made with: the first term gets slot 0, then the slots spread over
 * the content. The same arithmetic as FlexSearch's own add() (when no score is given), so that
 * the postings loaded into an index are those its add() makes of the whole content.
 */
export function slotOf(position: number, pieces: number, resolution: number): number {
  if (position === 0 || resolution <= 1) return 0;
  return pieces <= resolution ? position : (((resolution - 1) / pieces) * position + 1) | 0;
}

/**
 * What an index holds, as FlexSearch holds it: for each term (by its id in a TermTable), the
 * sheets in each slot, in the order they were posted; and every sheet posted.
 */
export interface Postings {
  readonly terms: (number[][] | undefined)[];
  readonly sheets: number[];
}

export function emptyPostings(): Postings {
  return { terms: [], sheets: [] };
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/**
 * The analyser of one build of the index for one group of languages that file words alike
 * (French, English or Spanish, each stemmed; the others folded). A large collection's texts hold
 * a hundred million characters but few distinct words: each distinct word is folded and stemmed
 * once, and is found again by its characters where it stands in the text (a hash table compared
 * in place), without being cut out of the text. A content (a sheet's titles, or its abstracts,
 * in the group's languages) is given text by text, and each of its distinct terms is posted once,
 * in the slot FlexSearch gives a term by the place it first stands in the content.
 */
export class TermTable {
  /** Term id → term. */
  private readonly terms: string[] = [];
  private readonly termIds = new Map<string, number>();
  /** Word id → the word, its hash and its term id. */
  private readonly words: string[] = [];
  private wordHashes = new Int32Array(1024);
  private wordTerms = new Int32Array(1024);
  /** Open addressing: word id + 1, or 0 for an empty slot. */
  private table = new Int32Array(4096);
  /** The content being read: the stamp marks the terms already in it; their first positions, in order. */
  private seen = new Int32Array(1024);
  private stamp = 0;
  private firstTerms = new Int32Array(256);
  private firstPositions = new Int32Array(256);
  private distinct = 0;
  private pieces = 0;

  /** `language`: a tag of the group (its words are filed as `indexTerm` files them for it). */
  constructor(private readonly language: string) {}

  /** Starts a new content. */
  begin(): void {
    this.stamp++;
    this.distinct = 0;
    this.pieces = 0;
  }

  /**
   * Adds a text to the content. Positions count as FlexSearch counts the terms of the texts
   * joined by spaces: a text without a word still takes one place.
   */
  add(text: string): void {
    // The loop of the whole index build: the table is held in locals, and a word is looked up
    // where it stands; an insertion (rare) may grow the table, which is then read again.
    let table = this.table;
    let mask = table.length - 1;
    let hashes = this.wordHashes;
    let wordTerms = this.wordTerms;
    const words = this.words;
    const stamp = this.stamp;
    const pieces = this.pieces;
    let seen = this.seen;
    let firstTerms = this.firstTerms;
    let firstPositions = this.firstPositions;
    let distinct = this.distinct;
    let count = 0;
    let start = -1;
    let hash = FNV_OFFSET;
    for (let i = 0; i <= text.length; i++) {
      const code = i < text.length ? text.charCodeAt(i) : 32;
      const kind = CHARACTER_CLASSES[code];
      if (kind === 1) {
        if (start < 0) {
          start = i;
          hash = FNV_OFFSET;
        }
        hash = Math.imul(hash ^ code, FNV_PRIME);
        continue;
      }
      if (start >= 0) {
        const length = i - start;
        let slot = hash & mask;
        let term = -1;
        for (let entry = table[slot]!; entry !== 0; entry = table[slot]!) {
          const word = words[entry - 1]!;
          if (hashes[entry - 1] === hash && word.length === length && text.startsWith(word, start)) {
            term = wordTerms[entry - 1]!;
            break;
          }
          slot = (slot + 1) & mask;
        }
        if (term < 0) {
          term = this.insert(text.slice(start, i), hash, slot);
          table = this.table;
          mask = table.length - 1;
          hashes = this.wordHashes;
          wordTerms = this.wordTerms;
          seen = this.seen;
        }
        if (seen[term] !== stamp) {
          seen[term] = stamp;
          if (distinct === firstTerms.length) {
            this.distinct = distinct;
            this.grow();
            firstTerms = this.firstTerms;
            firstPositions = this.firstPositions;
          }
          firstTerms[distinct] = term;
          firstPositions[distinct++] = pieces + count;
        }
        count++;
        start = -1;
      }
      // An ideograph is a word of its own (rare: the table's arrays are read again after).
      if (kind === 2) {
        this.distinct = distinct;
        this.note(this.ideograph(text[i]!, code), pieces + count++);
        ({ seen, firstTerms, firstPositions, distinct } = this);
      }
    }
    this.distinct = distinct;
    this.pieces = pieces + Math.max(count, 1);
  }

  /**
   * Posts the content read since `begin` for a sheet: each of its terms once, in the slot of its
   * first occurrence. Sheets are posted in order, so that each slot lists them in that order.
   */
  post(sheet: number, postings: Postings, resolution: number): void {
    let posted = false;
    for (let k = 0; k < this.distinct; k++) {
      const term = this.firstTerms[k]!;
      // FlexSearch passes over an empty term (a word a stemmer reduced to nothing).
      if (this.terms[term] === '') continue;
      const slots = (postings.terms[term] ??= []);
      (slots[slotOf(this.firstPositions[k]!, this.pieces, resolution)] ??= []).push(sheet);
      posted = true;
    }
    if (posted) postings.sheets.push(sheet);
  }

  /** The postings as FlexSearch imports them: [term, slots] for every term posted. */
  entries(postings: Postings): [string, number[][]][] {
    const entries: [string, number[][]][] = [];
    postings.terms.forEach((slots, term) => { if (slots) entries.push([this.terms[term]!, slots]); });
    return entries;
  }

  /** Notes a term of the content at a position, if it is its first. */
  private note(term: number, position: number): void {
    if (this.seen[term] === this.stamp) return;
    this.seen[term] = this.stamp;
    if (this.distinct === this.firstTerms.length) this.grow();
    this.firstTerms[this.distinct] = term;
    this.firstPositions[this.distinct++] = position;
  }

  private grow(): void {
    this.firstTerms = grown(this.firstTerms, this.distinct);
    this.firstPositions = grown(this.firstPositions, this.distinct);
  }

  private ideograph(char: string, code: number): number {
    const hash = Math.imul(FNV_OFFSET ^ code, FNV_PRIME);
    const mask = this.table.length - 1;
    let slot = hash & mask;
    for (let entry = this.table[slot]!; entry !== 0; entry = this.table[slot]!) {
      if (this.words[entry - 1] === char) return this.wordTerms[entry - 1]!;
      slot = (slot + 1) & mask;
    }
    return this.insert(char, hash, slot);
  }

  private insert(word: string, hash: number, slot: number): number {
    const term = indexTerm(word, this.language);
    let termId = this.termIds.get(term);
    if (termId === undefined) {
      termId = this.terms.length;
      this.terms.push(term);
      this.termIds.set(term, termId);
      if (termId >= this.seen.length) this.seen = grown(this.seen, termId);
    }
    const wordId = this.words.length;
    this.words.push(word);
    if (wordId >= this.wordHashes.length) {
      this.wordHashes = grown(this.wordHashes, wordId);
      this.wordTerms = grown(this.wordTerms, wordId);
    }
    this.wordHashes[wordId] = hash;
    this.wordTerms[wordId] = termId;
    this.table[slot] = wordId + 1;
    // A quarter full at most, so that a probe stays short.
    if (4 * this.words.length > this.table.length) this.rehash();
    return termId;
  }

  private rehash(): void {
    this.table = new Int32Array(this.table.length * 2);
    const mask = this.table.length - 1;
    for (let wordId = 0; wordId < this.words.length; wordId++) {
      let slot = this.wordHashes[wordId]! & mask;
      while (this.table[slot] !== 0) slot = (slot + 1) & mask;
      this.table[slot] = wordId + 1;
    }
  }
}

function grown(array: Int32Array, index: number): Int32Array<ArrayBuffer> {
  const larger = new Int32Array(Math.max(2 * array.length, index + 1));
  larger.set(array);
  return larger;
}
