/**
 * The embedded store: Oxigraph in worker threads, a few replicas of the same data in two lanes.
 *
 * - Lanes: the 'pages' replicas answer the service's own lookups (descriptions, lists, counts);
 *   the 'endpoint' replicas answer the public SPARQL endpoint. An endpoint query never runs on a
 *   page replica, so a page never waits behind somebody's query. Page lookups may borrow an idle
 *   endpoint replica when no endpoint query is waiting (crawlers' cold descriptions go faster).
 * - Fairness: endpoint queries wait in a fair queue (fair-queue.ts): the client with the fewest
 *   queries running goes first. A free replica always takes the next query, even from a client
 *   that already has one running; when a client holding none waits while another holds several
 *   replicas, the latter's longest-running query is stopped to give one back (after a second).
 * - Stopping: Oxigraph cannot interrupt a query, so a query past its time limit, or whose client
 *   went away, is stopped by ending its replica's thread; a replica whose store failed (memory
 *   ceiling, trap, panic) is ended too. Each is replaced by a fresh replica of the same lane,
 *   loaded from the same bytes, kept in shared memory (no copy per replica).
 * - Memory: each replica's WebAssembly memory has a ceiling; a replica that a query left much
 *   larger than the data needs is replaced once idle, so that memory stays flat.
 * - The first replica loads while the data is still being validated; the others start once it
 *   is done, so that the build does not compete with them for the processor.
 * - Updates (curators' writes) join the loaded bytes in the list every replica replays in order;
 *   a replica that has not applied them all takes no query, so no reader sees an older state
 *   once an update has resolved.
 */
import type { GraphMediaType, SolutionsMediaType } from '../rdf/formats.js';
import { RDF_LANG_STRING, XSD_STRING } from '../rdf/namespaces.js';
import { parseNTriples } from '../rdf/parse.js';
import type { Quad, Term } from '../rdf/terms.js';
import { FairQueue } from './fair-queue.js';
import { Replica, type ReplicaRequest } from './replica.js';
import {
  QueryCancelledError, QueryEvaluationError, QueryPreemptedError, QueryTimeoutError, QueueFullError, QueueTimeoutError,
  StoreClosedError, StoreFailureError, StoreLoadError,
  type Lane, type LaneStats, type LoadProgress, type LoadSource, type QueryOptions, type QueryOutcome, type QueryUsage,
  type RestartCause, type SerializedResult, type Solution, type Store, type StoreStats, type UpdateOptions,
} from './store.js';
import type { WorkerLoadSource } from './worker-protocol.js';

export interface EmbeddedStoreOptions {
  /** Replicas answering the SPARQL endpoint in parallel (each holds a full copy of the data). */
  readonly replicas?: number;
  /** Replicas kept for the service's own lookups (pages, descriptions); 0 lets them share the endpoint's. */
  readonly pageReplicas?: number;
  /** Time limit of a query, in milliseconds, unless the query asks for another. */
  readonly queryTimeoutMs?: number;
  /** Ceiling of each replica's memory (the data and its queries' working memory), in MiB. */
  readonly memoryLimitMb?: number;
}

/** What the store tells an operator: replicas lost and replaced, what stores printed, queries ended. */
export interface StoreObserver {
  replicaLost?(event: { lane: Lane; replica: number; failure: StoreFailureError }): void;
  replicaReplaced?(event: { lane: Lane; replica: number; cause: RestartCause; loadMs: number }): void;
  printed?(event: { lane: Lane; replica: number; message: string }): void;
  querySettled?(event: { lane: Lane; usage: QueryUsage }): void;
}

/** A query stopped for fairness has run at least this long: short ones finish by themselves. */
export const PREEMPT_AFTER_MS = 1000;
/** A replica left this much above its resting memory (or twice its size, if more) is replaced once idle. */
const RECYCLE_GROWTH_BYTES = 256 * 1024 * 1024;
const DEFAULT_MEMORY_LIMIT_MB = 2048;
/** WebAssembly with 32-bit addresses reaches 4 GiB at most. */
const MAX_MEMORY_LIMIT_MB = 4096;

