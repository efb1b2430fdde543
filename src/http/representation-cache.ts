/**
 * Prepared representations kept for repeated requests, least recently used first out, within a
 * budget of bytes. Everything in it belongs to one version of the data: a new version empties it.
 *
 * A representation grows after it is stored (each content coding is compressed on first use):
 * the cache follows that growth and evicts to stay within its budget, whatever is added.
 */
import type { Representation } from './representation.js';

export class RepresentationCache {
  private readonly entries = new Map<string, Representation>();
  private bytes = 0;
  private version = '';

  constructor(private readonly maxBytes: number) {}

  /** Bytes held by the entries, every content coding included. */
  get size(): number {
    return this.bytes;
  }

  get(version: string, key: string): Representation | undefined {
    if (version !== this.version) return undefined;
    const entry = this.entries.get(key);
    if (entry) {
      // Map order is insertion order: re-inserting marks the entry as recently used.
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  set(version: string, key: string, representation: Representation): void {
    if (version !== this.version) this.clear(version);
    this.remove(key);
    if (representation.size > this.maxBytes / 4) return;
    this.entries.set(key, representation);
    this.bytes += representation.size;
    representation.onGrowth((added) => {
      this.bytes += added;
      this.evict();
    });
    this.evict();
  }

  /** Least recently used entries out until the budget holds. */
  private evict(): void {
    for (const key of this.entries.keys()) {
      if (this.bytes <= this.maxBytes) return;
      this.remove(key);
    }
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    entry.onGrowth(undefined);
    this.entries.delete(key);
    this.bytes -= entry.size;
  }

  private clear(version: string): void {
    for (const entry of this.entries.values()) entry.onGrowth(undefined);
    this.entries.clear();
    this.bytes = 0;
    this.version = version;
  }
}
