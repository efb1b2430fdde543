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
 * The sheets of a large collection are indexed in parts, on worker threads (indexing-worker.ts),
 * each a run of sheets, which write their postings, in the sheets' order, into the index's arrays.
 * test/features/search/indexing.test.ts checks that both make the same index, on one thread or several.
 */
import { availableParallelism } from 'node:os';
import FlexSearch, { type Index } from 'flexsearch';
import type { DocumentRecord, Text } from '../../collection/collection.js';
import { storedSpan, utf8Of } from '../../collection/facts.js';
import { siblingModule, workerTask, type WorkerTask } from '../../store/worker-start.js';
import { fold, Postings, slotOf, TermTable, words } from './analysis.js';

/** FlexSearch's slots per term and sheet: where in a text a term first stands ranks the sheet. */
export const RESOLUTION = 9;
/** The terms given to a search are already analysed: the index only cuts them at the spaces. */
const splitTerms = (text: string): string[] => (text ? text.split(' ') : []);
export const SHEET_INDEX = { tokenize: 'strict', encode: splitTerms, resolution: RESOLUTION } as const;
export const NAME_INDEX = { tokenize: 'forward', encode: splitTerms, resolution: RESOLUTION } as const;
/** Sheets indexed between two reports of progress. */
const CHUNK = 500;
/**
 * Below this many sheets the index is built on the calling thread, at once: starting a worker
 * takes longer. Above, the sheets are shared among worker threads, one a processor (at most
 * MAX_THREADS): the service stays free to answer, and the index of a large collection is built
 * in a fraction of the time.
 */
const IN_THREAD_SHEETS = 4_000;
const MAX_THREADS = 4;

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

/**
 * The texts of a run of sheets, as a part of the index is built from them (on a worker thread
 * for a large collection): five numbers a text in `records`, in the order they are read (sheet
 * after sheet, group after group, its titles then its abstracts): the sheet, the group's place
 * × 2 + the field (0 titles, 1 abstracts), where the text is (a block's number, or -1 for one
 * of `strings`), and the span of its bytes in that block (or the string's number, and 0). The
 * blocks are the text store's, shared: a worker reads them in place.
 */
export interface SheetTexts {
  readonly records: Int32Array;
  readonly blocks: readonly Uint8Array[];
  readonly strings: readonly string[];
}

const RECORD = 5;
const FIELDS = ['titles', 'abstracts'] as const;
type Field = (typeof FIELDS)[number];

/** A part's count of its postings, for a language group: its terms by id, and for each field how many sheets each key (term × RESOLUTION + slot) lists. */
export interface GroupCounts extends Fields<Int32Array> {
  readonly terms: readonly string[];
}
export type PartCounts = Record<Group, GroupCounts>;
/** Where a part writes its postings, for each group and field: the index's array of sheets, and where each of its keys' sheets go in it. */
export type PartTargets = Record<Group, Fields<{ readonly sheets: Int32Array; readonly offsets: Int32Array }>>;
/** The sheets a part posted, in order, for each group and field. */
export type PartPosted = Record<Group, Fields<Int32Array>>;

/** What a text costs to index: its length, in bytes or characters (a stored text is not decoded for it). */
function costOf(text: Text): number {
  const span = storedSpan(text);
  return span ? span.end - span.start : text.value.length;
}

/** The documents cut into `count` runs of about the same cost, in order: the index of each run's first. */
function runsOf(documents: readonly DocumentRecord[], count: number): number[] {
  const costs = documents.map((d) => d.titles.reduce((sum, t) => sum + costOf(t), 0) + d.abstracts.reduce((sum, t) => sum + costOf(t), 0));
  const total = costs.reduce((sum, cost) => sum + cost, 0);
  const firsts = [0];
  let sum = 0;
  costs.forEach((cost, position) => {
    if (sum >= (total * firsts.length) / count && firsts.length < count && position > firsts.at(-1)!) firsts.push(position);
    sum += cost;
  });
  return firsts;
}

/** The texts of the documents. */
export function sheetTexts(documents: readonly DocumentRecord[]): SheetTexts {
  // Written in place, at their size: a list grown one by one would be copied again and again.
  const records = new Int32Array(RECORD * documents.reduce((sum, d) => sum + d.titles.length + d.abstracts.length, 0));
  let at = 0;
  const blocks: Uint8Array[] = [];
  const blockIds = new Map<Uint8Array, number>();
  const strings: string[] = [];
  const record = (sheet: number, content: number, block: number, start: number, end: number) => {
    records[at] = sheet;
    records[at + 1] = content;
    records[at + 2] = block;
    records[at + 3] = start;
    records[at + 4] = end;
    at += RECORD;
  };
  for (const document of documents) {
    GROUPS.forEach((group, place) => {
      FIELDS.forEach((field, f) => {
        for (const text of document[field]) {
          if (groupOf(text.language) !== group) continue;
          const span = storedSpan(text);
          if (span) {
            let block = blockIds.get(span.block);
            if (block === undefined) blockIds.set(span.block, block = blocks.push(span.block) - 1);
            record(document.index, 2 * place + f, block, span.start, span.end);
          } else {
            record(document.index, 2 * place + f, -1, strings.push(text.value) - 1, 0);
          }
        }
      });
    });
  }
  return { records, blocks, strings };
}

