/** Messages between the embedded store and its Oxigraph worker threads. */
import type { GraphMediaType, ParsedMediaType, SolutionsMediaType } from '../rdf/formats.js';

export interface WorkerLoadSource {
  readonly name: string;
  /** A view on shared memory: every replica loads the same bytes without copying them. */
  readonly bytes: Uint8Array;
  readonly format: ParsedMediaType;
  readonly baseIRI: string;
  readonly graph?: string;
}

/** What a worker is given when it starts. */
export interface WorkerSettings {
  /** Ceiling of the store's WebAssembly memory, in bytes. */
  readonly memoryLimitBytes: number;
}

export type WorkerRequest =
  | { readonly type: 'load'; readonly id: number; readonly sources: readonly WorkerLoadSource[] }
  | {
    readonly type: 'query';
    readonly id: number;
    readonly query: string;
    readonly solutionsFormat: SolutionsMediaType;
    readonly graphFormat: GraphMediaType;
    readonly baseIRI?: string;
    readonly defaultGraphs?: readonly string[];
    readonly namedGraphs?: readonly string[];
    readonly maxResultBytes?: number;
    /** Answer a graph as N-Triples bytes in shared memory rather than as a string (results as large as the data). */
    readonly asBytes?: boolean;
  }
  /** A SPARQL 1.1 Update: a curator's write, applied by every replica in the same order. */
  | { readonly type: 'update'; readonly id: number; readonly update: string; readonly baseIRI?: string }
  | { readonly type: 'dump'; readonly id: number; readonly format: GraphMediaType }
  | { readonly type: 'size'; readonly id: number };

export type WorkerErrorKind = 'syntax' | 'evaluation' | 'load' | 'too-large';

/**
 * Why a store can no longer be trusted: its memory ceiling was reached, its stack overflowed, it
 * panicked, or it trapped otherwise. A worker that reports one answers nothing more.
 */
export type FatalReason = 'memory' | 'stack' | 'panic' | 'trap';

export type WorkerResponse =
  /** Sent once, when the store is created and the worker listens. */
  | { readonly type: 'ready'; readonly memoryBytes: number }
  | { readonly type: 'progress'; readonly id: number; readonly source: string; readonly bytesLoaded: number; readonly bytesTotal: number }
  | { readonly type: 'result'; readonly id: number; readonly value: unknown; readonly memoryBytes: number }
  | { readonly type: 'error'; readonly id: number; readonly kind: WorkerErrorKind; readonly message: string; readonly source?: string; readonly limit?: number }
  /** The store failed beyond repair while answering `id`; `message` is for the operator's log, never for a client. */
  | { readonly type: 'fatal'; readonly id: number; readonly reason: FatalReason; readonly message: string; readonly memoryBytes: number }
  /** Something the store printed (a panic's message): for the operator's log. */
  | { readonly type: 'log'; readonly message: string };
