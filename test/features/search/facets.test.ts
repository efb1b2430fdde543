/**
 * The facets of an answer on more values than are shown: the most counted first (ties by value),
 * as a full count and sort of every value gives them, and a chosen value listed with its count
 * however rare it is.
 */
import { describe, expect, it } from 'vitest';
import type { Collection } from '../../../src/collection/collection.js';
import { FacetTable } from '../../../src/features/search/facets.js';
import { seededRandom } from '../../helpers.js';

const random = seededRandom(12);
const actor = (n: number) => `https://lod.example.org/id/actor/a${n}`;
/** 600 sheets, each by two of 120 actors, the first actors far more often than the last (many ties among the rare). */
const documents = Array.from({ length: 600 }, (_, index) => ({
  index, type: 'Analysis', languages: ['fr'], year: 2000 + (index % 20), places: [], partners: [], dossiers: [], descriptors: [],
  creators: [...new Set([0, 1].map(() => actor(Math.floor(120 * random() ** 3))))],
}));
const table = new FacetTable({ documents, placeAndAncestors: (place: string) => [place] } as unknown as Collection);

/** Every actor's count over the sheets kept, in the facet's order: the reference. */
function everyActor(kept: readonly number[]): { value: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const i of kept) for (const a of documents[i]!.creators) counts.set(a, (counts.get(a) ?? 0) + 1);
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}

describe('facets with more values than shown', () => {
  it('lists the 30 most counted actors, ties ordered by value, as counting them all gives', () => {
    const { kept, counts } = table.filterAndCount(documents.keys(), {}, true);
    const reference = everyActor(kept);
    expect(reference.length).toBeGreaterThan(30);
    expect(counts.actor).toEqual(reference.slice(0, 30));
  });

  it('lists a rare chosen actor with its own count', () => {
    const all = everyActor([...documents.keys()]);
    const rare = all.at(-1)!;
    const { counts } = table.filterAndCount(documents.keys(), { actor: [rare.value] }, true);
    expect(counts.actor.find((c) => c.value === rare.value)).toEqual(rare);
    expect(counts.actor.slice(0, 30)).toEqual(all.slice(0, 30));
  });
});
