/**
 * The lists a reader browses: sheets by type, dossier, place, year and actor; actors by family;
 * the alphabetical index of the descriptors in the reader's language. Groups, orders and the
 * index are prepared once per version of the data (and per language for the index), never
 * counted by a request. Every list is paged and sortable, and is also a Hydra collection in
 * JSON-LD (`Accept: application/ld+json`), its pages linked as Hydra partial collection views.
 *
 * The index sorts with Unicode collation in the reader's language and files each name under its
 * first letter without diacritics, so that "É" sits with "E" and a letter appears once whatever
 * the language tags (fr, fr-FR) of the names; alternative labels are "see" entries.
 */
import { ACTOR_FAMILIES, type ActorFamily, type Collection, type DocumentRecord } from '../../collection/collection.js';
import { pickText, type Tagged } from '../../web/i18n/fallback.js';

export const LIST_PAGE_SIZE = 100;
export const GROUPINGS = ['type', 'dossier', 'place', 'year', 'actor'] as const;
export type Grouping = (typeof GROUPINGS)[number];
export const FAMILIES: readonly ActorFamily[] = [...ACTOR_FAMILIES, 'Organization', 'Person'];

export interface IndexEntry {
  readonly letter: string;
  readonly label: Tagged;
  readonly iri: string;
  /** For an alternative label: the descriptor's name it leads to. */
  readonly see?: Tagged;
}

/** Groups and orders of one version, prepared on first use and kept with the collection. */
export class PreparedLists {
  private readonly groups = new Map<Grouping, Map<string, number[]>>();
  private readonly indexes = new Map<string, IndexEntry[]>();

  constructor(readonly collection: Collection) {}

  /** The sheets of each value of a grouping (a place stands for the places within it too). */
  groupsOf(by: Grouping): ReadonlyMap<string, readonly number[]> {
    let groups = this.groups.get(by);
    if (!groups) {
      groups = new Map();
      const add = (key: string, index: number) => {
        const list = groups!.get(key);
        if (list) list.push(index);
        else groups!.set(key, [index]);
      };
      for (const d of this.collection.documents) for (const key of keysOf(this.collection, d, by)) add(key, d.index);
      this.groups.set(by, groups);
    }
    return groups;
  }

  /** The descriptors' alphabetical index in a language, with the "see" entries of alternative labels. */
  descriptorIndex(language: string): readonly IndexEntry[] {
    let entries = this.indexes.get(language);
    if (!entries) {
      const collator = new Intl.Collator(language, { sensitivity: 'base', numeric: true });
      entries = [];
      for (const d of this.collection.descriptors.values()) {
        const name = pickText(d.labels, language);
        if (!name) continue;
        entries.push({ letter: initial(name.value), label: name, iri: d.iri });
        // Alternative labels in the name's language (or, when it has none, in the reader's): "see" entries.
        const alternatives = d.altLabels.filter((l) => l.language === name.language || l.language.startsWith(`${name.language}-`));
        for (const alternative of alternatives) entries.push({ letter: initial(alternative.value), label: alternative, iri: d.iri, see: name });
      }
      entries.sort((a, b) => collator.compare(a.label.value, b.label.value) || a.iri.localeCompare(b.iri));
      this.indexes.set(language, entries);
    }
    return entries;
  }

  actorsOf(family: ActorFamily): string[] {
    return [...this.collection.actors.values()].filter((a) => a.family === family).map((a) => a.iri);
  }
}

function keysOf(collection: Collection, d: DocumentRecord, by: Grouping): readonly string[] {
  switch (by) {
    case 'type': return [d.type];
    case 'dossier': return d.dossiers;
    case 'place': return [...new Set(d.places.flatMap((p) => collection.placeAndAncestors(p)))];
    case 'year': return d.year !== undefined ? [String(d.year)] : [];
    case 'actor': return [...new Set([...d.creators, ...d.partners])];
  }
}

/** The letter a name is filed under: its first letter or digit, upper case, without diacritics. */
export function initial(name: string): string {
  const first = name.normalize('NFD').replace(/\p{M}+/gu, '').match(/[\p{L}\p{N}]/u)?.[0] ?? '#';
  return /\p{N}/u.test(first) ? '0–9' : first.toLocaleUpperCase();
}
