/**
 * The service under the abuse a new user met on the demo data with the default two replicas
 * (issue "a service that stays fair and up"), each failure reproduced and shown gone:
 * - two runaway queries from two addresses no longer hold pages back: an uncached description
 *   answers at once while both run;
 * - a client that gives up stops its query;
 * - the 4 KB query of nested parentheses is refused before the store sees it, sent once or
 *   twice at once, and the next query and every page answer; a query that still makes a replica
 *   fail (its memory ceiling here) is answered with an error in general terms, and the replica
 *   is replaced;
 * - a researcher's next query does not wait for their own runaway one;
 * - a client past its budget of store time gets 429 with Retry-After, others go on, and clients
 *   behind a trusted proxy are told apart by X-Forwarded-For, only then.
 * Timings are asserted as generous bounds or against the runaway queries' own time.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../../service-harness.js';
import { RUNAWAY, query, send, untilBusy, untilReady, type Answer } from '../../support/client-requests.js';

const POISON = `ASK { ?s ?p ?o FILTER(${'('.repeat(2000)}1${')'.repeat(2000)}) }`;
const TIME_LIMIT_MS = 8000;

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(p * values.length) - 1)]!;

let running: RunningService;
let origin: string;
/** Things of the demo data, each described once at most in this file (so that each description is uncached). */
let things: string[];

beforeAll(async () => {
  running = await startService({ env: { QUERY_TIMEOUT_MS: String(TIME_LIMIT_MS), QUERY_QUEUE_WAIT_MS: '60000' } });
  origin = running.origin;
  const rows = await running.store.select('SELECT DISTINCT ?s WHERE { ?s a ?type FILTER(STRSTARTS(STR(?s), "http://localhost:3000/id/")) } ORDER BY ?s');
  things = rows.map((row) => row.s!.value.slice('http://localhost:3000/id/'.length)).filter((thing) => !thing.includes('sobriete'));
});

beforeEach(async () => {
  await untilReady(running);
});

afterAll(async () => {
  await running.close();
});

describe('pages never wait for queries', () => {
  it('answers uncached descriptions at once while as many runaway queries run as there are replicas, from as many addresses', async () => {
    const started = performance.now();
    const runaways = ['127.0.0.2', '127.0.0.3'].map((from) => query(origin, RUNAWAY, from));
    await untilBusy(running, 2);
    const first = await send(origin, '/doc/descriptor/sobriete.ttl', { from: '127.0.0.4' });
    expect(first.status).toBe(200);
    const times = [first.ms];
    for (const thing of things.slice(0, 30)) {
      const answer = await send(origin, `/doc/${thing}.${times.length % 2 ? 'jsonld' : 'html'}`, { from: '127.0.0.4' });
      expect(answer.status, thing).toBe(200);
      times.push(answer.ms);
    }
    // Browse lists, the sitemap, the home page and 303s from IRIs: nothing a page needs waits either.
    for (const path of ['/browse/descriptor', '/browse/place?lang=en', '/browse/actor', '/browse/document', '/sitemap.xml', '/?lang=es', ...things.slice(30, 36).map((thing) => `/id/${thing}`)]) {
      const answer = await send(origin, path, { from: '127.0.0.4', headers: { Accept: 'text/html' } });
      expect([200, 303], path).toContain(answer.status);
      times.push(answer.ms);
    }
    // All this while both runaway queries were running.
    expect(performance.now() - started).toBeLessThan(TIME_LIMIT_MS);
    expect(running.store.stats().lanes.endpoint.busy).toBe(2);
    // The target is 50 ms at p99 (measured by the benchmark); on a shared machine, a bound far
    // below the runaways' time, which any page that waited for one of them would have taken.
    expect(percentile(times, 0.99)).toBeLessThan(TIME_LIMIT_MS / 4);
    const answers = await Promise.all(runaways);
    expect(answers.map((a) => a.status)).toEqual([503, 503]);
    expect(answers[0]!.text).toContain(`stopped after ${TIME_LIMIT_MS / 1000} s`);
    await untilReady(running);
  });
});

