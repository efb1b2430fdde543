/**
 * The store interface: what the rest of the service asks of the triple store. The embedded
 * Oxigraph store implements it now; a remote SPARQL store (Oxigraph server, Virtuoso, Fuseki)
 * can implement it later without the callers changing.
 */
import type { GraphMediaType, ParsedMediaType, SolutionsMediaType } from '../rdf/formats.js';
import type { Quad, Term } from '../rdf/terms.js';
import type { FatalReason } from './worker-protocol.js';

/** A solution of a SELECT query: variable name → bound term (unbound variables are absent). */
export type Solution = Readonly<Record<string, Term>>;

/**
 * Which replicas may answer. 'pages' (the default) is the service's own lookups: descriptions,
 * lists, counts. 'endpoint' is the public SPARQL endpoint's queries, which never run on the
 * replicas kept for pages, so that a page never waits behind somebody's query.
 */
export type Lane = 'pages' | 'endpoint';

/** How a query ended, for the client's budget and the operator's metrics. */
export type QueryOutcome = 'answered' | 'error' | 'timeout' | 'cancelled' | 'preempted' | 'failed' | 'queue-timeout' | 'queue-full' | 'closed';

/** What a query cost: its wait for a replica, its run, and the reload its replica needed if it had to be ended. */
export interface QueryUsage {
  readonly outcome: QueryOutcome;
  readonly waitMs: number;
  readonly runMs: number;
  /** Time the replica it ran on takes to load again, when the query had to end it (0 otherwise). */
  readonly restartMs: number;
}

export interface QueryOptions {
  /** Stop the query after it has run this many milliseconds (it then fails with QueryTimeoutError). */
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
  /** The replicas that may answer; 'pages' when absent. */
  readonly lane?: Lane;
  /** Give up (QueueTimeoutError) when no replica took the query within this time. */
  readonly maxWaitMs?: number;
  /** Refuse the query at once (QueueFullError) when this many queries already wait in its lane. */
  readonly maxQueued?: number;
  /** Stops the query, waiting or running, when aborted (the client went away). */
  readonly signal?: AbortSignal;
  /** Told what the query cost once it has ended, however it ended. */
  readonly onSettled?: (usage: QueryUsage) => void;
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

/** How an update is applied (see Store.update). */
export interface UpdateOptions {
  /** Base IRI against which the update's relative IRIs resolve. */
  readonly baseIRI?: string;
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
   * Applies a SPARQL 1.1 Update (a curator's write, or what the build materialises). It resolves
   * once a query sent afterwards can only see the data with the update applied. Every replica
   * applies it in the same place among the loaded bytes, a replica loaded anew too: what must
   * link to the data's blank nodes is added this way, as loading bytes gives them fresh labels.
   */
  update(update: string, options?: UpdateOptions): Promise<void>;
  dump(format: GraphMediaType): Promise<string>;
  size(): Promise<number>;
  close(): Promise<void>;
  /** What the store is doing, for health checks and metrics (stores that can tell). */
  stats?(): StoreStats;
}

export interface LaneStats {
  /** Replicas of the lane, those holding all the data, and those running a query. */
  readonly replicas: number;
  readonly ready: number;
  readonly busy: number;
  /** Queries waiting for one of the lane's replicas. */
  readonly queued: number;
}

export interface StoreStats {
  readonly lanes: Readonly<Record<Lane, LaneStats>>;
  /** Replicas ended and loaded again since the start, by cause. */
  readonly restarts: Readonly<Record<RestartCause, number>>;
  /** WebAssembly memory of every replica together, in bytes. */
  readonly memoryBytes: number;
  /** Ceiling of each replica's memory, in bytes. */
  readonly memoryLimitBytes: number;
}

/** Why a replica was ended and replaced. */
export type RestartCause = 'timeout' | 'cancelled' | 'preempted' | 'failed' | 'recycled';

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

/**
 * The replica running the query failed (its memory ceiling reached, a trap, a crash) and is being
 * replaced. The message is fit for a client; `detail` (the store's own words) is for the log only.
 */
export class StoreFailureError extends Error {
  constructor(message: string, readonly reason: FatalReason | 'exit' = 'exit', readonly detail = '') {
    super(message);
    this.name = 'StoreFailureError';
  }
}

/** The query was stopped because its client went away. */
export class QueryCancelledError extends Error {
  constructor() {
    super('the query was stopped: its client went away');
    this.name = 'QueryCancelledError';
  }
}

/**
 * The query was stopped after `ranMs` to give a replica back: its client held several replicas
 * while another client, holding none, waited.
 */
export class QueryPreemptedError extends Error {
  constructor(readonly ranMs: number, readonly heldReplicas: number) {
    super(`the query was stopped after ${(ranMs / 1000).toFixed(1)} s: its client held ${heldReplicas} replicas while another client waited`);
    this.name = 'QueryPreemptedError';
  }
}

/** No replica took the query within its waiting time (`waitedMs`). */
export class QueueTimeoutError extends Error {
  constructor(readonly waitedMs: number) {
    super(`no replica was free within ${(waitedMs / 1000).toFixed(1)} s`);
    this.name = 'QueueTimeoutError';
  }
}

/** Too many queries already wait in the lane (`queued`). */
export class QueueFullError extends Error {
  constructor(readonly queued: number) {
    super(`${queued} queries are already waiting`);
    this.name = 'QueueFullError';
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

/**
 * Errors that say the store could not answer now (a replica failed or was busy past the time
 * limit, the store is closing), not that the request was wrong: the request may be sent again.
 */
export function isStoreUnavailable(error: unknown): boolean {
  return error instanceof StoreFailureError || error instanceof QueryTimeoutError || error instanceof StoreClosedError
    || error instanceof QueueTimeoutError || error instanceof QueueFullError;
}