interface Job {
  readonly request: ReplicaRequest;
  readonly lane: Lane;
  readonly client?: string;
  readonly queuedAt: number;
  /** Time limit once running, in milliseconds; 0 for none (dumps). */
  readonly timeoutMs: number;
  readonly options: QueryOptions;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
  waitTimer?: NodeJS.Timeout;
  runTimer?: NodeJS.Timeout;
  replica?: Replica;
  startedAt?: number;
  settled: boolean;
  onAbort?: () => void;
}

function shared(bytes: Uint8Array): Uint8Array {
  if (bytes.buffer instanceof SharedArrayBuffer) return bytes;
  const copy = new Uint8Array(new SharedArrayBuffer(bytes.length));
  copy.set(bytes);
  return copy;
}

const LANES: readonly Lane[] = ['pages', 'endpoint'];

/** What every replica replays, in order: loaded bytes and updates. */
type SnapshotPart =
  | { readonly kind: 'load'; readonly source: WorkerLoadSource }
  | { readonly kind: 'update'; readonly update: string; readonly baseIRI?: string; settle?: (error?: Error) => void };

export class EmbeddedStore implements Store {
  private readonly replicas: Replica[] = [];
  private readonly snapshot: SnapshotPart[] = [];
  private readonly queues: Record<Lane, FairQueue<Job>> = { pages: new FairQueue(), endpoint: new FairQueue() };
  private readonly running = new Set<Job>();
  /** Loads in progress, by replica. */
  private readonly catchingUp = new Map<Replica, Promise<void>>();
  /** Endpoint queries running, by client: the fair queue's measure of shares. */
  private readonly runningByClient = new Map<string, number>();
  private readonly wanted: Record<Lane, number>;
  private readonly queryTimeoutMs: number;
  private readonly memoryLimitBytes: number;
  private readonly restarts: Record<RestartCause, number> = { timeout: 0, cancelled: 0, preempted: 0, failed: 0, recycled: 0 };
  private observer: StoreObserver = {};
  private preemptionTimer: NodeJS.Timeout | undefined;
  /** Set when the data could not be loaded into a replica: no replica is started again after that. */
  private loadFailure: Error | undefined;
  private closed = false;

  constructor(options: EmbeddedStoreOptions = {}) {
    this.wanted = { endpoint: Math.max(1, options.replicas ?? 2), pages: Math.max(0, options.pageReplicas ?? 1) };
    this.queryTimeoutMs = options.queryTimeoutMs ?? 30_000;
    const limitMb = Math.min(MAX_MEMORY_LIMIT_MB, Math.max(64, options.memoryLimitMb ?? DEFAULT_MEMORY_LIMIT_MB));
    this.memoryLimitBytes = limitMb * 1024 * 1024;
    this.spawn(this.wanted.pages > 0 ? 'pages' : 'endpoint');
  }

  /** Tells an observer (the service's logs and metrics) what happens to the replicas and queries. */
  observe(observer: StoreObserver): void {
    this.observer = observer;
  }

  /** Settles when the first replica's worker is up: a caller may start it early and wait here. */
  async started(): Promise<void> {
    const first = this.replicas.find((r) => !r.dead);
    if (!first) throw new StoreClosedError();
    await first.started;
  }

  /** Loads validated bytes into the first replica, then brings the others up to date in the background. */
  async load(sources: readonly LoadSource[], onProgress?: (progress: LoadProgress) => void): Promise<void> {
    this.ensureOpen();
    this.snapshot.push(...sources.map((s): SnapshotPart =>
      ({ kind: 'load', source: { name: s.name, bytes: shared(s.bytes), format: s.format, baseIRI: s.baseIRI, graph: s.graph } })));
    const primary = this.replicas.find((r) => !r.dead);
    if (!primary) throw new StoreClosedError();
    try {
      await this.catchUp(primary, onProgress);
    } catch (error) {
      if (error instanceof StoreFailureError && error.reason === 'memory') {
        throw new StoreLoadError(sources[0]?.name ?? 'data', `the data needs more memory than the ${this.memoryLimitBytes / 1024 / 1024} MB a store replica may use`);
      }
      throw error;
    }
    for (const lane of LANES) {
      while (this.replicas.filter((r) => r.lane === lane).length < this.wanted[lane]) this.spawn(lane);
    }
    for (const replica of this.replicas) if (replica !== primary) void this.catchUp(replica).catch(() => {});
  }

