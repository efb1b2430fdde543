/**
 * The facets of a search: what a reader can narrow the results by (document type, language,
 * year, place, actor, dossier, descriptor), each document's values for them, and their counts.
 *
 * Values within one facet are alternatives (two types: either), facets are combined (a type and
 * a year: both). So that a reader sees the alternatives to what they chose, the counts of a facet
 * are taken over the documents that pass every other facet's filter: choosing a type does not
 * hide the other types' counts. The descriptor facet follows the combination the reader chose:
 * with AND, its counts are those of the current results (each choice narrows them); with OR, it
 * counts as the other facets do. A place stands for itself and the places within it: a sheet
 * about Nantes is also a sheet about France. Values are coded as integers once per version
 * (FacetTable), so that counting the facets of tens of thousands of sheets stays fast.
 */
import type { Collection } from '../../collection/collection.js';
import { compareStrings } from '../../collection/facts.js';

export const FACETS = ['type', 'lang', 'year', 'place', 'actor', 'dossier', 'descriptor'] as const;
export type FacetName = (typeof FACETS)[number];

/** How many values of a facet an answer lists, most frequent first (all of them for type, language and year). */
const SHOWN: Readonly<Record<FacetName, number>> = { type: 50, lang: 50, year: 200, place: 30, actor: 30, dossier: 30, descriptor: 40 };

/** BCP 47 tags of the EU language table's codes: the values of the language facet. */
export const LANGUAGE_CODES: Readonly<Record<string, string>> = { FRA: 'fr', ENG: 'en', SPA: 'es', POR: 'pt', ZHO: 'zh', ITA: 'it', DEU: 'de', ARA: 'ar' };

export function languageTag(code: string): string {
  return LANGUAGE_CODES[code] ?? code.toLowerCase();
}

export type Selection = Readonly<Partial<Record<FacetName, readonly string[]>>>;

export interface FacetCount {
  readonly value: string;
  readonly count: number;
}

/**
 * Every sheet's facet values, coded as integers once per version: a search counts values of
 * tens of thousands of sheets, and adding to an array of counts is far cheaper than to a map.
 * For each facet, the values of sheet i are codes[offsets[i] .. offsets[i + 1]).
 */
export class FacetTable {
  private readonly values: Record<FacetName, string[]>;
  private readonly codeOf: Record<FacetName, Map<string, number>>;
  private readonly offsets: Record<FacetName, Uint32Array>;
  private readonly codes: Record<FacetName, Uint32Array>;

  constructor(collection: Collection) {
    const documents = collection.documents;
    // By the facet's place in FACETS while the sheets are read (one lookup by name per facet, not per value).
    const values = FACETS.map((): string[] => []);
    const codeOf = FACETS.map(() => new Map<string, number>());
    const lists = FACETS.map((): number[] => []);
    const offsets = FACETS.map(() => new Uint32Array(documents.length + 1));
    const code = (place: number, value: string): number => {
      let found = codeOf[place]!.get(value);
      if (found === undefined) {
        found = values[place]!.push(value) - 1;
        codeOf[place]!.set(value, found);
      }
      return found;
    };
    const add = (place: number, value: string) => lists[place]!.push(code(place, value));
    /** Adds a value not yet among the document's (those from `from` on). */
    const addOnce = (place: number, value: string, from: number) => {
      const found = code(place, value);
      const list = lists[place]!;
      for (let k = from; k < list.length; k++) if (list[k] === found) return;
      list.push(found);
    };
    const [TYPE, LANG, YEAR, PLACE, ACTOR, DOSSIER, DESCRIPTOR] = FACETS.map((_, place) => place) as [number, number, number, number, number, number, number];
    // A document's values for each facet, coded: a place stands for itself and the places it lies
    // within, an actor wrote or partnered, each counted once a document.
    documents.forEach((document, i) => {
      add(TYPE, document.type);
      for (const language of document.languages) add(LANG, languageTag(language));
      if (document.year !== undefined) add(YEAR, String(document.year));
      const places = lists[PLACE]!.length;
      for (const place of document.places) for (const within of collection.placeAndAncestors(place)) addOnce(PLACE, within, places);
      const actors = lists[ACTOR]!.length;
      for (const actor of document.creators) addOnce(ACTOR, actor, actors);
      for (const actor of document.partners) addOnce(ACTOR, actor, actors);
      for (const dossier of document.dossiers) add(DOSSIER, dossier);
      for (const descriptor of document.descriptors) add(DESCRIPTOR, descriptor);
      for (let place = 0; place < FACETS.length; place++) offsets[place]![i + 1] = lists[place]!.length;
    });
    const byName = <T>(byPlace: readonly T[]) => Object.fromEntries(FACETS.map((f, place) => [f, byPlace[place]!])) as Record<FacetName, T>;
    this.values = byName(values);
    this.codeOf = byName(codeOf);
    this.offsets = byName(offsets);
    this.codes = byName(lists.map((list) => Uint32Array.from(list)));
  }

