/**
 * SERVICE: a query joins our data with a second endpoint started here on loopback; a remote
 * that fails answers a clear error, or is skipped with SERVICE SILENT; a remote that hangs is
 * stopped at the time limit like any query.
 */
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../../helpers.js';
import { startService, type RunningService } from '../../service-harness.js';
import { startRemoteEndpoint, type RemoteEndpoint } from '../../support/remote-endpoint.js';

let running: RunningService;
let remote: RemoteEndpoint;

beforeAll(async () => {
  remote = await startRemoteEndpoint(join(FIXTURES, 'wikidata-sample.nt'));
  running = await startService({ env: { QUERY_TIMEOUT_MS: '4000' } });
});

afterAll(async () => {
  await running.close();
  await remote.close();
});

afterEach(() => {
  remote.failWith(0);
  remote.delay(0);
});

const PLACES_WITH_POPULATION = (service: string, silent = false) => `
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?place ?population WHERE {
  ?place owl:sameAs ?item ; skos:prefLabel "Paris"@fr .
  OPTIONAL { SERVICE ${silent ? 'SILENT ' : ''}<${service}> { ?item <http://www.wikidata.org/prop/direct/P1082> ?population } }
}`;

async function run(query: string) {
  const response = await fetch(`${running.origin}/sparql`, {
    method: 'POST', headers: { 'Content-Type': 'application/sparql-query', Accept: 'application/sparql-results+json' }, body: query,
  });
  const text = await response.text();
  return { status: response.status, text, rows: response.ok ? (JSON.parse(text) as { results: { bindings: Record<string, { value: string }>[] } }).results.bindings : [] };
}

describe('federation', () => {
  it('joins local places with the remote endpoint', async () => {
    const { status, rows, text } = await run(PLACES_WITH_POPULATION(remote.url));
    expect(status, text).toBe(200);
    expect(rows.map((r) => r.population?.value).filter(Boolean)).toEqual(['2102650']);
    expect(remote.received.some((q) => q.includes('P1082'))).toBe(true);
  });

  it('answers 502 naming the remote when it fails', async () => {
    remote.failWith(500);
    const { status, text } = await run(PLACES_WITH_POPULATION(remote.url));
    expect(status).toBe(502);
    expect(text).toContain('A remote endpoint named in SERVICE failed');
    expect(text).toContain(remote.url);
    expect(text).toContain('SERVICE SILENT');
  });

  it('answers 502 when the remote cannot be reached', async () => {
    const { status, text } = await run(PLACES_WITH_POPULATION('http://127.0.0.1:9/sparql'));
    expect(status).toBe(502);
    expect(text).toContain('could not reach http://127.0.0.1:9/sparql');
  });

  it('goes on without a failing remote under SERVICE SILENT', async () => {
    remote.failWith(503);
    const { status, rows, text } = await run(PLACES_WITH_POPULATION(remote.url, true));
    expect(status, text).toBe(200);
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.place?.value === 'http://localhost:3000/id/place/paris' && r.population === undefined)).toBe(true);
    const unreachable = await run('SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:9/sparql> { ?s ?p ?o } }');
    expect(unreachable.status).toBe(200);
    expect(unreachable.rows).toEqual([{}]);
  });

  it('stops a federated query that outlasts the time limit, and federates again afterwards', async () => {
    remote.delay(10_000);
    const started = Date.now();
    const slow = await run(PLACES_WITH_POPULATION(remote.url));
    expect(slow.status).toBe(503);
    expect(slow.text).toContain('time limit');
    expect(Date.now() - started).toBeLessThan(8000);
    remote.delay(0);
    const { status, rows } = await run(PLACES_WITH_POPULATION(remote.url));
    expect(status).toBe(200);
    expect(rows.some((r) => r.population?.value === '2102650')).toBe(true);
  });

  it('does not mistake the word "service" in a string for a SERVICE clause', async () => {
    const { status, rows } = await run('SELECT ?x WHERE { BIND("a SERVICE <http://x> { } in a string" AS ?x) }');
    expect(status).toBe(200);
    expect(rows).toHaveLength(1);
  });
});
