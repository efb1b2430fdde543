/**
 * The dereferencing suite: HTML and JSON-LD descriptions served to 32 concurrent clients on
 * 1M generated triples. Side by side in one run, each server in a process of its own:
 *  - ours, on a working set of things requested once beforehand (as a crawler's second pass,
 *    or the popular part of the site, meets it), and on first requests (nothing prepared);
 *  - a trivial express route sending the bytes ours sent, found by path: the ceiling of the
 *    framework we build on;
 *  - node:http alone doing the same, for information;
 *  - Trifid 5.3 serving the same triples (the peer), at the IRIs themselves, by Accept.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSources } from '../src/build/build.js';
import { projectRoot } from '../src/config.js';
import { Random } from '../src/generate/random.js';
import { EmbeddedStore } from '../src/store/embedded-store.js';
import { rdfFilesIn } from '../src/validation/gate.js';
import { closedLoop, HttpClient, percentile, type LoadResult } from './http-load.js';
import { prepareDataset, SIZES } from './knowledge-graph.js';
import type { PreparedRepresentation } from './peers/prepared-bytes.js';
import { startTrifid } from './peers/trifid.js';
import { BENCH_BASE, startOurService, startServerProcess, type ServerProcess } from './processes.js';
import { integer, median, ratio, table, verdict } from './report.js';

const CLIENTS = 32;
const LOAD_SECONDS = 8;
/** Things of the working set, by kind (the first segment of the path under id/). */
const WORKING_SET: Readonly<Record<string, number>> = { document: 1000, actor: 400, descriptor: 300, place: 200, dossier: 100 };

interface Format { readonly name: string; readonly extension: string; readonly accept: string }
const FORMATS: readonly Format[] = [
  { name: 'HTML', extension: 'html', accept: 'text/html' },
  { name: 'JSON-LD', extension: 'jsonld', accept: 'application/ld+json' },
];

interface Server {
  readonly name: string;
  readonly process: ServerProcess;
  /** The URL a client asks for a thing's description, and the headers it sends. */
  request(thing: string, format: Format): { url: string; headers: Record<string, string> };
}

/** Descriptions at /doc/… with the format's extension: ours, and the servers of prepared bytes. */
function byDescriptionUrl(name: string, process: ServerProcess): Server {
  return { name, process, request: (thing, format) => ({ url: `${process.origin}${descriptionPath(thing, format)}`, headers: { Accept: format.accept } }) };
}

const descriptionPath = (thing: string, format: Format) => `/doc/${thing}.${format.extension}`;

const clients = () => Array.from({ length: CLIENTS }, (_, i) => new HttpClient(`127.0.0.${10 + i}`));

/** The clients ask for the things in turn, each thing once per pass, for `seconds` or `turns`. */
async function load(server: Server, things: readonly string[], format: Format, seconds: number, turns?: number): Promise<LoadResult> {
  const pool = clients();
  try {
    return await closedLoop(CLIENTS, seconds, async (client, turn) => {
      const { url, headers } = server.request(things[turn % things.length]!, format);
      const response = await pool[client]!.send({ url, headers });
      return response.status === 200 && response.bytes > 0;
    }, turns);
  } finally {
    pool.forEach((c) => c.close());
  }
}

/** Every thing under id/, by kind (the first segment of its path), in IRI order. */
export async function listThings(origin: string): Promise<Map<string, string[]>> {
  const query = `SELECT DISTINCT ?s WHERE { ?s a ?type FILTER(STRSTARTS(STR(?s), "${BENCH_BASE}id/")) } ORDER BY ?s`;
  const response = await fetch(`${origin}/sparql`, { method: 'POST', headers: { 'Content-Type': 'application/sparql-query', Accept: 'application/sparql-results+json' }, body: query });
  if (!response.ok) throw new Error(`listing the things failed: ${response.status} ${await response.text()}`);
  const rows = ((await response.json()) as { results: { bindings: { s: { value: string } }[] } }).results.bindings;
  const byKind = new Map<string, string[]>();
  for (const { s } of rows) {
    const thing = s.value.slice(`${BENCH_BASE}id/`.length);
    const kind = thing.split('/')[0]!;
    byKind.set(kind, [...(byKind.get(kind) ?? []), thing]);
  }
  return byKind;
}

