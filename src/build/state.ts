/**
 * What the service is doing: loading its data, serving it, or refusing to publish it. The HTTP
 * server listens from the start and every route reads this state, so that a large dataset can
 * load while the home page shows the progress.
 */
import type { Store } from '../store/store.js';
import type { BuildProgress, BuildReport, SourceFile } from './build.js';

export interface ReadyStatus {
  readonly phase: 'ready';
  readonly store: Store;
  readonly build: BuildReport;
  /** A digest of the data: changes whenever other data is published (cached results of an older version are stale), never otherwise. */
  readonly dataVersion: string;
  /** Number of things of each kind (class IRI → count), for the home page. */
  readonly counts: Readonly<Record<string, number>>;
  readonly triples: number;
  readonly readyAt: Date;
  /** Everything the store holds, as it was loaded: data, ontology and shapes, materialised parts. */
  readonly sources: readonly SourceFile[];
  /** When the data's files last changed: the same across restarts while they do not. */
  readonly dataModified: Date;
}

export type ServiceStatus =
  | { readonly phase: 'loading'; readonly progress?: BuildProgress }
  | ReadyStatus
  | { readonly phase: 'failed'; readonly reason: string };

export class ServiceState {
  status: ServiceStatus = { phase: 'loading' };

  /** The store, when the data is published; undefined while loading or after a refusal. */
  get store(): Store | undefined {
    return this.status.phase === 'ready' ? this.status.store : undefined;
  }
}
