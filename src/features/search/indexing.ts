/**
 * How the FlexSearch indexes of a version are made. FlexSearch holds them and answers the
 * queries; what goes in them is computed here as FlexSearch's own add() computes it, and given
 * to FlexSearch's import, which takes an index as its export gives it:
 *  - for the sheets (titles and abstracts, one pair of indexes per language group, `strict`
 *    tokenization): each distinct term of a sheet's content once, in the slot of the place it
 *    first stands (FlexSearch's arithmetic, slotOf), sheets in their order;
 *  - for the names of descriptors, actors, places and dossiers (`forward` tokenization, for
 *    autocomplete): every beginning of every word of a name, once, in the slot of its word.
 * add() does the same word by word, each word looked up in a table made for each sheet: on a
 * large collection it took most of the reader side's time (see the README's search section).
 * test/features/search/indexing.test.ts checks that both make the same index.
 */
import FlexSearch, { type Index } from 'flexsearch';
import type { DocumentRecord, Text } from '../../collection/collection.js';
import { utf8Of } from '../../collection/facts.js';
import { fold, Postings, slotOf, TermTable, words } from './analysis.js';

/** FlexSearch's slots per term and sheet: where in a text a term first stands ranks the sheet. */
export const RESOLUTION = 9;
/** The terms given to a search are already analysed: the index only cuts them at the spaces. */
const splitTerms = (text: string): string[] => (text ? text.split(' ') : []);
export const SHEET_INDEX = { tokenize: 'strict', encode: splitTerms, resolution: RESOLUTION } as const;
export const NAME_INDEX = { tokenize: 'forward', encode: splitTerms, resolution: RESOLUTION } as const;
/** Sheets indexed between two turns of the event loop: the index of a large collection takes seconds. */
const CHUNK = 500;

/**
 * Texts are indexed by language group: French, English and Spanish (each with its stemmer) and
 * every other language (folded only). A query word is looked for in each group under the form
 * that group files it under, so that a French stem never matches an English word by chance.
 */
export const GROUPS = ['fr', 'en', 'es', 'other'] as const;
export type Group = (typeof GROUPS)[number];

/** A sheet's two fields, weighed apart. */
export interface Fields<T> {
  readonly titles: T;
  readonly abstracts: T;
}

export interface BuildProgress {
  readonly done: number;
  readonly total: number;
}

/** The group of each language tag met: a collection has few, and its texts are many. */
const GROUP_OF = new Map<string, Group>();

export function groupOf(language: string): Group {
  let group = GROUP_OF.get(language);
  if (!group) {
    const primary = language.toLowerCase().split('-', 1)[0]!;
    group = primary === 'fr' || primary === 'en' || primary === 'es' ? primary : 'other';
    if (GROUP_OF.size < 1000) GROUP_OF.set(language, group);
  }
  return group;
}

/** Posts a sheet's texts in a language group (its titles, or its abstracts), if it has any. */
function post(sheet: number, texts: readonly Text[], group: Group, table: TermTable, postings: Postings): void {
  let any = false;
  for (const text of texts) {
    if (groupOf(text.language) !== group) continue;
    if (!any) table.begin();
    any = true;
    table.add(utf8Of(text));
  }
  if (any) table.post(sheet, postings);
}

/** A FlexSearch index given its postings, [term, sheets by slot] for every term, and the ids it holds. */
function loaded(options: typeof SHEET_INDEX | typeof NAME_INDEX, entries: [string, number[][]][], ids: number[]): Index {
  const index = new FlexSearch.Index(options);
  // The import takes the data its export gives, parsed or not: here as it is made.
  index.import('map', entries as unknown as string);
  index.import('reg', ids as unknown as string);
  return index;
}

/** The sheets' indexes, by language group and field; each sheet's id is its place in the collection. */
export async function sheetIndexes(documents: readonly DocumentRecord[], onProgress?: (progress: BuildProgress) => void): Promise<Record<Group, Fields<Index>>> {
  const tables = Object.fromEntries(GROUPS.map((g) => [g, new TermTable(g === 'other' ? '' : g)])) as Record<Group, TermTable>;
  const postings = Object.fromEntries(GROUPS.map((g) => [g, { titles: new Postings(RESOLUTION), abstracts: new Postings(RESOLUTION) }])) as Record<Group, Fields<Postings>>;
  for (let start = 0; start < documents.length; start += CHUNK) {
    for (const document of documents.slice(start, start + CHUNK)) {
      for (const group of GROUPS) {
        post(document.index, document.titles, group, tables[group], postings[group].titles);
        post(document.index, document.abstracts, group, tables[group], postings[group].abstracts);
      }
    }
    onProgress?.({ done: Math.min(documents.length, start + CHUNK), total: documents.length });
    await new Promise((resolve) => setImmediate(resolve));
  }
  const index = (group: Group, field: Postings) => loaded(SHEET_INDEX, tables[group].entries(field), field.sheets);
  return Object.fromEntries(GROUPS.map((g) => [g, { titles: index(g, postings[g].titles), abstracts: index(g, postings[g].abstracts) }])) as Record<Group, Fields<Index>>;
}

/** The index of names, each found by its id: its words folded (as typed, without stems), every beginning of each. */
export function namesIndex(names: readonly { readonly id: number; readonly text: string }[]): Index {
  /** Each beginning's sheets by slot, and the last name posted under it (a beginning is posted once a name). */
  const postings = new Map<string, { slots: number[][]; last: number }>();
  /** Each word's beginnings, made once: names share their words. */
  const beginningsOf = new Map<string, string[]>();
  const ids: number[] = [];
  for (const { id, text } of names) {
    const terms = words(text).map(fold);
    if (terms.length === 0) continue;
    terms.forEach((term, position) => {
      let beginnings = beginningsOf.get(term);
      if (!beginnings) beginningsOf.set(term, beginnings = Array.from({ length: term.length }, (_, end) => term.slice(0, end + 1)));
      // In the slot of the first word it begins.
      const slot = slotOf(position, terms.length, RESOLUTION);
      for (const beginning of beginnings) {
        let posting = postings.get(beginning);
        if (!posting) postings.set(beginning, posting = { slots: [], last: -1 });
        if (posting.last === id) continue;
        posting.last = id;
        (posting.slots[slot] ??= []).push(id);
      }
    });
    ids.push(id);
  }
  return loaded(NAME_INDEX, [...postings].map(([beginning, { slots }]) => [beginning, slots]), ids);
}
