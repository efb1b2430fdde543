/**
 * Publishing: the build of the data directory into a store, then what the service shows of it
 * counted once (things of each kind, triples), and the state switched to ready with a new
 * version. `npm start` and the tests publish the same way.
 */
import { randomUUID } from 'node:crypto';
import type { QueryCatalogue } from '../queries/catalogue.js';
import type { Store } from '../store/store.js';
import type { ValidationRules } from '../validation/gate.js';
import { buildKnowledgeGraph, type BuildProgress } from './build.js';
import type { ReadyStatus, ServiceState } from './state.js';

export interface PublishOptions {
  readonly rules: ValidationRules;
  readonly queries: QueryCatalogue;
  readonly dataDir: string;
  readonly store: Store;
  readonly state: ServiceState;
  readonly onProgress?: (progress: BuildProgress) => void;
}

async function countHoldings(store: Store, queries: QueryCatalogue, baseIRI: string) {
  const counts: Record<string, number> = {};
  for (const row of await store.select(queries.get('collection-counts'), { baseIRI })) {
    counts[row.kind!.value] = Number(row.count!.value);
  }
  const [total] = await store.select(queries.get('triple-count'), { baseIRI });
  return { counts, triples: Number(total?.triples?.value ?? 0) };
}

/**
 * Builds and publishes the data; the state says loading (with the progress) meanwhile. Throws
 * what the build throws (invalid data, a syntax error…) and leaves the state to the caller then.
 */
export async function publish(options: PublishOptions): Promise<ReadyStatus> {
  const { rules, queries, store, state } = options;
  const build = await buildKnowledgeGraph({
    rules, dataDir: options.dataDir, store,
    onProgress: (progress) => {
      state.status = { phase: 'loading', progress };
      options.onProgress?.(progress);
    },
  });
  const { counts, triples } = await countHoldings(store, queries, rules.baseIRI);
  // Last-Modified has a one-second resolution: a version is ready from the second it starts.
  const readyAt = new Date(Math.floor(Date.now() / 1000) * 1000);
  const ready: ReadyStatus = { phase: 'ready', store, build, counts, triples, readyAt, dataVersion: randomUUID() };
  state.status = ready;
  return ready;
}
