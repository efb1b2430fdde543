/**
 * Where versions are kept so that none is lost: an append-only journal, one JSON line per
 * version, flushed to the disk (fdatasync) before a write is answered, and compacted from time to
 * time into a snapshot of the whole graph.
 *
 * The state directory holds:
 * - `journal.ndjson`: every version ever published, with who, when and which things changed;
 *   the versions after the latest snapshot also carry the changed things' triples;
 * - `snapshot-{version}.nt`: the graph at that version, in N-Triples, its first line a comment
 *   with what else the version needs (the baseline of the files);
 * - `journal.lock`: the process that owns the journal.
 *
 * A crash can cut the last line short: that version was never acknowledged, so recovery drops
 * it (and cuts it off the file), and every acknowledged version is whole. A snapshot is written
 * beside the journal and renamed into place, so a crash while writing it leaves the previous one.
 */
import { closeSync, constants, existsSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { VersionSource } from './change-log.js';
import { ThingGraph, type ThingChange } from './thing-graph.js';

export interface JournalEntry {
  readonly version: number;
  readonly id: string;
  readonly at: string;
  readonly source: VersionSource;
  readonly agent?: string;
  /** The changed things; `block` is dropped once a snapshot holds the version. */
  readonly changes: readonly ThingChange[];
  /** For a reading of the files: the things whose state in the files changed (null: gone from them). */
  readonly baseline?: Readonly<Record<string, string | null>>;
}

export interface RecoveredState {
  readonly graph: ThingGraph;
  readonly baseline: Map<string, string>;
  /** Every version, oldest first. */
  readonly entries: readonly JournalEntry[];
}

export interface Journal {
  /** False for a journal kept in memory only (tests, or a service without a state directory). */
  readonly durable: boolean;
  recover(): RecoveredState | undefined;
  /** Appends a version and returns once it is on the disk. */
  append(entry: JournalEntry): Promise<void>;
  /** Bytes of triples the journal holds beyond the latest snapshot. */
  readonly pendingBytes: number;
  /** Writes the graph as the snapshot of `version` (with the version's entry when the journal does not hold it yet). */
  snapshot(graph: ThingGraph, version: number, baseline: ReadonlyMap<string, string>, entry?: JournalEntry): Promise<void>;
  close(): void;
}

export class JournalLockedError extends Error {
  constructor(readonly dir: string, readonly pid: number) {
    super(`${dir}: the journal is in use by process ${pid}; stop that service first, or give this one another STATE_DIR`);
    this.name = 'JournalLockedError';
  }
}

export class CorruptJournalError extends Error {
  constructor(readonly file: string, readonly line: number, detail: string) {
    super(`${file}:${line}: the journal cannot be read (${detail}); restore it from a backup, or move it away to start from the files`);
    this.name = 'CorruptJournalError';
  }
}

const SNAPSHOT = /^snapshot-(\d+)\.nt$/;
const META_PREFIX = '# citego-snapshot ';

function stripBlocks(entry: JournalEntry): JournalEntry {
  return { ...entry, changes: entry.changes.map(({ thing, action, hash }) => ({ thing, action, hash })) };
}

function syncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Reads a snapshot: its metadata line, then blocks of consecutive lines with the same subject. */
function readSnapshot(file: string): { meta: { version: number; baseline: Record<string, string>; entry?: JournalEntry }; graph: ThingGraph } {
  const text = readFileSync(file, 'utf8');
  const firstEnd = text.indexOf('\n');
  const first = text.slice(0, firstEnd);
  if (!first.startsWith(META_PREFIX)) throw new CorruptJournalError(file, 1, 'no snapshot header');
  const meta = JSON.parse(first.slice(META_PREFIX.length)) as { version: number; baseline: Record<string, string>; entry?: JournalEntry };
  const blocks: [string, string][] = [];
  let start = firstEnd + 1;
  let subject = '';
  let blockStart = start;
  while (start < text.length) {
    const end = text.indexOf('\n', start);
    const lineEnd = end < 0 ? text.length : end;
    const lineSubject = text.slice(start, text.indexOf(' ', start));
    if (lineSubject !== subject) {
      if (subject) blocks.push([subject, text.slice(blockStart, start)]);
      subject = lineSubject;
      blockStart = start;
    }
    start = lineEnd + 1;
  }
  if (subject) blocks.push([subject, text.slice(blockStart)]);
  const graph = new ThingGraph(blocks.map(([s, block]) => [s.startsWith('<') ? s.slice(1, -1) : s, block]));
  return { meta, graph };
}

/** The journal on disk, in a state directory of its own. */
export class FileJournal implements Journal {
  readonly durable = true;
  private handle: FileHandle | undefined;
  private readonly journalFile: string;
  private readonly lockFile: string;
  private pending = 0;

  /** `readOnly`: to read the published state beside the service that owns the journal (an export). */
  constructor(readonly dir: string, private readonly options: { readonly readOnly?: boolean } = {}) {
    this.journalFile = join(dir, 'journal.ndjson');
    this.lockFile = join(dir, 'journal.lock');
    if (options.readOnly) return;
    mkdirSync(dir, { recursive: true });
    this.lock();
  }

  get pendingBytes(): number {
    return this.pending;
  }

  recover(): RecoveredState | undefined {
    if (!existsSync(this.dir)) return undefined;
    const snapshots = readdirSync(this.dir).map((name) => SNAPSHOT.exec(name)).filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ name: m[0], version: Number(m[1]) })).sort((a, b) => b.version - a.version);
    const latest = snapshots[0];
    const entries = this.readEntries();
    if (!latest && entries.length === 0) return undefined;
    let graph = new ThingGraph();
    let baseline = new Map<string, string>();
    let snapshotVersion = 0;
    const history: JournalEntry[] = [];
    if (latest) {
      const snapshot = readSnapshot(join(this.dir, latest.name));
      graph = snapshot.graph;
      baseline = new Map(Object.entries(snapshot.meta.baseline));
      snapshotVersion = snapshot.meta.version;
      // The snapshot of a version written whole (the first reading of the files) carries its entry
      // until the journal holds it.
      const entry = snapshot.meta.entry;
      if (entry && !entries.some((e) => e.version === entry.version)) {
        entries.push(entry);
        entries.sort((a, b) => a.version - b.version);
        if (!this.options.readOnly) this.appendSync(entry);
      }
    }
    this.pending = 0;
    for (const entry of entries) {
      if (entry.version > snapshotVersion) {
        graph.apply(entry.changes);
        for (const [thing, hash] of Object.entries(entry.baseline ?? {})) {
          if (hash === null) baseline.delete(thing);
          else baseline.set(thing, hash);
        }
        for (const change of entry.changes) this.pending += change.block?.length ?? 0;
      }
      history.push(stripBlocks(entry));
    }
    return { graph, baseline, entries: history };
  }

  async append(entry: JournalEntry): Promise<void> {
    this.handle ??= await open(this.journalFile, 'a');
    await this.handle.write(`${JSON.stringify(entry)}\n`);
    await this.handle.datasync();
    for (const change of entry.changes) this.pending += change.block?.length ?? 0;
  }

  async snapshot(graph: ThingGraph, version: number, baseline: ReadonlyMap<string, string>, entry?: JournalEntry): Promise<void> {
    const name = `snapshot-${version}.nt`;
    const temporary = join(this.dir, `${name}.partial`);
    const meta = { version, baseline: Object.fromEntries(baseline), entry: entry ? stripBlocks(entry) : undefined };
    const file = await open(temporary, 'w');
    try {
      await file.write(`${META_PREFIX}${JSON.stringify(meta)}\n`);
      let buffer = '';
      for (const [, block] of graph.entries()) {
        buffer += block;
        if (buffer.length > 1 << 20) {
          await file.write(buffer);
          buffer = '';
        }
      }
      await file.write(buffer);
      await file.sync();
    } finally {
      await file.close();
    }
    renameSync(temporary, join(this.dir, name));
    syncDirectory(this.dir);

    // The journal keeps every version's entry, without the triples the snapshot now holds.
    const kept = this.readEntries().map((e) => (e.version <= version ? stripBlocks(e) : e));
    if (entry && !kept.some((e) => e.version === entry.version)) kept.push(stripBlocks(entry));
    const rewritten = join(this.dir, 'journal.ndjson.partial');
    writeFileSync(rewritten, kept.map((e) => `${JSON.stringify(e)}\n`).join(''));
    const fd = openSync(rewritten, 'r+');
    fsyncSync(fd);
    closeSync(fd);
    await this.handle?.close();
    this.handle = undefined;
    renameSync(rewritten, this.journalFile);
    syncDirectory(this.dir);
    this.pending = kept.filter((e) => e.version > version).reduce((sum, e) => sum + e.changes.reduce((s, c) => s + (c.block?.length ?? 0), 0), 0);
    for (const old of readdirSync(this.dir)) {
      const match = SNAPSHOT.exec(old);
      if (match && Number(match[1]) < version) rmSync(join(this.dir, old), { force: true });
    }
  }

  close(): void {
    void this.handle?.close();
    this.handle = undefined;
    if (!this.options.readOnly) rmSync(this.lockFile, { force: true });
  }

  /** The entries on disk; a last line cut short by a crash is dropped and cut off the file. */
  private readEntries(): JournalEntry[] {
    if (!existsSync(this.journalFile)) return [];
    const text = readFileSync(this.journalFile, 'utf8');
    const entries: JournalEntry[] = [];
    let offset = 0;
    let lineNumber = 0;
    while (offset < text.length) {
      const end = text.indexOf('\n', offset);
      lineNumber++;
      if (end < 0 && this.options.readOnly) break;
      if (end < 0) {
        // Never flushed whole, so never acknowledged: cut it off, so that appends stay line by line.
        const bytes = Buffer.byteLength(text.slice(0, offset));
        const fd = openSync(this.journalFile, 'r+');
        try {
          ftruncateSync(fd, bytes);
          fsyncSync(fd);
        } finally {
          closeSync(fd);
        }
        break;
      }
      try {
        entries.push(JSON.parse(text.slice(offset, end)) as JournalEntry);
      } catch (error) {
        throw new CorruptJournalError(this.journalFile, lineNumber, (error as Error).message);
      }
      offset = end + 1;
    }
    return entries;
  }

  private appendSync(entry: JournalEntry): void {
    const fd = openSync(this.journalFile, 'a');
    try {
      writeSync(fd, `${JSON.stringify(stripBlocks(entry))}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  private lock(): void {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(this.lockFile, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY);
        writeSync(fd, String(process.pid));
        closeSync(fd);
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const pid = Number(readFileSync(this.lockFile, 'utf8'));
        if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && processIsAlive(pid)) throw new JournalLockedError(this.dir, pid);
        // Left by a process that is gone (a crash): take it over.
        rmSync(this.lockFile, { force: true });
      }
    }
  }
}

/** A journal that keeps nothing: versions live as long as the process. */
export class MemoryJournal implements Journal {
  readonly durable = false;
  readonly pendingBytes = 0;
  recover(): undefined {
    return undefined;
  }
  async append(): Promise<void> {}
  async snapshot(): Promise<void> {}
  close(): void {}
}
