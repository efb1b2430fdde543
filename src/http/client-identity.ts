/**
 * Who a client is, for fairness, budgets and the access log: the address it connects from.
 * Behind a reverse proxy every request comes from the proxy; the operator then names the proxy
 * (TRUST_PROXY) and the client is the address the proxy put in X-Forwarded-For. The header is
 * read only then, and only as far as trusted proxies wrote it, so that a client cannot choose
 * its own identity by sending the header itself. The reading is proxy-addr's, express's own.
 *
 * An IPv6 client is its /64 network: one subscriber commonly holds a whole /64, and counting
 * each of its 2^64 addresses apart would let it take every share alone.
 */
import type { IncomingMessage } from 'node:http';
import { isIPv4, isIPv6 } from 'node:net';
import proxyaddr from 'proxy-addr';

/** Which proxies to believe: their addresses, subnets or names (loopback, uniquelocal…), or how many hops in front. */
export type TrustProxy = readonly string[] | number | undefined;

/** The /64 network of an IPv6 address, written with `::/64`; IPv4 (mapped or not) as itself. */
export function clientKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (isIPv4(address) || !isIPv6(address) || address === '::1') return address;
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '').toLowerCase()).join(':')}::/64`;
}

/** A function giving each request's client, under the operator's trust setting. */
export function clientIdentity(trust: TrustProxy): (req: IncomingMessage) => string {
  if (trust === undefined || (Array.isArray(trust) && trust.length === 0)) {
    return (req) => clientKey(req.socket.remoteAddress ?? 'unknown');
  }
  const trusted = typeof trust === 'number' ? (_address: string, hop: number) => hop < trust : proxyaddr.compile([...(trust as readonly string[])]);
  return (req) => clientKey(proxyaddr(req, trusted));
}
