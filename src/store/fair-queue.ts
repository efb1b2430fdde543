/**
 * A fair queue of work waiting for a replica: one line per client, each first come first
 * served, and between clients the next turn goes to the client with the fewest queries running,
 * then to the one whose first query has waited longest. A client's backlog therefore never
 * starves another client's single query: whoever has nothing running goes first, and clients
 * with equal shares take turns.
 */

export interface Queued {
  /** Who asks; every job without a client shares one line. */
  readonly client?: string;
  /** When it was queued (any monotonic clock), to take turns by age. */
  readonly queuedAt: number;
}

export class FairQueue<T extends Queued> {
  private readonly lines = new Map<string, T[]>();
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(job: T): void {
    const key = job.client ?? '';
    const line = this.lines.get(key);
    if (line) line.push(job);
    else this.lines.set(key, [job]);
    this.count++;
  }

  /** Takes a job out of the queue (its wait is over some other way); false when it was not there. */
  remove(job: T): boolean {
    const key = job.client ?? '';
    const line = this.lines.get(key);
    const index = line?.indexOf(job) ?? -1;
    if (!line || index < 0) return false;
    line.splice(index, 1);
    if (line.length === 0) this.lines.delete(key);
    this.count--;
    return true;
  }

  /** The job whose turn it is, without taking it; `running` tells how many queries a client has running. */
  peek(running: (client: string | undefined) => number): T | undefined {
    let best: T | undefined;
    let bestRunning = Number.POSITIVE_INFINITY;
    for (const line of this.lines.values()) {
      const head = line[0]!;
      const share = running(head.client);
      if (share < bestRunning || (share === bestRunning && head.queuedAt < best!.queuedAt)) {
        best = head;
        bestRunning = share;
      }
    }
    return best;
  }

  /** Takes the job whose turn it is. */
  next(running: (client: string | undefined) => number): T | undefined {
    const job = this.peek(running);
    if (job) this.remove(job);
    return job;
  }

  /** The clients waiting, with how many jobs each. */
  waiting(): Map<string | undefined, number> {
    return new Map([...this.lines.values()].map((line) => [line[0]!.client, line.length]));
  }

  /** Every job, emptying the queue. */
  drain(): T[] {
    const all = [...this.lines.values()].flat();
    this.lines.clear();
    this.count = 0;
    return all;
  }
}
