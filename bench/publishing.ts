/**
 * The publishing suite, on generated data (about 1M triples; BENCH_PUBLISHING_DOCUMENTS sets
 * another size, e.g. 500 for a quick check), our service in a process of its own with a journal:
 *  - curators' writes: a sheet's description read and written back changed (PUT with If-Match),
 *    one writer then four at once; the latency of the write (validation, the journal's fdatasync
 *    and the store's update included), median and p99, and writes per second. Beside it, in the
 *    same run, the floor no durable write can go under: appending the same bytes to a file and
 *    flushing them (fdatasync) from this process;
 *  - reloads: a file of the data directory changed and POST /admin/reload, while 16 clients read
 *    descriptions and query the endpoint; the reload's time beside the first build's (the
 *    service's own log), the requests answered during the switch, those that failed (there must
 *    be none) and those slowed (over 1 s, or over ten times the p99 before the reload).
 */
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tokenHash } from '../src/features/curation/auth.js';
import { closedLoop, HttpClient, percentile } from './http-load.js';
import { prepareDataset } from './knowledge-graph.js';
import { BENCH_BASE, startOurService } from './processes.js';
import { integer, median, ratio, table, verdict } from './report.js';

const TOKEN = 'bench-curator-token';
const DOCUMENTS = Number(process.env.BENCH_PUBLISHING_DOCUMENTS ?? 53_000);
const WRITES = 200;
const READERS = 16;

async function listDocuments(origin: string, limit: number): Promise<string[]> {
  const query = `SELECT ?s WHERE { ?s a ?type FILTER(STRSTARTS(STR(?s), "${BENCH_BASE}id/document/")) } ORDER BY ?s LIMIT ${limit}`;
  const response = await fetch(`${origin}/sparql`, { method: 'POST', headers: { 'Content-Type': 'application/sparql-query', Accept: 'application/sparql-results+json' }, body: query });
  const rows = ((await response.json()) as { results: { bindings: { s: { value: string } }[] } }).results.bindings;
  return rows.map((row) => row.s.value.slice(`${BENCH_BASE}id/`.length));
}

