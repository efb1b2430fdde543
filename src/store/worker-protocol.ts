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

/** A SPARQL Update the store applies to what it holds, as a step of its snapshot (after the parts before it). */
export interface WorkerUpdate {
  readonly name: string;
  readonly update: string;
  readonly baseIRI: string;
}

/** One step of a replica's snapshot: bytes to load, or an update to apply. */
export type SnapshotPart = WorkerLoadSource | WorkerUpdate;

export type WorkerRequest =
  | { readonly type: 'load'; readonly id: number; readonly sources: readonly SnapshotPart[] }
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
  | { readonly type: 'dump'; readonly id: number; readonly format: GraphMediaType }
  | { readonly type: 'size'; readonly id: number };

export type WorkerErrorKind = 'syntax' | 'evaluation' | 'load' | 'too-large';

export type WorkerResponse =
  /** Sent once, when the store is created and the worker listens. */
  | { readonly type: 'ready' }
  | { readonly type: 'progress'; readonly id: number; readonly source: string; readonly bytesLoaded: number; readonly bytesTotal: number }
  | { readonly type: 'result'; readonly id: number; readonly value: unknown }
  | { readonly type: 'error'; readonly id: number; readonly kind: WorkerErrorKind; readonly message: string; readonly source?: string; readonly limit?: number };
