/**
 * The indexes loaded through FlexSearch's import are those its add() makes of the same texts:
 * for the sheets (each text analysed, a content per language group and field) and for the names
 * (every beginning of every word), every term searched gives the same sheets in the same order.
 * The texts cover what changes the places of terms: repeated words, texts without a word, an
 * ideograph standing for a word, a mark alone, short and long contents, several texts of one
 * language, tags of the same language and languages without a stemmer; and they are given as
 * strings or stored as bytes.
 */
import FlexSearch, { type Index } from 'flexsearch';
import { describe, expect, it } from 'vitest';
import type { DocumentRecord, Text } from '../../../src/collection/collection.js';
import { TextStore } from '../../../src/collection/facts.js';
import { analysed, fold, words } from '../../../src/features/search/analysis.js';
import { GROUPS, groupOf, NAME_INDEX, namesIndex, partsInWorkers, SHEET_INDEX, sheetIndexes, type SheetTexts } from '../../../src/features/search/indexing.js';
import { seededRandom } from '../../helpers.js';

const VOCABULARY = [
  'gouvernance', 'territoires', 'territoire', 'jardins', 'jardin', 'partagés', 'Économie', 'économie', 'sociale', 'eau', 'communs',
  'governance', 'gardens', 'water', 'food', 'gobernanza', 'huertos', 'agua', 'cidade', '城市', '治理', 'l’eau', 'co-construction',
  'a', 'à', 'de', '😀', 'x😀y', 'la', '2024', 'X', '\u0301', '—', '!', 'Müller', 'Łódź',
];
const LANGUAGES = ['fr', 'fr-CA', 'en', 'es', 'pt', 'zh', ''];

function text(random: () => number, length: number): string {
  return Array.from({ length }, () => VOCABULARY[Math.floor(random() * VOCABULARY.length)]).join(random() < 0.2 ? ', ' : ' ');
}

function texts(random: () => number): Text[] {
  const count = Math.floor(random() * 4);
  return Array.from({ length: count }, () => ({
    value: random() < 0.1 ? (random() < 0.5 ? '' : '— !') : text(random, 1 + Math.floor(random() * (random() < 0.5 ? 8 : 40))),
    language: LANGUAGES[Math.floor(random() * LANGUAGES.length)]!,
  }));
}

/** Every term a text of the index may hold, and a few it does not. */
function termsOf(all: readonly string[]): string[] {
  return [...new Set([...all.flatMap((t) => t.split(' ')), 'inconnu', ''])];
}

function sameSearches(actual: Index, expected: Index, terms: readonly string[]): void {
  // Whole lists, and pieces of them (cut and joined across slots).
  for (const options of [{ limit: 100_000 }, { limit: 3 }, { limit: 4, offset: 2 }]) {
    for (const term of terms) expect(Array.from(actual.search(term, options) as ArrayLike<number>), term).toEqual(expected.search(term, options));
  }
}

describe('the indexes loaded into FlexSearch', () => {
  // On the calling thread (a small collection), and shared among worker threads (a large one):
  // each worker indexes a run of the sheets, and their parts are joined.
  it.each([0, 1, 3])('are, for the sheets, those its add() makes of their analysed texts (%i worker threads)', async (threads) => {
    const random = seededRandom(2026);
    // Abstracts as the build keeps them (bytes in a text store) or as the store gives them (strings).
    const stored = new TextStore();
    const abstracts = () => texts(random).map((t) => (random() < 0.5 ? stored.add(t.value, t.language) : t));
    const documents = Array.from({ length: 600 }, (_, index) => ({ index, titles: texts(random), abstracts: abstracts() }) as unknown as DocumentRecord);
    const progress: number[] = [];
    const indexes = await sheetIndexes(documents, { onProgress: ({ done }) => progress.push(done), threads });
    expect(progress.at(-1)).toBe(documents.length);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    for (const group of GROUPS) {
      for (const field of ['titles', 'abstracts'] as const) {
        const expected = new FlexSearch.Index(SHEET_INDEX);
        const contents: string[] = [];
        for (const document of documents) {
          const content = document[field].filter((t) => groupOf(t.language) === group).map((t) => analysed(t.value, t.language)).join(' ');
          contents.push(content);
          if (content) expected.add(document.index, content);
        }
        sameSearches(indexes[group][field], expected, termsOf(contents));
      }
    }
  });

  it('stop being built when asked: the workers are ended, and the build fails with the reason', async () => {
    const random = seededRandom(7);
    const documents = Array.from({ length: 300 }, (_, index) => ({ index, titles: texts(random), abstracts: texts(random) }) as unknown as DocumentRecord);
    const stop = new AbortController();
    const built = sheetIndexes(documents, { threads: 2, signal: stop.signal });
    stop.abort(new Error('stopping'));
    await expect(built).rejects.toThrow('stopping');
    await expect(sheetIndexes(documents, { threads: 2, signal: stop.signal })).rejects.toThrow('stopping');
  });

  it('stop being built when a part fails, on a worker or on the calling thread: the workers are ended, and the build fails with its reason', async () => {
    // A long run (the same text of a thousand words for each of 100,000 sheets, told as it goes
    // every 500 sheets) beside one that fails at once (a text in a block it was not given).
    const long: SheetTexts = {
      records: Int32Array.from({ length: 5 * 100_000 }, (_, i) => [Math.floor(i / 5), 0, -1, 0, 0][i % 5]!),
      blocks: [],
      strings: [Array.from({ length: 1000 }, (_, i) => VOCABULARY[i % VOCABULARY.length]).join(' ')],
    };
    const failing: SheetTexts = { records: Int32Array.from([0, 0, 0, 0, 4]), blocks: [], strings: [] };
    const told: number[] = [];
    let failed = Infinity;
    const built = partsInWorkers(2, (run) => (run === 0 ? long : failing), () => told.push(performance.now()));
    await expect(built.finally(() => { failed = performance.now(); })).rejects.toThrow(/subarray/);
    // Left running, the long run would tell its progress every few milliseconds for seconds.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(told.filter((at) => at > failed + 300)).toEqual([]);

    // The same when what fails is on the calling thread (the second run's texts).
    told.length = 0;
    const unread = partsInWorkers(2, (run) => { if (run === 0) return long; throw new Error('no texts'); }, () => told.push(performance.now()));
    await expect(unread.finally(() => { failed = performance.now(); })).rejects.toThrow('no texts');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(told.filter((at) => at > failed + 300)).toEqual([]);
  });

  it('are, for the names, those its add() makes of their folded words, every beginning of each', () => {
    const random = seededRandom(12);
    const names = Array.from({ length: 800 }, (_, id) => ({ id, text: random() < 0.05 ? '—' : text(random, 1 + Math.floor(random() * 5)) }));
    const expected = new FlexSearch.Index(NAME_INDEX);
    const beginnings = new Set<string>();
    for (const { id, text: name } of names) {
      const folded = words(name).map(fold);
      if (folded.length) expected.add(id, folded.join(' '));
      for (const word of folded) for (let end = 1; end <= word.length; end++) beginnings.add(word.slice(0, end));
    }
    sameSearches(namesIndex(names), expected, [...beginnings, 'inconnu']);
  });
});
