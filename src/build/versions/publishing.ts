/**
 * What the rest of the service may ask of the publisher: the published state of a thing, a
 * reload, a write, and the change log. The features read it from the service's state.
 */
import type { Quad } from '../../rdf/terms.js';
import type { ValidationOutcome } from '../../validation/results.js';
import type { ChangeLogReader, VersionRecord } from './change-log.js';
import type { ThingChange } from './thing-graph.js';

/** What a reload did. */
export type ReloadOutcome =
  | { readonly status: 'published'; readonly version: VersionRecord; readonly changes: readonly ThingChange[]; readonly conflicts: readonly string[]; readonly seconds: number }
  | { readonly status: 'unchanged'; readonly version: VersionRecord | undefined }
  | { readonly status: 'refused'; readonly outcome: ValidationOutcome }
  | { readonly status: 'failed'; readonly reason: string };

export interface WriteRequest {
  readonly thing: string;
  /** The thing's new description; undefined to delete it. */
  readonly quads: readonly Quad[] | undefined;
  /** Lines of the quads in the request body, for the report. */
  readonly lines?: readonly number[];
  /** The states (hashes) the client expects the thing to be in (If-Match), or '*' for any. */
  readonly ifMatch?: readonly string[];
  /** If-None-Match: * (create only). */
  readonly ifNoneMatchAny?: boolean;
  readonly agent: string;
}

export type WriteOutcome =
  | { readonly kind: 'done'; readonly result: 'created' | 'updated' | 'deleted' | 'unchanged'; readonly hash?: string; readonly version: VersionRecord | undefined }
  | { readonly kind: 'precondition-failed'; readonly current?: string }
  | { readonly kind: 'precondition-required'; readonly current: string }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'invalid'; readonly outcome: ValidationOutcome }
  | { readonly kind: 'unavailable'; readonly reason: string };

export interface Publishing {
  /** Whether writes are made durable (a journal on disk): without it they are refused. */
  readonly durable: boolean;
  readonly log: ChangeLogReader;
  /** The report on the files when they were refused at start and the journal's version served instead. */
  readonly refusedFiles: ValidationOutcome | undefined;
  /** The published state of a thing: its own triples as canonical N-Triples, and their hash. */
  thing(thing: string): { block: string; hash: string } | undefined;
  /**
   * The published graph, thing by thing (each thing's block of canonical N-Triples), as the store
   * of `version` (a sourcesVersion) was built from it; undefined once the graph has changed since.
   */
  publishedGraph(version: string): readonly (readonly [string, string])[] | undefined;
  /** Reads the files again and publishes what changed in them, or keeps the version served. */
  reload(trigger: string): Promise<ReloadOutcome>;
  write(request: WriteRequest): Promise<WriteOutcome>;
  close(): Promise<void>;
}
