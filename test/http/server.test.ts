/**
 * The server's limits against slow clients (headers, body, idle keep-alive), each answered with
 * 408 or a closed connection within its time, and its graceful stop: no new connection, the
 * requests in flight finish within the grace period, the rest are cut at its end. The limits
 * are shortened here; the service's own are SERVER_LIMITS.
 */
import { connect, type Socket } from 'node:net';
import type { Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpServer, drainServer, SERVER_LIMITS } from '../../src/http/server.js';

const LIMITS = { headersTimeoutMs: 600, requestTimeoutMs: 1200, keepAliveTimeoutMs: 400, socketTimeoutMs: 10_000 };
let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

async function listening(handler: Parameters<typeof createHttpServer>[0], limits = LIMITS): Promise<number> {
  server = createHttpServer(handler, limits);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

/** A raw connection: what the server sent, and when it closed the connection. */
function rawClient(port: number): { socket: Socket; received: () => string; closed: Promise<number> } {
  const socket = connect(port, '127.0.0.1');
  const started = performance.now();
  let received = '';
  socket.on('data', (chunk: Buffer) => { received += chunk.toString(); });
  socket.on('error', () => {});
  const closed = new Promise<number>((resolve) => socket.on('close', () => resolve(performance.now() - started)));
  return { socket, received: () => received, closed };
}

describe('limits against slow clients', () => {
  it('keeps the service\'s own limits tight and consistent', () => {
    expect(SERVER_LIMITS.headersTimeoutMs).toBeLessThanOrEqual(SERVER_LIMITS.requestTimeoutMs);
    expect(SERVER_LIMITS.requestTimeoutMs).toBeLessThanOrEqual(60_000);
    expect(SERVER_LIMITS.keepAliveTimeoutMs).toBeLessThanOrEqual(10_000);
  });

  it('answers 408 to a client that sends its headers too slowly, and closes the connection', async () => {
    const port = await listening((_req, res) => res.end('ok'));
    const client = rawClient(port);
    client.socket.write('GET / HTTP/1.1\r\nHost: x\r\n');
    const trickle = setInterval(() => client.socket.write('X-Slow: 1\r\n'), 100);
    const ms = await client.closed;
    clearInterval(trickle);
    expect(client.received()).toMatch(/^HTTP\/1\.1 408/);
    expect(ms).toBeLessThan(LIMITS.headersTimeoutMs + 2500);
  });

  it('answers 408 to a client that sends its body too slowly', async () => {
    const port = await listening((req, res) => {
      req.resume();
      req.on('end', () => res.end('ok'));
    });
    const client = rawClient(port);
    client.socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n');
    const trickle = setInterval(() => client.socket.write('a'), 100);
    const ms = await client.closed;
    clearInterval(trickle);
    expect(client.received()).toMatch(/^HTTP\/1\.1 408/);
    expect(ms).toBeLessThan(LIMITS.requestTimeoutMs + 2500);
  });

  it('closes an idle keep-alive connection', async () => {
    const port = await listening((_req, res) => res.end('ok'));
    const client = rawClient(port);
    client.socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    const ms = await client.closed;
    expect(client.received()).toMatch(/^HTTP\/1\.1 200/);
    expect(ms).toBeLessThan(LIMITS.keepAliveTimeoutMs + 2000);
  });
});

describe('graceful stop', () => {
  it('refuses new connections, lets a request in flight finish, then closes', async () => {
    let inFlight = 0;
    const port = await listening((_req, res) => {
      inFlight++;
      setTimeout(() => { res.end('finished'); inFlight--; }, 400);
    });
    const answer = fetch(`http://127.0.0.1:${port}/`).then((r) => r.text());
    await new Promise((r) => setTimeout(r, 100));
    const drained = drainServer(server!, 5000, () => inFlight);
    await new Promise((r) => setTimeout(r, 50));
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
    expect(await answer).toBe('finished');
    expect(await drained).toBe(0);
  });

  it('cuts the requests still running at the end of the grace period', async () => {
    let inFlight = 0;
    const port = await listening(() => { inFlight++; });
    const answer = fetch(`http://127.0.0.1:${port}/`).then(() => 'answered', () => 'cut');
    await new Promise((r) => setTimeout(r, 100));
    const started = performance.now();
    expect(await drainServer(server!, 300, () => inFlight)).toBe(1);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(await answer).toBe('cut');
  });
});
