/** Messages between the federation engine and its Comunica worker thread. */
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
  /** Remote endpoints replaced by others (a mirror, or a test double): from IRI → to URL. */
  readonly redirects: Readonly<Record<string, string>>;
  readonly maxResultBytes: number;
}

export type FederationResponse =
  | { readonly id: number; readonly kind: 'solutions' | 'boolean' | 'graph'; readonly mediaType: string; readonly body: string }
  | { readonly id: number; readonly error: 'syntax' | 'remote' | 'evaluation' | 'too-large'; readonly message: string };
