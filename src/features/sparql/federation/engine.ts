/**
 * Federated queries: those with SERVICE clauses, which Oxigraph does not evaluate, go to a
 * Comunica worker thread. It is started on the first federated query, stopped when a query
 * overruns its time limit, and started again on the next. A query's time limit counts from when
 * the worker is up: loading Comunica takes seconds on a busy machine, and is not the query's doing.
 */
import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import {
  QueryCancelledError, QueryEvaluationError, QueryResultTooLargeError, QuerySyntaxError, QueryTimeoutError, StoreFailureError,
  type QueryOptions, type SerializedResult,
} from '../../../store/store.js';
import type { QueryRequest } from '../protocol.js';
import type { FederationCancel, FederationRequest, FederationResponse } from './worker-protocol.js';

/** A remote endpoint failed or could not be reached. */
export class RemoteEndpointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RemoteEndpointError';
  }
}

export interface FederationOptions {
  /** This service's SPARQL endpoint as the worker reaches it (loopback). */
  readonly localEndpoint: () => string;
  readonly baseIRI: string;
  /** Remote endpoints to reach at another URL: from IRI → to URL. */
  readonly redirects?: Readonly<Record<string, string>>;
}

const SELF_URL = import.meta.url;

function startWorker(): Worker {
  if (!SELF_URL.endsWith('.ts')) return new Worker(new URL('./comunica-worker.js', SELF_URL));
  const entry = new URL('./comunica-worker.ts', SELF_URL).href;
  return new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`, { eval: true });
}

interface Pending {
  readonly maxResultBytes: number;
  resolve(result: SerializedResult): void;
  reject(error: Error): void;
}

/** Longest start of the worker (loading Comunica) before its queries are answered with an error. */
const STARTUP_LIMIT_MS = 60_000;

export class FederationEngine {
  /** The header value that lets the worker's own requests through the endpoint's per-client cap. */
  readonly internalToken = randomUUID();
  private worker: Worker | undefined;
  /** Settles when the current worker has loaded Comunica and listens. */
  private started: Promise<void> = Promise.resolve();
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(private readonly options: FederationOptions) {}

  query(request: QueryRequest, formats: { solutions: string; graph: string }, options: QueryOptions): Promise<SerializedResult> {
    if (request.defaultGraphs.length || request.namedGraphs.length) {
      return Promise.reject(new QueryEvaluationError('a federated query runs on the default graph: default-graph-uri and named-graph-uri are not supported with SERVICE'));
    }
    if (options.signal?.aborted) return Promise.reject(new QueryCancelledError());
    const worker = this.ensureWorker();
    const started = this.started;
    const id = this.nextId++;
    const timeoutMs = options.timeoutMs ?? 30_000;
    const maxResultBytes = options.maxResultBytes ?? 64 * 1024 * 1024;
    const queued = performance.now();
    let running: number | undefined;
    return new Promise<SerializedResult>((resolve, reject) => {
      // A client that goes away stops its query: the worker drops it and aborts its requests (the local ones stop their store queries).
      const cancel = () => {
        if (!this.pending.delete(id)) return;
        clearTimeout(timer);
        this.worker?.postMessage({ cancel: id } satisfies FederationCancel);
        reject(new QueryCancelledError());
      };
      const expire = (error: Error) => {
        if (!this.pending.delete(id)) return;
        options.signal?.removeEventListener('abort', cancel);
        reject(error);
        this.stop();
      };
      let timer = setTimeout(() => expire(new StoreFailureError('the federation engine did not start in time')), STARTUP_LIMIT_MS);
      void started.then(() => {
        if (!this.pending.has(id)) return;
        clearTimeout(timer);
        running = performance.now();
        timer = setTimeout(() => expire(new QueryTimeoutError(timeoutMs)), timeoutMs);
      }, () => {});
      const settled = (outcome: 'answered' | 'error') => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', cancel);
        const now = performance.now();
        options.onSettled?.({ outcome, waitMs: (running ?? now) - queued, runMs: running === undefined ? 0 : now - running, restartMs: 0 });
      };
      this.pending.set(id, {
        maxResultBytes,
        resolve: (result) => { settled('answered'); resolve(result); },
        reject: (error) => { settled('error'); reject(error); },
      });
      options.signal?.addEventListener('abort', cancel, { once: true });
      const message: FederationRequest = {
        id, query: request.query, baseIRI: this.options.baseIRI,
        solutionsFormat: formats.solutions, graphFormat: formats.graph,
        localEndpoint: this.options.localEndpoint(), internalToken: this.internalToken, onBehalfOf: options.client,
        redirects: this.options.redirects ?? {}, maxResultBytes,
      };
      worker.postMessage(message);
    });
  }

  async close(): Promise<void> {
    this.stop();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker();
    let markStarted!: () => void;
    this.started = new Promise<void>((resolve) => { markStarted = resolve; });
    worker.on('message', (message: FederationResponse | { ready: true }) => {
      if ('ready' in message) {
        markStarted();
        return;
      }
      const pending = this.pending.get(message.id);
      if (!pending) return;
      this.pending.delete(message.id);
      if ('error' in message) {
        const error = message.error === 'syntax' ? new QuerySyntaxError(message.message)
          : message.error === 'remote' ? new RemoteEndpointError(message.message)
            : message.error === 'too-large' ? new QueryResultTooLargeError(pending.maxResultBytes)
              : new QueryEvaluationError(message.message);
        pending.reject(error);
      } else {
        pending.resolve({ kind: message.kind, mediaType: message.mediaType, body: message.body });
      }
    });
    const fail = (error: Error) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      for (const pending of this.pending.values()) pending.reject(new QueryEvaluationError(`the federation engine stopped: ${error.message}`));
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', () => fail(new Error('worker exited')));
    this.worker = worker;
    return worker;
  }

  /** Ends the worker (and every query in it); the next federated query starts a new one. */
  private stop(): void {
    const worker = this.worker;
    this.worker = undefined;
    for (const pending of this.pending.values()) {
      pending.reject(new StoreFailureError('the federation engine was restarted because another federated query ran past its time limit'));
    }
    this.pending.clear();
    void worker?.terminate();
  }
}
