/**
 * The fair queue: each client's queries in their order; between clients, the one with the
 * fewest queries running first, then the longest waiting. One client's backlog never holds
 * back another client's single query.
 */
import { describe, expect, it } from 'vitest';
import { FairQueue } from '../../src/store/fair-queue.js';

interface Job { readonly client?: string; readonly queuedAt: number; readonly name: string }

function queueOf(...jobs: Job[]): FairQueue<Job> {
  const queue = new FairQueue<Job>();
  for (const job of jobs) queue.push(job);
  return queue;
}

describe('fair queue', () => {
  it('serves each client in its own order, and clients with equal shares by age', () => {
    const queue = queueOf({ client: 'a', queuedAt: 1, name: 'a1' }, { client: 'a', queuedAt: 2, name: 'a2' }, { client: 'b', queuedAt: 3, name: 'b1' });
    const running = new Map<string, number>();
    const order: string[] = [];
    for (let job = queue.next((c) => running.get(c ?? '') ?? 0); job; job = queue.next((c) => running.get(c ?? '') ?? 0)) {
      order.push(job.name);
      running.set(job.client!, (running.get(job.client!) ?? 0) + 1);
    }
    // a1 first (oldest); then b1, whose client has nothing running; then a2.
    expect(order).toEqual(['a1', 'b1', 'a2']);
    expect(queue.length).toBe(0);
  });

  it('puts a single query of a client with nothing running before a backlog of a hundred', () => {
    const backlog = Array.from({ length: 100 }, (_, i) => ({ client: 'batch', queuedAt: i, name: `batch${i}` }));
    const queue = queueOf(...backlog, { client: 'researcher', queuedAt: 1000, name: 'single' });
    const running = (client: string | undefined) => (client === 'batch' ? 1 : 0);
    expect(queue.next(running)?.name).toBe('single');
    expect(queue.next(running)?.name).toBe('batch0');
  });

  it('takes a job out when its wait ends another way, and drains the rest', () => {
    const a = { client: 'a', queuedAt: 1, name: 'a' };
    const b = { queuedAt: 2, name: 'b' };
    const queue = queueOf(a, b);
    expect(queue.waiting()).toEqual(new Map([['a', 1], [undefined, 1]]));
    expect(queue.remove(a)).toBe(true);
    expect(queue.remove(a)).toBe(false);
    expect(queue.peek(() => 0)?.name).toBe('b');
    expect(queue.drain().map((j) => j.name)).toEqual(['b']);
    expect(queue.length).toBe(0);
  });
});
