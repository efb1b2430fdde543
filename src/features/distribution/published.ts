/**
 * Taking the canonical form from N-Triples the service already wrote, rather than parsing it:
 * the published graph (each thing's own triples, one block of sorted lines per thing, held by
 * the publisher), the parts the build computed and the audit trail. Their lines are canonical as
 * they are but for a few (an unusual escape, a literal the store spells otherwise: see
 * isCanonicalLine), which are parsed and spelt again; lines holding a blank node are left out,
 * since the quads holding blank nodes are read from the store (see blank-nodes.ts).
 *
 * The published graph comes thing by thing in the canonical order of its subjects, so that its
 * groups are merged with the sorted rest as they come, without being sorted themselves.
 */
import { parseNTriples } from '../../rdf/parse.js';
import type { Quad } from '../../rdf/terms.js';
import { keptAsWritten, LiteralSpeller } from '../../store/literal-spelling.js';
import { canonicalTerm, linesToLookAt, recordOf, sortLines, statementHead, statementOf, type CanonicalRecord, type SubjectGroup } from './canonical.js';

/** Lines set aside to be parsed are parsed in batches of this many, so that they never pile up. */
const PARSED_BATCH = 10_000;

/**
 * The canonical statements of quads parsed from a source, with their graphs, spelt as the store
 * spells literals; `emit` receives them, some later than others (see LiteralSpeller), all of them
 * by `flush`.
 */
export class QuadSpeller {
  private readonly speller: LiteralSpeller<{ graph: string; head: string }>;

  constructor(private readonly emit: (graph: string, statement: string) => void) {
    this.speller = new LiteralSpeller((item, literal) => emit(item.graph, item.head + literal));
  }

  add(quad: Quad, graph: string): void {
    if (quad.object.termType === 'Literal' && !keptAsWritten(quad.object)) this.speller.add({ graph, head: statementHead(quad) }, canonicalTerm(quad.object));
    else this.emit(graph, statementOf(quad));
  }

  flush(): void {
    this.speller.flush();
  }
}

/**
 * Lines of N-Triples the service wrote, for one graph: the statements of canonical lines go to
 * `emit` as they are, the others through `spelt`, which gives them their canonical spelling.
 */
export class ServiceLines {
  private readonly parsed: string[] = [];

  constructor(private readonly graph: string, private readonly emit: (graph: string, statement: string) => void, private readonly spelt: QuadSpeller) {}

  /** Complete lines, each ended by a line end. */
  add(text: string): void {
    sortLines(text, (statement) => this.emit(this.graph, statement), (line) => {
      if (this.parsed.push(line) >= PARSED_BATCH) this.parseSetAside();
    });
  }

  /** Parses the lines set aside so far. */
  end(): void {
    this.parseSetAside();
  }

  private parseSetAside(): void {
    if (this.parsed.length === 0) return;
    for (const quad of parseNTriples(this.parsed.join('\n'))) this.spelt.add(quad, this.graph);
    this.parsed.length = 0;
  }
}

/**
 * The order in which the published graph is read: the things named by IRIs (blank nodes are read
 * from the store), by the canonical order of their terms, `<iri>`.
 */
export function publishedOrder(things: readonly string[]): Int32Array {
  const named: number[] = [];
  for (let i = 0; i < things.length; i++) if (!things[i]!.startsWith('_:')) named.push(i);
  const terms = things.map((thing) => `<${thing}>`);
  named.sort((a, b) => (terms[a]! < terms[b]! ? -1 : terms[a]! > terms[b]! ? 1 : 0));
  return Int32Array.from(named);
}

/**
 * A slice of the published graph's blocks, and for each, what its lines must be looked at for
 * (see linesToLookAt): the server's thread, which holds the blocks, looks at them as a whole
 * before it sends them, while the thread that writes the dumps is busy with the slice before. At
 * 1M triples, these looks took a tenth of that thread's time, and the server's thread is
 * otherwise idle while the dumps are written.
 */
