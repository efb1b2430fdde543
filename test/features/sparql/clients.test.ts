/**
 * Independent clients against the endpoint: Comunica (as a researcher's script uses it),
 * roqet -p from Debian's rasqal-utils, and Virtuoso 7 federating into us with SERVICE. What they
 * get is compared with what Comunica finds in the demo files themselves, read by N3 into a store
 * of its own: an answer that does not come from our store.
 * The Debian tools are installed by .ci/run, which sets CITEGO_INTEGRATION=require so that
 * their tests cannot be skipped there; elsewhere they run when the tools are installed.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { QueryEngine } from '@comunica/query-sparql';
import { Parser, Store as N3Store } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVirtuoso, virtuosoInstalled, type RunningVirtuoso } from '../../../bench/peers/virtuoso.js';
import { BASE, DATA_DIR } from '../../helpers.js';
import { startService, type RunningService } from '../../service-harness.js';

const REQUIRED = process.env.CITEGO_INTEGRATION === 'require';
const ROQET = '/usr/bin/roqet';

const SELECT = 'SELECT ?angle ?letter ?label WHERE { ?angle <http://www.w3.org/2004/02/skos/core#notation> ?letter ; <http://www.w3.org/2004/02/skos/core#prefLabel> ?label ; <http://www.w3.org/2004/02/skos/core#inScheme> <http://localhost:3000/id/scheme/angles> FILTER(lang(?label) = "en") } ORDER BY ?letter';
const CONSTRUCT = 'CONSTRUCT { ?c <http://www.w3.org/2004/02/skos/core#prefLabel> ?l } WHERE { ?c a <http://localhost:3000/ontology#Component> ; <http://www.w3.org/2004/02/skos/core#prefLabel> ?l }';

let running: RunningService;
let endpoint: string;
let expected: { letter: string; label: string }[];
/** The demo files in N3's own store: the reference the clients' answers are compared with. */
const files = new N3Store();
const engine = new QueryEngine();

beforeAll(async () => {
  running = await startService();
  endpoint = `${running.origin}/sparql`;
  for (const name of readdirSync(DATA_DIR).filter((f) => f.endsWith('.ttl'))) {
    files.addQuads(new Parser({ baseIRI: BASE }).parse(readFileSync(join(DATA_DIR, name), 'utf8')));
  }
  const rows = await (await engine.queryBindings(SELECT, { sources: [files] })).toArray();
  expected = rows.map((r) => ({ letter: r.get('letter')!.value, label: r.get('label')!.value }));
  expect(expected.length).toBeGreaterThan(3);
});

afterAll(async () => {
  await running.close();
});

describe('Comunica as a client', () => {
  it('reads SELECT results, language tags included', async () => {
    const bindings = await (await engine.queryBindings(SELECT, { sources: [{ type: 'sparql', value: endpoint }] })).toArray();
    expect(bindings.map((b) => ({ letter: b.get('letter')!.value, label: b.get('label')!.value }))).toEqual(expected);
    expect(bindings.every((b) => (b.get('label') as { language: string }).language === 'en')).toBe(true);
  });

  it('reads ASK and CONSTRUCT results', async () => {
    expect(await engine.queryBoolean('ASK { <http://localhost:3000/id/angle/actors> ?p ?o }', { sources: [{ type: 'sparql', value: endpoint }] })).toBe(true);
    const quads = await (await engine.queryQuads(CONSTRUCT, { sources: [{ type: 'sparql', value: endpoint }] })).toArray();
    const reference = await (await engine.queryQuads(CONSTRUCT, { sources: [files] })).toArray();
    expect(quads.length).toBeGreaterThan(5);
    expect(quads.map((q) => `${q.subject.value} ${q.object.value}`).sort()).toEqual(reference.map((q) => `${q.subject.value} ${q.object.value}`).sort());
  });
});

describe.runIf(existsSync(ROQET) || REQUIRED)('roqet -p (rasqal-utils)', () => {
  const roqet = (args: string[]) => new Promise<string>((resolve, reject) => {
    execFile(ROQET, ['-p', endpoint, ...args], (error, stdout, stderr) => (error ? reject(new Error(stderr || error.message)) : resolve(stdout)));
  });

  it('reads SELECT results as SPARQL XML, and writes them out as CSV', async () => {
    const csv = await roqet(['-r', 'csv', '-e', SELECT]);
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0]).toBe('angle,letter,label');
    expect(lines.slice(1).map((l) => l.split(',')[1])).toEqual(expected.map((e) => e.letter));
  });

  // roqet -p reads every answer as SPARQL XML results, so it serves SELECT (against Virtuoso
  // too): its ASK and CONSTRUCT come back empty whatever the endpoint. Its output formats are
  // all written from the results it read from us.
  it.each(['simple', 'xml', 'csv', 'tsv', 'turtle', 'rdfxml'])('writes the SELECT results it read as %s', async (format) => {
    const output = await roqet(['-r', format, '-e', SELECT]);
    for (const { label } of expected) expect(output).toContain(label);
  });
});

describe.runIf(virtuosoInstalled() || REQUIRED)('Virtuoso 7 federating into the endpoint', () => {
  let virtuoso: RunningVirtuoso;

  beforeAll(async () => {
    virtuoso = await startVirtuoso();
  }, 120_000);

  afterAll(async () => {
    await virtuoso?.stop();
  });

  it('gets our results through its own SERVICE clause', async () => {
    const query = `SELECT ?letter ?label WHERE { SERVICE <${endpoint}> { ${SELECT.replace(/^SELECT \?angle \?letter \?label WHERE \{ /, '').replace(/ \} ORDER BY \?letter$/, '')} } } ORDER BY ?letter`;
    const response = await fetch(`${virtuoso.endpoint}?query=${encodeURIComponent(query)}`, { headers: { Accept: 'application/sparql-results+json' } });
    const text = await response.text();
    expect(response.status, text).toBe(200);
    const rows = (JSON.parse(text) as { results: { bindings: Record<string, { value: string; 'xml:lang'?: string }>[] } }).results.bindings;
    expect(rows.map((r) => ({ letter: r.letter!.value, label: r.label!.value }))).toEqual(expected);
    expect(rows.every((r) => r.label!['xml:lang'] === 'en')).toBe(true);
  });
});
