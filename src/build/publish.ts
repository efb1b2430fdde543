/**
 * Publishing: the first version of the data made current, by the publisher that then keeps it
 * up to date (reloads of the files, curators' writes), each change a new version with its own
 * `dataVersion`. Each version is materialised (standard types, links, records' provenance) before
 * it is made current. `npm start`, `npm run dump` and the tests publish the same way.
 */
import type { QueryCatalogue } from '../queries/catalogue.js';
import type { Store } from '../store/store.js';
import type { ValidationRules } from '../validation/gate.js';
import type { BuildProgress } from './build.js';
import type { ReadyStatus, ServiceState } from './state.js';
import { Publisher } from './versions/publisher.js';

export interface PublishOptions {
  readonly rules: ValidationRules;
  readonly queries: QueryCatalogue;
  readonly dataDir: string;
  readonly store: Store;
  readonly state: ServiceState;
  readonly onProgress?: (progress: BuildProgress) => void;
  /** The journal's directory; without it versions live in memory and curators' writes are refused. */
  readonly stateDir?: string;
  /** A new, empty store for each reload (by default an embedded store). */
  readonly makeStore?: () => Store;
  /** Reload when the files of the data directory change. */
  readonly watch?: boolean;
  readonly log?: (message: string) => void;
}

/**
 * Builds and publishes the data; the state says loading (with the progress) meanwhile. Throws
 * what the build throws (invalid data, a syntax error…) and leaves the state to the caller then.
 */
export async function publish(options: PublishOptions): Promise<ReadyStatus> {
  await Publisher.start(options);
  const status = options.state.status;
  if (status.phase !== 'ready') throw new Error('the publisher started without publishing a version');
  return status;
}