export interface PublishedSlice {
  readonly blocks: readonly string[];
  readonly looks?: Uint8Array;
}

/** A slice of blocks with what each must be looked at for. */
export function sliceOf(blocks: readonly string[]): PublishedSlice {
  return { blocks, looks: Uint8Array.from(blocks, linesToLookAt) };
}

/** Blocks of the published graph asked for a slice at a time: as many things as this. */
const SLICE_THINGS = 2000;

/**
 * The published graph's blocks in the order of publishedOrder, a slice at a time, asked of
 * `fetch` by the things' indices (the next slice is on its way while one is read).
 */
export async function* blocksInOrder(things: readonly string[], fetch: (indices: Int32Array) => Promise<PublishedSlice>): AsyncGenerator<PublishedSlice> {
  const order = publishedOrder(things);
  const request = (from: number) => (from < order.length ? fetch(order.slice(from, from + SLICE_THINGS)) : undefined);
  let next = request(0);
  for (let from = 0; next; from += SLICE_THINGS) {
    const slice = await next;
    next = request(from + SLICE_THINGS);
    yield slice;
  }
}

/** Records sorted by statement, without duplicates. */
export function sortedRecords(records: CanonicalRecord[]): CanonicalRecord[] {
  records.sort((a, b) => (a.statement < b.statement ? -1 : a.statement > b.statement ? 1 : 0));
  let kept = 0;
  for (let i = 0; i < records.length; i++) if (kept === 0 || records[i]!.statement !== records[kept - 1]!.statement) records[kept++] = records[i]!;
  records.length = kept;
  return records;
}

/**
 * The subject groups of consecutive blocks of the published graph, in their order. A block's
 * lines are sorted already (a thing's block is), and stay so once the lines set aside are spelt
 * and put back in their places.
 */
export function publishedGroups({ blocks, looks }: PublishedSlice): SubjectGroup[] {
  const groups: SubjectGroup[] = [];
  const setAside = new Map<string, CanonicalRecord[]>();
  // Spelt statements go back to the records of their subject.
  const spelt = new QuadSpeller((_graph, statement) => {
    const record = recordOf(statement);
    setAside.get(statement.slice(0, statement.indexOf(' ')))!.push(record);
  });
  let parsed: string[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    if (block.length === 0) continue;
    const subjectLength = block.indexOf(' ');
    const subject = block.slice(0, subjectLength);
    const records: CanonicalRecord[] = [];
    sortLines(block, (statement) => records.push(recordOf(statement, subjectLength)), (line) => {
      parsed.push(line);
      setAside.set(subject, records);
    }, looks?.[i]);
    groups.push({ graph: '', subject, records });
    if (parsed.length >= PARSED_BATCH) parsed = spellSetAside(parsed, spelt);
  }
  spellSetAside(parsed, spelt);
  spelt.flush();
  for (const records of setAside.values()) sortedRecords(records);
  // A thing whose every triple holds a blank node has its group from the store's quads.
  return groups.filter((group) => group.records.length > 0);
}

function spellSetAside(lines: readonly string[], spelt: QuadSpeller): string[] {
  if (lines.length > 0) for (const quad of parseNTriples(lines.join('\n'))) spelt.add(quad, '');
  return [];
}

/** The records of two groups of the same graph and subject, merged in order, without duplicates. */
export function mergedRecords(a: readonly CanonicalRecord[], b: readonly CanonicalRecord[]): CanonicalRecord[] {
  const merged: CanonicalRecord[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x.statement < y.statement) {
      merged.push(x);
      i++;
    } else if (y.statement < x.statement) {
      merged.push(y);
      j++;
    } else {
      merged.push(x);
      i++;
      j++;
    }
  }
  while (i < a.length) merged.push(a[i++]!);
  while (j < b.length) merged.push(b[j++]!);
  return merged;
}
