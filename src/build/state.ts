/**
 * What the service is doing: loading its data, serving it, or refusing to publish it. The HTTP
 * server listens from the start and every route reads this state, so that a large dataset can
 * load while the home page shows the progress.
 */
import type { Store } from '../store/store.js';
import type { BuildProgress, BuildReport } from './build.js';
import type { Publishing } from './versions/publishing.js';

export interface ReadyStatus {
  readonly phase: 'ready';
  readonly store: Store;
  readonly build: BuildReport;
  /** Changes whenever other data is published: cached results of an older version are stale. */
  readonly dataVersion: string;
  /** The number of the version in the change log (1, 2, 3…). */
  readonly version: number;
  /** Number of things of each kind (class IRI → count), for the home page. */
  readonly counts: Readonly<Record<string, number>>;
  readonly triples: number;
  readonly readyAt: Date;
}

export type ServiceStatus =
  | { readonly phase: 'loading'; readonly progress?: BuildProgress }
  | ReadyStatus
  | { readonly phase: 'failed'; readonly reason: string };

export class ServiceState {
  status: ServiceStatus = { phase: 'loading' };
  /** What changes the published data (reloads, curators' writes) and its change log, once publishing has started. */
  publisher: Publishing | undefined;

  /** The store, when the data is published; undefined while loading or after a refusal. */
  get store(): Store | undefined {
    return this.status.phase === 'ready' ? this.status.store : undefined;
  }
}