/** Reads a thing, changes its French title, writes it back: the write's latency, or NaN when refused. */
async function revise(client: HttpClient, origin: string, thing: string, n: number): Promise<number> {
  const url = `${origin}/things/${thing}`;
  const current = await fetch(url, { headers: { Accept: 'application/n-triples' } });
  const etag = current.headers.get('etag')!;
  const body = (await current.text()).replace(/("[^"]*?)(?: \(rev\. \d+\))?("@fr \.)/, `$1 (rev. ${n})$2`);
  const response = await client.send({ url, method: 'PUT', headers: { 'Content-Type': 'application/n-triples', 'If-Match': etag, Authorization: `Bearer ${TOKEN}` }, body });
  return response.status === 200 ? response.ms : Number.NaN;
}

/** The floor of a durable write: the same bytes appended to a file and flushed. */
async function fdatasyncFloor(bytes: number, times: number): Promise<number[]> {
  const dir = mkdtempSync(join(tmpdir(), 'citego-bench-fsync-'));
  const file = await open(join(dir, 'journal'), 'a');
  const line = `${'x'.repeat(bytes)}\n`;
  const latencies: number[] = [];
  try {
    for (let i = 0; i < times; i++) {
      const t0 = performance.now();
      await file.write(line);
      await file.datasync();
      latencies.push(performance.now() - t0);
    }
  } finally {
    await file.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return latencies;
}

export async function runPublishingSuite(runs: number, log: (line: string) => void): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'citego-bench-publishing-'));
  const stateDir = join(root, 'state');
  try {
    log(`publishing: generating ${integer(DOCUMENTS)} documents`);
    const dataset = prepareDataset({ label: 'publishing', documents: DOCUMENTS }, root);
    const service = await startOurService(dataset.dir, {
      STATE_DIR: stateDir, WATCH_DATA: 'false', CURATOR_TOKENS: `bench=sha256:${tokenHash(TOKEN)}`, ADMIN_TOKENS: `admin=sha256:${tokenHash(TOKEN)}`,
    });
    try {
      const firstBuild = /validated .* in ([\d.]+) s; loaded in ([\d.]+) s/.exec(service.output());
      const buildSeconds = firstBuild ? Math.max(Number(firstBuild[1]), Number(firstBuild[2])) : Number.NaN;
      const documents = await listDocuments(service.origin, 2000);
      const sequential: number[] = [];
      const concurrent: number[] = [];
      const refused: number[] = [];
      const floors: number[] = [];
      const reloads: { seconds: number; during: number; failed: number; slowed: number; p99Before: number; p99During: number }[] = [];
      let n = 0;
      for (let run = 1; run <= runs; run++) {
        log(`run ${run}/${runs}: writes, one writer`);
        const client = new HttpClient();
        const started = performance.now();
        const latencies: number[] = [];
        for (let i = 0; i < WRITES; i++) latencies.push(await revise(client, service.origin, documents[(run * WRITES + i) % documents.length]!, ++n));
        const elapsed = (performance.now() - started) / 1000;
        client.close();
        refused.push(latencies.filter(Number.isNaN).length);
        sequential.push(...latencies.filter((l) => !Number.isNaN(l)));
        log(`  ${integer(WRITES / elapsed)} reads and writes per second`);

        log(`run ${run}/${runs}: writes, four writers on distinct sheets`);
        const pool = Array.from({ length: 4 }, (_, i) => new HttpClient(`127.0.0.${20 + i}`));
        const result = await closedLoop(4, 10, async (c, turn) => {
          const ms = await revise(pool[c]!, service.origin, documents[(turn * 7 + c) % documents.length]!, ++n);
          if (!Number.isNaN(ms)) concurrent.push(ms);
          return !Number.isNaN(ms);
        });
        pool.forEach((c) => c.close());
        log(`  ${integer(result.perSecond)} writes per second (with their reads), ${result.failed} refused`);
        floors.push(...await fdatasyncFloor(2048, WRITES));

        log(`run ${run}/${runs}: a reload under ${READERS} readers`);
        const readers = Array.from({ length: READERS }, (_, i) => new HttpClient(`127.0.0.${40 + i}`));
        const samples: { at: number; ms: number; ok: boolean }[] = [];
        let reading = true;
        const paths = documents.slice(0, 500).flatMap((d) => [`/doc/${d}.html`, `/doc/${d}.jsonld`]);
        const load = Promise.all(readers.map(async (reader, r) => {
          for (let i = r; reading; i += READERS) {
            const t0 = performance.now();
            const response = await reader.send({ url: `${service.origin}${paths[i % paths.length]}` }).catch(() => ({ status: 0, ms: performance.now() - t0 }));
            samples.push({ at: t0, ms: response.ms, ok: response.status === 200 });
          }
        }));
        await new Promise((r) => setTimeout(r, 3000));
        const places = join(dataset.dir, '3-places.ttl');
        appendFileSync(places, `\n<id/place/bench-reload-${run}> a <http://purl.org/dc/terms/Location> ; <http://www.w3.org/2004/02/skos/core#prefLabel> "Lieu ${run}"@fr .\n`);
        const reloadStarted = performance.now();
        const reload = await fetch(`${service.origin}/admin/reload`, { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}` } });
        const outcome = await reload.json() as { status: string; seconds?: number };
        const reloadEnded = performance.now();
        await new Promise((r) => setTimeout(r, 3000));
        reading = false;
        await load;
        readers.forEach((r) => r.close());
        if (outcome.status !== 'published') throw new Error(`the reload was not published: ${JSON.stringify(outcome)}`);
        const before = samples.filter((s) => s.at < reloadStarted);
        const during = samples.filter((s) => s.at >= reloadStarted && s.at <= reloadEnded + 1500);
        const p99Before = percentile(before.map((s) => s.ms), 99);
        reloads.push({
          seconds: (reloadEnded - reloadStarted) / 1000, during: during.length, failed: samples.filter((s) => !s.ok).length,
          slowed: during.filter((s) => s.ms > Math.max(1000, 10 * p99Before)).length, p99Before, p99During: percentile(during.map((s) => s.ms), 99),
        });
        log(`  reloaded in ${reloads.at(-1)!.seconds.toFixed(1)} s; ${reloads.at(-1)!.failed} failed requests`);
      }
      // The data directory's generated file is left as found.
      writeFileSync(join(dataset.dir, '3-places.ttl'), readFileSync(join(dataset.dir, '3-places.ttl'), 'utf8').replace(/\n<id\/place\/bench-reload-\d+>[^\n]*\n/g, ''));

      const floor = median(floors);
      log('');
      log(`publishing on ${integer(dataset.triples)} triples (${runs} runs; medians over all writes)`);
      log(table([
        ['curators\' writes (PUT, validated, journaled, applied)', 'median ms', 'p99 ms', 'vs fdatasync alone'],
        ['one writer', median(sequential).toFixed(1), percentile(sequential, 99).toFixed(1), ratio(median(sequential) / floor)],
        ['four writers', median(concurrent).toFixed(1), percentile(concurrent, 99).toFixed(1), ratio(median(concurrent) / floor)],
        ['fdatasync of 2 KB alone (the floor)', floor.toFixed(2), percentile(floors, 99).toFixed(2), '1.00×'],
      ]));
      log(`  writes per second, one writer: ${integer(1000 / median(sequential))}; refused: ${refused.reduce((a, b) => a + b, 0)}`);
      log(table([
        ['reload under 16 readers', 'seconds', 'vs first build', 'requests during', 'failed', 'slowed', 'p99 before ms', 'p99 during ms'],
        ...reloads.map((r, i) => [`run ${i + 1}`, r.seconds.toFixed(1), ratio(r.seconds / buildSeconds), integer(r.during), String(r.failed),
          String(r.slowed), r.p99Before.toFixed(0), r.p99During.toFixed(0)]),
      ]));
      log(`  no request failed during a reload: ${verdict(reloads.every((r) => r.failed === 0))}`);
    } finally {
      await service.stop();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
