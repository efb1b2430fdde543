/**
 * One replica of the store: a worker thread, its Oxigraph store and the calls waiting for its
 * answers. It belongs to a lane for life (a replacement takes its lane), knows how much of the
 * published data it holds and how much memory its store uses, and reports once, when its
 * thread ends or its store fails, so that the embedded store can replace it.
 */
import type { Worker } from 'node:worker_threads';
import {
  QueryEvaluationError, QueryResultTooLargeError, QuerySyntaxError, StoreFailureError, StoreLoadError,
  type Lane, type LoadProgress,
} from './store.js';
import type { FatalReason, WorkerRequest, WorkerResponse, WorkerSettings } from './worker-protocol.js';
import { siblingModule, startWorker } from './worker-start.js';

/** A request to a worker, without the id the replica gives it. */
export type ReplicaRequest = { readonly [K in WorkerRequest['type']]: Omit<Extract<WorkerRequest, { type: K }>, 'id'> }[WorkerRequest['type']];

interface Call {
  resolve(value: unknown): void;
  reject(error: Error): void;
  onProgress?: (progress: LoadProgress) => void;
}

export interface ReplicaEvents {
  /** The replica can no longer answer: its thread ended or its store failed. Called once. */
  readonly onLost: (replica: Replica, failure: StoreFailureError) => void;
  /** A line the store printed (a panic's message). */
  readonly onPrinted: (replica: Replica, message: string) => void;
}

/** The JavaScript heap of a worker holds a result on its way out (64 MB of text at most) and little else. */
const WORKER_RESULT_HEAP_MB = 512;

/**
 * The ceiling of a worker's JavaScript heap. V8 counts the store's WebAssembly memory as external
 * memory of that heap and, once it nears the heap's ceiling, collects the whole heap at every
 * growth of the store: under a 512 MB ceiling, loading 1M triples (450 MB of store) ran 700 full
 * collections and took 1.7 times as long. So the ceiling leaves room for the store's own.
 */
function workerHeapMb(settings: WorkerSettings): number {
  return Math.ceil(settings.memoryLimitBytes / (1024 * 1024)) + WORKER_RESULT_HEAP_MB;
}

/** What a client is told when a replica fails: what happened, in general terms, never the store's own words. */
const FAILURE_TEXT: Readonly<Record<FatalReason | 'exit', string>> = {
  memory: 'the query needed more memory than a store replica may use',
  stack: 'the query is nested too deeply for the store',
  panic: 'the store failed while evaluating the query',
  trap: 'the store failed while evaluating the query',
  exit: 'the store replica running the query stopped',
};


let replicaNumbers = 0;

export class Replica {
  /** A number for the operator's log. */
  readonly number = ++replicaNumbers;
  private readonly worker: Worker;
  private readonly calls = new Map<number, Call>();
  private nextId = 1;
  /** Settles when the worker has created its store (WebAssembly compiled and instantiated). */
  readonly started: Promise<void>;
  private markStarted!: () => void;
  private failStart!: (error: Error) => void;
  /** How many snapshot parts this replica holds. */
  loadedParts = 0;
  /** Running a query (or a dump): it takes no other until it is done. */
  busy = false;
  /** Loading the data: it takes no query until it holds all of it; lost now, it failed on the data itself. */
  loading = false;
  dead = false;
  /** WebAssembly memory of its store, as last reported. */
  memoryBytes = 0;
  /** Its memory once all the data was loaded: what it needs at rest. */
  restingBytes = 0;
  /** How long loading all the data took it, in milliseconds. */
  loadMs = 0;

  constructor(readonly lane: Lane, settings: WorkerSettings, private readonly events: ReplicaEvents) {
    this.started = new Promise<void>((resolve, reject) => {
      this.markStarted = resolve;
      this.failStart = reject;
    });
    this.started.catch(() => {});
    this.worker = startWorker(siblingModule(import.meta.url, 'oxigraph-worker'), settings, { resourceLimits: { maxOldGenerationSizeMb: workerHeapMb(settings) } });
    this.worker.on('message', (message: WorkerResponse) => this.receive(message));
    this.worker.on('error', (error) => this.lose(new StoreFailureError(FAILURE_TEXT.exit, /out of memory/i.test(error.message) ? 'memory' : 'exit', error.message)));
    this.worker.on('exit', (code) => this.lose(new StoreFailureError(FAILURE_TEXT.exit, 'exit', `the worker thread exited with code ${code}`)));
  }

  call<T>(request: ReplicaRequest, onProgress?: (progress: LoadProgress) => void): Promise<T> {
    if (this.dead) return Promise.reject(new StoreFailureError(FAILURE_TEXT.exit));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.calls.set(id, { resolve, reject, onProgress });
      this.worker.postMessage({ ...request, id });
    });
  }

  /** Ends the thread at once (a query past its time, or a failed store); pending calls are rejected by the caller's choice of error. */
  terminate(): void {
    if (this.dead) return;
    this.dead = true;
    void this.worker.terminate();
  }

  private receive(message: WorkerResponse): void {
    switch (message.type) {
      case 'ready':
        this.memoryBytes = message.memoryBytes;
        this.markStarted();
        return;
      case 'log':
        this.events.onPrinted(this, message.message);
        return;
      case 'progress':
        this.calls.get(message.id)?.onProgress?.({ source: message.source, bytesLoaded: message.bytesLoaded, bytesTotal: message.bytesTotal });
        return;
      case 'fatal':
        this.memoryBytes = message.memoryBytes;
        this.lose(new StoreFailureError(FAILURE_TEXT[message.reason], message.reason, message.message));
        return;
      case 'result':
      case 'error':
        break;
    }
    const call = this.calls.get(message.id);
    if (!call) return;
    this.calls.delete(message.id);
    if (message.type === 'result') {
      this.memoryBytes = message.memoryBytes;
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

  /** The replica is gone or broken: every pending call fails, the thread ends, the owner is told once. */
  private lose(failure: StoreFailureError): void {
    const wasDead = this.dead;
    this.dead = true;
    this.failStart(failure);
    for (const call of this.calls.values()) call.reject(failure);
    this.calls.clear();
    void this.worker.terminate();
    if (!wasDead) this.events.onLost(this, failure);
  }
}