  async update(update: string, options: UpdateOptions = {}): Promise<void> {
    this.ensureOpen();
    const applied = new Promise<void>((resolve, reject) => {
      this.snapshot.push({ kind: 'update', update, baseIRI: options.baseIRI, settle: (error) => (error ? reject(error) : resolve()) });
    });
    for (const replica of this.replicas) if (!replica.dead) void this.catchUp(replica).catch(() => {});
    return applied;
  }

  query(query: string, formats: { solutions: SolutionsMediaType; graph: GraphMediaType }, options: QueryOptions = {}): Promise<SerializedResult> {
    return this.submit<SerializedResult>({
      type: 'query', query, solutionsFormat: formats.solutions, graphFormat: formats.graph, baseIRI: options.baseIRI,
      defaultGraphs: options.defaultGraphs, namedGraphs: options.namedGraphs, maxResultBytes: options.maxResultBytes,
      asBytes: options.asBytes,
    }, options, options.timeoutMs ?? this.queryTimeoutMs);
  }

  async select(query: string, options?: QueryOptions): Promise<Solution[]> {
    const result = await this.query(query, { solutions: 'application/sparql-results+json', graph: 'application/n-triples' }, options);
    if (result.kind !== 'solutions') throw new QueryEvaluationError(`expected a SELECT query, got a ${result.kind} result`);
    return solutionsFromJson(result.body);
  }

  async ask(query: string, options?: QueryOptions): Promise<boolean> {
    const result = await this.query(query, { solutions: 'application/sparql-results+json', graph: 'application/n-triples' }, options);
    if (result.kind !== 'boolean') throw new QueryEvaluationError(`expected an ASK query, got a ${result.kind} result`);
    return (JSON.parse(result.body) as { boolean: boolean }).boolean;
  }

  async construct(query: string, options?: QueryOptions): Promise<Quad[]> {
    const result = await this.query(query, { solutions: 'application/sparql-results+json', graph: 'application/n-triples' }, options);
    if (result.kind !== 'graph') throw new QueryEvaluationError(`expected a CONSTRUCT or DESCRIBE query, got a ${result.kind} result`);
    return parseNTriples(result.body, 'c');
  }

  async constructBytes(query: string, options?: QueryOptions): Promise<Uint8Array> {
    const result = await this.query(query, { solutions: 'application/sparql-results+json', graph: 'application/n-triples' }, { ...options, asBytes: true });
    if (result.kind !== 'graph' || !result.bytes) throw new QueryEvaluationError(`expected a CONSTRUCT or DESCRIBE query, got a ${result.kind} result`);
    return result.bytes;
  }

  dump(format: GraphMediaType): Promise<string> {
    return this.submit<string>({ type: 'dump', format }, {}, 0);
  }