/** Things of each kind, evenly spread over the kind and shifted by `offset`, in a shuffled order. */
export function chooseThings(byKind: ReadonlyMap<string, readonly string[]>, quotas: Readonly<Record<string, number>>, offset: number): string[] {
  const chosen: string[] = [];
  for (const [kind, quota] of Object.entries(quotas)) {
    const all = byKind.get(kind) ?? [];
    const count = Math.min(quota, all.length);
    const step = all.length / Math.max(1, count);
    for (let i = 0; i < count; i++) chosen.push(all[(Math.floor(i * step) + offset) % all.length]!);
  }
  const order = Random.stream(42, 'dereference working set', offset).permutation(chosen.length);
  return Array.from(order, (i) => chosen[i]!);
}

async function prepareBytes(ours: Server, things: readonly string[], file: string): Promise<void> {
  const representations: PreparedRepresentation[] = [];
  for (const format of FORMATS) {
    for (const thing of things) {
      const { url, headers } = ours.request(thing, format);
      const response = await fetch(url, { headers });
      if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
      representations.push({ path: descriptionPath(thing, format), contentType: response.headers.get('content-type')!, body: await response.text() });
    }
  }
  writeFileSync(file, JSON.stringify(representations));
}

function startPreparedBytes(kind: 'express' | 'node-http', file: string): Promise<ServerProcess> {
  return startServerProcess([new URL('./peers/prepared-bytes.js', import.meta.url).pathname, kind, file], {
    portFromOutput: /listening on port (\d+)/, ready: () => true, timeoutMs: 60_000, what: `the ${kind} server`,
  });
}

/** N-Triples of everything the service serves (the ontology and the data), for the peers that load a file; returns the number of triples. */
export async function dumpTriples(dataDir: string, file: string): Promise<number> {
  const files = readSources([...(await rdfFilesIn(join(projectRoot(), 'ontology'))), ...(await rdfFilesIn(dataDir))]);
  const store = new EmbeddedStore({ replicas: 1 });
  try {
    await store.load(files.map((f) => ({ name: f.name, bytes: f.bytes, format: f.format, baseIRI: BENCH_BASE })));
    writeFileSync(file, await store.dump('application/n-triples'));
    return await store.size();
  } finally {
    await store.close();
  }
}

interface Figures { readonly perSecond: number; readonly p50: number; readonly p99: number; readonly failed: number }

const figuresOf = (result: LoadResult): Figures =>
  ({ perSecond: result.perSecond, p50: percentile(result.latencies, 50), p99: percentile(result.latencies, 99), failed: result.failed });

