/**
 * Who may write: curators and administrators named in the configuration with the SHA-256 hash
 * of their token (the service never holds a token in clear). A request names itself with
 * `Authorization: Bearer TOKEN`; its hash is compared with every configured one in constant time.
 * With no curator configured, writing is closed.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export interface Identity {
  readonly name: string;
  readonly admin: boolean;
}

interface Holder {
  readonly name: string;
  readonly hash: Buffer;
  readonly admin: boolean;
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export class Curators {
  private readonly holders: Holder[];

  constructor(curators: Readonly<Record<string, string>>, admins: Readonly<Record<string, string>>) {
    this.holders = [
      ...Object.entries(curators).map(([name, hash]) => ({ name, hash: Buffer.from(hash, 'hex'), admin: false })),
      ...Object.entries(admins).map(([name, hash]) => ({ name, hash: Buffer.from(hash, 'hex'), admin: true })),
    ];
  }

  /** Whether anyone at all may write. */
  get open(): boolean {
    return this.holders.length > 0;
  }

  /** The holder of the request's bearer token, or undefined (no token, or an unknown one). */
  identify(req: IncomingMessage): Identity | undefined {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (!match) return undefined;
    const presented = Buffer.from(tokenHash(match[1]!), 'hex');
    let found: Holder | undefined;
    // Every hash is compared, so that the time taken says nothing about which one matched.
    for (const holder of this.holders) if (timingSafeEqual(holder.hash, presented) && (!found || holder.admin)) found = holder;
    return found ? { name: found.name, admin: found.admin } : undefined;
  }
}
