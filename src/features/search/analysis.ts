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
