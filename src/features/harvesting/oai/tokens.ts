/**
 * Resumption tokens that the server keeps nothing of: each token carries the request it
 * continues (verb, format, set, dates), the position reached (the datestamp and identifier of
 * the last record sent, in the stable order of the records) and its expiry, signed with
 * HMAC-SHA-256. The same token always gives the same page, a token taken before a restart still
 * works after it (the key comes from the configuration), and a changed or expired token is
 * refused with badResumptionToken rather than misread.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export interface TokenState {
  readonly verb: 'ListRecords' | 'ListIdentifiers';
  readonly metadataPrefix: string;
  readonly set?: string;
  readonly from?: string;
  readonly until?: string;
  /** The last record sent: the next page starts after it. */
  readonly after: { readonly datestamp: string; readonly identifier: string };
  /** Records sent before the next page. */
  readonly cursor: number;
  /** Expiry, in seconds since the epoch: the same for every token of one harvest. */
  readonly expires: number;
}

/** How long a harvest may take from its first request: a week, for the slowest harvesters. */
export const TOKEN_LIFETIME_SECONDS = 7 * 24 * 3600;

/**
 * The signing key: the configured secret, else one derived from the base IRI, so that it is the
 * same after a restart and on every replica of the service (never a random key per process).
 */
export function tokenKey(secret: string | undefined, baseIRI: string): Buffer {
  return createHash('sha256').update(secret ?? `citego-lod OAI-PMH resumption tokens for ${baseIRI}`).digest();
}

export class TokenError extends Error {}

export class ResumptionTokens {
  constructor(private readonly key: Buffer) {}

  private signature(payload: string): Buffer {
    return createHmac('sha256', this.key).update(payload).digest().subarray(0, 16);
  }

  issue(state: TokenState): string {
    const payload = Buffer.from(JSON.stringify([1, state.verb, state.metadataPrefix, state.set ?? null, state.from ?? null,
      state.until ?? null, state.after.datestamp, state.after.identifier, state.cursor, state.expires])).toString('base64url');
    return `${payload}.${this.signature(payload).toString('base64url')}`;
  }

  /** The state a token carries; a TokenError says why it cannot be used. */
  read(token: string, now = Date.now()): TokenState {
    const [payload, signature, ...rest] = token.split('.');
    if (!payload || !signature || rest.length) throw new TokenError('this is not a resumption token of this repository');
    const given = Buffer.from(signature, 'base64url');
    const expected = this.signature(payload);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new TokenError('this resumption token was not issued by this repository, or was altered');
    let fields: unknown;
    try {
      fields = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      throw new TokenError('this resumption token cannot be read');
    }
    if (!Array.isArray(fields) || fields[0] !== 1 || fields.length !== 10) throw new TokenError('this resumption token is of another version of the service');
    const [, verb, metadataPrefix, set, from, until, datestamp, identifier, cursor, expires] = fields as [number, TokenState['verb'], string,
      string | null, string | null, string | null, string, string, number, number];
    if (expires * 1000 <= now) throw new TokenError(`this resumption token expired on ${new Date(expires * 1000).toISOString()}; start the harvest again`);
    return { verb, metadataPrefix, set: set ?? undefined, from: from ?? undefined, until: until ?? undefined, after: { datestamp, identifier }, cursor, expires };
  }
}
