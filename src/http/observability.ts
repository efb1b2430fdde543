/**
 * What an operator sees of the service: a JSON log (pino) where every line of a request carries
 * its id, one access line per request, and Prometheus metrics (prom-client) at /metrics.
 *
 * The root wraps the service's request listener with `instrument`, which gives each request an
 * id (answered in X-Request-Id), times it, counts the bytes sent and writes the access line when
 * it ends. Parts of the service add what only they know to the request's record (`annotate`:
 * the cache that answered, the SPARQL query's outcome and wait) and log through `requestLog(req)`,
 * so that their lines carry the request's id. What the store does (replicas lost and replaced,
 * queries ended, queue and memory) reaches the metrics through `storeObserver` and `gauges`:
 * this layer knows nothing of the store but the shape of what it reports.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { type Logger } from 'pino';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** What the parts of the service tell about a request, for its access line and the metrics. */
export interface RequestNotes {
  /** A prepared representation answered (hit) or had to be made (miss), and which cache. */
  cache?: { readonly name: string; readonly hit: boolean };
  /** The SPARQL query: how it ended, how long it waited for a replica and ran. */
  query?: { readonly outcome: string; readonly waitMs?: number; readonly runMs?: number; readonly federated?: boolean };
  /** Why the endpoint refused the query before it ran (budget, concurrency, queue, limit). */
  refused?: string;
}

interface RequestRecord {
  readonly id: string;
  readonly client: string;
  readonly started: number;
  readonly bytesBefore: number;
  readonly notes: RequestNotes;
  readonly observability: Observability;
  log?: Logger;
}

/** The store's statistics, as far as the metrics need them (the store's own type, seen from here). */
export interface StoreGauges {
  readonly lanes: Readonly<Record<string, { readonly replicas: number; readonly ready: number; readonly busy: number; readonly queued: number }>>;
  readonly restarts: Readonly<Record<string, number>>;
  readonly memoryBytes: number;
  readonly memoryLimitBytes: number;
}

/** What the store reports as it happens (its observer, seen from here). */
export interface StoreEvents {
  replicaLost(event: { lane: string; replica: number; failure: Error & { readonly reason: string; readonly detail: string } }): void;
  replicaReplaced(event: { lane: string; replica: number; cause: string; loadMs: number }): void;
  printed(event: { lane: string; replica: number; message: string }): void;
  querySettled(event: { lane: string; usage: { outcome: string; waitMs: number; runMs: number; restartMs: number } }): void;
}

export interface ObservabilityOptions {
  readonly level: string;
  /** Who a request comes from (client-identity.ts). */
  readonly clientOf: (req: IncomingMessage) => string;
  /** A request id sent by a trusted proxy is kept; otherwise the service makes its own. */
  readonly trustRequestIds: boolean;
  /** Figures read when the metrics are scraped: the data's size and the store's statistics, when there is a store. */
  readonly gauges: () => { readonly triples?: number; readonly store?: StoreGauges };
  /** Where the log goes; standard output when absent. */
  readonly destination?: NodeJS.WritableStream;
}

const records = new WeakMap<IncomingMessage, RequestRecord>();
/** For requests that were not instrumented (unit tests of a route): a log that writes nothing. */
const SILENT = pino({ level: 'silent' });
const INCOMING_ID = /^[\w.:@-]{1,64}$/;
const SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/** The log of a request: every line it writes carries the request's id (and its client). */
export function requestLog(req: IncomingMessage): Logger {
  const record = records.get(req);
  if (!record) return SILENT;
  record.log ??= record.observability.log.child({ requestId: record.id, client: record.client });
  return record.log;
}

/** Adds what a part of the service knows about a request to its access line and metrics. */
export function annotate(req: IncomingMessage, notes: RequestNotes): void {
  const record = records.get(req);
  if (record) Object.assign(record.notes, notes);
}

/** The client of an instrumented request, as the access log names it. */
export function clientOfRequest(req: IncomingMessage): string | undefined {
  return records.get(req)?.client;
}

/**
 * The label of a route for the metrics: the first segment of the path, its extension and number
 * dropped (`/doc/…` → `/doc`, `/sitemap-3.xml` → `/sitemap`), so that the labels stay few.
 */
export function routeLabel(path: string, status: number): string {
  if (status === 404) return 'unmatched';
  const segment = /^\/([A-Za-z][A-Za-z0-9_-]{0,40})/.exec(path)?.[1];
  if (!segment) return path === '/' || path === '' ? '/' : 'other';
  return `/${segment.replace(/-\d+$/, '').toLowerCase()}`;
}

