/**
 * The documents of a descriptor and of an actor, as the collection lists them: ascending, each
 * once, an actor who both wrote and partnered a sheet included, whatever order the facts give.
 */
import { describe, expect, it } from 'vitest';
import { Collection } from '../../src/collection/collection.js';
import type { Values } from '../../src/collection/facts.js';
import { citegoNamespaces, STANDARD_PREFIXES } from '../../src/rdf/namespaces.js';
import { BASE } from '../helpers.js';

const { citego } = citegoNamespaces(BASE);
const { dct, rdf, rdfs } = STANDARD_PREFIXES;
const properties = Collection.predicates(citego);
const at = (predicate: string) => properties.indexOf(predicate);

/** Facts for subjects, each given as property → values. */
function factsOf(subjects: Record<string, Record<string, Values>>) {
  return {
    properties,
    subjects: new Map(Object.entries(subjects).map(([iri, known]) => {
      const values: Values[] = new Array(properties.length);
      for (const [predicate, value] of Object.entries(known)) values[at(predicate)] = value;
      return [iri, values];
    })),
  };
}

describe('the documents of descriptors and actors', () => {
  it('are ascending, each once', () => {
    const sheet = (n: number) => `${BASE}id/document/s${n}`;
    const descriptor = `${BASE}id/descriptor/d1`;
    const actor = `${BASE}id/actor/a1`;
    const other = `${BASE}id/actor/a2`;
    const collection = Collection.of(BASE, factsOf({
      [`${citego}Analysis`]: { [`${rdfs}subClassOf`]: `${citego}Document` },
      [descriptor]: { [`${rdf}type`]: `${citego}Descriptor` },
      [actor]: { [`${rdf}type`]: `${citego}Association` },
      [other]: { [`${rdf}type`]: `${citego}Association` },
      // Given in no order: the collection orders sheets by IRI (s1, s10, s2, s3).
      [sheet(3)]: { [`${rdf}type`]: `${citego}Analysis`, [`${dct}subject`]: descriptor, [`${dct}creator`]: actor, [`${citego}partner`]: actor },
      [sheet(10)]: { [`${rdf}type`]: `${citego}Analysis`, [`${dct}subject`]: descriptor, [`${dct}creator`]: [actor, other] },
      [sheet(1)]: { [`${rdf}type`]: `${citego}Analysis`, [`${citego}partner`]: [actor, other] },
      [sheet(2)]: { [`${rdf}type`]: `${citego}Analysis`, [`${dct}subject`]: descriptor, [`${dct}creator`]: other, [`${citego}partner`]: actor },
    }));
    expect(collection.documents.map((d) => d.iri)).toEqual([sheet(1), sheet(10), sheet(2), sheet(3)]);
    expect([...collection.descriptors.get(descriptor)!.documents]).toEqual([1, 2, 3]);
    expect([...collection.actors.get(actor)!.documents]).toEqual([0, 1, 2, 3]);
    expect([...collection.actors.get(other)!.documents]).toEqual([0, 1, 2]);
  });
});
