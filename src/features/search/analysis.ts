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
  return indexTermsOf(language)(word);
}

/** indexTerm for the words of one language, its table found once (a text's words are many). */
export function indexTermsOf(language: string): (word: string) => string {
  const primary = language.toLowerCase().split('-', 1)[0]!;
  let table = TERMS.get(primary);
  if (!table) {
    table = new Map();
    TERMS.set(primary, table);
  }
  const terms = table;
  const stem = stemmerOf(primary);
  return (word) => {
    let term = terms.get(word);
    if (term === undefined) {
      const folded = fold(word);
      term = stem?.(folded) ?? folded;
      if (terms.size < TERMS_LIMIT) terms.set(word, term);
    }
    return term;
  };
}

/** A text as the index reads it: its terms, in order, separated by spaces. */
export function analysed(text: string, language: string): string {
  return words(text).map(indexTermsOf(language)).join(' ');
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

/** The first block of a Postings' keys, in entries; each next one twice the last, up to the largest. */
const FIRST_BLOCK = 1 << 16;
const LARGEST_BLOCK = 1 << 22;

/**
 * What an index holds, gathered sheet after sheet: each (term, slot) posted, the sheet it is
 * posted for given once when the sheet's postings end. Ten million of them for a large
 * collection, kept in blocks of typed arrays that are never copied: a list grown by doubling
 * would copy them again and again, and every new page of memory is a fault of the processor
 * (costly on a virtual machine).
 */
export class Postings {
  /** term × resolution + slot of each posting, in the order posted, block after block. */
  private readonly blocks: Int32Array[] = [];
  private block = new Int32Array(0);
  private used = 0;
  private length = 0;
  /** The sheets posted, in order, and where the postings of each end. */
  private sheets = new Int32Array(1024);
  private ends = new Int32Array(1024);
  private sheetCount = 0;

  constructor(readonly resolution: number) {}

  add(term: number, slot: number): void {
    if (this.used === this.block.length) {
      this.block = new Int32Array(Math.min(LARGEST_BLOCK, Math.max(FIRST_BLOCK, 2 * this.block.length)));
      this.blocks.push(this.block);
      this.used = 0;
    }
    this.block[this.used++] = term * this.resolution + slot;
    this.length++;
  }

  /** Ends a sheet's postings (those added since the last sheet ended); a sheet without any is not posted. */
  endSheet(sheet: number): void {
    if (this.length === (this.sheetCount > 0 ? this.ends[this.sheetCount - 1] : 0)) return;
    if (this.sheetCount === this.sheets.length) {
      this.sheets = grown(this.sheets, this.sheetCount);
      this.ends = grown(this.ends, this.sheetCount);
    }
    this.sheets[this.sheetCount] = sheet;
    this.ends[this.sheetCount++] = this.length;
  }

  /** How many postings each key (term × resolution + slot) has, for `terms` terms. */
  counts(terms: number): Int32Array<ArrayBuffer> {
    const counts = new Int32Array(terms * this.resolution);
    this.blocks.forEach((block, b) => {
      for (let i = 0, end = this.filled(b); i < end; i++) counts[block[i]!]!++;
    });
    return counts;
  }

  /**
   * Writes each posting's sheet into `sheets`, sorted by key (by counting): the postings of key k
   * go from offsets[k] on, in the order posted (`offsets` is used up). The sheets posted are given back, in order.
   */
  writeSorted(sheets: Int32Array, offsets: Int32Array): Int32Array<ArrayBuffer> {
    const { ends, sheets: postedSheets } = this;
    let posting = 0;
    let sheet = 0;
    this.blocks.forEach((block, b) => {
      for (let i = 0, end = this.filled(b); i < end; i++, posting++) {
        while (posting >= ends[sheet]!) sheet++;
        sheets[offsets[block[i]!]!++] = postedSheets[sheet]!;
      }
    });
    return this.sheets.slice(0, this.sheetCount);
  }

  /** How many postings block b holds. */
  private filled(b: number): number {
    return b === this.blocks.length - 1 ? this.used : this.blocks[b]!.length;
  }
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

const DECODER = new TextDecoder();

/** The character a UTF-8 sequence starting at `bytes[i]` encodes, with its length; an astral character is a separator (as its surrogates are in a string). */
function characterAt(bytes: Uint8Array, i: number): number {
  const lead = bytes[i]!;
  if (lead < 0xe0) return ((lead & 0x1f) << 6) | (bytes[i + 1]! & 0x3f);
  if (lead < 0xf0) return ((lead & 0x0f) << 12) | ((bytes[i + 1]! & 0x3f) << 6) | (bytes[i + 2]! & 0x3f);
  return 0xd800;
}

/** How many bytes a UTF-8 sequence takes, by its first byte. */
function widthOf(lead: number): number {
  return lead < 0x80 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
}

/**
 * The analyser of one build of the index for one group of languages that file words alike
 * (French, English or Spanish, each stemmed; the others folded). A large collection's texts hold
 * a hundred million characters but few distinct words: each distinct word is folded and stemmed
 * once, and is found again by its bytes where it stands in the text's UTF-8 (a hash table
 * compared in place), without a string being made of it. The words are those `words` finds in
 * the text. A content (a sheet's titles, or its abstracts, in the group's languages) is given
 * text by text, and each of its distinct terms is posted once, in the slot FlexSearch gives a
 * term by the place it first stands in the content.
 */
export class TermTable {
  /** Term id → term. */
  private readonly terms: string[] = [];
  private readonly termIds = new Map<string, number>();
  /** Word id → where its UTF-8 bytes are kept, their hash, and its term id. */
  private wordBytes = new Uint8Array(1 << 16);
  private wordBytesUsed = 0;
  private wordStarts = new Int32Array(1024);
  private wordEnds = new Int32Array(1024);
  private wordHashes = new Int32Array(1024);
  private wordTerms = new Int32Array(1024);
  private words = 0;
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
   * Adds a text (its UTF-8 bytes) to the content. Positions count as FlexSearch counts the terms
   * of the texts joined by spaces: a text without a word still takes one place.
   */
  add(bytes: Uint8Array): void {
    const length = bytes.length;
    const base = this.pieces;
    let count = 0;
    for (let i = 0; i < length;) {
      // Separators are passed over; a word's letters (most of them ASCII) are hashed in a loop of their own.
      let byte = bytes[i]!;
      const kind = byte < 0x80 ? CHARACTER_CLASSES[byte]! : CHARACTER_CLASSES[characterAt(bytes, i)]!;
      if (kind === 0) {
        i += widthOf(byte);
        continue;
      }
      const start = i;
      let hash = FNV_OFFSET;
      if (kind === 2) {
        // An ideograph is a word of its own.
        for (const end = i + widthOf(byte); i < end; i++) hash = Math.imul(hash ^ bytes[i]!, FNV_PRIME);
      } else {
        while (i < length) {
          byte = bytes[i]!;
          if (byte < 0x80) {
            if (CHARACTER_CLASSES[byte] !== 1) break;
            hash = Math.imul(hash ^ byte, FNV_PRIME);
            i++;
          } else {
            if (CHARACTER_CLASSES[characterAt(bytes, i)] !== 1) break;
            for (const end = i + widthOf(byte); i < end; i++) hash = Math.imul(hash ^ bytes[i]!, FNV_PRIME);
          }
        }
      }
      this.word(this.termOf(bytes, start, i, hash), base + count++);
    }
    this.pieces = base + Math.max(count, 1);
  }

  /**
   * Posts the content read since `begin` for a sheet: each of its terms once, in the slot of its
   * first occurrence. Sheets are posted in order, so that each slot lists them in that order.
   */
  post(sheet: number, postings: Postings): void {
    for (let k = 0; k < this.distinct; k++) {
      const term = this.firstTerms[k]!;
      // FlexSearch passes over an empty term (a word a stemmer reduced to nothing).
      if (this.terms[term] === '') continue;
      postings.add(term, slotOf(this.firstPositions[k]!, this.pieces, postings.resolution));
    }
    postings.endSheet(sheet);
  }

  /** The terms met, by their ids. */
  get termList(): readonly string[] {
    return this.terms;
  }

  /** Notes a word of the content at a position: its term's first place, if it is the first. */
  private word(term: number, position: number): void {
    if (this.seen[term] === this.stamp) return;
    this.seen[term] = this.stamp;
    if (this.distinct === this.firstTerms.length) {
      this.firstTerms = grown(this.firstTerms, this.distinct);
      this.firstPositions = grown(this.firstPositions, this.distinct);
    }
    this.firstTerms[this.distinct] = term;
    this.firstPositions[this.distinct++] = position;
  }

  /** The term of the word bytes[start, end), whose hash is given: found where it stands, compared byte by byte. */
  private termOf(bytes: Uint8Array, start: number, end: number, hash: number): number {
    const table = this.table;
    const mask = table.length - 1;
    const kept = this.wordBytes;
    const starts = this.wordStarts;
    const ends = this.wordEnds;
    const hashes = this.wordHashes;
    let slot = hash & mask;
    for (let entry = table[slot]!; entry !== 0; entry = table[slot]!) {
      const word = entry - 1;
      if (hashes[word] === hash && ends[word]! - starts[word]! === end - start) {
        const shift = starts[word]! - start;
        let k = start;
        while (k < end && kept[shift + k] === bytes[k]) k++;
        if (k === end) return this.wordTerms[word]!;
      }
      slot = (slot + 1) & mask;
    }
    return this.insert(bytes.subarray(start, end), hash, slot);
  }

  private insert(bytes: Uint8Array, hash: number, slot: number): number {
    const term = indexTerm(DECODER.decode(bytes), this.language);
    let termId = this.termIds.get(term);
    if (termId === undefined) {
      termId = this.terms.length;
      this.terms.push(term);
      this.termIds.set(term, termId);
      if (termId >= this.seen.length) this.seen = grown(this.seen, termId);
    }
    const word = this.words++;
    if (word >= this.wordHashes.length) {
      this.wordStarts = grown(this.wordStarts, word);
      this.wordEnds = grown(this.wordEnds, word);
      this.wordHashes = grown(this.wordHashes, word);
      this.wordTerms = grown(this.wordTerms, word);
    }
    if (this.wordBytesUsed + bytes.length > this.wordBytes.length) {
      const larger = new Uint8Array(Math.max(2 * this.wordBytes.length, this.wordBytesUsed + bytes.length));
      larger.set(this.wordBytes);
      this.wordBytes = larger;
    }
    this.wordBytes.set(bytes, this.wordBytesUsed);
    this.wordStarts[word] = this.wordBytesUsed;
    this.wordBytesUsed += bytes.length;
    this.wordEnds[word] = this.wordBytesUsed;
    this.wordHashes[word] = hash;
    this.wordTerms[word] = termId;
    this.table[slot] = word + 1;
    // A quarter full at most, so that a probe stays short.
    if (4 * this.words > this.table.length) this.rehash();
    return termId;
  }

  private rehash(): void {
    this.table = new Int32Array(this.table.length * 2);
    const mask = this.table.length - 1;
    for (let word = 0; word < this.words; word++) {
      let slot = this.wordHashes[word]! & mask;
      while (this.table[slot] !== 0) slot = (slot + 1) & mask;
      this.table[slot] = word + 1;
    }
  }
}

function grown(array: Int32Array, index: number): Int32Array<ArrayBuffer> {
  const larger = new Int32Array(Math.max(2 * array.length, index + 1));
  larger.set(array);
  return larger;
}
