/**
 * One measurement, run in a process of its own so that its time and peak memory are its own:
 * `node dist/bench/measure.js <task> <json arguments>` prints one JSON result line.
 */
import { readFileSync } from 'node:fs';
import oxigraph from 'oxigraph';
import { buildKnowledgeGraph } from '../src/build/build.js';
import { loadConfig } from '../src/config.js';
import { formatOfFile } from '../src/rdf/formats.js';
import { parseRdfFile, type QuadBatch } from '../src/rdf/parse.js';
import { EmbeddedStore } from '../src/store/embedded-store.js';
import type { QuadSource } from '../src/validation/compiled-validator.js';
import { createGate, fileSource, loadValidationRules } from '../src/validation/gate.js';

export interface Measurement {
  readonly triples: number;
  readonly seconds: number;
  readonly peakRssBytes: number;
  /** Growth of the resident set while loading, for the bytes a triple takes in the store. */
  readonly rssGrowthBytes?: number;
  readonly conforms?: boolean;
  readonly detail?: Readonly<Record<string, number>>;
}

const BASE = 'http://localhost:3000/';
const peakRss = (): number => process.resourceUsage().maxRSS * 1024;
const seconds = (since: number): number => (performance.now() - since) / 1000;
const settle = (): void => { (globalThis as { gc?: () => void }).gc?.(); };

type Task = (args: { files: string[]; dataDir: string }) => Promise<Measurement>;

const TASKS: Record<string, Task> = {
  /** The ceiling: Oxigraph loading the same bytes, in 1 MiB chunks, with nothing around it. */
  async 'bare-load'({ files }) {
    const contents = files.map((file) => ({ bytes: readFileSync(file), format: formatOfFile(file).mediaType }));
    settle();
    const rssBefore = process.memoryUsage.rss();
    const started = performance.now();
    const store = new oxigraph.Store();
    for (const { bytes, format } of contents) {
      const chunks = function* () {
        for (let i = 0; i < bytes.length; i += 1 << 20) yield bytes.subarray(i, Math.min(bytes.length, i + (1 << 20)));
      };
      store.load(chunks(), { format, base_iri: BASE });
    }
    const elapsed = seconds(started);
    return { triples: store.size, seconds: elapsed, peakRssBytes: peakRss(), rssGrowthBytes: process.memoryUsage.rss() - rssBefore };
  },

  async parse({ files }) {
    const started = performance.now();
    let triples = 0;
    for (const file of files) triples += await parseRdfFile(file, { baseIRI: BASE }, () => {});
    return { triples, seconds: seconds(started), peakRssBytes: peakRss() };
  },

  /** Parse and validate as the build does, streaming: the memory figure that must stay bounded. */
  async 'validate-streaming'({ files }) {
    const gate = createGate(await loadValidationRules(loadConfig({ BASE_IRI: BASE })), 'compiled');
    const started = performance.now();
    const outcome = await gate.validate(files.map((file) => fileSource(file, BASE)));
    return { triples: outcome.triples, seconds: seconds(started), peakRssBytes: peakRss(), conforms: outcome.conforms };
  },

  /** Validation alone: the quads are parsed beforehand and replayed from memory. */
  async 'validate-preparsed'({ files }) {
    const gate = createGate(await loadValidationRules(loadConfig({ BASE_IRI: BASE })), 'compiled');
    const parsed: { name: string; batches: QuadBatch[] }[] = [];
    for (const file of files) {
      const batches: QuadBatch[] = [];
      await parseRdfFile(file, { baseIRI: BASE }, (batch) => batches.push(batch));
      parsed.push({ name: file, batches });
    }
    const sources: QuadSource[] = parsed.map(({ name, batches }) => ({ name, read: async (onBatch) => { batches.forEach(onBatch); } }));
    settle();
    const started = performance.now();
    const outcome = await gate.validate(sources);
    return { triples: outcome.triples, seconds: seconds(started), peakRssBytes: peakRss(), conforms: outcome.conforms };
  },

  /** The whole build as `npm start` runs it: read, parse + validate beside the store's load. */
  async build({ dataDir }) {
    const rules = await loadValidationRules(loadConfig({ BASE_IRI: BASE }));
    const store = new EmbeddedStore({ replicas: 1 });
    // The bare load does not count compiling Oxigraph either; npm start overlaps it with start-up.
    await store.started();
    settle();
    const rssBefore = process.memoryUsage.rss();
    const started = performance.now();
    const report = await buildKnowledgeGraph({ rules, dataDir, store });
    const elapsed = seconds(started);
    const triples = await store.size();
    const rssGrowthBytes = process.memoryUsage.rss() - rssBefore;
    await store.close();
    return {
      triples, seconds: elapsed, peakRssBytes: peakRss(), rssGrowthBytes, conforms: report.outcome.conforms,
      detail: { validateSeconds: report.seconds.validate, loadSeconds: report.seconds.load },
    };
  },

  /** The reference engine in one pass, for comparison (it holds the whole graph in memory). */
  async 'reference-validate'({ files }) {
    const gate = createGate(await loadValidationRules(loadConfig({ BASE_IRI: BASE })), 'reference');
    const started = performance.now();
    const outcome = await gate.validate(files.map((file) => fileSource(file, BASE)));
    return { triples: outcome.triples, seconds: seconds(started), peakRssBytes: peakRss(), conforms: outcome.conforms };
  },
};

const [task, json] = process.argv.slice(2);
const run = task ? TASKS[task] : undefined;
if (!run || !json) {
  process.stderr.write(`usage: measure.js <${Object.keys(TASKS).join('|')}> '<json arguments>'\n`);
  process.exit(2);
}
run(JSON.parse(json) as { files: string[]; dataDir: string }).then(
  (measurement) => { process.stdout.write(`${JSON.stringify(measurement)}\n`); process.exit(0); },
  (error: unknown) => { process.stderr.write(`${(error as Error).stack ?? String(error)}\n`); process.exit(1); },
);
