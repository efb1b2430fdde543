/**
 * The embedded store: Oxigraph in worker threads, a few replicas of the same data.
 *
 * - Every replica loads the same bytes, kept in shared memory (no copy per replica), so a
 *   replica stopped because its query ran too long is replaced by a fresh one loaded from them.
 * - A query goes to an idle replica that holds all the data; a long query occupies one replica
 *   while the others keep answering, and the HTTP server's thread never runs a query at all.
 * - The first replica loads while the data is still being validated; the others start once it
 *   is done, so that the build does not compete with them for the processor.
 */
import type { Worker } from 'node:worker_threads';
import type { GraphMediaType, SolutionsMediaType } from '../rdf/formats.js';
import { RDF_LANG_STRING, XSD_STRING } from '../rdf/namespaces.js';
import { parseNTriples } from '../rdf/parse.js';
import type { Quad, Term } from '../rdf/terms.js';
import {
  QueryEvaluationError, QueryResultTooLargeError, QuerySyntaxError, QueryTimeoutError, StoreClosedError, StoreFailureError, StoreLoadError,
  type LoadProgress, type LoadSource, type QueryOptions, type SerializedResult, type Solution, type Store, type StoreUpdate,
} from './store.js';
import type { SnapshotPart, WorkerRequest, WorkerResponse } from './worker-protocol.js';
import { siblingModule, startWorker } from './worker-start.js';

export interface EmbeddedStoreOptions {
  /** Replicas answering queries in parallel (each holds a full copy of the data). */
  readonly replicas?: number;
  /** Time limit of a query, in milliseconds, unless the query asks for another. */
  readonly queryTimeoutMs?: number;
}

type Request = { readonly [K in WorkerRequest['type']]: Omit<Extract<WorkerRequest, { type: K }>, 'id'> }[WorkerRequest['type']];

interface Call {
  resolve(value: unknown): void;
  reject(error: Error): void;
  onProgress?: (progress: LoadProgress) => void;
}


/** One worker thread and its store. */
class Replica {
  private readonly worker: Worker;
  private readonly calls = new Map<number, Call>();
  private nextId = 1;
  /** Settles when the worker has created its store (WebAssembly compiled and instantiated). */
  readonly started: Promise<void>;
  private markStarted!: () => void;
  private failStart!: (error: Error) => void;
  /** How many snapshot parts this replica holds. */
  loadedParts = 0;
  /** The loading under way: one at a time, or two would send the same parts twice. */
  catchingUp: Promise<void> = Promise.resolve();
  busy = false;
  dead = false;

  constructor(private readonly onExit: (replica: Replica) => void) {
    this.started = new Promise<void>((resolve, reject) => {
      this.markStarted = resolve;
      this.failStart = reject;
    });
    this.started.catch(() => {});
    this.worker = startWorker(siblingModule(import.meta.url, 'oxigraph-worker'));
    this.worker.on('message', (message: WorkerResponse) => this.receive(message));
    this.worker.on('error', (error) => this.fail(new StoreFailureError(`the store worker failed: ${error.message}`)));
    this.worker.on('exit', () => this.fail(new StoreFailureError('the store worker stopped')));
  }

  call<T>(request: Request, onProgress?: (progress: LoadProgress) => void): Promise<T> {
    if (this.dead) return Promise.reject(new Error('the store worker stopped'));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.calls.set(id, { resolve: resolve, reject, onProgress });
      this.worker.postMessage({ ...request, id });
    });
  }

  terminate(): void {
    this.dead = true;
    void this.worker.terminate();
  }

  private receive(message: WorkerResponse): void {
    if (message.type === 'ready') {
      this.markStarted();
      return;
    }
    const call = this.calls.get(message.id);
    if (!call) return;
    if (message.type === 'progress') {
      call.onProgress?.({ source: message.source, bytesLoaded: message.bytesLoaded, bytesTotal: message.bytesTotal });
      return;
    }
    this.calls.delete(message.id);
    if (message.type === 'result') {
      call.resolve(message.value);
    } else if (message.kind === 'syntax') {
      call.reject(new QuerySyntaxError(message.message));
    } else if (message.kind === 'load') {
      call.reject(new StoreLoadError(message.source ?? 'data', message.message));
    } else if (message.kind === 'too-large') {
      call.reject(new QueryResultTooLargeError(message.limit ?? 0));
    } else {
      call.reject(new QueryEvaluationError(message.message));
    }
  }

  private fail(error: Error): void {
    const wasDead = this.dead;
    this.dead = true;
    this.failStart(error);
    for (const call of this.calls.values()) call.reject(error);
    this.calls.clear();
    if (!wasDead) this.onExit(this);
  }
}

