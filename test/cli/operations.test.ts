/**
 * `npm start` as an operator runs it: a JSON log with the request's id on every line of a
 * request and one access line per request; Prometheus metrics at /metrics; liveness and
 * readiness; and a graceful stop on SIGTERM: readiness turns false, no new connection, the
 * request in flight answered, the workers stopped, exit status 0.
 */
import type { ChildProcess } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DATA_DIR } from '../helpers.js';
import { startProcess } from '../support/start-process.js';

const children: ChildProcess[] = [];
const stopAll = () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
};

interface LogLine { readonly level: number; readonly msg: string; readonly [field: string]: unknown }

async function start(env: Record<string, string>) {
  const started = startProcess({ HOST: '127.0.0.1', DATA_DIR, ...env }, children);
  // Complete lines only: the last one may still be on its way.
  const lines = (): LogLine[] => started.output().stdout.split('\n').slice(0, -1).map((line) => JSON.parse(line) as LogLine);
  const waitFor = (test: (line: LogLine) => boolean): Promise<LogLine> => started.waitFor(() => lines().find(test));
  const listening = await waitFor((line) => /^listening on port \d+/.test(line.msg));
  await waitFor((line) => /^ready: /.test(line.msg));
  const origin = `http://127.0.0.1:${listening.port as number}`;
  // Every replica up before measuring anything.
  for (let i = 0; i < 200; i++) {
    const ready = await fetch(`${origin}/health/ready`).then((r) => r.json() as Promise<{ status: string }>);
    if (ready.status === 'ready') break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child: started.child, origin, lines, waitFor, exited: started.exited };
}

describe('a running service', () => {
  let service: Awaited<ReturnType<typeof start>>;

  beforeAll(async () => {
    service = await start({});
  });

  afterAll(stopAll);

  it('logs JSON, one access line per request with its id, method, path, status, bytes, time, client and cache', async () => {
    const first = await fetch(`${service.origin}/doc/place/paris.ttl`);
    const second = await fetch(`${service.origin}/doc/place/paris.ttl`);
    await second.text();
    const ids = [first.headers.get('x-request-id'), second.headers.get('x-request-id')];
    expect(ids[0]).toMatch(/^[\w-]+$/);
    expect(ids[1]).not.toBe(ids[0]);
    const accessLines = await Promise.all(ids.map((id) => service.waitFor((line) => line.msg === 'request' && line.requestId === id)));
    expect(accessLines[0]).toMatchObject({ method: 'GET', path: '/doc/place/paris.ttl', status: 200, client: '127.0.0.1', cache: 'miss' });
    expect(accessLines[1]).toMatchObject({ cache: 'hit' });
    expect(accessLines[1]!.bytes).toBeGreaterThan(500);
    expect(typeof accessLines[1]!.ms).toBe('number');
    // Every line of the output is a JSON object with a level, a time and a message.
    for (const line of service.lines()) expect(line).toMatchObject({ level: expect.any(Number), time: expect.any(String), msg: expect.any(String) });
  });

  it('logs what the endpoint did with a query: its outcome, wait and run, or why it was refused', async () => {
    const answered = await fetch(`${service.origin}/sparql?query=${encodeURIComponent('ASK { ?s ?p ?o }')}`);
    const refused = await fetch(`${service.origin}/sparql?query=${encodeURIComponent(`ASK { ${'{'.repeat(200)} ${'}'.repeat(200)} }`)}`);
    expect(refused.status).toBe(400);
    const answeredLine = await service.waitFor((line) => line.requestId === answered.headers.get('x-request-id') && line.msg === 'request');
    expect(answeredLine.query).toMatchObject({ outcome: 'answered', waitMs: expect.any(Number), runMs: expect.any(Number) });
    const refusedLine = await service.waitFor((line) => line.requestId === refused.headers.get('x-request-id') && line.msg === 'request');
    expect(refusedLine).toMatchObject({ status: 400, refused: 'limit:depth' });
  });

  it('exposes requests, latency, queries, queue, replicas, caches, triples, event loop and memory to Prometheus', async () => {
    await fetch(`${service.origin}/doc/place/paris.html`);
    await fetch(`${service.origin}/sparql?query=${encodeURIComponent('SELECT * WHERE { ?s ?p ?o } LIMIT 1')}`);
    const response = await fetch(`${service.origin}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const metrics = await response.text();
    for (const pattern of [
      /http_requests_total\{route="\/doc",method="GET",status="200"\} [1-9]/,
      /http_request_duration_seconds_bucket\{le="0\.05",route="\/doc",status="200"\} \d/,
      /store_queries_total\{lane="endpoint",outcome="answered"\} [1-9]/,
      /store_queue_wait_seconds_count\{lane="pages"\} [1-9]/,
      /store_queue_length\{lane="endpoint"\} 0/,
      /store_replicas\{lane="endpoint",state="ready"\} 2/,
      /store_replicas\{lane="pages",state="ready"\} 1/,
      /store_replica_restarts_total\{cause="timeout"\} 0/,
      /store_memory_bytes [1-9]/,
      /store_triples [1-9]/,
      /cache_lookups_total\{cache="descriptions",result="miss"\} [1-9]/,
      /cache_bytes\{cache="descriptions"\} [1-9]/,
      /nodejs_eventloop_lag_p99_seconds \d/,
      /process_resident_memory_bytes [1-9]/,
    ]) expect(metrics).toMatch(pattern);
  });

  it('answers liveness and readiness apart', async () => {
    const live = await fetch(`${service.origin}/health/live`);
    expect(live.status).toBe(200);
    expect(await live.json()).toMatchObject({ status: 'live' });
    const ready = await fetch(`${service.origin}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', replicas: { pages: { ready: 1, wanted: 1 }, endpoint: { ready: 2, wanted: 2 } } });
  });
});

describe('SIGTERM', () => {
  afterEach(stopAll);

  it('stops accepting, answers the request in flight, stops the workers and exits 0', async () => {
    const service = await start({ QUERY_TIMEOUT_MS: '2500', SHUTDOWN_GRACE_MS: '10000' });
    const runaway = fetch(`${service.origin}/sparql?query=${encodeURIComponent('SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }')}`);
    await new Promise((r) => setTimeout(r, 300));
    service.child.kill('SIGTERM');
    await service.waitFor((line) => /^stopping/.test(line.msg));
    await expect(fetch(`${service.origin}/health/live`)).rejects.toThrow();
    const answer = await runaway;
    expect(answer.status).toBe(503);
    expect(await answer.text()).toContain('stopped after 2.5 s');
    expect(await service.exited).toBe(0);
    expect(service.lines().map((line) => line.msg)).toEqual(expect.arrayContaining(['every request in flight was answered', 'stopped']));
  });

  it('cuts what is still running at the end of the grace period', async () => {
    const service = await start({ QUERY_TIMEOUT_MS: '60000', SHUTDOWN_GRACE_MS: '500' });
    const runaway = fetch(`${service.origin}/sparql?query=${encodeURIComponent('SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }')}`).then(() => 'answered', () => 'cut');
    await new Promise((r) => setTimeout(r, 300));
    const stopped = performance.now();
    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);
    expect(performance.now() - stopped).toBeLessThan(8000);
    expect(await runaway).toBe('cut');
    expect(service.lines().some((line) => /^stopped with 1 requests unfinished/.test(line.msg))).toBe(true);
  });
});
