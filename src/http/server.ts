/**
 * The HTTP server, with limits against slow clients, and its graceful stop.
 *
 * A client that sends its headers or its body a byte at a time holds a connection and memory;
 * one that keeps an idle connection open holds a socket. Node's defaults are generous (a minute
 * for headers, five for a request) and checked every 30 s; these are tighter and checked every
 * second. A client past a limit gets `408 Request Timeout` and its connection is closed.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface ServerLimits {
  /** Time to receive a request's headers. */
  readonly headersTimeoutMs: number;
  /** Time to receive a whole request, body included. */
  readonly requestTimeoutMs: number;
  /** Time an idle keep-alive connection stays open. */
  readonly keepAliveTimeoutMs: number;
  /** Time a connection may stay silent both ways (longer than a query may wait and run). */
  readonly socketTimeoutMs: number;
}

export const SERVER_LIMITS: ServerLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  socketTimeoutMs: 120_000,
};

export function createHttpServer(handler: (req: IncomingMessage, res: ServerResponse) => void, limits: ServerLimits = SERVER_LIMITS): Server {
  const server = createServer({
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: 1000,
  }, handler);
  server.timeout = limits.socketTimeoutMs;
  return server;
}

/**
 * Stops accepting connections and closes the idle ones at once; requests in flight have
 * `graceMs` to finish, then their connections are closed. Resolves with how many requests were
 * cut short.
 */
export async function drainServer(server: Server, graceMs: number, inFlight: () => number): Promise<number> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const deadline = Date.now() + graceMs;
  while (inFlight() > 0 && Date.now() < deadline) {
    // Connections that finished a response while draining are idle now: close them too.
    server.closeIdleConnections();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const cut = inFlight();
  server.closeAllConnections();
  await closed;
  return cut;
}
