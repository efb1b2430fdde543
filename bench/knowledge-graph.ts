/**
 * The knowledge-graph suite: generated data of about 100k and 1M triples, parsed, validated and
 * loaded, each figure beside the bare Oxigraph load of the same bytes measured in the same run.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from '../src/generate/generator.js';
import type { Measurement } from './measure.js';
import { integer, median, megabytes, ratio, table, verdict } from './report.js';

interface Size { readonly label: string; readonly documents: number }

/** Document counts that the generator turns into about 100k and 1M triples. */
export const SIZES: readonly Size[] = [
  { label: '100k', documents: 3_700 },
  { label: '1M', documents: 53_000 },
];

const TASKS = ['bare-load', 'build', 'parse', 'validate-streaming', 'validate-preparsed'] as const;
type TaskName = (typeof TASKS)[number] | 'reference-validate' | 'validate-bounded';

const MEASURE = new URL('./measure.js', import.meta.url).pathname;
/**
 * Every measurement runs with the flags of `npm start`: on two cores, V8's parallel garbage
 * collection competes with the store's worker thread, and single-threaded collection made both
 * the bare load and the build faster here.
 */
export const NODE_FLAGS = ['--single-threaded-gc'];
/** The heap in which validation must still run at the largest size, to show its memory is bounded. */
const BOUNDED_HEAP_MB = 96;

function measure(task: TaskName, args: { files: string[]; dataDir: string }, heapMb?: number): Promise<Measurement | Error> {
  const flags = ['--expose-gc', ...NODE_FLAGS, ...(heapMb ? [`--max-old-space-size=${heapMb}`] : [])];
  return new Promise((resolve) => {
    execFile(process.execPath, [...flags, MEASURE, task, JSON.stringify(args)], { maxBuffer: 1 << 20, timeout: 15 * 60_000 }, (error, stdout, stderr) => {
      if (error) resolve(new Error(`${task} failed: ${stderr.trim().split('\n').slice(-2).join(' ') || error.message}`));
      else resolve(JSON.parse(stdout) as Measurement);
    });
  });
}

interface Dataset { readonly size: Size; readonly dir: string; readonly files: string[]; readonly bytes: number; readonly triples: number }

/** Generates the dataset of a size (seed 42) under `root`. */
export function prepareDataset(size: Size, root: string): Dataset {
  const dir = join(root, size.label);
  const result = generate({ documents: size.documents, seed: 42, outDir: dir });
  const files = readdirSync(dir).filter((f) => f.endsWith('.ttl')).sort().map((f) => join(dir, f));
  return { size, dir, files, bytes: files.reduce((sum, f) => sum + statSync(f).size, 0), triples: result.triples };
}

