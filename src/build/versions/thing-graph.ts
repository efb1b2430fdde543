/**
 * The published graph held as things: each subject's own triples as one block of canonical
 * N-Triples (sorted, one triple a line). A version of the data is then a map from things to
 * blocks, two versions differ thing by thing, and a thing's state has a hash that serves as its
 * ETag and as the baseline that tells which things a person changed in the files.
 *
 * Why strings: a block per thing keeps the main thread's heap to a few objects per thing (a
 * million triples are about sixty thousand strings), and the whole graph is written out as
 * N-Triples for the store and the gate by concatenating them.
 */
import { createHash } from 'node:crypto';
import { RDF_TYPE, XSD_STRING } from '../../rdf/namespaces.js';
import { parseNTriples } from '../../rdf/parse.js';
import type { Quad, Term } from '../../rdf/terms.js';

export type ChangeAction = 'create' | 'update' | 'delete';

/** A thing changed by a version: its new block (absent for a deletion) and the block's hash. */
export interface ThingChange {
  readonly thing: string;
  readonly action: ChangeAction;
  readonly block?: string;
  readonly hash?: string;
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r' };

function literalText(value: string): string {
  return `"${value.replace(/[\\"\n\r]/g, (c) => ESCAPES[c]!)}"`;
}

/** A term in canonical N-Triples (only the characters N-Triples requires are escaped). */
export function ntriplesTerm(term: Term): string {
  switch (term.termType) {
    case 'NamedNode': return `<${term.value}>`;
    case 'BlankNode': return `_:${term.value}`;
    case 'Literal':
      if (term.language) return `${literalText(term.value)}@${term.language}`;
      return term.datatype.value === XSD_STRING ? literalText(term.value) : `${literalText(term.value)}^^<${term.datatype.value}>`;
  }
}

export function ntriplesLine(quad: Quad): string {
  return `${ntriplesTerm(quad.subject)} <${quad.predicate.value}> ${ntriplesTerm(quad.object)} .`;
}

/** The canonical block of a set of N-Triples lines: sorted, without duplicates, each line ended. */
export function blockOfLines(lines: Iterable<string>): string {
  const sorted = [...new Set(lines)].sort();
  return sorted.length === 0 ? '' : `${sorted.join('\n')}\n`;
}

export function blockOf(quads: Iterable<Quad>): string {
  const lines: string[] = [];
  for (const quad of quads) lines.push(ntriplesLine(quad));
  return blockOfLines(lines);
}

/** A short, strong hash of a block: the thing's state, in ETags and baselines. */
export function hashOf(block: string): string {
  return createHash('sha256').update(block).digest('base64url').slice(0, 22);
}

export function quadsOf(block: string): Quad[] {
  return block ? parseNTriples(block) : [];
}

function linesIn(block: string): number {
  let count = 0;
  for (let i = block.indexOf('\n'); i >= 0; i = block.indexOf('\n', i + 1)) count++;
  return count;
}

/** The IRIs a block's triples point to (objects that are IRIs). */
function objectIris(block: string): Set<string> {
  const iris = new Set<string>();
  for (const line of block.split('\n')) {
    const match = /> (<[^>]*>) \.$/.exec(line);
    if (match) iris.add(match[1]!.slice(1, -1));
  }
  return iris;
}

/** The classes a block gives its subject (rdf:type). */
export function typesIn(block: string, subject: string): string[] {
  const prefix = `<${subject}> <${RDF_TYPE}> <`;
  return block.split('\n').filter((line) => line.startsWith(prefix)).map((line) => line.slice(prefix.length, line.lastIndexOf('>')));
}

/** Collects the quads of a parse into blocks, subject by subject, whatever their order. */
export class BlockCollector {
  private readonly lines = new Map<string, string[]>();
  /** Where each subject was first met: the file and line, to report problems where people wrote them. */
  readonly firstSeen = new Map<string, { source: string; line: number }>();

  add(quads: readonly Quad[], source: string, lines?: readonly number[]): void {
    for (let i = 0; i < quads.length; i++) {
      const quad = quads[i]!;
      const key = quad.subject.termType === 'NamedNode' ? quad.subject.value : `_:${quad.subject.value}`;
      let list = this.lines.get(key);
      if (!list) {
        list = [];
        this.lines.set(key, list);
        this.firstSeen.set(key, { source, line: lines?.[i] ?? 0 });
      }
      list.push(ntriplesLine(quad));
    }
  }