  size(): Promise<number> {
    return this.submit<number>({ type: 'size' }, {}, 0);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.preemptionTimer);
    for (const lane of LANES) for (const job of this.queues[lane].drain()) this.settle(job, 'closed', new StoreClosedError());
    for (const job of [...this.running]) this.settle(job, 'closed', new StoreClosedError());
    for (const replica of this.replicas) replica.terminate();
  }

  stats(): StoreStats {
    const lane = (name: Lane): LaneStats => {
      const own = this.replicas.filter((r) => r.lane === name);
      return {
        replicas: this.wanted[name],
        ready: own.filter((r) => this.isReady(r)).length,
        busy: own.filter((r) => r.busy).length,
        queued: this.queues[name].length,
      };
    };
    return {
      lanes: { pages: lane('pages'), endpoint: lane('endpoint') },
      restarts: { ...this.restarts },
      memoryBytes: this.replicas.reduce((sum, r) => sum + (r.dead ? 0 : r.memoryBytes), 0),
      memoryLimitBytes: this.memoryLimitBytes,
    };
  }

  // ---- jobs --------------------------------------------------------------------------------

  private submit<T>(request: ReplicaRequest, options: QueryOptions, timeoutMs: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const lane = options.lane ?? 'pages';
      const job: Job = {
        request, lane, client: lane === 'endpoint' ? options.client : undefined, queuedAt: performance.now(), timeoutMs, options,
        resolve: resolve as (value: unknown) => void, reject, settled: false,
      };
      if (this.closed) return this.settle(job, 'closed', new StoreClosedError());
      if (options.signal?.aborted) return this.settle(job, 'cancelled', new QueryCancelledError());
      const queue = this.queues[lane];
      if (options.maxQueued !== undefined && queue.length >= options.maxQueued) return this.settle(job, 'queue-full', new QueueFullError(queue.length));
      if (options.signal) {
        job.onAbort = () => this.cancel(job);
        options.signal.addEventListener('abort', job.onAbort, { once: true });
      }
      const maxWaitMs = options.maxWaitMs ?? (timeoutMs || this.queryTimeoutMs);
      job.waitTimer = setTimeout(() => {
        if (queue.remove(job)) this.settle(job, 'queue-timeout', new QueueTimeoutError(performance.now() - job.queuedAt));
      }, maxWaitMs);
      queue.push(job);
      this.dispatch();
    });
  }

  /** The client went away: a waiting query leaves the queue, a running one ends its replica. */
  private cancel(job: Job): void {
    if (job.settled) return;
    if (job.replica) this.endReplica(job, 'cancelled', new QueryCancelledError());
    else if (this.queues[job.lane].remove(job)) this.settle(job, 'cancelled', new QueryCancelledError());
  }

  private run(replica: Replica, job: Job): void {
    this.queues[job.lane].remove(job);
    clearTimeout(job.waitTimer);
    replica.busy = true;
    job.replica = replica;
    job.startedAt = performance.now();
    this.running.add(job);
    this.countRunning(job, 1);
    if (job.timeoutMs > 0) {
      // Oxigraph cannot interrupt a query: past its time, the replica's thread is ended.
      job.runTimer = setTimeout(() => this.endReplica(job, 'timeout', new QueryTimeoutError(job.timeoutMs)), job.timeoutMs);
    }
    replica.call(job.request).then(
      (value) => this.settle(job, 'answered', undefined, value),
      (error: Error) => this.settle(job, error instanceof StoreFailureError ? 'failed' : 'error', error, undefined, error instanceof StoreFailureError ? replica.loadMs : 0),
    );
  }

  /** Ends the replica a job runs on (the only way to stop an Oxigraph query) and replaces it. */
  private endReplica(job: Job, cause: 'timeout' | 'cancelled' | 'preempted', error: Error): void {
    const replica = job.replica;
    if (job.settled || !replica) return;
    replica.terminate();
    this.replace(replica, cause);
    this.settle(job, cause, error, undefined, replica.loadMs);
  }

  /** A job's end, however it came: its timers stop, its replica is free again, its cost is told, its caller answered. */
  private settle(job: Job, outcome: QueryOutcome, error?: Error, value?: unknown, restartMs = 0): void {
    if (job.settled) return;
    job.settled = true;
    clearTimeout(job.waitTimer);
    clearTimeout(job.runTimer);
    if (job.onAbort) job.options.signal?.removeEventListener('abort', job.onAbort);
    const now = performance.now();
    const replica = job.replica;
    if (replica) {
      this.running.delete(job);
      this.countRunning(job, -1);
      replica.busy = false;
    }
    const usage: QueryUsage = {
      outcome,
      waitMs: (job.startedAt ?? now) - job.queuedAt,
      runMs: job.startedAt === undefined ? 0 : now - job.startedAt,
      restartMs,
    };
    if (job.request.type === 'query') {
      job.options.onSettled?.(usage);
      this.observer.querySettled?.({ lane: job.lane, usage });
    }
    if (error) job.reject(error);
    else job.resolve(value);
    if (replica && !replica.dead) this.recycleIfSwollen(replica);
    this.dispatch();
  }

  private countRunning(job: Job, delta: number): void {
    if (job.lane !== 'endpoint' || job.client === undefined) return;
    const count = (this.runningByClient.get(job.client) ?? 0) + delta;
    if (count > 0) this.runningByClient.set(job.client, count);
    else this.runningByClient.delete(job.client);
  }

  private readonly share = (client: string | undefined): number => (client === undefined ? 0 : this.runningByClient.get(client) ?? 0);

  private idle(lane: Lane): Replica[] {
    return this.replicas.filter((r) => r.lane === lane && !r.busy && this.isReady(r));
  }

  private dispatch(): void {
    if (this.closed) return;
    for (const replica of this.idle('pages')) {
      const job = this.queues.pages.peek(this.share);
      if (!job) break;
      this.run(replica, job);
    }
    for (const replica of this.idle('endpoint')) {
      // The endpoint's own queries first; pages borrow what they leave idle.
      const job = this.queues.endpoint.peek(this.share) ?? this.queues.pages.peek(this.share);
      if (!job) break;
      this.run(replica, job);
    }
    this.preemptIfStarving();
  }

  /**
   * When a client that has nothing running waits, no endpoint replica is free or about to be,
   * and another client holds several replicas, that client's longest-running query is stopped
   * (once it has run PREEMPT_AFTER_MS) so that the replica it held serves the waiting client.
   */
  private preemptIfStarving(): void {
    clearTimeout(this.preemptionTimer);
    this.preemptionTimer = undefined;
    const queue = this.queues.endpoint;
    if (queue.length === 0) return;
    const endpointReplicas = this.replicas.filter((r) => r.lane === 'endpoint');
    // A replica free, or still loading (free soon): no query is stopped.
    if (endpointReplicas.some((r) => !r.dead && (!r.busy || r.loading))) return;
    if (![...queue.waiting().keys()].some((client) => this.share(client) === 0)) return;
    let holder: string | undefined;
    for (const [client, count] of this.runningByClient) if (count >= 2 && count > this.share(holder)) holder = client;
    if (holder === undefined) return;
    const victim = [...this.running].filter((job) => job.client === holder && job.lane === 'endpoint')
      .sort((a, b) => a.startedAt! - b.startedAt!)[0];
    if (!victim) return;
    const ranMs = performance.now() - victim.startedAt!;
    if (ranMs < PREEMPT_AFTER_MS) {
      this.preemptionTimer = setTimeout(() => this.dispatch(), PREEMPT_AFTER_MS - ranMs + 1);
      return;
    }
    this.endReplica(victim, 'preempted', new QueryPreemptedError(ranMs, this.share(holder)));
  }

  // ---- replicas ----------------------------------------------------------------------------

  private spawn(lane: Lane): Replica {
    const replica = new Replica(lane, { memoryLimitBytes: this.memoryLimitBytes }, {
      onLost: (lost, failure) => {
        this.observer.replicaLost?.({ lane: lost.lane, replica: lost.number, failure });
        // A replica lost while loading the data (too large for its memory) would fail again: none is started after it.
        if (lost.loading) this.loadFailure ??= failure;
        this.replace(lost, 'failed');
      },
      onPrinted: (from, message) => this.observer.printed?.({ lane: from.lane, replica: from.number, message }),
    });
    this.replicas.push(replica);
    return replica;
  }

  /** A replica whose thread ended (a stopped query, a failure) is replaced by a fresh one of its lane, loaded from the snapshot. */
  private replace(ended: Replica, cause: RestartCause): void {
    const index = this.replicas.indexOf(ended);
    if (index < 0) return;
    this.replicas.splice(index, 1);
    this.restarts[cause]++;
    if (this.closed || this.loadFailure || this.snapshot.length === 0) return;
    const fresh = this.spawn(ended.lane);
    this.catchUp(fresh).then(
      () => this.observer.replicaReplaced?.({ lane: fresh.lane, replica: fresh.number, cause, loadMs: fresh.loadMs }),
      () => {},
    );
  }

  /** A replica much larger than the data needs (a query's working memory is never given back) is replaced while idle. */
  private recycleIfSwollen(replica: Replica): void {
    if (replica.busy || replica.loading || replica.restingBytes === 0) return;
    if (replica.memoryBytes - replica.restingBytes <= Math.max(RECYCLE_GROWTH_BYTES, replica.restingBytes)) return;
    // Never the lane's last ready replica: its lane would stop while the new one loads.
    if (this.replicas.filter((r) => r.lane === replica.lane && this.isReady(r)).length < 2) return;
    replica.terminate();
    this.replace(replica, 'recycled');
  }

  private isReady(replica: Replica): boolean {
    return !replica.dead && !replica.loading && replica.loadedParts === this.snapshot.length && this.snapshot.length > 0;
  }

  /**
   * Loads into a replica the snapshot parts it lacks; it serves queries once it has them all.
   * One load at a time per replica: a load asked for while another runs is the same load, which
   * goes on until the replica holds every part, those added meanwhile too.
   */
  private catchUp(replica: Replica, onProgress?: (progress: LoadProgress) => void): Promise<void> {
    let loading = this.catchingUp.get(replica);
    if (loading) return loading;
    loading = (async () => {
      const started = performance.now();
      replica.loading = true;
      try {
        while (!replica.dead && replica.loadedParts < this.snapshot.length) {
          const next = this.snapshot[replica.loadedParts]!;
          if (next.kind === 'update') {
            await this.applyUpdate(replica, next);
            replica.loadedParts++;
            continue;
          }
          // Consecutive loads go in one message.
          const loads: WorkerLoadSource[] = [];
          for (let i = replica.loadedParts; i < this.snapshot.length; i++) {
            const part = this.snapshot[i]!;
            if (part.kind !== 'load') break;
            loads.push(part.source);
          }
          await replica.call<number>({ type: 'load', sources: loads }, onProgress);
          replica.loadedParts += loads.length;
        }
      } finally {
        replica.loading = false;
        this.catchingUp.delete(replica);
      }
      replica.loadMs = performance.now() - started;
      replica.restingBytes = replica.memoryBytes;
      this.dispatch();
    })();
    this.catchingUp.set(replica, loading);
    return loading;
  }

  /** The first replica to apply an update tells its caller how it went; an update it refused changes nothing. */
  private async applyUpdate(replica: Replica, part: Extract<SnapshotPart, { kind: 'update' }>): Promise<void> {
    try {
      await replica.call<number>({ type: 'update', update: part.update, baseIRI: part.baseIRI });
    } catch (error) {
      if (replica.dead) throw error;
      part.settle?.(error as Error);
      part.settle = undefined;
      return;
    }
    part.settle?.();
    part.settle = undefined;
  }

  private ensureOpen(): void {
    if (this.closed) throw new StoreClosedError();
  }
}

interface JsonTerm { type: 'uri' | 'literal' | 'bnode' | 'typed-literal'; value: string; 'xml:lang'?: string; datatype?: string }

function termFromJson(term: JsonTerm): Term {
  switch (term.type) {
    case 'uri': return { termType: 'NamedNode', value: term.value };
    case 'bnode': return { termType: 'BlankNode', value: term.value };
    default: {
      const language = term['xml:lang'] ?? '';
      const datatype = language ? RDF_LANG_STRING : term.datatype ?? XSD_STRING;
      return { termType: 'Literal', value: term.value, language, datatype: { termType: 'NamedNode', value: datatype } };
    }
  }
}

/** Solutions from SPARQL 1.1 Query Results JSON. */
export function solutionsFromJson(body: string): Solution[] {
  const parsed = JSON.parse(body) as { results: { bindings: Record<string, JsonTerm>[] } };
  return parsed.results.bindings.map((binding) => {
    const solution: Record<string, Term> = {};
    for (const [name, term] of Object.entries(binding)) solution[name] = termFromJson(term);
    return solution;
  });
}
