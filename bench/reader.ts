/**
 * The reader suite, on generated data (1M triples; BENCH_READER_DOCUMENTS sets another size):
 *  - the reader side's build beside the store's, each in a fresh process, one after the other in
 *    every run: the store built as the service builds it, alone; then built again with the
 *    reader's tap on it, as the service builds a version (the collection gathered from the
 *    quads the gate reads), the collection made and the search index built. The reader side's
 *    time is what its tap adds to the store's build (the build with the tap less the build
 *    alone: the tap runs on the thread that parses and validates, and costs nothing when that
 *    thread waits for the store's load) plus making the collection and the index; the time
 *    spent inside the tap is shown beside. Its memory is what it holds once done, less what the
 *    build alone leaves. Both are compared with the store's build (targets: at most half its
 *    time and half its memory);
 *  - our service in a process of its own: search latency for one client (median, p99) and
 *    throughput for 16 clients, for text, facet and descriptor-combination searches; the
 *    neighbourhood and matrix JSON latency for one client (targets: median under 20 ms, p99
 *    under 100 ms for a search).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closedLoop, HttpClient, percentile } from './http-load.js';
import { NODE_FLAGS, prepareDataset, SIZES } from './knowledge-graph.js';
import { startOurService, waitUntilIdle, type ServerProcess } from './processes.js';
import type { MeasureMode, ReaderMeasurement, StoreMeasurement } from './reader-measure.js';
import { integer, median, megabytes, ratio, table, verdict } from './report.js';

const CLIENTS = 16;
const LOAD_SECONDS = 8;
const REQUESTS_PER_KIND = 300;
const MEASURE = new URL('./reader-measure.js', import.meta.url).pathname;

function measureBuild<T extends StoreMeasurement | ReaderMeasurement>(dataDir: string, mode: MeasureMode): Promise<T> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--expose-gc', ...NODE_FLAGS, MEASURE, dataDir, mode], { maxBuffer: 1 << 20, timeout: 20 * 60_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`the ${mode} build failed: ${stderr.trim().split('\n').slice(-3).join(' ') || error.message}`));
      else resolve(JSON.parse(stdout) as T);
    });
  });
}

interface Facets { facets: Record<string, { value: string; count: number }[]> }

/** Waits until the service's search answers (its index built), and returns its facets. */
async function searchReady(origin: string): Promise<Facets> {
  const deadline = performance.now() + 10 * 60_000;
  while (performance.now() < deadline) {
    const response = await fetch(`${origin}/search`, { headers: { Accept: 'application/json' } });
    if (response.status === 200) return response.json() as Promise<Facets>;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the search index was not ready within 10 minutes');
}

/** The requests of each kind, spread over the data: words of the generated texts, facet values, pairs of descriptors. */
function workload(facets: Facets): Record<string, string[]> {
  const words = ['gouvernance', 'territoire', 'énergie', 'alimentation', 'eau', 'participation', 'communs', 'coopération', 'habitants', 'transition',
    'governance', 'water', 'food', 'energy', 'gobernanza', 'agua', 'jardins', 'économie sociale', 'politique alimentaire', 'foncier'];
  const descriptors = facets.facets.descriptor?.map((f) => f.value) ?? [];
  const types = facets.facets.type?.map((f) => f.value) ?? [];
  const places = facets.facets.place?.map((f) => f.value) ?? [];
  const years = facets.facets.year?.map((f) => f.value) ?? [];
  const e = encodeURIComponent;
  const pick = <T>(list: readonly T[], i: number): T => list[i % list.length]!;
  // Every other text search sorted by date rather than relevance (a second page would not exist for rare words).
  const text = Array.from({ length: 40 }, (_, i) => `/search?q=${e(pick(words, i))}${i % 2 ? '&sort=date' : ''}`);
  const facet = Array.from({ length: 40 }, (_, i) => `/search?type=${e(pick(types, i))}&year=${pick(years, i * 3)}&place=${e(pick(places, i * 7))}`);
  const combination = Array.from({ length: 40 }, (_, i) => `/search?descriptor=${e(pick(descriptors, i))}&descriptor=${e(pick(descriptors, i * 5 + 1))}&op=${i % 2 ? 'or' : 'and'}`);
  const neighbourhood = Array.from({ length: 40 }, (_, i) => `/api/atlas/neighbourhood?descriptor=${e(pick(descriptors, i))}&radius=${1 + (i % 2)}`);
  return { text, facet, combination, neighbourhood, matrix: ['/api/atlas/matrix'] };
}

interface Figures { readonly p50: number; readonly p99: number; readonly perSecond?: number; readonly failed: number }

async function oneClient(origin: string, paths: readonly string[]): Promise<Figures> {
  const client = new HttpClient('127.0.0.10');
  try {
    const result = await closedLoop(1, 600, async (_c, turn) => (await client.send({ url: `${origin}${paths[turn % paths.length]}`, headers: { Accept: 'application/json' } })).status === 200, REQUESTS_PER_KIND);
    return { p50: percentile(result.latencies, 50), p99: percentile(result.latencies, 99), failed: result.failed };
  } finally {
    client.close();
  }
}

async function manyClients(origin: string, paths: readonly string[]): Promise<Figures> {
  const pool = Array.from({ length: CLIENTS }, (_, i) => new HttpClient(`127.0.0.${20 + i}`));
  try {
    const result = await closedLoop(CLIENTS, LOAD_SECONDS, async (client, turn) =>
      (await pool[client]!.send({ url: `${origin}${paths[turn % paths.length]}`, headers: { Accept: 'application/json' } })).status === 200);
    return { p50: percentile(result.latencies, 50), p99: percentile(result.latencies, 99), perSecond: result.perSecond, failed: result.failed };
  } finally {
    pool.forEach((c) => c.close());
  }
}

export async function runReaderSuite(runs: number, log: (line: string) => void): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'citego-bench-reader-'));
  const size = process.env.BENCH_READER_DOCUMENTS
    ? { label: `${integer(Number(process.env.BENCH_READER_DOCUMENTS))} documents`, documents: Number(process.env.BENCH_READER_DOCUMENTS) }
    : SIZES[SIZES.length - 1]!;
  let service: ServerProcess | undefined;
  try {
    log('');
    log(`== Reader: search index and atlas beside the store, ${size.label} generated triples ==`);
    const dataset = prepareDataset(size, root);
    const stores: StoreMeasurement[] = [];
    const readers: ReaderMeasurement[] = [];
    for (let run = 1; run <= runs; run++) {
      log(`   run ${run}/${runs}: the store's build alone, then with the reader's tap, the collection and the search index`);
      stores.push(await measureBuild<StoreMeasurement>(dataset.dir, 'store'));
      readers.push(await measureBuild<ReaderMeasurement>(dataset.dir, 'reader'));
    }
    const s = (pick: (b: StoreMeasurement) => number) => median(stores.map(pick));
    const r = (pick: (b: ReaderMeasurement) => number) => median(readers.map(pick));
    const storeSeconds = s((b) => b.storeSeconds);
    const storeBytes = s((b) => b.storeBytes);
    const buildLeft = s((b) => b.heapBytes);
    const tapSeconds = Math.max(0, r((b) => b.buildSeconds) - storeSeconds);
    const readerSeconds = tapSeconds + r((b) => b.collectionSeconds) + r((b) => b.indexSeconds);
    const readerBytes = r((b) => b.indexHeapBytes) - buildLeft;
    log(`-- ${integer(stores[0]!.triples)} triples, ${integer(readers[0]!.documents)} sheets; medians of ${runs} run${runs > 1 ? 's' : ''}, each build in a fresh process`);
    log(table([
      ['', 'seconds', 'memory'],
      ['store build (parse + validate beside the load)', storeSeconds.toFixed(2), megabytes(storeBytes)],
      ['store build with the reader\'s tap on it', r((b) => b.buildSeconds).toFixed(2), ''],
      ['reader: tap on the build (what it adds)', tapSeconds.toFixed(2), `at most ${megabytes(r((b) => b.gatheredHeapBytes) - buildLeft)}`],
      ['  (time spent inside the tap)', `(${r((b) => b.tapSeconds).toFixed(2)})`, ''],
      ['reader: collection made from the facts', r((b) => b.collectionSeconds).toFixed(2), megabytes(r((b) => b.collectionHeapBytes) - buildLeft)],
      ['reader: search index built (FlexSearch)', r((b) => b.indexSeconds).toFixed(2), megabytes(r((b) => b.indexHeapBytes - b.collectionHeapBytes))],
      ['reader side in all', readerSeconds.toFixed(2), megabytes(readerBytes)],
    ]));
    const timeRatio = readerSeconds / storeSeconds;
    const memoryRatio = readerBytes / storeBytes;
    log(`   reader side vs store: ${ratio(timeRatio)} of its build time (target <= 0.50×: ${verdict(timeRatio <= 0.5)}), ${ratio(memoryRatio)} of its memory (target <= 0.50×: ${verdict(memoryRatio <= 0.5)})`);

    log('   starting our service');
    service = await startOurService(dataset.dir);
    const facets = await searchReady(service.origin);
    // The search is ready as soon as the version is published; the service then prepares the
    // version's other parts (dumps, the harvesting index) for a while on both processors.
    // Latencies are those of the steady state: measured meanwhile, they would time that work.
    const settled = await waitUntilIdle(service.child.pid);
    log(`   search ready; the service idle ${settled === undefined ? 'after more than 10 min: measured anyway' : `${settled.toFixed(0)} s later`}`);
    const kinds = workload(facets);
    const single = new Map<string, Figures[]>();
    const loaded = new Map<string, Figures[]>();
    for (const paths of Object.values(kinds)) await oneClient(service.origin, paths.slice(0, 20));
    for (let run = 0; run < runs; run++) {
      for (const [kind, paths] of Object.entries(kinds)) {
        single.set(kind, [...(single.get(kind) ?? []), await oneClient(service.origin, paths)]);
        if (kind === 'text' || kind === 'facet' || kind === 'combination') loaded.set(kind, [...(loaded.get(kind) ?? []), await manyClients(service.origin, paths)]);
      }
    }
    const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '-');
    const rows = Object.keys(kinds).map((kind) => {
      const one = single.get(kind)!;
      const many = loaded.get(kind);
      return [kind, ms(median(one.map((f) => f.p50))), ms(median(one.map((f) => f.p99))),
        many ? integer(median(many.map((f) => f.perSecond ?? 0))) : '', many ? ms(median(many.map((f) => f.p99))) : '',
        String([...one, ...(many ?? [])].reduce((sum, f) => sum + f.failed, 0))];
    });
    log(`Latency (ms) for one client, ${REQUESTS_PER_KIND} requests of each kind; throughput of ${CLIENTS} clients for ${LOAD_SECONDS} s; medians of ${runs} run${runs > 1 ? 's' : ''}:`);
    log(table([['kind', 'median', 'p99', `${CLIENTS} clients /s`, `${CLIENTS} clients p99`, 'failed'], ...rows]));
    for (const kind of ['text', 'facet', 'combination']) {
      const p50 = median(single.get(kind)!.map((f) => f.p50));
      const p99 = median(single.get(kind)!.map((f) => f.p99));
      log(`   ${kind} search, one client: median ${ms(p50)} ms (target < 20: ${verdict(p50 < 20)}), p99 ${ms(p99)} ms (target < 100: ${verdict(p99 < 100)})`);
    }
  } finally {
    await service?.stop();
    rmSync(root, { recursive: true, force: true });
  }
}