/**
 * A part of the index, made of some sheets' texts: each content (a sheet's titles, or its
 * abstracts, in a language group) read text by text, and each of its distinct terms posted once.
 * Its postings are counted (counts), then written where the whole index keeps them (write): the
 * parts of a large collection are made on worker threads, which write their postings straight
 * into the index's shared arrays, sorted, rather than into arrays of their own that the calling
 * thread would join (forty megabytes of new memory for a large collection, written again on the
 * thread that waits).
 */
export class IndexPart {
  private readonly tables = GROUPS.map((g) => new TermTable(g === 'other' ? '' : g));
  private readonly postings = GROUPS.flatMap(() => FIELDS.map(() => new Postings(RESOLUTION)));

  /** `onProgress` is told the sheets done now and then. */
  constructor(texts: SheetTexts, onProgress?: (sheetsDone: number) => void) {
    const { tables, postings } = this;
    const { records, blocks, strings } = texts;
    let sheet = -1;
    let content = -1;
    let sheetsDone = 0;
    const close = () => { if (content >= 0) tables[content >> 1]!.post(sheet, postings[content]!); };
    for (let r = 0; r < records.length; r += RECORD) {
      if (records[r] !== sheet || records[r + 1] !== content) {
        close();
        if (records[r] !== sheet && ++sheetsDone % CHUNK === 0) onProgress?.(sheetsDone);
        sheet = records[r]!;
        content = records[r + 1]!;
        tables[content >> 1]!.begin();
      }
      const block = records[r + 2]!;
      tables[content >> 1]!.add(block >= 0
        ? blocks[block]!.subarray(records[r + 3], records[r + 4])
        : utf8Of({ value: strings[records[r + 3]!]!, language: '' }));
    }
    close();
  }

  /** The part's terms, and how many sheets each of its keys lists. */
  counts(): PartCounts {
    return byGroup((place) => {
      const terms = this.tables[place]!.termList;
      return { terms, titles: this.postings[2 * place]!.counts(terms.length), abstracts: this.postings[2 * place + 1]!.counts(terms.length) };
    });
  }

  /** Writes the part's postings where `targets` says; the sheets posted are given back. */
  write(targets: PartTargets): PartPosted {
    return byGroup((place, group) => fieldsOf((field, f) => this.postings[2 * place + f]!.writeSorted(targets[group][field].sheets, targets[group][field].offsets)));
  }
}

const byGroup = <T>(make: (place: number, group: Group) => T): Record<Group, T> =>
  Object.fromEntries(GROUPS.map((group, place) => [group, make(place, group)])) as Record<Group, T>;
const fieldsOf = <T>(make: (field: Field, place: number) => T): Fields<T> => ({ titles: make('titles', 0), abstracts: make('abstracts', 1) });

/**
 * The sheets FlexSearch lists for a term in a slot, as views of one typed array per index rather
 * than arrays of their own: ten million numbers for a large collection, which as arrays took
 * twice the memory and which the garbage collector copied from its young generation to the old
 * (three quarters of the time spent joining the parts went there). FlexSearch reads a list by its
 * length and places, cuts it with slice() and joins lists with concat(), which spreads these as
 * it spreads arrays, but element by element (a common word's search took three times as long):
 * the text search reads the lists in place instead (search-index.ts). A search may answer one
 * of them, read-only like FlexSearch's own lists.
 */
export class SheetIds extends Int32Array<ArrayBufferLike> {
  get [Symbol.isConcatSpreadable](): boolean {
    return true;
  }
}

/**
 * Where the parts of the index write their postings, parts in the sheets' order: for each group,
 * the terms of all parts (in the order first met); for each field, one shared array of sheets,
 * the sheets of term t in slot s from starts[t × RESOLUTION + s] on, those of the first part,
 * then those of the next; and for each part, where each of its own keys begins in it.
 */
interface IndexLayout {
  readonly terms: Record<Group, readonly string[]>;
  readonly starts: Record<Group, Fields<Int32Array>>;
  readonly sheets: Record<Group, Fields<SheetIds>>;
  readonly targets: readonly PartTargets[];
}

