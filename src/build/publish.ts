/**
 * Publishing: the build of the data directory into a store, the parts the build computes
 * (materialised types, links and records), then what the service shows of it counted once
 * (things of each kind, triples), and the state switched to ready with a new version. The
 * version's name is a digest of everything the store holds, so that the same data keeps the same
 * name, and the same ETags, across restarts. `npm start`, `npm run dump` and the tests publish
 * the same way.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { QueryCatalogue } from '../queries/catalogue.js';
import type { Store } from '../store/store.js';
import type { ValidationRules } from '../validation/gate.js';
import { buildKnowledgeGraph, type BuildProgress, type SourceFile } from './build.js';
import { materialise } from './materialise.js';
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
 * A digest of what a version is made of: its base IRI, each file's name (not the directory it
 * was read from), graph and bytes, and what computed the materialised parts from them (which
 * depends on nothing else, blank nodes' labels aside).
 */
export function versionDigest(baseIRI: string, files: readonly SourceFile[], materialisation: string): string {
  const hash = createHash('sha256').update(baseIRI);
  for (const file of files) hash.update(`\n${basename(file.name)}\n${file.graph ?? ''}\n${file.bytes.length}\n`).update(file.bytes);
  return hash.update(`\n${materialisation}`).digest('base64url').slice(0, 22);
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
  const materialised = await materialise(store, rules, queries, build);
  const sources = [...build.sources, ...materialised.parts];
  const { counts, triples } = await countHoldings(store, queries, rules.baseIRI);
  // Last-Modified has a one-second resolution: a version is ready from the second it starts.
  const readyAt = new Date(Math.floor(Date.now() / 1000) * 1000);
  const ready: ReadyStatus = {
    phase: 'ready', store, build, counts, triples, readyAt, sources,
    dataModified: build.filesModified,
    dataVersion: versionDigest(rules.baseIRI, build.sources, materialised.definition),
  };
  state.status = ready;
  return ready;
}
