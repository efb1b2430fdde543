/**
 * The triple index of the version being served, prepared once per version: as soon as a version
 * is published (the state is watched), or on the first request that needs it, whichever comes
 * first. Requests arriving while it is prepared wait for the same preparation; a new version
 * (another dataVersion) replaces it, and what was derived from the old one goes with it.
 */
import type { ReadyStatus, ServiceState } from '../../build/state.js';
import type { QueryCatalogue } from '../../queries/catalogue.js';
import { TripleIndex } from './triple-index.js';

export interface IndexedVersion {
  readonly status: ReadyStatus;
  readonly index: TripleIndex;
  /** The ontology's triples (its own graph, beside the data): the class hierarchy and the classes' labels. */
  readonly model: TripleIndex;
  /** Seconds the preparation took. */
  readonly seconds: number;
  /** Something computed once from this version (the OAI-PMH records, say), kept with it. */
  derived<T>(name: string, compute: (version: IndexedVersion) => T): T;
}

/** How often the state is looked at for a new version, in milliseconds. */
const WATCH_INTERVAL_MS = 500;
/** Reading every triple takes seconds at a million triples: far more than a visitor's query may. */
const READ_ALL_TIMEOUT_MS = 30 * 60_000;

export class VersionIndex {
  private preparing: { readonly version: string; readonly indexed: Promise<IndexedVersion> } | undefined;
  private readonly watcher: NodeJS.Timeout;
  private closed = false;

  constructor(private readonly state: ServiceState, private readonly queries: QueryCatalogue, private readonly baseIRI: string) {
    this.watcher = setInterval(() => { void this.current().catch(() => {}); }, WATCH_INTERVAL_MS);
    this.watcher.unref();
  }

  /** The index of the version being served; undefined while the data loads (or failed to). */
  async current(): Promise<IndexedVersion | undefined> {
    const status = this.state.status;
    if (status.phase !== 'ready' || this.closed) return undefined;
    if (this.preparing?.version !== status.dataVersion) {
      const indexed = prepare(status, this.queries, this.baseIRI);
      this.preparing = { version: status.dataVersion, indexed };
      // A failed preparation (the store replaced meanwhile, say) is tried again on the next request.
      indexed.catch((error: unknown) => {
        if (this.preparing?.indexed === indexed) this.preparing = undefined;
        if (!this.closed) console.error('could not index the published triples:', error);
      });
    }
    return this.preparing.indexed;
  }

  close(): void {
    this.closed = true;
    clearInterval(this.watcher);
  }
}

/**
 * The triples are read by a query, not by the store's dump: a query waits for a free replica and
 * holds it while it runs, so that the replica is not also handed a visitor's query meanwhile.
 */
async function prepare(status: ReadyStatus, queries: QueryCatalogue, baseIRI: string): Promise<IndexedVersion> {
  const started = performance.now();
  const triples = await status.store.query(queries.get('all-triples'),
    { solutions: 'application/sparql-results+json', graph: 'application/n-triples' }, { timeoutMs: READ_ALL_TIMEOUT_MS });
  const index = await TripleIndex.fromNTriples(triples.body);
  const ontology = await status.store.query(queries.get('ontology-triples'),
    { solutions: 'application/sparql-results+json', graph: 'application/n-triples' }, { timeoutMs: READ_ALL_TIMEOUT_MS, baseIRI });
  const model = await TripleIndex.fromNTriples(ontology.body);
  const derived = new Map<string, unknown>();
  const version: IndexedVersion = {
    status, index, model, seconds: (performance.now() - started) / 1000,
    derived: <T>(name: string, compute: (v: IndexedVersion) => T): T => {
      if (!derived.has(name)) derived.set(name, compute(version));
      return derived.get(name) as T;
    },
  };
  return version;
}
