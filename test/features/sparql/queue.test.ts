/**
 * The endpoint's fair queue, through HTTP: one client's backlog never holds back another
 * client's single query; the queue is bounded in length (past it, 503 at once) and in wait
 * (past it, 503), each with Retry-After and a sentence that says what happened. The queue's
 * order itself is in test/store/fair-queue.test.ts; here it is the service's answer that counts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../../service-harness.js';
import { RUNAWAY, query, untilBusy, untilQueued, untilReady } from '../../support/client-requests.js';

const TIME_LIMIT_MS = 2500;

describe('a backlog and a single query', () => {
  let running: RunningService;

  beforeAll(async () => {
    running = await startService({ env: { QUERY_TIMEOUT_MS: String(TIME_LIMIT_MS), QUERY_QUEUE_WAIT_MS: '30000', QUERY_QUEUE_LENGTH: '4' } });
    await untilReady(running);
  });

  afterAll(async () => {
    await running.close();
  });

  it('serves another client\'s single query before the backlog of one client, and refuses past the queue\'s length at once', async () => {
    // Two clients hold both endpoint replicas with a runaway query each (one each: nobody holds
    // every replica, so nothing is stopped to share); the batch client queues three more.
    const other = query(running.origin, RUNAWAY, '127.0.1.1');
    const batch = [query(running.origin, `${RUNAWAY} # 1`, '127.0.1.2')];
    await untilBusy(running, 2);
    for (let i = 2; i <= 4; i++) batch.push(query(running.origin, `${RUNAWAY} # ${i}`, '127.0.1.2'));
    await untilQueued(running, 3);
    const single = query(running.origin, 'ASK { ?s ?p ?o }', '127.0.1.3');
    await untilQueued(running, 4);

    // The queue is full: the next query is told so at once.
    const refused = await query(running.origin, 'ASK { ?s ?p ?o } # refused', '127.0.1.4');
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.text.trimEnd()).toBe('The endpoint is busy: 4 queries are already waiting. Try again in a few seconds.');
    expect(refused.ms).toBeLessThan(TIME_LIMIT_MS / 2);

    const answered = await single;
    expect(answered.status).toBe(200);
    expect(JSON.parse(answered.text)).toMatchObject({ boolean: true });
    const batchAnswers = await Promise.all(batch);
    // First in, first out would have run two of the batch's queued queries on the replicas the
    // first runaway queries gave back, and the single query after them, a whole time limit
    // later; the fair queue gave it the first replica free: it was answered before any queued
    // query of the batch.
    const queuedBatch = batchAnswers.slice(1);
    expect(answered.endedAt).toBeLessThan(Math.min(...queuedBatch.map((a) => a.endedAt)));
    // Its wait was a time limit and the reload of the replica the runaway query left (a stopped
    // Oxigraph query ends its thread), and it says so.
    const wait = Number(/queue;dur=([\d.]+)/.exec(String(answered.headers['server-timing']))?.[1]);
    expect(wait).toBeGreaterThan(TIME_LIMIT_MS / 2);
    expect(wait).toBeLessThan(answered.ms);
    // The runaway queries were all stopped at the time limit, none cut to share.
    expect([...batchAnswers, await other].map((a) => a.status)).toEqual([503, 503, 503, 503, 503]);
    for (const a of batchAnswers) expect(a.text).toContain(`stopped after ${TIME_LIMIT_MS / 1000} s`);
    const metrics = await (await fetch(`${running.origin}/metrics`)).text();
    expect(metrics).toMatch(/sparql_refused_total\{reason="queue-full"\} 1/);
    await untilReady(running);
  }, 60_000);
});

describe('a bounded wait', () => {
  let running: RunningService;

  beforeAll(async () => {
    running = await startService({ env: { QUERY_TIMEOUT_MS: '6000', QUERY_QUEUE_WAIT_MS: '1000' } });
    await untilReady(running);
  });

  afterAll(async () => {
    await running.close();
  });

  it('answers 503 with Retry-After when no replica came free in time, and leaves the queue empty', async () => {
    const runaways = ['127.0.2.1', '127.0.2.2'].map((from) => query(running.origin, RUNAWAY, from));
    await untilBusy(running, 2);
    const waited = await query(running.origin, 'ASK { ?s ?p ?o }', '127.0.2.3');
    expect(waited.status).toBe(503);
    expect(waited.headers['retry-after']).toBe('5');
    expect(waited.text.trimEnd()).toBe('The endpoint is busy: no query slot was free within 1 s. Try again in a few seconds.');
    // The wait was the bound, not the runaway queries' time.
    expect(waited.ms).toBeGreaterThanOrEqual(950);
    expect(waited.ms).toBeLessThan(4000);
    expect(running.store.stats().lanes.endpoint.queued).toBe(0);
    expect(running.store.stats().lanes.endpoint.busy).toBe(2);
    expect((await Promise.all(runaways)).map((a) => a.status)).toEqual([503, 503]);
  }, 30_000);
});