describe('a client that goes away', () => {
  it('has its query stopped within a second, and the replica it held is replaced', async () => {
    const before = running.store.stats().restarts.cancelled;
    const outgoing = request(`${origin}/sparql?query=${encodeURIComponent(`${RUNAWAY} # gone`)}`, { localAddress: '127.0.0.5' });
    outgoing.on('error', () => {});
    outgoing.end();
    await untilBusy(running, 1);
    await new Promise((r) => setTimeout(r, 200));
    outgoing.destroy();
    const stopped = performance.now();
    while (running.store.stats().restarts.cancelled === before && performance.now() - stopped < 5000) await new Promise((r) => setTimeout(r, 10));
    expect(performance.now() - stopped).toBeLessThan(1000);
    expect(running.store.stats().lanes.endpoint.busy).toBe(0);
    const metrics = await (await fetch(`${origin}/metrics`)).text();
    expect(metrics).toMatch(/store_queries_total\{lane="endpoint",outcome="cancelled"\} [1-9]/);
    await untilReady(running);
  });
});

describe('no poison pill', () => {
  it('refuses the 4 KB query of nested parentheses with a 400 naming the limit, sent once and twice at once, and everything answers after', async () => {
    const once = await query(origin, POISON, '127.0.0.6');
    expect(once.status).toBe(400);
    expect(once.text).toMatch(/^The query nests more than 128 levels deep .*; this endpoint accepts up to 128\./);
    const twice = await Promise.all(['127.0.0.7', '127.0.0.8'].map((from) => query(origin, POISON, from)));
    expect(twice.map((a) => a.status)).toEqual([400, 400]);
    expect(running.store.stats().restarts.failed).toBe(0);
    const next = await query(origin, 'ASK { ?s ?p ?o }', '127.0.0.6');
    expect(next.status).toBe(200);
    expect(JSON.parse(next.text)).toMatchObject({ boolean: true });
    for (const path of [`/doc/${things[40]}.html`, `/id/${things[41]}`, '/browse/descriptor', '/sitemap.xml']) {
      const answer = await send(origin, path);
      expect([200, 303], path).toContain(answer.status);
    }
    // No replica was lost: readiness says so, with every replica of both lanes.
    const ready = await send(origin, '/health/ready');
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.text)).toEqual({ status: 'ready', replicas: { pages: { ready: 1, wanted: 1 }, endpoint: { ready: 2, wanted: 2 } } });
  });
});

describe('a researcher who fixes a bad query', () => {
  it('gets the new query answered while the bad one still runs', async () => {
    const bad = query(origin, `${RUNAWAY} # bad`, '127.0.0.9');
    await untilBusy(running, 1);
    const fixed = await query(origin, 'ASK { ?s ?p ?o } # fixed', '127.0.0.9');
    expect(fixed.status).toBe(200);
    // It used to wait for the bad one (27 s of 30); now it runs on the other replica.
    expect(fixed.ms).toBeLessThan(TIME_LIMIT_MS / 5);
    // It tells where its time went: its wait for a replica, then its run.
    expect(fixed.headers['server-timing']).toMatch(/^queue;dur=[\d.]+, store;dur=[\d.]+$/);
    expect((await bad).status).toBe(503);
    await untilReady(running);
  });
});

