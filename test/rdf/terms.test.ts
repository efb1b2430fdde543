import { describe, expect, it } from 'vitest';
import { createLeanFactory } from '../../src/rdf/terms.js';

describe('the lean term factory', () => {
  it('gives one term per IRI among the first met, and new terms past its bound with the same values', () => {
    const factory = createLeanFactory('b');
    const spelt = (local: string) => ['https://www.citego.org/id/', local].join('');
    expect(factory.namedNode(spelt('a'))).toBe(factory.namedNode(spelt('a')));
    for (let i = 0; i < 20_000; i++) factory.namedNode(spelt(`n${i}`));
    const late = factory.namedNode(spelt('late'));
    expect(factory.namedNode(spelt('late'))).not.toBe(late);
    expect(factory.namedNode(spelt('late'))).toEqual(late);
    expect(factory.namedNode(spelt('a'))).toBe(factory.namedNode(spelt('a')));
  });

  it('gives each parse its own terms', () => {
    expect(createLeanFactory('b').namedNode('urn:x')).not.toBe(createLeanFactory('b').namedNode('urn:x'));
  });
});
