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
 * about Nantes is also a sheet about France.
 */
import type { Collection, DocumentRecord } from '../../collection/collection.js';

export const FACETS = ['type', 'lang', 'year', 'place', 'actor', 'dossier', 'descriptor'] as const;
export type FacetName = (typeof FACETS)[number];

/** How many values of a facet an answer lists, most frequent first (all of them for type, language and year). */
const SHOWN: Readonly<Record<FacetName, number>> = { type: 50, lang: 50, year: 200, place: 30, actor: 30, dossier: 30, descriptor: 40 };

/** BCP 47 tags of the EU language table's codes: the values of the language facet. */
export const LANGUAGE_CODES: Readonly<Record<string, string>> = { FRA: 'fr', ENG: 'en', SPA: 'es', POR: 'pt', ZHO: 'zh', ITA: 'it', DEU: 'de', ARA: 'ar' };

export function languageTag(code: string): string {
  return LANGUAGE_CODES[code] ?? code.toLowerCase();
}

/** A document's values for each facet, as strings (IRIs, language tags, years). */
export function facetValues(collection: Collection, document: DocumentRecord): Record<FacetName, readonly string[]> {
  return {
    type: [document.type],
    lang: document.languages.map(languageTag),
    year: document.year !== undefined ? [String(document.year)] : [],
    place: [...new Set(document.places.flatMap((p) => collection.placeAndAncestors(p)))],
    actor: [...new Set([...document.creators, ...document.partners])],
    dossier: document.dossiers,
    descriptor: document.descriptors,
  };
}

export type Selection = Readonly<Partial<Record<FacetName, readonly string[]>>>;

export interface FacetCount {
  readonly value: string;
  readonly count: number;
}

/**
 * Filters documents by the selection and counts the facets. `values(i)` gives document i's facet
 * values; `allDescriptors` says whether every selected descriptor is required (AND) or one is enough (OR).
 */
export function filterAndCount(candidates: Iterable<number>, values: (index: number) => Record<FacetName, readonly string[]>,
  selection: Selection, allDescriptors: boolean): { kept: number[]; counts: Record<FacetName, FacetCount[]> } {
  const active = FACETS.filter((f) => (selection[f]?.length ?? 0) > 0);
  const chosen = new Map(active.map((f) => [f, new Set(selection[f])]));
  const tallies = Object.fromEntries(FACETS.map((f) => [f, new Map<string, number>()])) as Record<FacetName, Map<string, number>>;
  const kept: number[] = [];
  const passes = (facet: FacetName, own: readonly string[]): boolean => {
    const wanted = chosen.get(facet)!;
    if (facet === 'descriptor' && allDescriptors) {
      for (const value of wanted) if (!own.includes(value)) return false;
      return true;
    }
    return own.some((v) => wanted.has(v));
  };
  const tally = (facet: FacetName, own: readonly string[]) => {
    const map = tallies[facet];
    for (const value of own) map.set(value, (map.get(value) ?? 0) + 1);
  };
  for (const index of candidates) {
    const own = values(index);
    let failed: FacetName | undefined;
    let failures = 0;
    for (const facet of active) {
      if (!passes(facet, own[facet])) {
        failed = facet;
        if (++failures > 1) break;
      }
    }
    if (failures === 0) {
      kept.push(index);
      for (const facet of FACETS) tally(facet, own[facet]);
    } else if (failures === 1 && !(failed === 'descriptor' && allDescriptors)) {
      // Failing only its own facet's filter: counted for that facet, so its alternatives show.
      tally(failed!, own[failed!]);
    }
  }
  const counts = Object.fromEntries(FACETS.map((facet) => {
    const entries = [...tallies[facet]].map(([value, count]) => ({ value, count }));
    entries.sort(facet === 'year' ? (a, b) => b.value.localeCompare(a.value) : (a, b) => b.count - a.count || a.value.localeCompare(b.value));
    // Chosen values stay listed even when rare, so that they can be removed.
    const shown = entries.slice(0, SHOWN[facet]);
    for (const value of selection[facet] ?? []) {
      if (!shown.some((e) => e.value === value)) shown.push(entries.find((e) => e.value === value) ?? { value, count: 0 });
    }
    return [facet, shown];
  })) as Record<FacetName, FacetCount[]>;
  return { kept, counts };
}