export async function runKnowledgeGraphSuite(runs: number, log: (line: string) => void): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'citego-bench-'));
  try {
    log(`generating data: ${SIZES.map((s) => `${s.label} (${integer(s.documents)} documents)`).join(', ')}`);
    const datasets = SIZES.map((size) => prepareDataset(size, root));
    const results = new Map<string, Measurement[]>();
    const failures = new Map<string, string>();
    const record = (dataset: Dataset, task: TaskName, outcome: Measurement | Error) => {
      const key = `${dataset.size.label}/${task}`;
      if (outcome instanceof Error) failures.set(key, outcome.message);
      else results.set(key, [...(results.get(key) ?? []), outcome]);
    };
    // Side by side: every run measures every task on every size before the next run starts, so
    // that a noisy moment of the machine touches all figures alike.
    for (let run = 1; run <= runs; run++) {
      for (const dataset of datasets) {
        for (const task of TASKS) {
          log(`run ${run}/${runs}: ${dataset.size.label} ${task}`);
          record(dataset, task, await measure(task, { files: dataset.files, dataDir: dataset.dir }));
        }
      }
    }
    const large = datasets[datasets.length - 1]!;
    for (let run = 1; run <= runs; run++) {
      log(`run ${run}/${runs}: ${large.size.label} validate-streaming in a ${BOUNDED_HEAP_MB} MB heap`);
      record(large, 'validate-bounded', await measure('validate-streaming', { files: large.files, dataDir: large.dir }, BOUNDED_HEAP_MB));
    }
    // The reference engine holds the whole graph: it is measured on the small size only, in a
    // 4 GB heap as in the design notes (it ran out of that heap at 400k triples there).
    const small = datasets[0]!;
    for (let run = 1; run <= runs; run++) {
      log(`run ${run}/${runs}: ${small.size.label} reference-validate`);
      record(small, 'reference-validate', await measure('reference-validate', { files: small.files, dataDir: small.dir }, 4096));
    }
    log('');
    log(report(datasets, results, failures, runs));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function report(datasets: readonly Dataset[], results: Map<string, Measurement[]>, failures: Map<string, string>, runs: number): string {
  const stat = (dataset: Dataset, task: TaskName) => {
    const list = results.get(`${dataset.size.label}/${task}`) ?? [];
    return {
      seconds: median(list.map((m) => m.seconds)),
      rate: median(list.map((m) => m.triples / m.seconds)),
      peak: median(list.map((m) => m.peakRssBytes)),
      growth: median(list.map((m) => m.rssGrowthBytes ?? Number.NaN)),
      triples: median(list.map((m) => m.triples)),
      conforms: list.every((m) => m.conforms !== false),
      detail: (name: string) => median(list.map((m) => m.detail?.[name] ?? Number.NaN)),
    };
  };
  const header = ['', ...datasets.flatMap((d) => [`${d.size.label}: triples/s`, 'seconds', 'peak RSS'])];
  const row = (label: string, task: TaskName) => [label, ...datasets.flatMap((d) => {
    const s = stat(d, task);
    return Number.isFinite(s.rate) ? [integer(s.rate), s.seconds.toFixed(2), megabytes(s.peak)] : ['-', '-', '-'];
  })];
  const lines: string[] = [];
  lines.push(`== knowledge graph: parse, validate, load (medians of ${runs} runs, each in its own process) ==`);
  lines.push(datasets.map((d) => `${d.size.label}: ${integer(d.triples)} triples, ${megabytes(d.bytes)} of Turtle in ${d.files.length} files`).join('; '));
  lines.push(table([
    header,
    row('bare Oxigraph load (ceiling)', 'bare-load'),
    row('parse (N3, streamed)', 'parse'),
    row('validate alone (compiled SHACL)', 'validate-preparsed'),
    row('parse + validate (streamed)', 'validate-streaming'),
    row('build: parse + validate beside load', 'build'),
    row('reference SHACL, one pass (4 GB heap)', 'reference-validate'),
  ]));
  lines.push('');
  const [small, large] = [datasets[0]!, datasets[datasets.length - 1]!];
  for (const d of datasets) {
    const bare = stat(d, 'bare-load');
    const build = stat(d, 'build');
    const buildRatio = build.seconds / bare.seconds;
    lines.push(`build vs bare load, ${d.size.label}: ${build.seconds.toFixed(2)} s vs ${bare.seconds.toFixed(2)} s = ${ratio(buildRatio)} (target <= 1.5×: ${verdict(buildRatio <= 1.5)}); ` +
      `inside the build, validation took ${build.detail('validateSeconds').toFixed(2)} s beside a load of ${build.detail('loadSeconds').toFixed(2)} s`);
  }
  const validation = stat(large, 'validate-preparsed');
  const streamed = stat(large, 'validate-streaming');
  lines.push(`validation rate, ${large.size.label}: ${integer(validation.rate)} triples/s alone, ${integer(streamed.rate)} triples/s with parsing (target >= 200,000: ${verdict(validation.rate >= 200_000 && streamed.rate >= 200_000)})`);
  const tripleGrowth = large.triples / small.triples;
  const memoryGrowth = stat(large, 'validate-streaming').peak / stat(small, 'validate-streaming').peak;
  const bounded = stat(large, 'validate-bounded');
  lines.push(`validation memory: peak RSS ${megabytes(stat(small, 'validate-streaming').peak)} -> ${megabytes(stat(large, 'validate-streaming').peak)} (${ratio(memoryGrowth)}) for ${ratio(tripleGrowth)} the triples; ` +
    `${large.size.label} in a ${BOUNDED_HEAP_MB} MB heap: ${Number.isFinite(bounded.rate) ? `${integer(bounded.rate)} triples/s, peak RSS ${megabytes(bounded.peak)}` : 'failed'} ` +
    `(bounded: ${verdict(Number.isFinite(bounded.rate) && bounded.conforms)})`);
  const bareGrowth = stat(large, 'bare-load').seconds / stat(small, 'bare-load').seconds;
  const buildGrowth = stat(large, 'build').seconds / stat(small, 'build').seconds;
  lines.push(`load linearity (${large.size.label} / ${small.size.label}, ${ratio(tripleGrowth)} the triples): bare load ${ratio(bareGrowth)}, build ${ratio(buildGrowth)} (target <= 12×: ${verdict(buildGrowth <= 12 && bareGrowth <= 12)})`);
  for (const d of datasets) {
    const bare = stat(d, 'bare-load');
    const build = stat(d, 'build');
    lines.push(`store memory, ${d.size.label}: ${integer(bare.growth / bare.triples)} bytes/triple in bare Oxigraph (${megabytes(bare.growth)}, within the 4 GiB WebAssembly cap); ` +
      `the whole build grows the process by ${integer(build.growth / build.triples)} bytes/triple (store, source bytes kept for replicas, validator)`);
  }
  const invalid = datasets.filter((d) => !stat(d, 'build').conforms || !stat(d, 'validate-streaming').conforms);
  if (invalid.length) lines.push(`WARNING: generated data did not conform for ${invalid.map((d) => d.size.label).join(', ')}`);
  for (const [key, message] of failures) lines.push(`not measured: ${key}: ${message}`);
  return lines.join('\n');
}
