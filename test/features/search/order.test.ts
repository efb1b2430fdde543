/**
 * The order of a search's results, on sheets with many ties: by relevance (the score, then the
 * latest date, then the collection's order), by date alone, and by title in the reader's
 * language, as sorting every hit with a comparison gives it. Scores and dates are sorted as one
 * number a sheet; this checks that the number orders them as the comparison does.
 */
import { describe, expect, it } from 'vitest';
import type { Collection, DocumentRecord } from '../../../src/collection/collection.js';
import { SearchIndex, type Hit, type Order } from '../../../src/features/search/search-index.js';
import { seededRandom } from '../../helpers.js';

const random = seededRandom(31);
const WORDS = ['jardin', 'eau', 'commun', 'territoire', 'énergie', 'Économie', 'habitants'];
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
const phrase = (length: number) => Array.from({ length }, () => pick(WORDS)).join(' ');
/** 900 sheets: few dates (many ties), titles and abstracts drawn from a few words (many equal scores). */
const documents: DocumentRecord[] = Array.from({ length: 900 }, (_, index) => ({
  index, iri: `https://lod.example.org/id/document/s${index}`, type: 'Analysis', languages: ['FRA'],
  titles: [{ value: phrase(1 + Math.floor(random() * 4)), language: 'fr' }],
  abstracts: random() < 0.2 ? [] : [{ value: phrase(3 + Math.floor(random() * 30)), language: 'fr' }],
  ...(random() < 0.1 ? {} : { issued: `20${10 + Math.floor(random() * 5)}-0${1 + Math.floor(random() * 3)}-01` }),
  descriptors: [], creators: [], partners: [], places: [], dossiers: [],
}));
const collection = {
  documents, descriptors: new Map(), actors: new Map(), places: new Map(), dossiers: new Map(),
  placeAndAncestors: (place: string) => [place],
} as unknown as Collection;

const byDate = (a: Hit, b: Hit) => {
  const x = a.document.issued ?? '';
  const y = b.document.issued ?? '';
  return x < y ? 1 : x > y ? -1 : a.document.index - b.document.index;
};

describe('the order of the results', () => {
  const built = SearchIndex.build(collection);
  const search = async (text: string, order: Order) =>
    (await built).search({ text, descriptors: [], allDescriptors: true, selection: {}, order, language: 'fr' }).hits;

  it('is by score, then the latest date, then the collection\'s order', async () => {
    for (const text of ['jardin', 'eau commun', 'territoires énergie', 'economie']) {
      const hits = await search(text, 'relevance');
      expect(hits.length).toBeGreaterThan(20);
      expect(new Set(hits.map((h) => h.score)).size).toBeGreaterThan(3);
      expect(hits.map((h) => h.document.index)).toEqual([...hits].sort((a, b) => b.score - a.score || byDate(a, b)).map((h) => h.document.index));
    }
  });

  it('is by date alone when asked, and when there is no text to score', async () => {
    for (const [text, order] of [['jardin', 'date'], ['', 'relevance'], ['', 'date']] as const) {
      const hits = await search(text, order);
      expect(hits.map((h) => h.document.index)).toEqual([...hits].sort(byDate).map((h) => h.document.index));
    }
    expect((await search('', 'date')).length).toBe(documents.length);
  });

  it('is by title in the reader\'s language when asked', async () => {
    const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
    const hits = await search('eau', 'title');
    expect(hits.map((h) => h.document.index)).toEqual([...hits].sort((a, b) => collator.compare(a.document.titles[0]!.value, b.document.titles[0]!.value) || a.document.index - b.document.index).map((h) => h.document.index));
  });
});
