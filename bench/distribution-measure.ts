/**
 * One distribution measurement in a fresh process: publishes the data of a directory into the
 * embedded store as the service does, then writes one dump (or asks the store for its own
 * N-Triples dump of the same data), timing it and sampling the process's resident memory.
 * Prints a JSON line: seconds, triples, the memory of the loaded process and the peak during the dump.
 */
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { publish } from '../src/build/publish.js';
import { datasetIri } from '../src/build/materialise.js';
import { ServiceState } from '../src/build/state.js';
import { loadConfig } from '../src/config.js';
import { dumpInput } from '../src/features/distribution/dumps.js';
import { writeDumps } from '../src/features/distribution/dump.js';
import { QueryCatalogue } from '../src/queries/catalogue.js';
import { EmbeddedStore } from '../src/store/embedded-store.js';
import { loadValidationRules } from '../src/validation/gate.js';

const [task = '', dataDir = ''] = process.argv.slice(2);
const config = loadConfig({ BASE_IRI: 'http://localhost:3000/', DATA_DIR: dataDir });
const rules = await loadValidationRules(config);
const store = new EmbeddedStore({ replicas: 1 });
const queries = QueryCatalogue.load(join(config.sparqlDir, 'service'));
const ready = await publish({ rules, queries, dataDir: config.dataDir, store, state: new ServiceState() });
const loadedRss = process.memoryUsage().rss;
let peakRss = loadedRss;
const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 20);
const started = performance.now();
let triples = ready.triples;
if (task === 'store-dump') {
  triples = (await store.dump('application/n-triples')).length > 0 ? ready.triples : 0;
} else {
  const dir = mkdtempSync(join(tmpdir(), 'citego-bench-dump-'));
  const input = await dumpInput(ready, { root: dir, baseIRI: config.baseIRI, dataset: datasetIri(config.baseIRI), licence: config.dataLicence, queries }, dir);
  const manifest = await writeDumps({ ...input, only: [task] });
  triples = manifest.statistics.triples;
}
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
await store.close();
process.stdout.write(`${JSON.stringify({ seconds, triples, loadedRss, peakRss })}\n`);
process.exit(0);
