/**
 * The search index of one version of the collection, built from it when the version is
 * published, with FlexSearch:
 *  - the sheets, by their titles and by their abstracts, in every language, each text analysed
 *    in its own language (analysis.ts: folded, and stemmed in French, English and Spanish);
 *  - the names of descriptors (preferred and alternative labels), actors, places and dossiers,
 *    searched as the reader types (every word also as a prefix), exact names first.
 *
 * Why FlexSearch: measured on 8,000 generated sheets (16 M characters of titles and abstracts,
 * the same analysis for each library, this 2-core machine under load), FlexSearch 0.8 built its
 * index in 32 s of wall time and 23 MB of heap, MiniSearch 7.2 in 61 s and 107 MB; a two-word
 * query took FlexSearch about 1 ms, MiniSearch about 95 ms (it scores every document of every
 * term before combining them), and Orama 3.1 was slower still to build. FlexSearch gives an
 * order but no score: the score of a sheet is computed here from where each query word was
 * found (a title weighs three times an abstract) and how high FlexSearch ranked it there.
 *
 * Descriptor combinations do not go through the text index: each descriptor's documents are an
 * ascending list read from the store (`dct:subject`), intersected for AND and merged for OR, so
 * that the answer is exactly SPARQL's.
 */
import type { Index } from 'flexsearch';
import { intersection, union, type Collection, type DocumentRecord, type Text } from '../../collection/collection.js';
import { byLanguagePreference, pickText, SOURCE_LANGUAGE } from '../../web/i18n/fallback.js';
import { fold, indexTerm, words } from './analysis.js';
import { FacetTable, type FacetCount, type FacetName, type Selection } from './facets.js';
import { GROUPS, namesIndex, sheetIndexes, type BuildProgress, type Fields, type Group } from './indexing.js';

const TITLE_WEIGHT = 3;

/** The term a query word is filed under in each group. */
function termsByGroup(word: string): Record<Group, string> {
  const folded = fold(word);
  return { fr: indexTerm(folded, 'fr'), en: indexTerm(folded, 'en'), es: indexTerm(folded, 'es'), other: folded };
}

/** The kinds of named things a reader can search for by name. */
export type NamedKind = 'descriptor' | 'actor' | 'place' | 'dossier';

interface LabelEntry {
  readonly id: number;
  readonly iri: string;
  readonly kind: NamedKind;
  readonly text: string;
  readonly language: string;
  readonly alternative: boolean;
}

export interface NameMatch {
  readonly iri: string;
  readonly kind: NamedKind;
  /** The label that matched, and whether it is an alternative label (shown "alt → preferred"). */
  readonly matched: Text;
  readonly alternative: boolean;
  readonly exact: boolean;
  readonly score: number;
}

export type Order = 'relevance' | 'date' | 'title';

export interface SearchRequest {
  readonly text: string;
  readonly descriptors: readonly string[];
  readonly allDescriptors: boolean;
  readonly selection: Selection;
  readonly order: Order;
  /** The reader's language: titles are sorted in it. */
  readonly language: string;
}

export interface Hit {
  readonly document: DocumentRecord;
  readonly score: number;
  /** The index terms of the query's words, for highlighting. */
  readonly terms: readonly string[];
}

export interface SearchOutcome {
  readonly total: number;
  /** Every matching document in order: the caller takes its page. */
  readonly hits: readonly Hit[];
  readonly facets: Record<FacetName, FacetCount[]>;
}

export class SearchIndex {
  private constructor(
    readonly collection: Collection,
    private readonly sheets: Readonly<Record<Group, Fields<Index>>>,
    private readonly names: Index,
    private readonly labelEntries: readonly LabelEntry[],
    private readonly facets: FacetTable,
  ) {
    // Results are ordered by date, alone or after their score: the order of every sheet by date
    // (the latest first, then in the collection's order) is found once, and compared as numbers.
    const byDate = collection.documents.map((document) => document.index).sort((a, b) => {
      const x = collection.documents[a]!.issued ?? '';
      const y = collection.documents[b]!.issued ?? '';
      return x < y ? 1 : x > y ? -1 : a - b;
    });
    this.dateRank = new Uint32Array(collection.documents.length);
    byDate.forEach((index, rank) => { this.dateRank[index] = rank; });
    this.byDateRank = Uint32Array.from(byDate);
  }

  /** Each sheet's place when all are ordered by date, by its index. */
  private readonly dateRank: Uint32Array;
  /** The sheets ordered by date: the index of each place. */
  private readonly byDateRank: Uint32Array;

