/**
 * The triples of one version of the data, indexed the way HDT indexes them: every distinct term
 * once in a dictionary sorted by its N-Triples spelling, and the triples as term numbers in three
 * orders (subject-predicate-object, predicate-object-subject, object-subject-predicate), each
 * with the start of every first term's run. Any triple pattern is then one or two binary
 * searches: its exact count and any page of its triples come in bounded time, in a stable order
 * (the order of the spellings), without a query to the store.
 *
 * It is built once per version from every triple of the store, in N-Triples ("count once, when a version
 * is built"), so that it holds exactly what the SPARQL endpoint queries. Triples are kept in
 * typed arrays (12 bytes a triple an order), outside the JavaScript heap that the collector walks.
 */

/** Columns of a triple: 0 subject, 1 predicate, 2 object. */
type Column = 0 | 1 | 2;

/** One sort order of the triples: its columns, most significant first. */
interface Order {
  readonly columns: readonly [Column, Column, Column];
  /** Triples in this order, three term numbers each, in the order of `columns`. */
  readonly triples: Uint32Array;
  /** Where the triples whose first column is term t start: starts[t] … starts[t + 1]. */
  readonly starts: Uint32Array;
}

/** The triples matching a pattern: a range of one order. */
export interface Match {
  readonly count: number;
  /** The term numbers of the matching triple at `index` (0 ≤ index < count), as [subject, predicate, object]. */
  at(index: number): [number, number, number];
}

/** Parsing yields to the event loop every so many lines, so that the service keeps answering. */
const LINES_PER_SLICE = 50_000;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A stable counting sort of `permutation` by one column of `triples`: linear in triples and terms. */
function countingSortBy(permutation: Uint32Array, triples: Uint32Array, column: Column, termCount: number): Uint32Array {
  const counts = new Uint32Array(termCount + 1);
  for (let i = 0; i < permutation.length; i++) counts[triples[permutation[i]! * 3 + column]! + 1]!++;
  for (let t = 1; t <= termCount; t++) counts[t]! += counts[t - 1]!;
  const sorted = new Uint32Array(permutation.length);
  for (let i = 0; i < permutation.length; i++) {
    const triple = permutation[i]!;
    sorted[counts[triples[triple * 3 + column]!]!++] = triple;
  }
  return sorted;
}

function buildOrder(triples: Uint32Array, count: number, termCount: number, columns: readonly [Column, Column, Column]): Order {
  // Least significant column first: each stable pass keeps the order of the passes before it.
  let permutation: Uint32Array = new Uint32Array(count).map((_v, i) => i);
  for (const column of [columns[2], columns[1], columns[0]]) permutation = countingSortBy(permutation, triples, column, termCount);
  const ordered = new Uint32Array(count * 3);
  const starts = new Uint32Array(termCount + 1);
  for (let i = 0; i < count; i++) {
    const triple = permutation[i]! * 3;
    ordered[i * 3] = triples[triple + columns[0]]!;
    ordered[i * 3 + 1] = triples[triple + columns[1]]!;
    ordered[i * 3 + 2] = triples[triple + columns[2]]!;
    starts[ordered[i * 3]! + 1]!++;
  }
  for (let t = 1; t <= termCount; t++) starts[t]! += starts[t - 1]!;
  return { columns, triples: ordered, starts };
}

/** The first index in [low, high) whose value in `column` is ≥ `term` (the values there are sorted). */
function lowerBound(order: Order, low: number, high: number, offset: 1 | 2, term: number): number {
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (order.triples[middle * 3 + offset]! < term) low = middle + 1;
    else high = middle;
  }
  return low;
}

const EMPTY: Match = { count: 0, at: () => { throw new RangeError('no triple matches'); } };

export class TripleIndex {
  private readonly ids: Map<string, number>;
  private readonly spo: Order;
  private readonly pos: Order;
  private readonly osp: Order;

  private constructor(readonly terms: readonly string[], triples: Uint32Array, readonly size: number) {
    this.ids = new Map(terms.map((term, id) => [term, id]));
    this.spo = buildOrder(triples, size, terms.length, [0, 1, 2]);
    this.pos = buildOrder(triples, size, terms.length, [1, 2, 0]);
    this.osp = buildOrder(triples, size, terms.length, [2, 0, 1]);
  }

