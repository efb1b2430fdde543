/**
 * The reader side's build beside the store's, in a process of its own so that its time and memory
 * are its own: `node dist/bench/reader-measure.js <data dir> store|reader` builds the store as
 * the service does (parse and validate beside the load, one replica) and prints one JSON line.
 *  - `store`: the store's build alone, its time and the growth of the process's memory.
 *  - `reader`: the same build with the reader's tap, as the service runs it: the collection is
 *    gathered from the quads the gate reads (the time spent in the tap is measured inside it),
 *    then made and the search index built, each timed, and the memory they hold measured.
 */
import { buildKnowledgeGraph } from '../src/build/build.js';
import { materialisedModel } from '../src/build/materialise.js';
import { CollectionGatherer } from '../src/collection/prepared.js';
import { loadConfig } from '../src/config.js';
import { SearchIndex } from '../src/features/search/search-index.js';
import { EmbeddedStore } from '../src/store/embedded-store.js';
import { loadValidationRules, type ValidationRules } from '../src/validation/gate.js';

export type MeasureMode = 'store' | 'reader';

export interface StoreMeasurement {
  readonly mode: 'store';
  readonly triples: number;
  readonly storeSeconds: number;
  /** Growth of the process's memory while the store was built (its WebAssembly memory, mostly). */
  readonly storeBytes: number;
  /** Growth of the JavaScript heap and array buffers the build leaves (what the reader's are measured beside). */
  readonly heapBytes: number;
}

export interface ReaderMeasurement {
  readonly mode: 'reader';
  readonly documents: number;
  /** The store's build with the reader's tap on it, and the time spent in the tap. */
  readonly buildSeconds: number;
  readonly tapSeconds: number;
  readonly collectionSeconds: number;
  readonly indexSeconds: number;
  /**
   * Growth of the JavaScript heap and array buffers since before the build, settled: once the facts are gathered,
   * once the collection is made from them, and once the search index is built. Less the growth
   * the store's build alone leaves, it is what the reader side holds.
   */
  readonly gatheredHeapBytes: number;
  readonly collectionHeapBytes: number;
  readonly indexHeapBytes: number;
}

const BASE = 'http://localhost:3000/';
/**
 * The memory held by JavaScript once what is no longer held is collected (twice, a turn of the
 * event loop apart: a first collection may free what holds more): the heap, and the array
 * buffers outside it (the collection stores its long texts in some).
 */
async function settle(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  await new Promise((resolve) => setImmediate(resolve));
  gc?.();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}
const since = (start: number): number => (performance.now() - start) / 1000;

/** The store's build with the reader's tap on it: the facts gathered, and the time the tap took. */
async function gather(rules: ValidationRules, dataDir: string, store: EmbeddedStore): Promise<{ gatherer?: CollectionGatherer; buildSeconds: number; tapSeconds: number }> {
  const gatherer = new CollectionGatherer(BASE, materialisedModel(rules));
  let tapSeconds = 0;
  const started = performance.now();
  await buildKnowledgeGraph({
    rules, dataDir, store,
    onQuads: (_source, batch) => {
      const entered = performance.now();
      gatherer.quads(batch);
      tapSeconds += (performance.now() - entered) / 1000;
    },
  });
  return { gatherer, buildSeconds: since(started), tapSeconds };
}

async function main(): Promise<void> {
  const [dataDir, mode] = process.argv.slice(2);
  if (!dataDir || (mode !== 'store' && mode !== 'reader')) throw new Error('usage: reader-measure.js <data dir> store|reader');
  const config = loadConfig({ BASE_IRI: BASE, DATA_DIR: dataDir });
  const rules = await loadValidationRules(config);
  // One replica and no other: the service would load its pages' replica once the build is done,
  // which is the store's work, not the reader side's; here it would take a processor from the
  // collection and the index while they are timed.
  const store = new EmbeddedStore({ replicas: 1, pageReplicas: 0, queryTimeoutMs: 600_000 });
  try {
    await store.started();
    if (mode === 'store') {
      const heapBefore = await settle();
      const rssBefore = process.memoryUsage.rss();
      const started = performance.now();
      await buildKnowledgeGraph({ rules, dataDir, store });
      const storeSeconds = since(started);
      const storeBytes = process.memoryUsage.rss() - rssBefore;
      const measurement: StoreMeasurement = { mode, triples: await store.size(), storeSeconds, storeBytes, heapBytes: (await settle()) - heapBefore };
      process.stdout.write(`${JSON.stringify(measurement)}\n`);
      return;
    }
    const heapBefore = await settle();
    const gathered = await gather(rules, dataDir, store);
    const gatheredHeapBytes = (await settle()) - heapBefore;
    const collectionStarted = performance.now();
    const collection = gathered.gatherer?.collection();
    const collectionSeconds = since(collectionStarted);
    // The facts gathered are let go once the collection is made, as the service lets them go.
    gathered.gatherer = undefined;
    if (!collection) throw new Error('no collection');
    const collectionHeapBytes = (await settle()) - heapBefore;
    const indexStarted = performance.now();
    const index = await SearchIndex.build(collection);
    const indexSeconds = since(indexStarted);
    const measurement: ReaderMeasurement = {
      mode, documents: collection.documents.length, buildSeconds: gathered.buildSeconds, tapSeconds: gathered.tapSeconds, collectionSeconds, indexSeconds,
      gatheredHeapBytes, collectionHeapBytes, indexHeapBytes: (await settle()) - heapBefore,
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