  /** The index of a collection; `signal` stops its build. */
  static async build(collection: Collection, onProgress?: (progress: BuildProgress) => void, signal?: AbortSignal): Promise<SearchIndex> {
    // The sheets' indexes are built on worker threads for a large collection: the names and the
    // facets are made here meanwhile.
    const sheetsBuilt = sheetIndexes(collection.documents, { onProgress, signal });
    const entries: LabelEntry[] = [];
    // A thing's labels in the order of the language fallback (French first): of two labels that
    // match alike, the first is the one shown.
    const addNames = (iri: string, kind: NamedKind, labels: readonly Text[], alternatives: readonly Text[] = []) => {
      for (const label of byLanguagePreference(labels, SOURCE_LANGUAGE)) entries.push({ id: entries.length, iri, kind, text: label.value, language: label.language, alternative: false });
      for (const label of byLanguagePreference(alternatives, SOURCE_LANGUAGE)) entries.push({ id: entries.length, iri, kind, text: label.value, language: label.language, alternative: true });
    };
    for (const d of collection.descriptors.values()) addNames(d.iri, 'descriptor', d.labels, d.altLabels);
    for (const a of collection.actors.values()) addNames(a.iri, 'actor', a.names);
    for (const p of collection.places.values()) addNames(p.iri, 'place', p.labels);
    for (const d of collection.dossiers.values()) addNames(d.iri, 'dossier', d.labels);
    const names = namesIndex(entries);
    const facets = new FacetTable(collection);
    return new SearchIndex(collection, await sheetsBuilt, names, entries, facets);
  }

  /**
   * Sheets matching every word of a text (in any language group), with their scores: for each
   * word, its best score in a sheet (a title weighs three times an abstract, a sheet FlexSearch
   * ranks first more than one it ranks last), summed over the words. Scores are kept in arrays
   * indexed by sheet: a common word is in most of the sheets.
   */
  private matchText(queryWords: readonly string[]): { candidates: number[]; scores: Float64Array } {
    const count = this.collection.documents.length;
    const scores = new Float64Array(count);
    const matchedWords = new Uint16Array(count);
    const best = new Float64Array(count);
    queryWords.forEach((word, w) => {
      best.fill(0);
      const terms = termsByGroup(word);
      for (const group of GROUPS) {
        const term = terms[group];
        if (!term) continue;
        for (const [index, weight] of [[this.sheets[group].titles, TITLE_WEIGHT], [this.sheets[group].abstracts, 1]] as const) {
          // The term's sheets slot after slot, in FlexSearch's order, read in the lists the index
          // keeps (a resolver's result: read, never changed) rather than joined into a new one.
          const slots = (index.search(term, { resolve: false }) as unknown as { result: readonly (ArrayLike<number> | undefined)[] }).result;
          let found = 0;
          for (const list of slots) found += list?.length ?? 0;
          const last = Math.max(1, found);
          let rank = 0;
          for (const list of slots) {
            if (!list) continue;
            for (let k = 0; k < list.length; k++, rank++) {
              const id = list[k]!;
              const score = weight * (1 - (0.5 * rank) / last);
              if (score > best[id]!) best[id] = score;
            }
          }
        }
      }
      for (let id = 0; id < count; id++) {
        if (best[id]! > 0 && matchedWords[id] === w) {
          matchedWords[id] = w + 1;
          scores[id] = scores[id]! + best[id]!;
        }
      }
    });
    const candidates: number[] = [];
    for (let id = 0; id < count; id++) if (matchedWords[id] === queryWords.length) candidates.push(id);
    return { candidates, scores };
  }