function layoutOf(counts: readonly PartCounts[]): IndexLayout {
  const terms = byGroup((): string[] => []);
  const starts = byGroup(() => ({}) as Record<Field, Int32Array>);
  const sheets = byGroup(() => ({}) as Record<Field, SheetIds>);
  const targets = counts.map(() => byGroup(() => ({}) as Record<Field, PartTargets[Group][Field]>));
  for (const group of GROUPS) {
    // Each part's terms numbered among all parts' terms.
    const ids = new Map<string, number>();
    const all = terms[group];
    const globalIds = counts.map(({ [group]: part }) => part.terms.map((term) => {
      let id = ids.get(term);
      if (id === undefined) ids.set(term, id = all.push(term) - 1);
      return id;
    }));
    for (const field of FIELDS) {
      const keys = all.length * RESOLUTION;
      const fieldStarts = new Int32Array(keys + 1);
      counts.forEach(({ [group]: part }, p) => {
        const partCounts = part[field];
        globalIds[p]!.forEach((id, local) => {
          for (let slot = 0; slot < RESOLUTION; slot++) fieldStarts[id * RESOLUTION + slot + 1]! += partCounts[local * RESOLUTION + slot]!;
        });
      });
      for (let key = 0; key < keys; key++) fieldStarts[key + 1]! += fieldStarts[key]!;
      // Shared, so that the parts' threads write it where it is; its pages are first touched by them.
      const fieldSheets = new SheetIds(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT * fieldStarts[keys]!));
      const next = fieldStarts.slice(0, keys);
      counts.forEach(({ [group]: part }, p) => {
        const partCounts = part[field];
        const offsets = new Int32Array(partCounts.length);
        globalIds[p]!.forEach((id, local) => {
          for (let slot = 0; slot < RESOLUTION; slot++) {
            offsets[local * RESOLUTION + slot] = next[id * RESOLUTION + slot]!;
            next[id * RESOLUTION + slot]! += partCounts[local * RESOLUTION + slot]!;
          }
        });
        targets[p]![group][field] = { sheets: fieldSheets, offsets };
      });
      starts[group][field] = fieldStarts;
      sheets[group][field] = fieldSheets;
    }
  }
  return { terms, starts, sheets, targets };
}

/** The FlexSearch indexes of a layout once its parts have written their postings (`posted`, parts in order). */
function indexesOf(layout: IndexLayout, posted: readonly PartPosted[]): Record<Group, Fields<Index>> {
  return byGroup((_, group) => fieldsOf((field) => {
    const terms = layout.terms[group];
    const starts = layout.starts[group][field];
    const sheets = layout.sheets[group][field];
    const entries: [string, SheetIds[]][] = [];
    for (let id = 0; id < terms.length; id++) {
      let slots: SheetIds[] | undefined;
      for (let slot = 0; slot < RESOLUTION; slot++) {
        const from = starts[id * RESOLUTION + slot]!;
        const to = starts[id * RESOLUTION + slot + 1]!;
        if (to > from) (slots ??= [])[slot] = sheets.subarray(from, to) as SheetIds;
      }
      if (slots) entries.push([terms[id]!, slots]);
    }
    const ids: number[] = [];
    for (const part of posted) for (const sheet of part[group][field]) ids.push(sheet);
    return loaded(SHEET_INDEX, entries, ids);
  }));
}

/** A FlexSearch index given its postings, [term, sheets by slot] for every term, and the ids it holds. */
function loaded(options: typeof SHEET_INDEX | typeof NAME_INDEX, entries: [string, ArrayLike<number>[]][], ids: number[]): Index {
  const index = new FlexSearch.Index(options);
  // The import takes the data its export gives, parsed or not: here as it is made.
  index.import('map', entries as unknown as string);
  index.import('reg', ids as unknown as string);
  return index;
}

/** What a worker building a part of the index says: how far it is, its counts, then the sheets it posted once it has written its postings. */
export type IndexWorkerMessage =
  | { readonly type: 'progress'; readonly done: number }
  | { readonly type: 'counted'; readonly counts: PartCounts }
  | { readonly type: 'written'; readonly posted: PartPosted };

/**
 * The indexes made of `runs` runs of sheets, each a part made on a worker thread of its own, parts
 * in the runs' order: each run's texts are found as its worker starts (`textsOf`), so that the
 * first starts at once. Once every part is counted, each is told where to write its postings.
 * `onProgress` is told the sheets done in all. When one part fails, or `signal` is aborted, every
 * worker still running is ended and the whole fails with that reason: the others' work would be
 * thrown away, and would hold processors the service needs.
 */
