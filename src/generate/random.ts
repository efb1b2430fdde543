/**
 * Seeded randomness for the synthetic data generator.
 *
 * sfc32 (Chris Doty-Humphrey's small fast counting generator: 128 bits of state, passes
 * PractRand, four 32-bit integer operations a draw) seeded through splitmix32, so that seeds
 * that differ by one bit give unrelated streams.
 *
 * Every kind of thing (each document, each person…) gets its own stream, derived from the run's
 * seed, a label and an index, instead of all of them drawing from one shared stream. That keeps
 * a record's content independent of how many draws the records before it happened to make: a
 * change to how places are generated leaves the documents as they were, and a record can be
 * regenerated on its own (the memberships are written that way, in a second pass over persons).
 */

const TWO_POW_32 = 4294967296;

function splitmix32(state: number): { value: number; next: number } {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  z ^= z >>> 15;
  return { value: z >>> 0, next };
}

/** FNV-1a: a stable 32-bit number for a stream label. */
function hashLabel(label: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    hash ^= label.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  private constructor(a: number, b: number, c: number, d: number) {
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
    // sfc32's first outputs are correlated with its seed words: let the state mix first.
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /**
   * The stream for one label (and index) of a run. `seed` is any safe non-negative integer; its
   * high and low 32 bits both feed the state, so seeds above 2^32 are distinct too.
   */
  static stream(seed: number, label: string, index = 0): Random {
    if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`seed must be a non-negative safe integer, got ${seed}`);
    const low = seed >>> 0;
    const high = Math.floor(seed / TWO_POW_32) >>> 0;
    let state = low ^ hashLabel(label);
    const words: number[] = [];
    for (const mix of [high, index >>> 0, Math.floor(index / TWO_POW_32) >>> 0, 0x5eed]) {
      const step = splitmix32(state ^ mix);
      words.push(step.value);
      state = step.next;
    }
    return new Random(words[0] ?? 0, words[1] ?? 0, words[2] ?? 0, words[3] ?? 1);
  }

  /** Uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.nextUint32() / TWO_POW_32;
  }

  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number {
    if (max < min) throw new RangeError(`empty range [${min}, ${max}]`);
    return min + Math.floor(this.float() * (max - min + 1));
  }

  /** True with the given probability. */
  chance(probability: number): boolean {
    return this.float() < probability;
  }

  /** One element, uniformly. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('cannot pick from an empty list');
    return items[Math.floor(this.float() * items.length)] as T;
  }

  /** One element, with probability proportional to its weight. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, weight] of choices) total += weight;
    let target = this.float() * total;
    for (const [value, weight] of choices) {
      target -= weight;
      if (target < 0) return value;
    }
    const last = choices[choices.length - 1];
    if (last === undefined) throw new RangeError('cannot pick from an empty list');
    return last[0];
  }

  /** Fisher–Yates, in place; returns the same array. */
  shuffle<T extends { [index: number]: unknown; length: number }>(items: T): T {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.float() * (i + 1));
      const kept = items[i];
      items[i] = items[j];
      items[j] = kept;
    }
    return items;
  }

  /** 0 … n−1 in random order. */
  permutation(n: number): Int32Array {
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    return this.shuffle(order);
  }
}

/**
 * Zipf's law over ranks 0 … n−1: P(rank k) ∝ 1 / (k+1)^exponent. The cumulative table is built
 * once (n is at most a few hundred thousand here) and each draw is a binary search, so a draw
 * costs O(log n) whatever the exponent.
 */
export class ZipfSampler {
  private readonly cumulative: Float64Array;

  constructor(readonly size: number, readonly exponent: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`Zipf size must be a positive integer, got ${size}`);
    this.cumulative = new Float64Array(size);
    let total = 0;
    for (let k = 0; k < size; k++) {
      total += 1 / Math.pow(k + 1, exponent);
      this.cumulative[k] = total;
    }
    for (let k = 0; k < size; k++) this.cumulative[k] = (this.cumulative[k] ?? 0) / total;
  }

  /** A rank, 0 being the most popular. */
  rank(random: Random): number {
    const target = random.float();
    let low = 0;
    let high = this.size - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.cumulative[middle] ?? 1) > target) high = middle;
      else low = middle + 1;
    }
    return low;
  }
}

/**
 * Popularity over a set of things: Zipf ranks mapped through a seeded permutation, so that the
 * popular ones are scattered over the numbering instead of being d1, d2, d3…
 */
export class SkewedChooser {
  private readonly zipf: ZipfSampler;
  private readonly order: Int32Array;

  constructor(size: number, exponent: number, random: Random) {
    this.zipf = new ZipfSampler(size, exponent);
    this.order = random.permutation(size);
  }

  get size(): number {
    return this.zipf.size;
  }

  /** An index in 0 … size−1, popular ones more often. */
  choose(random: Random): number {
    return this.order[this.zipf.rank(random)] ?? 0;
  }

  /**
   * Adds `count` distinct indexes to `into` (which may already hold some: they are not drawn
   * again), fewer if there are not enough things. Rejection is cheap because even
   * the most popular index has well under half of the mass for the sizes used here; the retry
   * cap turns the rare long streak into a uniform fill instead of a slow loop.
   */
  chooseDistinct(random: Random, count: number, into: number[] = []): number[] {
    const wanted = Math.min(into.length + count, this.size);
    let attempts = 0;
    while (into.length < wanted) {
      const index = attempts < 64 ? this.choose(random) : random.int(0, this.size - 1);
      attempts++;
      if (!into.includes(index)) into.push(index);
    }
    return into;
  }
}
