/**
 * A store that knows how many calls it has in flight, so that the store of an older version is
 * closed only once the requests that use it are done. Requests read the state once and keep its
 * store for all their queries: during a switch, those already running finish on the old
 * version, the new ones start on the new. A call that reaches a retired store after it closed (a
 * request that stayed quiet longer than the grace period) goes to the current store instead of
 * failing.
 */
import { StoreClosedError, type Store } from '../../store/store.js';

export class TrackedStore implements Store {
  private inFlight = 0;
  private lastCall = Date.now();
  private successor: (() => Store | undefined) | undefined;
  private closed = false;

  /** What the store is doing, for health checks and metrics: the inner store's own figures. */
  readonly stats: Store['stats'];

  constructor(readonly inner: Store) {
    this.stats = inner.stats?.bind(inner);
  }

  select: Store['select'] = (query, options) => this.track((store) => store.select(query, options));
  ask: Store['ask'] = (query, options) => this.track((store) => store.ask(query, options));
  construct: Store['construct'] = (query, options) => this.track((store) => store.construct(query, options));
  constructBytes: Store['constructBytes'] = (query, options) => this.track((store) => store.constructBytes(query, options));
  query: Store['query'] = (query, formats, options) => this.track((store) => store.query(query, formats, options));
  load: Store['load'] = (sources, onProgress) => this.track((store) => store.load(sources, onProgress));
  update: Store['update'] = (update, options) => this.track((store) => store.update(update, options));
  dump: Store['dump'] = (format) => this.track((store) => store.dump(format));
  size: Store['size'] = () => this.track((store) => store.size());

  async close(): Promise<void> {
    this.closed = true;
    await this.inner.close();
  }

  /**
   * Closes the store once nothing has used it for `quietMs` (and nothing is in flight), or after
   * `maxWaitMs` whatever happens; later calls go to the successor.
   */
  async retire(successor: () => Store | undefined, options: { quietMs: number; maxWaitMs: number }): Promise<void> {
    this.successor = successor;
    const started = Date.now();
    while (Date.now() - started < options.maxWaitMs) {
      if (this.inFlight === 0 && Date.now() - this.lastCall >= options.quietMs) break;
      await new Promise((resolve) => setTimeout(resolve, Math.min(250, options.quietMs)).unref());
    }
    await this.close();
  }

  private async track<T>(call: (store: Store) => Promise<T>): Promise<T> {
    if (this.closed) {
      const next = this.successor?.();
      if (!next || next === this) throw new StoreClosedError();
      return call(next);
    }
    this.inFlight++;
    this.lastCall = Date.now();
    try {
      return await call(this.inner);
    } finally {
      this.inFlight--;
      this.lastCall = Date.now();
    }
  }
}