export async function partsInWorkers(runs: number, textsOf: (run: number) => SheetTexts, onProgress?: (sheetsDone: number) => void, signal?: AbortSignal): Promise<Record<Group, Fields<Index>>> {
  const stop = new AbortController();
  const stopped = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal;
  const done = new Array<number>(runs).fill(0);
  const tasks: WorkerTask<PartPosted>[] = [];
  const counted: Promise<PartCounts>[] = [];
  let failure: ((error: unknown) => void) | undefined;
  const failed = new Promise<never>((_, reject) => { failure = reject; });
  failed.catch(() => {});
  const stopAll = (error: unknown): never => {
    stop.abort(error);
    failure?.(error);
    throw error;
  };
  try {
    for (let run = 0; run < runs; run++) {
      let count!: (counts: PartCounts) => void;
      counted.push(new Promise((resolve) => { count = resolve; }));
      const task = workerTask<PartPosted, IndexWorkerMessage>(siblingModule(import.meta.url, 'indexing-worker'), textsOf(run), {
        name: "the search index's worker", signal: stopped,
        onMessage: (message, self) => {
          if (message.type === 'progress') {
            done[run] = message.done;
            onProgress?.(done.reduce((sum, n) => sum + n, 0));
          } else if (message.type === 'counted') {
            count(message.counts);
          } else {
            self.finish(message.posted);
          }
        },
      });
      tasks.push(task);
      task.answer.catch(stopAll).catch(() => {});
    }
    const layout = layoutOf(await Promise.race([Promise.all(counted), failed]));
    tasks.forEach((task, run) => task.tell(layout.targets[run]));
    return indexesOf(layout, await Promise.race([Promise.all(tasks.map((task) => task.answer)), failed]));
  } catch (error) {
    // Whatever fails here (a run's texts, the layout) ends the workers started, which would otherwise wait to be told where to write.
    return stopAll(error);
  }
}

export interface SheetIndexOptions {
  readonly onProgress?: (progress: BuildProgress) => void;
  /** Stops the build: its workers are ended, and it fails with the signal's reason. */
  readonly signal?: AbortSignal;
  /** How many worker threads build it (0: the calling thread); by default none for a small collection, else one a processor. */
  readonly threads?: number;
}

/** The sheets' indexes, by language group and field; each sheet's id is its place in the collection. */
export async function sheetIndexes(documents: readonly DocumentRecord[], options: SheetIndexOptions = {}): Promise<Record<Group, Fields<Index>>> {
  const { onProgress, signal } = options;
  const threads = options.threads ?? (documents.length < IN_THREAD_SHEETS ? 0 : Math.min(MAX_THREADS, availableParallelism()));
  const total = documents.length;
  if (threads <= 0) {
    const part = new IndexPart(sheetTexts(documents), (done) => onProgress?.({ done, total }));
    onProgress?.({ done: total, total });
    const layout = layoutOf([part.counts()]);
    return indexesOf(layout, [part.write(layout.targets[0]!)]);
  }
  const firsts = runsOf(documents, threads);
  const indexes = await partsInWorkers(firsts.length, (run) => sheetTexts(documents.slice(firsts[run], firsts[run + 1] ?? total)), (done) => onProgress?.({ done, total }), signal);
  onProgress?.({ done: total, total });
  return indexes;
}

/** The index of names, each found by its id: its words folded (as typed, without stems), every beginning of each. */
export function namesIndex(names: readonly { readonly id: number; readonly text: string }[]): Index {
  /** Each beginning's sheets by slot, and the last name posted under it (a beginning is posted once a name). */
  const postings = new Map<string, { slots: number[][]; last: number }>();
  /** The postings of each word's beginnings, found once: names share their words. */
  const postingsOf = new Map<string, { slots: number[][]; last: number }[]>();
  const ids: number[] = [];
  for (const { id, text } of names) {
    const terms = words(text).map(fold);
    if (terms.length === 0) continue;
    terms.forEach((term, position) => {
      let beginnings = postingsOf.get(term);
      if (!beginnings) {
        beginnings = [];
        for (let end = 1; end <= term.length; end++) {
          const beginning = term.slice(0, end);
          let posting = postings.get(beginning);
          if (!posting) postings.set(beginning, posting = { slots: [], last: -1 });
          beginnings.push(posting);
        }
        postingsOf.set(term, beginnings);
      }
      // In the slot of the first word it begins.
      const slot = slotOf(position, terms.length, RESOLUTION);
      for (const posting of beginnings) {
        if (posting.last === id) continue;
        posting.last = id;
        (posting.slots[slot] ??= []).push(id);
      }
    });
    ids.push(id);
  }
  return loaded(NAME_INDEX, [...postings].map(([beginning, { slots }]) => [beginning, slots]), ids);
}
