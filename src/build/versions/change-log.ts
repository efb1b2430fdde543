/**
 * The one change log: every version of the published data, and in it one entry per thing
 * changed (created, updated or deleted), in the order they were published. The change feed,
 * `410 Gone` for deleted things and, for harvesting, OAI-PMH's deleted records read it through
 * the small `ChangeLogReader` interface; only the publisher appends to it.
 */
import type { ChangeAction } from './thing-graph.js';

/** Who or what made a version: a reload of the files, or a curator's write. */
export type VersionSource = 'files' | 'curator';

export interface VersionRecord {
  /** 1, 2, 3…: versions are numbered in the order they were published. */
  readonly number: number;
  /** The service's `dataVersion` for it: caches of an older version are stale. */
  readonly id: string;
  readonly at: Date;
  readonly source: VersionSource;
  /** The curator's name, for a write. */
  readonly agent?: string;
  /** How many entries the change log held before this version: its entries follow. */
  readonly firstEntry: number;
  readonly entries: number;
}

export interface ChangeEntry {
  /** Position in the change log, from 0: stable, since the log only grows. */
  readonly position: number;
  readonly thing: string;
  readonly action: ChangeAction;
  readonly version: number;
  readonly at: Date;
  /** The thing's state after the change (its ETag's value); absent for a deletion. */
  readonly hash?: string;
}

/** What other parts of the service read of the change log. */
export interface ChangeLogReader {
  /** The number of entries; entries are read by position, from 0 to length - 1. */
  readonly length: number;
  /** The latest version, once the first one is published. */
  readonly latest: VersionRecord | undefined;
  entries(from: number, to: number): ChangeEntry[];
  version(number: number): VersionRecord | undefined;
  /** The position of the first entry published after a time (length when there is none). */
  positionAfter(time: Date): number;
  /** The latest entry of a thing, if it ever changed. */
  lastChange(thing: string): ChangeEntry | undefined;
  /** Things whose latest change is a deletion, with that entry: they answer 410 Gone. */
  deleted(): IterableIterator<ChangeEntry>;
}

export class ChangeLog implements ChangeLogReader {
  private readonly log: ChangeEntry[] = [];
  private readonly versions: VersionRecord[] = [];
  private readonly lastByThing = new Map<string, ChangeEntry>();
  private readonly deletions = new Map<string, ChangeEntry>();

  get length(): number {
    return this.log.length;
  }

  get latest(): VersionRecord | undefined {
    return this.versions[this.versions.length - 1];
  }

  /** Appends a version and its entries; versions must come in order. */
  append(version: Omit<VersionRecord, 'firstEntry' | 'entries'>, changes: readonly { thing: string; action: ChangeAction; hash?: string }[]): VersionRecord {
    const latest = this.latest;
    if (latest && version.number <= latest.number) throw new Error(`version ${version.number} comes after ${latest.number}`);
    const record: VersionRecord = { ...version, firstEntry: this.log.length, entries: changes.length };
    this.versions.push(record);
    for (const change of changes) {
      const entry: ChangeEntry = { position: this.log.length, thing: change.thing, action: change.action, version: version.number, at: version.at, hash: change.hash };
      this.log.push(entry);
      this.lastByThing.set(change.thing, entry);
      if (change.action === 'delete') this.deletions.set(change.thing, entry);
      else this.deletions.delete(change.thing);
    }
    return record;
  }

  entries(from: number, to: number): ChangeEntry[] {
    return this.log.slice(Math.max(0, from), Math.max(0, to));
  }

  version(number: number): VersionRecord | undefined {
    const first = this.versions[0]?.number ?? 1;
    const record = this.versions[number - first];
    return record?.number === number ? record : this.versions.find((v) => v.number === number);
  }

  allVersions(): readonly VersionRecord[] {
    return this.versions;
  }

  positionAfter(time: Date): number {
    const t = time.getTime();
    let low = 0;
    let high = this.log.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.log[middle]!.at.getTime() <= t) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  lastChange(thing: string): ChangeEntry | undefined {
    return this.lastByThing.get(thing);
  }

  deleted(): IterableIterator<ChangeEntry> {
    return this.deletions.values();
  }
}
