/**
 * How a description asks the store for a thing's incoming links: the first page comes with the
 * thing's own triples, and the links are counted by the store only when that page is full.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Describer } from '../../../src/features/linked-data/describe.js';
import { IriPolicy } from '../../../src/features/linked-data/iri-policy.js';
import { QueryCatalogue } from '../../../src/queries/catalogue.js';
import { triple } from '../../../src/rdf/build-terms.js';
import type { Quad } from '../../../src/rdf/terms.js';
import type { Store } from '../../../src/store/store.js';
import { ROOT } from '../../helpers.js';

const BASE = 'https://lod.example.org/';
const THING = `${BASE}id/descriptor/eau`;
const DCT = 'http://purl.org/dc/terms/';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const queries = QueryCatalogue.load(join(ROOT, 'sparql', 'service'));
const describer = new Describer(queries, new IriPolicy(BASE), 'https://creativecommons.org/licenses/by-sa/4.0/');

/** A store that holds `links` sheets pointing to the thing, answering the description's three queries as the real one would. */
function storeWith(links: number, asked: string[]): Store {
  const sheet = (i: number) => `${BASE}id/document/d${String(i).padStart(4, '0')}`;
  const incoming = (offset: number): Quad[] => Array.from({ length: Math.max(0, Math.min(100, links - offset)) }, (_, i) => [
    triple(sheet(offset + i), `${DCT}subject`, THING),
    triple(sheet(offset + i), RDF_TYPE, `${BASE}ontology#Analysis`),
  ]).flat();
  const fake = {
    construct: async (query: string) => {
      const page = /LIMIT 100 OFFSET (\d+)/.exec(query);
      asked.push(page ? `page from ${page[1]}` : 'own');
      return page ? incoming(Number(page[1])) : [triple(THING, `${DCT}title`, THING)];
    },
    select: async () => {
      asked.push('count');
      return [{ links: { termType: 'Literal', value: String(links) } }];
    },
  };
  return fake as unknown as Store;
}

describe('a description\'s incoming links', () => {
  it('are all on the first page, with no count asked, when they are fewer than a page', async () => {
    const asked: string[] = [];
    const description = await describer.describe(storeWith(99, asked), THING, 1);
    expect(description).toMatchObject({ incomingLinks: 99, pages: 1 });
    expect(asked.sort()).toEqual(['own', 'page from 0']);
  });

  it('are counted by the store when the first page is full', async () => {
    for (const links of [100, 250]) {
      const asked: string[] = [];
      const description = await describer.describe(storeWith(links, asked), THING, 1);
      expect(description).toMatchObject({ incomingLinks: links, pages: Math.ceil(links / 100) });
      expect(asked.sort()).toEqual(['count', 'own', 'page from 0']);
    }
  });

  it('are counted first for a later page, which exists only if the count reaches it', async () => {
    const asked: string[] = [];
    expect(await describer.describe(storeWith(250, asked), THING, 3)).toMatchObject({ incomingLinks: 250, pages: 3, page: 3 });
    expect(asked.sort()).toEqual(['count', 'own', 'page from 200']);
    expect(await describer.describe(storeWith(250, []), THING, 4)).toBeUndefined();
  });

  it('count a link once however many times the page gives it', async () => {
    const asked: string[] = [];
    const store = storeWith(3, asked);
    const construct = store.construct.bind(store);
    // A link given twice (as a link, and again by another part of the page, as a membership's party is).
    (store as { construct: Store['construct'] }).construct = async (query, options) =>
      [...await construct(query, options), ...(/LIMIT/.test(query) ? [triple(`${BASE}id/document/d0000`, `${DCT}subject`, THING)] : [])];
    expect(await describer.describe(store, THING, 1)).toMatchObject({ incomingLinks: 3, pages: 1 });
  });
});
