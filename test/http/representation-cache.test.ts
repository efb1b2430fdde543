/**
 * The cache of prepared representations keeps its budget whatever is added to an entry after it
 * is stored: the compressed copies made when clients ask for br or gzip count too.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RepresentationCache } from '../../src/http/representation-cache.js';
import { Representation } from '../../src/http/representation.js';

const BUDGET = 100 * 1024;

function compressible(i: number): Representation {
  return new Representation(`<p>${'Une fiche du fonds documentaire, encore et encore. '.repeat(60)} ${i}</p>`, 'text/html; charset=utf-8', { cacheControl: 'no-cache' });
}

function incompressible(): Representation {
  return new Representation(randomBytes(6 * 1024).toString('base64'), 'text/plain; charset=utf-8', { cacheControl: 'no-cache' });
}

/** The bytes the cache really holds: the size of every entry it still answers with. */
function held(cache: RepresentationCache, stored: ReadonlyMap<string, Representation>): number {
  let bytes = 0;
  for (const [key, representation] of stored) if (cache.get('v1', key) === representation) bytes += representation.size;
  return bytes;
}

describe('the representation cache', () => {
  it('counts the compressed copies made after an entry is stored, and evicts to stay within its budget', () => {
    const cache = new RepresentationCache(BUDGET);
    const stored = new Map<string, Representation>();
    for (let i = 0; i < 60; i++) {
      const representation = i % 2 === 0 ? compressible(i) : incompressible();
      stored.set(`k${i}`, representation);
      cache.set('v1', `k${i}`, representation);
      // Clients then ask for the codings: each one grows the entry after it was stored.
      representation.bytesIn('gzip');
      representation.bytesIn('br');
      expect(cache.size).toBeLessThanOrEqual(BUDGET);
      expect(held(cache, stored)).toBe(cache.size);
    }
    expect(cache.size).toBeGreaterThan(BUDGET / 2);
  });

  it('forgets entries that were evicted: their later growth is not counted', () => {
    const cache = new RepresentationCache(BUDGET);
    const first = incompressible();
    cache.set('v1', 'first', first);
    for (let i = 0; i < 40; i++) cache.set('v1', `other${i}`, incompressible());
    expect(cache.get('v1', 'first')).toBeUndefined();
    const before = cache.size;
    first.bytesIn('gzip');
    expect(cache.size).toBe(before);
  });

  it('starts afresh with a new version of the data, and refuses an entry larger than a quarter of the budget', () => {
    const cache = new RepresentationCache(BUDGET);
    cache.set('v1', 'a', compressible(1));
    cache.set('v2', 'b', compressible(2));
    expect(cache.get('v2', 'a')).toBeUndefined();
    expect(cache.get('v2', 'b')).toBeDefined();
    cache.set('v2', 'large', new Representation('x'.repeat(BUDGET / 2), 'text/plain', { cacheControl: 'no-cache' }));
    expect(cache.get('v2', 'large')).toBeUndefined();
  });
});