describe('client identity', () => {
  it('ignores X-Forwarded-For when no proxy is trusted: a client cannot multiply itself', async () => {
    const stop = new AbortController();
    const refusals: Answer[] = [];
    const all = [1, 2, 3, 4, 5, 6].map((i) => send(origin, '/sparql', {
      from: '127.0.0.10', method: 'POST', signal: stop.signal, body: `${RUNAWAY} # ${i}`,
      headers: { 'Content-Type': 'application/sparql-query', 'X-Forwarded-For': `203.0.113.${i}` },
    }).then((answer) => { if (answer.status === 429) refusals.push(answer); }, () => {}));
    for (let i = 0; i < 500 && refusals.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    // Four queries at a time per client: the two others are refused, whatever addresses they claim.
    expect(refusals).toHaveLength(2);
    expect(refusals[0]!.text).toContain('Too many queries at once from your address');
    stop.abort();
    await Promise.all(all);
  });
});

/**
 * /health/ready's answer while the store itself counts an endpoint replica missing before and
 * after the request (so that the answer was given while it was missing), or undefined if the
 * replacement was back too soon to catch.
 */
async function readinessWhileMissing(service: RunningService): Promise<unknown> {
  const missing = () => service.store.stats().lanes.endpoint.ready < service.store.stats().lanes.endpoint.replicas;
  for (let i = 0; i < 20 && missing(); i++) {
    const answer = await send(service.origin, '/health/ready');
    if (missing()) {
      expect(answer.status).toBe(200);
      return JSON.parse(answer.text);
    }
  }
  return undefined;
}

describe('a store replica that fails anyway', () => {
  it('answers the query that made it fail with an error naming no internal detail, replaces it, and goes on', async () => {
    const small = await startService({ env: { STORE_MEMORY_MB: '64', QUERY_TIMEOUT_MS: '60000' }, replicas: 2 });
    try {
      await untilReady(small);
      const greedy = 'SELECT (GROUP_CONCAT(CONCAT(STR(?o), STR(?o2), STR(?o3))) AS ?all) WHERE { ?s ?p ?o . ?s2 ?p2 ?o2 . ?s3 ?p3 ?o3 }';
      const failed = await query(small.origin, greedy, '127.0.0.11');
      expect(failed.status).toBe(503);
      expect(failed.text).toMatch(/^The query could not be answered: the query needed more memory than a store replica may use\./);
      expect(failed.text).not.toMatch(/unreachable|RuntimeError|wasm|\.ts:|\.js:|node_modules/i);
      expect(failed.headers['retry-after']).toBe('2');
      // While its replacement loads, readiness says a replica is missing (the other lanes' replicas answer meanwhile).
      const whileMissing = await readinessWhileMissing(small);
      expect(whileMissing).toEqual({ status: 'degraded', replicas: { pages: { ready: 1, wanted: 1 }, endpoint: { ready: 1, wanted: 2 } }, missing: 1 });
      expect((await query(small.origin, 'ASK { ?s ?p ?o }', '127.0.0.11')).status).toBe(200);
      expect((await send(small.origin, '/doc/descriptor/sobriete.html')).status).toBe(200);
      await untilReady(small);
      expect(await (await fetch(`${small.origin}/health/ready`)).json()).toMatchObject({ status: 'ready' });
      const metrics = await (await fetch(`${small.origin}/metrics`)).text();
      expect(metrics).toMatch(/store_replica_failures_total\{lane="endpoint",reason="memory"\} 1/);
    } finally {
      await small.close();
    }
  });
});

describe('a budget of store time per client', () => {
  let proxied: RunningService;

  beforeAll(async () => {
    proxied = await startService({ env: { TRUST_PROXY: 'loopback', QUERY_BUDGET_MS: '1000', QUERY_BUDGET_WINDOW_MS: '60000', QUERY_TIMEOUT_MS: '1500' } });
    await untilReady(proxied);
  });

  afterAll(async () => {
    await proxied.close();
  });

  it('answers 429 with Retry-After past it, while other clients, told apart behind the trusted proxy, go on', async () => {
    const spender = { 'X-Forwarded-For': '203.0.113.1' };
    const runaway = await query(proxied.origin, RUNAWAY, '127.0.0.1', spender);
    expect(runaway.status).toBe(503);
    const refused = await query(proxied.origin, 'ASK { ?s ?p ?o }', '127.0.0.1', spender);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(refused.text).toMatch(/^Your address has used its share of this endpoint's time: 1 s of queries, given back at 1 s every 60 s\. Try again in \d+ s/);
    expect((await query(proxied.origin, 'ASK { ?s ?p ?o }', '127.0.0.1', { 'X-Forwarded-For': '203.0.113.2' })).status).toBe(200);
    // Pages do not spend a budget.
    expect((await send(proxied.origin, '/doc/descriptor/sobriete.html', { headers: spender })).status).toBe(200);
    const metrics = await (await fetch(`${proxied.origin}/metrics`)).text();
    expect(metrics).toMatch(/sparql_refused_total\{reason="budget"\} 1/);
  });
});
