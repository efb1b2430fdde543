/**
 * The interface's words: one catalogue per language, each with every key of the French one and
 * nothing empty. The compiler already refuses a catalogue that misses a key (the line marked
 * below would compile otherwise, and `npm run typecheck` would then fail on the marker).
 */
import { describe, expect, it } from 'vitest';
import { PAGE_LANGUAGES, textsIn, type Catalogue } from '../../src/web/i18n/catalogue.js';

// @ts-expect-error: a translation that lacks a key does not compile.
const incomplete: Catalogue = { siteName: 'CITEGO' };

type Leaf = { path: string; value: unknown };
function leaves(value: unknown, path = ''): Leaf[] {
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, child]) => leaves(child, path ? `${path}.${key}` : key));
  return [{ path, value }];
}

describe('the catalogues of the interface', () => {
  it('have the same keys in every language', () => {
    const keys = (language: (typeof PAGE_LANGUAGES)[number]) => leaves(textsIn(language)).map((leaf) => leaf.path).sort();
    expect(incomplete.siteName).toBe('CITEGO');
    for (const language of PAGE_LANGUAGES) expect(keys(language), language).toEqual(keys('fr'));
  });

  it('have no empty text, and their functions write text', () => {
    for (const language of PAGE_LANGUAGES) {
      for (const { path, value } of leaves(textsIn(language))) {
        const text = typeof value === 'function' ? (value as (x: unknown) => string)(2) : value;
        expect(typeof text, `${language} ${path}`).toBe('string');
        expect((text as string).trim(), `${language} ${path}`).not.toBe('');
      }
    }
  });

  it('are translations, not copies of the French (beyond words that are the same in both)', () => {
    for (const language of ['en', 'es'] as const) {
      const french = new Map(leaves(textsIn('fr')).map((leaf) => [leaf.path, leaf.value]));
      const same = leaves(textsIn(language)).filter((leaf) => typeof leaf.value === 'string' && leaf.value === french.get(leaf.path));
      expect(same.length / french.size, language).toBeLessThan(0.15);
    }
  });
});
