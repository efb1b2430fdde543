/**
 * The store interface: what the rest of the service asks of the triple store. The embedded
 * Oxigraph store implements it now; a remote SPARQL store (Oxigraph server, Virtuoso, Fuseki)
 * can implement it later without the callers changing.
 */
import type { GraphMediaType, ParsedMediaType, SolutionsMediaType } from '../rdf/formats.js';
import type { Quad, Term } from '../rdf/terms.js';

/** A solution of a SELECT query: variable name → bound term (unbound variables are absent). */
export type Solution = Readonly<Record<string, Term>>;

export interface QueryOptions {
  /** Stop the query after this many milliseconds (it then fails with QueryTimeoutError). */
  readonly timeoutMs?: number;
  /** Base IRI against which the query's relative IRIs (and PREFIX declarations) resolve. */
  readonly baseIRI?: string;
  /** SPARQL protocol's default-graph-uri and named-graph-uri. */
  readonly defaultGraphs?: readonly string[];
  readonly namedGraphs?: readonly string[];
  /** Refuse results whose serialisation is longer than this many bytes (QueryResultTooLargeError). */
  readonly maxResultBytes?: number;
  /**
   * Who asks (an address). A client never holds every replica at once: one stays free for the
   * others, so that one client's runaway queries cannot stall everybody.
   */
  readonly client?: string;
  /** Graph results as N-Triples bytes in shared memory (SerializedResult.bytes): see constructBytes. */
  readonly asBytes?: boolean;
}

export interface SerializedResult {
  /** 'solutions' for SELECT, 'boolean' for ASK, 'graph' for CONSTRUCT and DESCRIBE. */
  readonly kind: 'solutions' | 'boolean' | 'graph';
  readonly mediaType: string;
  readonly body: string;
  /** The body as bytes in shared memory, instead of `body`, when they were asked for. */
  readonly bytes?: Uint8Array;
}

/** A source the store loads: bytes already checked by the validation gate. */
export interface LoadSource {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly format: ParsedMediaType;
  readonly baseIRI: string;
  /** The named graph to load triples into; the default graph when absent. */
  readonly graph?: string;
}

/** A SPARQL Update applied to the data as a step of its loading (see Store.update). */
export interface StoreUpdate {
  /** Named in errors, like a loaded file. */
  readonly name: string;
  readonly update: string;
  readonly baseIRI: string;
}

export interface LoadProgress {
  readonly source: string;
  readonly bytesLoaded: number;
  readonly bytesTotal: number;
}

export interface Store {
  select(query: string, options?: QueryOptions): Promise<Solution[]>;
  ask(query: string, options?: QueryOptions): Promise<boolean>;
  construct(query: string, options?: QueryOptions): Promise<Quad[]>;
  /**
   * Runs a CONSTRUCT and returns its graph as N-Triples bytes in shared memory: for results as
   * large as the data (what the build materialises), which never become a string on this thread.
   */
  constructBytes(query: string, options?: QueryOptions): Promise<Uint8Array>;
  /** Runs any query and returns its results serialised by the store, for the SPARQL endpoint. */
  query(query: string, formats: { solutions: SolutionsMediaType; graph: GraphMediaType }, options?: QueryOptions): Promise<SerializedResult>;
  load(sources: readonly LoadSource[], onProgress?: (progress: LoadProgress) => void): Promise<void>;
  /**
   * Applies a SPARQL Update to what the store holds, after everything loaded before it (and
   * again, in the same place, wherever the data is loaded anew). What must link to the data's
   * blank nodes is added this way: loading bytes gives blank nodes fresh labels.
   */
  update(update: StoreUpdate): Promise<void>;
  dump(format: GraphMediaType): Promise<string>;
  size(): Promise<number>;
  close(): Promise<void>;
}

export class QuerySyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QuerySyntaxError';
  }
}

export class QueryTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`the query was stopped after ${timeoutMs} ms`);
    this.name = 'QueryTimeoutError';
  }
}

export class QueryEvaluationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueryEvaluationError';
  }
}

export class QueryResultTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`the result is larger than the ${Math.round(limitBytes / 1e6)} MB this service sends; narrow the query or use LIMIT`);
    this.name = 'QueryResultTooLargeError';
  }
}

/** The store's worker ended while running the query (out of memory, for instance). */
export class StoreFailureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreFailureError';
  }
}

export class StoreLoadError extends Error {
  constructor(readonly source: string, message: string) {
    super(`${source}: the store refused the data: ${message}`);
    this.name = 'StoreLoadError';
  }
}

export class StoreClosedError extends Error {
  constructor() {
    super('the store is closed');
    this.name = 'StoreClosedError';
  }
}
