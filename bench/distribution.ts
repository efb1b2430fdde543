/**
 * The distribution suite: each dump format written from about 1M generated triples (fewer with
 * BENCH_DISTRIBUTION_DOCUMENTS), each in a fresh process, beside the store's own N-Triples dump
 * of the same data: throughput in triples per second and peak memory, against the goals of
 * 200k triples/s and a peak under twice the memory of the loaded process. The last row writes
 * every file in one pass, as the service does for each version.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DUMP_FILES, TABLE_FILES } from '../src/features/distribution/dump.js';
import { prepareDataset, NODE_FLAGS } from './knowledge-graph.js';
import { integer, median, megabytes, ratio, table, verdict } from './report.js';

const MEASURE = new URL('./distribution-measure.js', import.meta.url).pathname;
const TASKS = ['store-dump', ...DUMP_FILES, TABLE_FILES[0], 'all'] as const;

interface DumpMeasurement { seconds: number; triples: number; loadedRss: number; peakRss: number }

function measure(task: string, dataDir: string): Promise<DumpMeasurement | Error> {
  return new Promise((resolve) => {
    execFile(process.execPath, [...NODE_FLAGS, MEASURE, task, dataDir], { maxBuffer: 1 << 20, timeout: 15 * 60_000 }, (error, stdout, stderr) => {
      if (error) resolve(new Error(`${task} failed: ${stderr.trim().split('\n').slice(-2).join(' ') || error.message}`));
      else resolve(JSON.parse(stdout.trim().split('\n').pop()!) as DumpMeasurement);
    });
  });
}

export async function runDistributionSuite(runs: number, log: (line: string) => void): Promise<void> {
  const documents = Number(process.env.BENCH_DISTRIBUTION_DOCUMENTS ?? 53_000);
  const root = mkdtempSync(join(tmpdir(), 'citego-bench-distribution-'));
  try {
    const dataset = prepareDataset({ label: 'distribution', documents }, root);
    log(`\ndistribution: ${integer(dataset.triples)} generated triples (${integer(documents)} documents), ${runs} run(s) per format, medians`);
    const rows: string[][] = [['dump', 'triples/s', 'ratio to store', 'peak memory', 'ratio to loaded', 'goals']];
    let storeRate = Number.NaN;
    for (const task of TASKS) {
      const results: DumpMeasurement[] = [];
      for (let run = 0; run < runs; run++) {
        const result = await measure(task, dataset.dir);
        if (result instanceof Error) {
          log(`  ${result.message}`);
          break;
        }
        results.push(result);
      }
      if (results.length === 0) continue;
      const rate = median(results.map((r) => r.triples / r.seconds));
      const peak = median(results.map((r) => r.peakRss));
      const memoryRatio = median(results.map((r) => r.peakRss / r.loadedRss));
      if (task === 'store-dump') storeRate = rate;
      rows.push([task === 'all' ? 'all files, one pass' : task, integer(rate), ratio(rate / storeRate), megabytes(peak), ratio(memoryRatio),
        task === 'store-dump' ? '(peer)' : verdict(rate >= 200_000 && memoryRatio < 2)]);
    }
    log(table(rows));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
