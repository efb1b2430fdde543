/**
 * HTTP load for the benchmarks: one request timed, or many clients in a closed loop. Each
 * client has its own keep-alive connection from its own loopback address, as distinct users
 * would (the service tells clients apart by address).
 */
import { Agent, request } from 'node:http';

export interface HttpRequest {
  readonly url: string;
  readonly method?: 'GET' | 'POST' | 'PUT';
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface HttpResponse {
  readonly status: number;
  readonly bytes: number;
  readonly ms: number;
}

export class HttpClient {
  private readonly agent: Agent;

  constructor(localAddress = '127.0.0.1') {
    this.agent = new Agent({ keepAlive: true, maxSockets: 1, localAddress });
  }

  send(req: HttpRequest): Promise<HttpResponse> {
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const outgoing = request(req.url, { method: req.method ?? 'GET', headers: req.headers, agent: this.agent }, (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => { bytes += chunk.length; });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, ms: performance.now() - started }));
        res.on('error', reject);
      });
      outgoing.on('error', reject);
      outgoing.end(req.body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

export interface LoadResult {
  readonly completed: number;
  readonly failed: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly latencies: number[];
}

/**
 * `clients` clients send requests back to back for `seconds` (or until `turns` requests are
 * done), each taking the next request of the list in turn. Requests are asynchronous
 * functions, so the same loop drives HTTP servers and a store called directly.
 */
export async function closedLoop(clients: number, seconds: number, next: (client: number, turn: number) => Promise<boolean>,
  turns = Number.POSITIVE_INFINITY): Promise<LoadResult> {
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  let completed = 0;
  let failed = 0;
  const latencies: number[] = [];
  await Promise.all(Array.from({ length: clients }, async (_, client) => {
    for (let turn = client; turn < turns && performance.now() < deadline; turn += clients) {
      const t0 = performance.now();
      const ok = await next(client, turn).catch(() => false);
      latencies.push(performance.now() - t0);
      if (ok) completed++;
      else failed++;
    }
  }));
  const elapsed = (performance.now() - started) / 1000;
  return { completed, failed, seconds: elapsed, perSecond: completed / elapsed, latencies };
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
