/**
 * Prepared representations kept for repeated requests, least recently used first out, within a
 * budget of bytes. Everything in it belongs to one version of the data: a new version empties it.
 */
import type { Representation } from './representation.js';

export class RepresentationCache {
  private readonly entries = new Map<string, Representation>();
  private bytes = 0;
  private version = '';

  constructor(private readonly maxBytes: number) {}

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
    if (representation.size > this.maxBytes / 4) return;
    const previous = this.entries.get(key);
    if (previous) {
      this.bytes -= previous.size;
      this.entries.delete(key);
    }
    this.entries.set(key, representation);
    this.bytes += representation.size;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= entry.size;
    }
  }

  private clear(version: string): void {
    this.entries.clear();
    this.bytes = 0;
    this.version = version;
  }
}