  /** Documents matching a query, filtered, counted by facet and ordered. */
  search(request: SearchRequest): SearchOutcome {
    const collection = this.collection;
    let candidates: Iterable<number>;
    const queryWords = words(request.text);
    const matched = queryWords.length > 0 ? this.matchText(queryWords) : undefined;
    if (matched) {
      candidates = matched.candidates;
    } else {
      candidates = collection.documents.keys();
    }
    if (request.descriptors.length > 0) {
      const lists = request.descriptors.map((d) => collection.descriptors.get(d)?.documents ?? new Uint32Array(0));
      const combined = request.allDescriptors ? intersection(lists) : union(lists);
      if (queryWords.length > 0) {
        const set = new Set(combined);
        candidates = [...candidates].filter((i) => set.has(i));
      } else {
        candidates = combined;
      }
    }
    const selection: Selection = { ...request.selection, descriptor: request.descriptors };
    // The descriptor combination is applied above (exactly, from the postings); the facet
    // computation sees it only to count descriptors, and with OR to count its alternatives.
    const { kept, counts } = this.facets.filterAndCount(candidates, request.allDescriptors ? { ...selection, descriptor: [] } : selection, request.allDescriptors);
    if (request.allDescriptors) counts.descriptor = counts.descriptor.concat(
      request.descriptors.filter((d) => !counts.descriptor.some((c) => c.value === d)).map((value) => ({ value, count: kept.length })));
    // The terms the query stands for in every language: the snippets mark the words filed under them.
    const terms = queryWords.flatMap((word) => Object.values(termsByGroup(word)));
    const milliScore = (index: number) => Math.round((matched?.scores[index] ?? 0) * 1000);
    const hits: Hit[] = this.inOrder(kept, request, matched ? milliScore : undefined)
      .map((index) => ({ document: collection.documents[index]!, score: milliScore(index) / 1000, terms }));
    return { total: hits.length, hits, facets: counts };
  }

  /**
   * The sheets in the order asked: by score (in thousandths, the highest first) then by date, or
   * by date alone (the latest first, then in the collection's order), or by title in the reader's
   * language. Scores and dates are sorted as one number a sheet, natively: a common word matches
   * tens of thousands of sheets, and a comparison function called for every pair took most of a
   * search's time.
   */
  private inOrder(kept: readonly number[], request: SearchRequest, milliScore?: (index: number) => number): number[] {
    if (request.order === 'title') {
      const collator = new Intl.Collator(request.language, { sensitivity: 'base', numeric: true });
      const titles = new Map(kept.map((index) => [index, pickedTitle(this.collection.documents[index]!, request.language)]));
      return [...kept].sort((a, b) => collator.compare(titles.get(a)!, titles.get(b)!) || a - b);
    }
    const rank = this.dateRank;
    const byRank = this.byDateRank;
    // A key is the score's distance below the largest, times the number of date ranks, plus the
    // date rank: exact below 2^53 (scores of up to 2^37 thousandths for 65,536 sheets).
    const ranks = 2 ** Math.ceil(Math.log2(Math.max(2, byRank.length)));
    const largest = Math.floor(2 ** 53 / ranks) - 1;
    const keys = new Float64Array(kept.length);
    const scored = request.order === 'relevance' && milliScore !== undefined;
    kept.forEach((index, k) => { keys[k] = (scored ? (largest - Math.min(largest, milliScore(index))) * ranks : 0) + rank[index]!; });
    keys.sort();
    return Array.from(keys, (key) => byRank[key % ranks]!);
  }

  /** Descriptors, actors, places and dossiers whose name matches, every word also as a prefix; exact names first. */
  matchNames(text: string, limit: number, kinds?: readonly NamedKind[]): NameMatch[] {
    const queryWords = words(text).map(fold);
    if (queryWords.length === 0) return [];
    let ids: Set<number> | undefined;
    for (const word of queryWords) {
      const found = new Set(this.names.search(word, { limit: this.labelEntries.length }) as number[]);
      ids = ids ? new Set([...ids].filter((id) => found.has(id))) : found;
      if (ids.size === 0) return [];
    }
    const wanted = queryWords.join(' ');
    const best = new Map<string, NameMatch>();
    for (const id of ids ?? []) {
      const entry = this.labelEntries[id]!;
      if (kinds && !kinds.includes(entry.kind)) continue;
      const folded = words(entry.text).map(fold);
      const exact = folded.join(' ') === wanted;
      // Shorter names first among the others: the typed words are more of them.
      const match: NameMatch = { iri: entry.iri, kind: entry.kind, matched: { value: entry.text, language: entry.language }, alternative: entry.alternative, exact, score: 1 / folded.length };
      const previous = best.get(entry.iri);
      if (!previous || rankOf(match) < rankOf(previous)) best.set(entry.iri, match);
    }
    return [...best.values()].sort((a, b) => rankOf(a) - rankOf(b) || a.matched.value.localeCompare(b.matched.value)).slice(0, limit);
  }
}

/** Exact names before the others, preferred labels before alternative ones, then by score. */
function rankOf(match: NameMatch): number {
  return (match.exact ? 0 : 10) + (match.alternative ? 1 : 0) - match.score;
}

/** A sheet's title for sorting, in the reader's language by the service's one fallback. */
function pickedTitle(document: DocumentRecord, language: string): string {
  return pickText(document.titles, language)?.value ?? document.iri;
}