export class Observability {
  readonly log: Logger;
  readonly registry = new Registry();
  private readonly bootId = randomBytes(4).toString('hex');
  private sequence = 0;
  private readonly caches = new Map<string, () => number>();
  /** Set when the service stops: readiness turns false so that a load balancer sends nothing new. */
  stopping = false;
  /** Requests received and not yet answered (or abandoned). */
  inFlight = 0;

  private readonly requests: Counter<'route' | 'method' | 'status'>;
  private readonly duration: Histogram<'route' | 'status'>;
  private readonly sent: Counter<'route'>;
  private readonly cacheLookups: Counter<'cache' | 'result'>;
  private readonly refusals: Counter<'reason'>;
  private readonly queries: Counter<'lane' | 'outcome'>;
  private readonly queueWait: Histogram<'lane'>;
  private readonly queryTime: Histogram<'lane' | 'outcome'>;
  private readonly failures: Counter<'lane' | 'reason'>;
  private readonly series = new Map<string, { requests: { inc(): void }; duration: { observe(value: number): void }; sent: { inc(value: number): void } }>();

  constructor(private readonly options: ObservabilityOptions) {
    this.log = pino({ level: options.level, base: { service: 'citego-lod' }, timestamp: pino.stdTimeFunctions.isoTime },
      options.destination ?? pino.destination({ dest: 1, sync: false }));
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 20 });
    this.requests = new Counter({ name: 'http_requests_total', help: 'Requests answered, by route, method and status', labelNames: ['route', 'method', 'status'], registers });
    this.duration = new Histogram({ name: 'http_request_duration_seconds', help: 'Time to answer a request, by route and status', labelNames: ['route', 'status'], buckets: SECONDS, registers });
    this.sent = new Counter({ name: 'http_response_bytes_total', help: 'Bytes sent, headers included, by route', labelNames: ['route'], registers });
    this.cacheLookups = new Counter({ name: 'cache_lookups_total', help: 'Prepared answers found (hit) or made (miss), by cache', labelNames: ['cache', 'result'], registers });
    this.refusals = new Counter({ name: 'sparql_refused_total', help: 'SPARQL queries refused before they ran, by reason (budget, concurrency, queue-full, limit…)', labelNames: ['reason'], registers });
    this.queries = new Counter({ name: 'store_queries_total', help: 'Store queries ended, by lane and outcome (answered, error, timeout, cancelled, preempted, failed, queue-timeout…)', labelNames: ['lane', 'outcome'], registers });
    this.queueWait = new Histogram({ name: 'store_queue_wait_seconds', help: 'Time a query waited for a replica, by lane', labelNames: ['lane'], buckets: SECONDS, registers });
    this.queryTime = new Histogram({ name: 'store_query_seconds', help: 'Time a query ran on a replica, by lane and outcome', labelNames: ['lane', 'outcome'], buckets: SECONDS, registers });
    this.failures = new Counter({ name: 'store_replica_failures_total', help: 'Replicas whose store failed (memory, stack, panic, trap, exit), by lane and reason', labelNames: ['lane', 'reason'], registers });

    const gauges = () => options.gauges();
    new Gauge({
      name: 'store_triples', help: 'Triples of the published data', registers,
      collect() { this.set(gauges().triples ?? 0); },
    });
    new Gauge({
      name: 'store_replicas', help: 'Store replicas by lane and state (wanted, ready, busy)', labelNames: ['lane', 'state'], registers,
      collect() {
        this.reset();
        for (const [lane, stats] of Object.entries(gauges().store?.lanes ?? {})) {
          this.set({ lane, state: 'wanted' }, stats.replicas);
          this.set({ lane, state: 'ready' }, stats.ready);
          this.set({ lane, state: 'busy' }, stats.busy);
        }
      },
    });
    new Gauge({
      name: 'store_queue_length', help: 'Queries waiting for a replica, by lane', labelNames: ['lane'], registers,
      collect() {
        this.reset();
        for (const [lane, stats] of Object.entries(gauges().store?.lanes ?? {})) this.set({ lane }, stats.queued);
      },
    });
    new Counter({
      name: 'store_replica_restarts_total', help: 'Replicas ended and loaded again, by cause (timeout, cancelled, preempted, failed, recycled)', labelNames: ['cause'], registers,
      collect() {
        this.reset();
        for (const [cause, count] of Object.entries(gauges().store?.restarts ?? {})) this.inc({ cause }, count);
      },
    });
    new Gauge({
      name: 'store_memory_bytes', help: 'WebAssembly memory of all the store replicas', registers,
      collect() { this.set(gauges().store?.memoryBytes ?? 0); },
    });
    new Gauge({
      name: 'store_memory_limit_bytes', help: 'Ceiling of each store replica\'s memory', registers,
      collect() { this.set(gauges().store?.memoryLimitBytes ?? 0); },
    });
    const caches = this.caches;
    new Gauge({
      name: 'cache_bytes', help: 'Bytes held by each cache of prepared answers', labelNames: ['cache'], registers,
      collect() {
        this.reset();
        for (const [name, bytes] of caches) this.set({ cache: name }, bytes());
      },
    });
  }

  /** The metrics of a route, method and status, looked up once (prom-client hashes the labels on every call otherwise). */
  private seriesOf(route: string, method: string, status: number) {
    const key = `${route} ${method} ${status}`;
    let series = this.series.get(key);
    if (!series) {
      const statusLabel = String(status);
      series = {
        requests: this.requests.labels(route, method, statusLabel),
        duration: this.duration.labels(route, statusLabel),
        sent: this.sent.labels(route),
      };
      this.series.set(key, series);
    }
    return series;
  }

  /** Follows a cache's size in the metrics. */
  trackCache(name: string, bytes: () => number): void {
    this.caches.set(name, bytes);
  }

  /** Counts a query refused before it ran. */
  refused(req: IncomingMessage, reason: string): void {
    this.refusals.inc({ reason });
    annotate(req, { refused: reason });
  }

  /** The metrics in Prometheus's text format. */
  async metrics(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  /** The store's observer: failures and replacements in the log, queries in the metrics. */
  readonly storeObserver: StoreEvents = {
    replicaLost: ({ lane, replica, failure }) => {
      this.failures.inc({ lane, reason: failure.reason });
      this.log.error({ lane, replica, reason: failure.reason, detail: failure.detail }, 'store replica failed; replacing it');
    },
    replicaReplaced: ({ lane, replica, cause, loadMs }) => {
      this.log.info({ lane, replica, cause, loadMs: Math.round(loadMs) }, 'store replica replaced');
    },
    printed: ({ lane, replica, message }) => {
      this.log.warn({ lane, replica, printed: message.slice(0, 2000) }, 'the store printed a message');
    },
    querySettled: ({ lane, usage }) => {
      this.queries.inc({ lane, outcome: usage.outcome });
      this.queueWait.observe({ lane }, usage.waitMs / 1000);
      if (usage.runMs > 0) this.queryTime.observe({ lane, outcome: usage.outcome }, usage.runMs / 1000);
    },
  };

  /** Wraps the service's request listener: an id for each request, its access line and its metrics. */
  instrument(handler: (req: IncomingMessage, res: ServerResponse) => void): (req: IncomingMessage, res: ServerResponse) => void {
    return (req, res) => {
      const incoming = this.options.trustRequestIds ? req.headers['x-request-id'] : undefined;
      const id = typeof incoming === 'string' && INCOMING_ID.test(incoming) ? incoming : `${this.bootId}-${(++this.sequence).toString(36)}`;
      const record: RequestRecord = {
        id, client: this.options.clientOf(req), started: performance.now(), bytesBefore: req.socket.bytesWritten,
        notes: {}, observability: this,
      };
      records.set(req, record);
      res.setHeader('X-Request-Id', id);
      this.inFlight++;
      let logged = false;
      const done = () => {
        if (logged) return;
        logged = true;
        this.inFlight--;
        this.finish(req, res, record);
      };
      res.once('finish', done);
      res.once('close', done);
      handler(req, res);
    };
  }

  private finish(req: IncomingMessage, res: ServerResponse, record: RequestRecord): void {
    const ms = performance.now() - record.started;
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    const path = query < 0 ? url : url.slice(0, query);
    const status = res.statusCode;
    const route = routeLabel(path, status);
    const bytes = Math.max(0, req.socket.bytesWritten - record.bytesBefore);
    const method = req.method ?? 'GET';
    const series = this.seriesOf(route, /^[A-Z]{1,10}$/.test(method) ? method : 'OTHER', status);
    series.requests.inc();
    series.duration.observe(ms / 1000);
    series.sent.inc(bytes);
    const { cache, query: sparql, refused } = record.notes;
    if (cache) this.cacheLookups.inc({ cache: cache.name, result: cache.hit ? 'hit' : 'miss' });
    const line: Record<string, unknown> = {
      requestId: record.id, method, path: path.length > 512 ? `${path.slice(0, 512)}…` : path, status, bytes,
      ms: Math.round(ms * 100) / 100, client: record.client,
    };
    if (cache) line.cache = cache.hit ? 'hit' : 'miss';
    if (sparql) line.query = sparql;
    if (refused) line.refused = refused;
    if (!res.writableFinished) line.aborted = true;
    this.log.info(line, 'request');
  }
}