  /**
   * Indexes N-Triples as Oxigraph writes them: one triple a line, terms separated by one space,
   * each line ending with " .". Yields to the event loop while it reads.
   */
  static async fromNTriples(text: string): Promise<TripleIndex> {
    const firstIds = new Map<string, number>();
    const firstTerms: string[] = [];
    let triples = new Uint32Array(3 * 1024);
    let count = 0;
    const idOf = (term: string): number => {
      let id = firstIds.get(term);
      if (id === undefined) {
        id = firstTerms.length;
        firstIds.set(term, id);
        firstTerms.push(term);
      }
      return id;
    };
    let lines = 0;
    for (let start = 0; start < text.length;) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      const line = text.slice(start, end).trimEnd();
      start = end + 1;
      if (line === '' || line.startsWith('#')) continue;
      const afterSubject = line.indexOf(' ');
      const afterPredicate = line.indexOf(' ', afterSubject + 1);
      if (afterSubject < 0 || afterPredicate < 0 || !line.endsWith(' .')) throw new Error(`not a line of N-Triples: ${line.slice(0, 200)}`);
      if (count * 3 === triples.length) {
        const grown = new Uint32Array(triples.length * 2);
        grown.set(triples);
        triples = grown;
      }
      triples[count * 3] = idOf(line.slice(0, afterSubject));
      triples[count * 3 + 1] = idOf(line.slice(afterSubject + 1, afterPredicate));
      triples[count * 3 + 2] = idOf(line.slice(afterPredicate + 1, -2));
      count++;
      if (++lines % LINES_PER_SLICE === 0) await yieldToEventLoop();
    }
    // Numbered in the order of their spellings, so that every order of triples is a stable, readable order.
    const sorted = [...firstTerms].sort();
    const renumber = new Uint32Array(sorted.length);
    sorted.forEach((term, id) => { renumber[firstIds.get(term)!] = id; });
    for (let i = 0; i < count * 3; i++) triples[i] = renumber[triples[i]!]!;
    await yieldToEventLoop();
    return new TripleIndex(sorted, triples.subarray(0, count * 3), count);
  }

  /** The number of a term spelt as N-Triples, if the data has it. */
  id(key: string): number | undefined {
    return this.ids.get(key);
  }

  /** The N-Triples spelling of a term number. */
  term(id: number): string {
    return this.terms[id]!;
  }

  /** The triples matching a pattern of term numbers (undefined: any term), in a stable order. */
  match(subject?: number, predicate?: number, object?: number): Match {
    if (subject !== undefined) {
      if (predicate === undefined && object !== undefined) return this.range(this.osp, object, subject);
      return this.range(this.spo, subject, predicate, object);
    }
    if (predicate !== undefined) return this.range(this.pos, predicate, object);
    if (object !== undefined) return this.range(this.osp, object);
    return this.slice(this.spo, 0, this.size);
  }

  /** The objects of (subject, predicate), as spellings. */
  objects(subject: string, predicate: string): string[] {
    const [s, p] = [this.id(subject), this.id(predicate)];
    if (s === undefined || p === undefined) return [];
    const match = this.match(s, p);
    return Array.from({ length: match.count }, (_v, i) => this.term(match.at(i)[2]));
  }

  /** The subjects of (predicate, object), as spellings. */
  subjects(predicate: string, object: string): string[] {
    const [p, o] = [this.id(predicate), this.id(object)];
    if (p === undefined || o === undefined) return [];
    const match = this.match(undefined, p, o);
    return Array.from({ length: match.count }, (_v, i) => this.term(match.at(i)[0]));
  }

  /** The triples of `order` whose first column is `first`, then (if given) second and third. */
  private range(order: Order, first: number, second?: number, third?: number): Match {
    let low = order.starts[first]!;
    let high = order.starts[first + 1]!;
    if (second !== undefined) {
      low = lowerBound(order, low, high, 1, second);
      high = lowerBound(order, low, high, 1, second + 1);
      if (third !== undefined) {
        low = lowerBound(order, low, high, 2, third);
        high = lowerBound(order, low, high, 2, third + 1);
      }
    }
    return this.slice(order, low, high);
  }

  private slice(order: Order, low: number, high: number): Match {
    if (high <= low) return EMPTY;
    const { triples, columns } = order;
    return {
      count: high - low,
      at: (index) => {
        const row = (low + index) * 3;
        const spo: [number, number, number] = [0, 0, 0];
        spo[columns[0]] = triples[row]!;
        spo[columns[1]] = triples[row + 1]!;
        spo[columns[2]] = triples[row + 2]!;
        return spo;
      },
    };
  }
}
