/**
 * What the service is doing: loading its data, serving it, or refusing to publish it. The HTTP
 * server listens from the start and every route reads this state, so that a large dataset can
 * load while the home page shows the progress.
 */
import type { QuadBatch } from '../rdf/parse.js';
import type { Store } from '../store/store.js';
import type { BuildProgress, BuildReport, SourceFile } from './build.js';
import type { Publishing } from './versions/publishing.js';

export interface ReadyStatus {
  readonly phase: 'ready';
  readonly store: Store;
  readonly build: BuildReport;
  /**
   * The version's id in the change log: changes whenever other data is published (cached results
   * of an older version are stale), never otherwise. The first version read from the files is
   * named by a digest of them, so that the same files keep the same name (and ETags) across
   * restarts without a journal.
   */
  readonly dataVersion: string;
  /**
   * The dataVersion of the version `sources` were built for. A curator's write changes the store
   * by an update, not its sources: until the store is rebuilt (a few seconds after the last
   * write), what is derived from the sources (dumps, VoID, the catalogue) stays that version's.
   */
  readonly sourcesVersion: string;
  /** The number of the version in the change log (1, 2, 3…). */
  readonly version: number;
  /** Number of things of each kind (class IRI → count), for the home page. */
  readonly counts: Readonly<Record<string, number>>;
  readonly triples: number;
  readonly readyAt: Date;
  /**
   * Everything the store held when built, as it was loaded: data, ontology and shapes,
   * materialised parts, the audit trail (curators' writes since are not in them: see sourcesVersion).
   */
  readonly sources: readonly SourceFile[];
  /** The data files as they were read, published under /download/sources/ (what records were derived from). */
  readonly dataFiles: readonly SourceFile[];
  /** When the sources' data last changed: the same across restarts while it does not. */
  readonly dataModified: Date;
}

export type ServiceStatus =
  | { readonly phase: 'loading'; readonly progress?: BuildProgress }
  | ReadyStatus
  | { readonly phase: 'failed'; readonly reason: string };

/**
 * A part of the service that derives something from each version as it is built (the reader's
 * collection and search index), so that it is ready when the version is published rather than
 * read back from the store after.
 */
export interface BuildTap {
  /** Every quad of the data the gate reads, batch by batch (a source the gate reads twice gives its quads twice). */
  quads(batch: QuadBatch): void;
  /** The gate accepted the data and the store holds it: it will be published unless materialising it fails. */
  accepted(): void;
}

export class ServiceState {
  status: ServiceStatus = { phase: 'loading' };
  /** What changes the published data (reloads, curators' writes) and its change log, once publishing has started. */
  publisher: Publishing | undefined;
  private readonly buildTaps: ((store: Store) => BuildTap)[] = [];

  /** Taps the build of every version from now on; `open` is given the store the version is built into (its status's store). */
  tapBuilds(open: (store: Store) => BuildTap): void {
    this.buildTaps.push(open);
  }

  /** The taps of a build into `store`. */
  openBuildTaps(store: Store): BuildTap[] {
    return this.buildTaps.map((open) => open(store));
  }

  /** The store, when the data is published; undefined while loading or after a refusal. */
  get store(): Store | undefined {
    return this.status.phase === 'ready' ? this.status.store : undefined;
  }
}
