/** Messages between the federation engine and its Comunica worker thread. */

/** Headers of the worker's requests to the local endpoint: the mark of an internal request, and the client it runs for. */
export const INTERNAL_HEADER = 'x-citego-internal';
export const ON_BEHALF_OF_HEADER = 'x-citego-on-behalf-of';
export interface FederationRequest {
  readonly id: number;
  readonly query: string;
  readonly baseIRI: string;
  /** Media type of the result for SELECT and ASK, and for CONSTRUCT and DESCRIBE. */
  readonly solutionsFormat: string;
  readonly graphFormat: string;
  /** This service's own endpoint: the source of the query's local patterns. */
  readonly localEndpoint: string;
  /** Header value that marks the worker's requests to the local endpoint as internal. */
  readonly internalToken: string;
  /** The client the query runs for: the local endpoint charges its requests to that client. */
  readonly onBehalfOf?: string;
  /** Remote endpoints replaced by others (a mirror, or a test double): from IRI → to URL. */
  readonly redirects: Readonly<Record<string, string>>;
  readonly maxResultBytes: number;
}

/** The client of query `cancel` went away: drop it and abort its requests. */
export interface FederationCancel {
  readonly cancel: number;
}

export type FederationResponse =
  | { readonly id: number; readonly kind: 'solutions' | 'boolean' | 'graph'; readonly mediaType: string; readonly body: string }
  | { readonly id: number; readonly error: 'syntax' | 'remote' | 'evaluation' | 'too-large'; readonly message: string };