  /**
   * Filters documents by the selection and counts the facets. `allDescriptors` says whether every
   * selected descriptor is required (AND) or one is enough (OR).
   */
  filterAndCount(candidates: Iterable<number>, selection: Selection, allDescriptors: boolean): { kept: number[]; counts: Record<FacetName, FacetCount[]> } {
    // Each facet's arrays found once, by the facet's place: this runs for every sheet of a search.
    const codesOf = FACETS.map((f) => this.codes[f]);
    const offsetsOf = FACETS.map((f) => this.offsets[f]);
    const tallies = FACETS.map((f) => new Uint32Array(this.values[f].length));
    const active = FACETS.flatMap((f, place) => ((selection[f]?.length ?? 0) > 0 ? [place] : []));
    // The chosen codes of each active facet, and a mark on each (a chosen value the collection
    // does not have matches nothing).
    const chosenCodes = active.map((place) => (selection[FACETS[place]!] ?? []).map((v) => this.codeOf[FACETS[place]!].get(v) ?? -1));
    const chosenMarks = active.map((place, a) => {
      const marks = new Uint8Array(this.values[FACETS[place]!].length);
      for (const code of chosenCodes[a]!) if (code >= 0) marks[code] = 1;
      return marks;
    });
    /** With AND, a sheet must have every chosen descriptor; elsewhere one chosen value is enough. */
    const everyChosen = allDescriptors ? active.indexOf(FACETS.indexOf('descriptor')) : -1;
    const passes = (a: number, i: number): boolean => {
      const place = active[a]!;
      const codes = codesOf[place]!;
      const start = offsetsOf[place]![i]!;
      const end = offsetsOf[place]![i + 1]!;
      if (a === everyChosen) {
        for (const code of chosenCodes[a]!) {
          let found = false;
          for (let k = start; k < end; k++) if (codes[k] === code) { found = true; break; }
          if (!found) return false;
        }
        return true;
      }
      const marks = chosenMarks[a]!;
      for (let k = start; k < end; k++) if (marks[codes[k]!] === 1) return true;
      return false;
    };
    const tally = (place: number, i: number) => {
      const codes = codesOf[place]!;
      const counts = tallies[place]!;
      const end = offsetsOf[place]![i + 1]!;
      for (let k = offsetsOf[place]![i]!; k < end; k++) counts[codes[k]!]!++;
    };
    const kept: number[] = [];
    for (const i of candidates) {
      let failed = -1;
      let failures = 0;
      for (let a = 0; a < active.length; a++) {
        if (!passes(a, i)) {
          failed = a;
          if (++failures > 1) break;
        }
      }
      if (failures === 0) {
        kept.push(i);
        for (let place = 0; place < FACETS.length; place++) tally(place, i);
      } else if (failures === 1 && failed !== everyChosen) {
        // Failing only its own facet's filter: counted for that facet, so its alternatives show.
        tally(active[failed]!, i);
      }
    }
    const counts = Object.fromEntries(FACETS.map((facet, place) => {
      // Only the values that can be among the shown are made entries and sorted: those counted at
      // least as often as the last shown (ties at that count are all kept, then sorted by value).
      const tally = tallies[place]!;
      const least = facet === 'year' ? 1 : Math.max(1, shownThreshold(tally, SHOWN[facet]));
      const entries: FacetCount[] = [];
      for (let code = 0; code < tally.length; code++) {
        const count = tally[code]!;
        if (count >= least) entries.push({ value: this.values[facet][code]!, count });
      }
      // Plain comparisons: ties are many, and a locale-aware comparison of IRIs would cost more than the count.
      entries.sort(facet === 'year' ? (a, b) => compareStrings(b.value, a.value) : (a, b) => b.count - a.count || compareStrings(a.value, b.value));
      // Chosen values stay listed even when rare, so that they can be removed.
      const shown = entries.slice(0, SHOWN[facet]);
      for (const value of selection[facet] ?? []) {
        if (shown.some((e) => e.value === value)) continue;
        const code = this.codeOf[facet].get(value);
        shown.push({ value, count: code === undefined ? 0 : tally[code]! });
      }
      return [facet, shown];
    })) as Record<FacetName, FacetCount[]>;
    return { kept, counts };
  }
}

/**
 * The count of the `shown`-th most counted value (0 when fewer are counted): every value shown
 * is counted at least this often. A typed array sorts its numbers natively, far faster than the
 * entries with their comparison.
 */
function shownThreshold(tally: Uint32Array, shown: number): number {
  if (tally.length <= shown) return 0;
  const sorted = tally.slice().sort();
  return sorted[sorted.length - shown]!;
}