export async function runDereferenceSuite(runs: number, log: (line: string) => void): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'citego-bench-dereference-'));
  const size = SIZES[SIZES.length - 1]!;
  const started: ServerProcess[] = [];
  try {
    log('');
    log(`== Dereferencing: HTML and JSON-LD descriptions, ${CLIENTS} clients, ${LOAD_SECONDS} s per measure, ${size.label} generated triples ==`);
    log('   generating the data, then dumping it for Trifid');
    const dataset = prepareDataset(size, root);
    const dump = join(root, 'all.nt');
    const triples = await dumpTriples(dataset.dir, dump);
    log('   starting our service');
    const oursProcess = await startOurService(dataset.dir);
    started.push(oursProcess);
    const ours = byDescriptionUrl('ours', oursProcess);
    const byKind = await listThings(oursProcess.origin);
    const things = chooseThings(byKind, WORKING_SET, 0);
    // First requests: things outside the working set, each asked for once, other things for
    // each format so that nothing one format prepared serves the other.
    log('   first requests');
    const firstRequests = new Map<string, Figures>();
    for (const [i, format] of FORMATS.entries()) {
      const fresh = chooseThings(byKind, WORKING_SET, i + 1);
      firstRequests.set(format.name, figuresOf(await load(ours, fresh, format, 60, fresh.length)));
    }
    log(`-- ${integer(triples)} triples; working set: ${integer(things.length)} things (${Object.entries(WORKING_SET).map(([k, n]) => `${n} ${k}s`).join(', ')}), ` +
      `${integer(things.length * FORMATS.length)} descriptions, requested once before measuring`);
    for (const format of FORMATS) await load(ours, things, format, 600, things.length);
    log('   preparing the bytes for the trivial servers, starting them and Trifid');
    const preparedFile = join(root, 'prepared.json');
    await prepareBytes(ours, things, preparedFile);
    const expressProcess = await startPreparedBytes('express', preparedFile);
    started.push(expressProcess);
    const nodeHttpProcess = await startPreparedBytes('node-http', preparedFile);
    started.push(nodeHttpProcess);
    const servers: Server[] = [ours, byDescriptionUrl('trivial express route', expressProcess), byDescriptionUrl('node:http', nodeHttpProcess)];
    try {
      const trifid = await startTrifid({ dump, baseIRI: BENCH_BASE, probe: `/id/${things[0]}` });
      started.push(trifid);
      servers.push({ name: 'Trifid 5.3', process: trifid, request: (thing, format) => ({ url: `${trifid.origin}/id/${thing}`, headers: { Accept: format.accept } }) });
    } catch (error) {
      log(`   Trifid could not be started, its column is left empty: ${(error as Error).message}`);
    }
    log('   measuring');
    // Each server once on each format before measuring, then the measures interleaved run by run.
    for (const server of servers) for (const format of FORMATS) await load(server, things, format, 2);
    const results = new Map<string, Figures[]>();
    for (let run = 0; run < runs; run++) {
      for (const format of FORMATS) {
        for (const server of servers) {
          const key = `${server.name}|${format.name}`;
          results.set(key, [...(results.get(key) ?? []), figuresOf(await load(server, things, format, LOAD_SECONDS))]);
        }
      }
    }
    log(report(servers.map((s) => s.name), results, firstRequests, runs));
  } finally {
    for (const server of started.reverse()) await server.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

function report(names: readonly string[], results: Map<string, Figures[]>, firstRequests: Map<string, Figures>, runs: number): string {
  const [ours, express, , trifid] = names;
  const medianOf = (name: string | undefined, format: Format, pick: (f: Figures) => number) =>
    median((name ? results.get(`${name}|${format.name}`) ?? [] : []).map(pick));
  const ms = (n: number) => (Number.isFinite(n) ? (n < 10 ? n.toFixed(2) : n.toFixed(1)) : '-');
  const rows = FORMATS.map((format) => [
    format.name,
    ...names.map((name) => `${integer(medianOf(name, format, (f) => f.perSecond))} /s, p99 ${ms(medianOf(name, format, (f) => f.p99))} ms`),
    ratio(medianOf(ours, format, (f) => f.perSecond) / medianOf(express, format, (f) => f.perSecond)),
    ratio(medianOf(ours, format, (f) => f.perSecond) / medianOf(trifid, format, (f) => f.perSecond)),
  ]);
  const lines = [
    `Requests per second and p99 latency, medians of ${runs} run${runs > 1 ? 's' : ''}:`,
    table([['format', ...names, 'ours/express', 'ours/Trifid'], ...rows]),
  ];
  for (const format of FORMATS) {
    const ceiling = medianOf(ours, format, (f) => f.perSecond) / medianOf(express, format, (f) => f.perSecond);
    const peer = medianOf(ours, format, (f) => f.perSecond) / medianOf(trifid, format, (f) => f.perSecond);
    lines.push(`   ${format.name}: ours reaches ${ratio(ceiling)} of the trivial express route (target ≥ 0.70×: ${verdict(ceiling >= 0.7)}), ` +
      `${ratio(peer)} Trifid's throughput (target ≥ 20×: ${verdict(peer >= 20)})`);
  }
  for (const format of FORMATS) {
    const first = firstRequests.get(format.name)!;
    lines.push(`   ${format.name}, first requests (nothing prepared yet): ${integer(first.perSecond)} /s, median ${ms(first.p50)} ms, p99 ${ms(first.p99)} ms`);
  }
  const failures = [...results].filter(([, list]) => list.some((f) => f.failed > 0))
    .map(([key, list]) => `${key.replace('|', ' ')}: ${list.reduce((sum, f) => sum + f.failed, 0)} failed`);
  if (failures.length) lines.push(`   failed requests: ${failures.join('; ')}`);
  return lines.join('\n');
}
