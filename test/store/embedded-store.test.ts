/**
 * The embedded store: it loads validated bytes, answers the three kinds of query, and a query
 * that runs away is stopped at its time limit without stopping the others. (Lanes, fairness and
 * failures: abuse.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Parser } from 'n3';
import { readSources } from '../../src/build/build.js';
import { rdfFilesIn } from '../../src/validation/gate.js';
import { EmbeddedStore } from '../../src/store/embedded-store.js';
import { QueryEvaluationError, QuerySyntaxError, QueryTimeoutError, StoreClosedError, StoreLoadError } from '../../src/store/store.js';
import { BASE, DATA_DIR } from '../helpers.js';

const CARTESIAN = 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }';
let store: EmbeddedStore;

beforeAll(async () => {
  store = new EmbeddedStore({ replicas: 2, queryTimeoutMs: 20_000 });
  const files = readSources(await rdfFilesIn(DATA_DIR));
  await store.load(files.map((f) => ({ name: f.name, bytes: f.bytes, format: f.format, baseIRI: BASE })));
});

afterAll(async () => {
  await store.close();
});

const readyReplicas = (s: EmbeddedStore) => s.stats().lanes.pages.ready + s.stats().lanes.endpoint.ready;

async function untilAllReady(s: EmbeddedStore): Promise<void> {
  for (let i = 0; i < 400 && readyReplicas(s) < 3; i++) await new Promise((r) => setTimeout(r, 25));
}

describe('embedded store', () => {
  it('holds the demo data', async () => {
    expect(await store.size()).toBeGreaterThan(3000);
  });

  it('answers SELECT with terms, resolving relative IRIs against the base IRI', async () => {
    const rows = await store.select(
      'PREFIX citego: <ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> SELECT ?label WHERE { <id/component/flows> a citego:Component ; skos:prefLabel ?label FILTER(lang(?label) = "fr") }',
      { baseIRI: BASE },
    );
    expect(rows).toEqual([{ label: { termType: 'Literal', value: 'Flux', language: 'fr', datatype: { termType: 'NamedNode', value: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString' } } }]);
  });

  it('answers ASK and CONSTRUCT', async () => {
    expect(await store.ask('ASK { ?s a <http://www.w3.org/ns/org#Membership> }')).toBe(true);
    expect(await store.ask('ASK { ?s a <http://example.org/Nothing> }')).toBe(false);
    const quads = await store.construct('CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o FILTER(?s = <http://localhost:3000/id/scale/general>) }');
    expect(quads.map((q) => q.predicate.value)).toContain('http://www.w3.org/2004/02/skos/core#notation');
  });

  it('serialises results in the format asked', async () => {
    const csv = await store.query('SELECT ?n WHERE { <http://localhost:3000/id/angle/actors> <http://www.w3.org/2004/02/skos/core#notation> ?n }',
      { solutions: 'text/csv', graph: 'text/turtle' });
    expect(csv).toEqual({ kind: 'solutions', mediaType: 'text/csv', body: 'n\r\nA\r\n' });
  });

  it('names a syntax error as such, with its position', async () => {
    const error = await store.select('SELECT * WHERE { ?s ?p ?o ').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QuerySyntaxError);
    expect((error as Error).message).toMatch(/^error at 1:\d+/);
  });

  it('refuses a graph name the store cannot read as the query\'s error, and the replica goes on', async () => {
    const error = await store.select('SELECT * WHERE { ?s ?p ?o } LIMIT 1', { defaultGraphs: ['http://a b'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueryEvaluationError);
    expect(store.stats().restarts.failed).toBe(0);
    expect(await store.ask('ASK { ?s ?p ?o }')).toBe(true);
  });

  it('dumps the data as Turtle that parses back to the same number of triples', async () => {
    const turtle = await store.dump('text/turtle');
    expect(new Parser().parse(turtle).length).toBe(await store.size());
  });

  it('stops a runaway query at its limit while other queries keep answering, then recovers', async () => {
    await untilAllReady(store);
    const started = Date.now();
    const runaway = store.select(CARTESIAN, { timeoutMs: 1500 }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 100));
    const t0 = performance.now();
    const rows = await store.select('SELECT (COUNT(*) AS ?n) WHERE { ?s a <http://xmlns.com/foaf/0.1/Person> }');
    const fastMs = performance.now() - t0;
    expect(Number(rows[0]!.n!.value)).toBeGreaterThan(10);
    expect(fastMs).toBeLessThan(500);
    const error = await runaway;
    expect(error).toBeInstanceOf(QueryTimeoutError);
    expect(Date.now() - started).toBeLessThan(5000);
    await untilAllReady(store);
    expect(store.stats().lanes).toMatchObject({ pages: { ready: 1, replicas: 1 }, endpoint: { ready: 2, replicas: 2 } });
    expect(store.stats().restarts.timeout).toBe(1);
    expect(await store.ask('ASK { ?s ?p ?o }')).toBe(true);
  });

  it('refuses bytes it cannot read, naming the source', async () => {
    const other = new EmbeddedStore({ replicas: 1 });
    try {
      const error = await other.load([{ name: 'broken.ttl', bytes: new TextEncoder().encode('<a> <b> "unterminated .'), format: 'text/turtle', baseIRI: BASE }])
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreLoadError);
      expect((error as Error).message).toMatch(/^broken\.ttl: the store refused the data/);
    } finally {
      await other.close();
    }
  });

  it('brings every replica up to date when the snapshot grows step by step, each step loaded once', async () => {
    const other = new EmbeddedStore({ replicas: 2, pageReplicas: 0 });
    try {
      const part = (name: string, text: string) => ({ name, bytes: new TextEncoder().encode(text), format: 'text/turtle' as const, baseIRI: BASE });
      await other.load([part('a.ttl', '<a> <p> [ <q> 1 ] .')]);
      await other.load([part('b.ttl', '<b> <p> [ <q> 2 ] .')]);
      await other.update('INSERT DATA { <c> <p> [ <q> 3 ] }', { baseIRI: BASE });
      const deadline = Date.now() + 20_000;
      while (readyReplicas(other) < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(other.stats().lanes.endpoint).toMatchObject({ ready: 2, replicas: 2, queued: 0 });
      // Both replicas answer at once (each takes one query): each holds every step exactly once.
      const counts = await Promise.all([0, 1].map(() => other.select('SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }')));
      expect(counts.map(([row]) => Number(row!.n!.value))).toEqual([6, 6]);
    } finally {
      await other.close();
    }
  });

  it('refuses work once closed', async () => {
    const other = new EmbeddedStore({ replicas: 1 });
    await other.close();
    await expect(other.select('SELECT * {}')).rejects.toBeInstanceOf(StoreClosedError);
  });
});
