/**
 * One distribution measurement in a fresh process: publishes the data of a directory into the
 * embedded store as the service does, then writes one dump as the service does (the job
 * prepared on this thread, the files written by the dump worker), or asks the store for its own
 * N-Triples dump of the same data, timing it and sampling the process's resident memory. The
 * task `all` writes every file in one pass, as the service does. Prints a JSON line: seconds,
 * triples, the memory of the loaded process and the peak during the dump.
 */
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { publish } from '../src/build/publish.js';
import { datasetIri } from '../src/build/materialise.js';
import { ServiceState } from '../src/build/state.js';
import { loadConfig } from '../src/config.js';
import { dumpJob, writeDumpsInWorker } from '../src/features/distribution/dumps.js';
import { QueryCatalogue } from '../src/queries/catalogue.js';
import { EmbeddedStore } from '../src/store/embedded-store.js';
import { loadValidationRules } from '../src/validation/gate.js';

const [task = '', dataDir = ''] = process.argv.slice(2);
const config = loadConfig({ BASE_IRI: 'http://localhost:3000/', DATA_DIR: dataDir });
const rules = await loadValidationRules(config);
const store = new EmbeddedStore({ replicas: 1 });
const queries = QueryCatalogue.load(join(config.sparqlDir, 'service'));
const state = new ServiceState();
const ready = await publish({ rules, queries, dataDir: config.dataDir, store, state });
const loadedRss = process.memoryUsage().rss;
let peakRss = loadedRss;
const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 20);
const dir = mkdtempSync(join(tmpdir(), 'citego-bench-dump-'));
const started = performance.now();
let triples = ready.triples;
let seconds = 0;
try {
  if (task === 'store-dump') {
    triples = (await store.dump('application/n-triples')).length > 0 ? ready.triples : 0;
  } else {
    const job = dumpJob(ready, {
      root: dir, baseIRI: config.baseIRI, dataset: datasetIri(config.baseIRI), licence: config.dataLicence, queries,
      publishedGraph: (version) => state.publisher?.publishedGraph(version),
    }, dir);
    const manifest = await writeDumpsInWorker({ ...job, input: { ...job.input, only: task === 'all' ? undefined : [task] } });
    triples = manifest.statistics.triples;
  }
  seconds = (performance.now() - started) / 1000;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
await state.publisher?.close();
await store.close();
process.stdout.write(`${JSON.stringify({ seconds, triples, loadedRss, peakRss })}\n`);
process.exit(0);
