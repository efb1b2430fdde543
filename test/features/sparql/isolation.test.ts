/**
 * A pathological query (a cartesian product over the whole store) must not hold the service
 * hostage: while it runs, pages and other queries answer; when its time is up it is stopped
 * and answered with an error, never with partial results; a client sending several of them
 * gives a replica back to a client that waits with none (its longest query is stopped after a
 * second). The failures met by users, reproduced: fairness.test.ts.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../../service-harness.js';

const CARTESIAN = 'SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }';
let running: RunningService;

beforeAll(async () => {
  running = await startService({ env: { QUERY_TIMEOUT_MS: '4000' }, replicas: 2 });
});

afterAll(async () => {
  await running.close();
});

/** A GET from a given loopback address: the service tells clients apart by address. */
function timed(url: string, from = '127.0.0.1'): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    request(url, { localAddress: from }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
    }).on('error', reject).end();
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe('isolation', () => {
  it('keeps pages and other queries answering while a runaway query runs, then stops it with an error', async () => {
    const started = performance.now();
    const runaway = fetch(`${running.origin}/sparql?query=${encodeURIComponent(CARTESIAN)}`, { headers: { Accept: 'application/sparql-results+json' } });
    await new Promise((r) => setTimeout(r, 300));
    const pages: number[] = [];
    const queries: number[] = [];
    for (let i = 0; i < 15; i++) {
      const page = await timed(`${running.origin}/?lang=en`);
      expect(page.status).toBe(200);
      pages.push(page.ms);
      const query = await timed(`${running.origin}/sparql?query=${encodeURIComponent(`ASK { ?s a ?o } # ${i}`)}`, '127.0.0.2');
      expect(query.status).toBe(200);
      queries.push(query.ms);
    }
    // All this happened while the runaway query was still running.
    expect(performance.now() - started).toBeLessThan(4000);
    expect(median(pages)).toBeLessThan(50);
    expect(median(queries)).toBeLessThan(100);

    const response = await runaway;
    const body = await response.text();
    expect(response.status).toBe(503);
    expect(body).toContain('stopped after 4 s');
    expect(body).not.toContain('"bindings"');
    expect(performance.now() - started).toBeLessThan(7000);
  });

  it('gives a replica back to another client when one client sends several runaway queries', async () => {
    // Both endpoint replicas up: the one the previous test's runaway held is replaced and replays
    // the whole snapshot (the data, then the materialised parts) first.
    const deadline = Date.now() + 20_000;
    while (running.store.stats().lanes.endpoint.ready < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    const runaways = [1, 2, 3].map((i) => fetch(`${running.origin}/sparql?query=${encodeURIComponent(`${CARTESIAN} # ${i}`)}`));
    await new Promise((r) => setTimeout(r, 300));
    const other = await timed(`${running.origin}/sparql?query=${encodeURIComponent('ASK { ?s ?p ?o }')}`, '127.0.0.3');
    expect(other.status).toBe(200);
    // Before the runaway queries' time limit (4 s): one of them was stopped to give its replica back.
    expect(other.ms).toBeLessThan(4000);
    const answers = await Promise.all(runaways.map(async (r) => ({ status: (await r).status, text: await (await r).text() })));
    expect(answers.map((a) => a.status)).toEqual([503, 503, 503]);
    expect(answers.some((a) => a.text.includes('to share the endpoint'))).toBe(true);
  });
});