interface QueuedQuery {
  readonly request: Extract<Request, { type: 'query' }>;
  readonly client?: string;
  readonly deadline: number;
  readonly timeoutMs: number;
  readonly resolve: (result: SerializedResult) => void;
  readonly reject: (error: Error) => void;
  /** Rejects the query if it is still waiting for a replica when its time is up. */
  expiry?: NodeJS.Timeout;
}

function shared(bytes: Uint8Array): Uint8Array {
  if (bytes.buffer instanceof SharedArrayBuffer) return bytes;
  const copy = new Uint8Array(new SharedArrayBuffer(bytes.length));
  copy.set(bytes);
  return copy;
}

export class EmbeddedStore implements Store {
  private readonly replicas: Replica[] = [];
  private readonly snapshot: SnapshotPart[] = [];
  private readonly queue: QueuedQuery[] = [];
  /** Queries running on replicas, by client. */
  private readonly runningByClient = new Map<string, number>();
  private readonly replicaCount: number;
  private readonly queryTimeoutMs: number;
  private closed = false;

  constructor(options: EmbeddedStoreOptions = {}) {
    this.replicaCount = Math.max(1, options.replicas ?? 2);
    this.queryTimeoutMs = options.queryTimeoutMs ?? 30_000;
    this.spawn();
  }

  /** Settles when the first replica's worker is up: a caller may start it early and wait here. */
  async started(): Promise<void> {
    const first = this.replicas.find((r) => !r.dead);
    if (!first) throw new StoreClosedError();
    await first.started;
  }

  /** Loads validated bytes into the first replica, then brings the others up to date in the background. */
  async load(sources: readonly LoadSource[], onProgress?: (progress: LoadProgress) => void): Promise<void> {
    await this.extend(sources.map((s) => ({ name: s.name, bytes: shared(s.bytes), format: s.format, baseIRI: s.baseIRI, graph: s.graph })), onProgress);
  }

  async update(update: StoreUpdate): Promise<void> {
    await this.extend([{ name: update.name, update: update.update, baseIRI: update.baseIRI }]);
  }

  /** Adds parts to the snapshot: the first replica takes them, then the others in the background. */
  private async extend(parts: readonly SnapshotPart[], onProgress?: (progress: LoadProgress) => void): Promise<void> {
    this.ensureOpen();
    this.snapshot.push(...parts);
    const primary = this.replicas.find((r) => !r.dead);
    if (!primary) throw new StoreClosedError();
    await this.catchUp(primary, onProgress);
    while (this.replicas.length < this.replicaCount) this.spawn();
    for (const replica of this.replicas) if (replica !== primary) void this.catchUp(replica).catch(() => {});
  }

  async query(query: string, formats: { solutions: SolutionsMediaType; graph: GraphMediaType }, options: QueryOptions = {}): Promise<SerializedResult> {
    this.ensureOpen();
    const timeoutMs = options.timeoutMs ?? this.queryTimeoutMs;
    return new Promise<SerializedResult>((resolve, reject) => {
      const queued: QueuedQuery = {
        request: {
          type: 'query', query, solutionsFormat: formats.solutions, graphFormat: formats.graph, baseIRI: options.baseIRI,
          defaultGraphs: options.defaultGraphs, namedGraphs: options.namedGraphs, maxResultBytes: options.maxResultBytes,
          asBytes: options.asBytes,
        },
        client: options.client,
        deadline: Date.now() + timeoutMs,
        timeoutMs,
        resolve,
        reject,
      };
      queued.expiry = setTimeout(() => {
        const index = this.queue.indexOf(queued);
        if (index < 0) return;
        this.queue.splice(index, 1);
        reject(new QueryTimeoutError(timeoutMs));
      }, timeoutMs);
      this.queue.push(queued);
      this.dispatch();
    });
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

  async dump(format: GraphMediaType): Promise<string> {
    return this.onReadyReplica((replica) => replica.call<string>({ type: 'dump', format }));
  }

  async size(): Promise<number> {
    return this.onReadyReplica((replica) => replica.call<number>({ type: 'size' }));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const replica of this.replicas) replica.terminate();
    for (const queued of this.queue.splice(0)) {
      clearTimeout(queued.expiry);
      queued.reject(new StoreClosedError());
    }
  }

