/**
 * The reader side's build beside the store's, in a process of its own so that its time and memory
 * are its own: `node dist/bench/reader-measure.js <data dir>` builds the store as the service does
 * (parse and validate beside the load, one replica), then reads the collection from it and builds
 * the search index, and prints one JSON line: seconds and memory of each.
 */
import { buildKnowledgeGraph } from '../src/build/build.js';
import { Collection } from '../src/collection/collection.js';
import { PropertyReader } from '../src/collection/read.js';
import { loadConfig } from '../src/config.js';
import { SearchIndex } from '../src/features/search/search-index.js';
import { QueryCatalogue } from '../src/queries/catalogue.js';
import { EmbeddedStore } from '../src/store/embedded-store.js';
import { loadValidationRules } from '../src/validation/gate.js';
import { join } from 'node:path';

export interface ReaderMeasurement {
  readonly triples: number;
  readonly documents: number;
  readonly storeSeconds: number;
  /** Growth of the process's memory while the store was built (its WebAssembly memory, mostly). */
  readonly storeBytes: number;
  readonly readSeconds: number;
  readonly indexSeconds: number;
  /** JavaScript heap held by the collection read for readers, and by the search index on top of it. */
  readonly collectionBytes: number;
  readonly indexBytes: number;
}

const BASE = 'http://localhost:3000/';
const settle = (): number => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
};

async function main(): Promise<void> {
  const dataDir = process.argv[2];
  if (!dataDir) throw new Error('usage: reader-measure.js <data dir>');
  const config = loadConfig({ BASE_IRI: BASE, DATA_DIR: dataDir });
  const rules = await loadValidationRules(config);
  const queries = QueryCatalogue.load(join(config.sparqlDir, 'service'));
  const store = new EmbeddedStore({ replicas: 1, queryTimeoutMs: 600_000 });
  try {
    await store.started();
    const rssBefore = process.memoryUsage.rss();
    const storeStarted = performance.now();
    await buildKnowledgeGraph({ rules, dataDir, store });
    const storeSeconds = (performance.now() - storeStarted) / 1000;
    const storeBytes = process.memoryUsage.rss() - rssBefore;

    const heapBefore = settle();
    const readStarted = performance.now();
    const collection = await Collection.read(store, new PropertyReader(queries, BASE), BASE);
    const readSeconds = (performance.now() - readStarted) / 1000;
    const heapWithCollection = settle();
    const indexStarted = performance.now();
    const index = await SearchIndex.build(collection);
    const indexSeconds = (performance.now() - indexStarted) / 1000;
    const heapWithIndex = settle();
    const measurement: ReaderMeasurement = {
      triples: await store.size(), documents: collection.documents.length, storeSeconds, storeBytes, readSeconds, indexSeconds,
      collectionBytes: heapWithCollection - heapBefore, indexBytes: heapWithIndex - heapWithCollection,
    };
    // Keep the index alive until it is measured.
    if (!index.collection) throw new Error('no index');
    process.stdout.write(`${JSON.stringify(measurement)}\n`);
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`reader-measure: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