  /** The blocks, by thing. */
  blocks(): Map<string, string> {
    const blocks = new Map<string, string>();
    for (const [thing, lines] of this.lines) blocks.set(thing, blockOfLines(lines));
    return blocks;
  }
}

/**
 * One version of the published graph. It changes only through `apply`, which the publisher calls
 * once a version is accepted; it also knows which things point to each thing, so that a write
 * can validate what references the thing it changes.
 */
export class ThingGraph {
  private readonly blocks = new Map<string, string>();
  private readonly hashes = new Map<string, string>();
  private readonly referrers = new Map<string, Set<string>>();
  private tripleCount = 0;

  constructor(blocks: Iterable<[string, string]> = []) {
    for (const [thing, block] of blocks) this.put(thing, block);
  }

  get size(): number {
    return this.blocks.size;
  }

  get triples(): number {
    return this.tripleCount;
  }

  get(thing: string): string | undefined {
    return this.blocks.get(thing);
  }

  hash(thing: string): string | undefined {
    return this.hashes.get(thing);
  }

  has(thing: string): boolean {
    return this.blocks.has(thing);
  }

  things(): IterableIterator<string> {
    return this.blocks.keys();
  }

  entries(): IterableIterator<[string, string]> {
    return this.blocks.entries();
  }

  /** The things whose triples point to this one. */
  referrersOf(thing: string): readonly string[] {
    return [...(this.referrers.get(thing) ?? [])];
  }

  apply(changes: readonly ThingChange[]): void {
    for (const change of changes) {
      this.remove(change.thing);
      if (change.action !== 'delete' && change.block) this.put(change.thing, change.block);
    }
  }

  /**
   * The graph as N-Triples in shared memory, with some things replaced or removed: what the store
   * loads and the gate reads for a new version, built without copying the graph first.
   */
  serialize(changes: readonly ThingChange[] = []): Uint8Array {
    const replaced = new Map(changes.map((c) => [c.thing, c]));
    const encoder = new TextEncoder();
    const parts: Uint8Array[] = [];
    let length = 0;
    const push = (block: string) => {
      if (!block) return;
      const bytes = encoder.encode(block);
      parts.push(bytes);
      length += bytes.length;
    };
    for (const [thing, block] of this.blocks) if (!replaced.has(thing)) push(block);
    for (const change of changes) if (change.action !== 'delete' && change.block) push(change.block);
    const out = new Uint8Array(new SharedArrayBuffer(length));
    let offset = 0;
    for (const part of parts) {
      out.set(part, offset);
      offset += part.length;
    }
    return out;
  }

  private put(thing: string, block: string): void {
    if (!block) return;
    this.blocks.set(thing, block);
    this.hashes.set(thing, hashOf(block));
    this.tripleCount += linesIn(block);
    for (const object of objectIris(block)) {
      if (object === thing) continue;
      let set = this.referrers.get(object);
      if (!set) {
        set = new Set();
        this.referrers.set(object, set);
      }
      set.add(thing);
    }
  }

  private remove(thing: string): void {
    const block = this.blocks.get(thing);
    if (block === undefined) return;
    this.blocks.delete(thing);
    this.hashes.delete(thing);
    this.tripleCount -= linesIn(block);
    for (const object of objectIris(block)) {
      const set = this.referrers.get(object);
      set?.delete(thing);
      if (set?.size === 0) this.referrers.delete(object);
    }
  }
}

/**
 * What changed between the state of the files when they were last read (the baseline, a hash per
 * thing), the files now, and the published graph: each thing a person changed in the files since
 * then, with its new block. `conflicts` lists the things that a curator had also changed since
 * the last reading of the files: the files win, and the report names them.
 */
export function changesFromFiles(graph: ThingGraph, baseline: ReadonlyMap<string, string>, files: ReadonlyMap<string, string>):
  { changes: ThingChange[]; conflicts: string[] } {
  const changes: ThingChange[] = [];
  const conflicts: string[] = [];
  const consider = (thing: string, block: string | undefined) => {
    const fileHash = block ? hashOf(block) : undefined;
    if (fileHash === baseline.get(thing)) return;
    const published = graph.hash(thing);
    if (published === fileHash) return;
    if (published !== baseline.get(thing)) conflicts.push(thing);
    if (block) changes.push({ thing, action: published ? 'update' : 'create', block, hash: fileHash });
    else if (published) changes.push({ thing, action: 'delete' });
  };
  for (const [thing, block] of files) consider(thing, block);
  for (const thing of baseline.keys()) if (!files.has(thing)) consider(thing, undefined);
  changes.sort((a, b) => (a.thing < b.thing ? -1 : a.thing > b.thing ? 1 : 0));
  return { changes, conflicts: conflicts.sort() };
}

export function hashesOf(blocks: ReadonlyMap<string, string>): Map<string, string> {
  const hashes = new Map<string, string>();
  for (const [thing, block] of blocks) hashes.set(thing, hashOf(block));
  return hashes;
}