  /** Replicas holding all the data, and how many there are in all: for health checks. */
  status(): { ready: number; total: number; queued: number } {
    return { ready: this.replicas.filter((r) => this.isReady(r)).length, total: this.replicas.length, queued: this.queue.length };
  }

  // ---- replicas ----------------------------------------------------------------------------

  private spawn(): Replica {
    const replica = new Replica((dead) => this.replace(dead));
    this.replicas.push(replica);
    return replica;
  }

  /** A replica whose thread ended (a stopped query, a crash) is replaced and reloaded. */
  private replace(dead: Replica): void {
    const index = this.replicas.indexOf(dead);
    if (index >= 0) this.replicas.splice(index, 1);
    if (this.closed) return;
    const fresh = this.spawn();
    void this.catchUp(fresh).catch(() => {});
  }

  private isReady(replica: Replica): boolean {
    return !replica.dead && replica.loadedParts === this.snapshot.length;
  }

  /**
   * Loads into a replica the snapshot parts it lacks; it serves queries once it has them all.
   * Each extension of the snapshot asks again: the requests wait for the one under way.
   */
  private catchUp(replica: Replica, onProgress?: (progress: LoadProgress) => void): Promise<void> {
    replica.catchingUp = replica.catchingUp.catch(() => {}).then(() => this.loadMissing(replica, onProgress));
    return replica.catchingUp;
  }

  private async loadMissing(replica: Replica, onProgress?: (progress: LoadProgress) => void): Promise<void> {
    while (!replica.dead && replica.loadedParts < this.snapshot.length) {
      const parts = this.snapshot.slice(replica.loadedParts);
      replica.busy = true;
      try {
        await replica.call<number>({ type: 'load', sources: parts }, onProgress);
        replica.loadedParts += parts.length;
      } finally {
        replica.busy = false;
      }
    }
    this.dispatch();
  }

  /** Replicas one client may hold at once: all but one, so that another client always finds one. */
  private get replicasPerClient(): number {
    return Math.max(1, this.replicaCount - 1);
  }

  private dispatch(): void {
    for (let index = 0; index < this.queue.length;) {
      const replica = this.replicas.find((r) => this.isReady(r) && !r.busy);
      if (!replica) return;
      const queued = this.queue[index]!;
      if (queued.client !== undefined && (this.runningByClient.get(queued.client) ?? 0) >= this.replicasPerClient) {
        index++;
        continue;
      }
      this.queue.splice(index, 1);
      clearTimeout(queued.expiry);
      this.run(replica, queued, queued.deadline - Date.now());
    }
  }

  private countRunning(client: string | undefined, delta: number): void {
    if (client === undefined) return;
    const count = (this.runningByClient.get(client) ?? 0) + delta;
    if (count > 0) this.runningByClient.set(client, count);
    else this.runningByClient.delete(client);
  }

  private run(replica: Replica, queued: QueuedQuery, remaining: number): void {
    replica.busy = true;
    this.countRunning(queued.client, 1);
    let settled = false;
    // Oxigraph cannot interrupt a query: past its time, the replica's thread is ended.
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      this.countRunning(queued.client, -1);
      queued.reject(new QueryTimeoutError(queued.timeoutMs));
      replica.terminate();
      this.replace(replica);
      this.dispatch();
    }, Math.max(0, remaining));
    const settle = (deliver: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      replica.busy = false;
      this.countRunning(queued.client, -1);
      deliver();
      this.dispatch();
    };
    replica.call<SerializedResult>(queued.request).then(
      (result) => settle(() => queued.resolve(result)),
      (error: Error) => settle(() => queued.reject(error)),
    );
  }

  private async onReadyReplica<T>(action: (replica: Replica) => Promise<T>): Promise<T> {
    this.ensureOpen();
    const replica = this.replicas.find((r) => this.isReady(r));
    if (!replica) throw new QueryEvaluationError('the store is still loading');
    return action(replica);
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
