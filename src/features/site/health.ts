/**
 * Health for operators and load balancers, and the metrics for Prometheus.
 *
 * - `/health/live`: the process answers (a restart is the cure when it does not).
 * - `/health/ready`: it should be sent traffic: the data is published, every lane of the store
 *   has a replica that holds it, and the service is not stopping. 200 while replicas are missing
 *   but each lane has one (`degraded`, with what is missing); 503 otherwise.
 * - `/health`: the data's state (loading with its progress, ready, failed) and the replicas.
 * - `/metrics`: Prometheus's text format.
 */
import type { Request, Response, Router } from 'express';
import type { ServiceState } from '../../build/state.js';
import type { Observability } from '../../http/observability.js';
import type { LaneStats, StoreStats } from '../../store/store.js';

function replicas(stats: StoreStats | undefined): { lanes: Record<string, { ready: number; wanted: number }>; missing: number; emptyLane: boolean } | undefined {
  if (!stats) return undefined;
  const lanes: Record<string, { ready: number; wanted: number }> = {};
  let missing = 0;
  let emptyLane = false;
  for (const [lane, { ready, replicas: wanted }] of Object.entries<LaneStats>(stats.lanes)) {
    if (wanted === 0) continue;
    lanes[lane] = { ready, wanted };
    missing += Math.max(0, wanted - ready);
    if (ready === 0) emptyLane = true;
  }
  return { lanes, missing, emptyLane };
}

export function healthRoutes(routes: Router, state: ServiceState, observability: Observability): void {
  const started = Date.now();
  const noStore = (res: Response) => res.set('Cache-Control', 'no-store');

  routes.get('/health/live', (_req: Request, res: Response) => {
    noStore(res).json({ status: 'live', uptimeSeconds: Math.round((Date.now() - started) / 1000) });
  });

  routes.get('/health/ready', (_req: Request, res: Response) => {
    noStore(res);
    const status = state.status;
    if (observability.stopping) {
      res.status(503).json({ status: 'stopping' });
    } else if (status.phase === 'loading') {
      res.status(503).set('Retry-After', '5').json({ status: 'loading' });
    } else if (status.phase === 'failed') {
      res.status(503).json({ status: 'failed' });
    } else {
      const store = replicas(status.store.stats?.());
      if (store?.emptyLane) res.status(503).set('Retry-After', '5').json({ status: 'unavailable', replicas: store.lanes, missing: store.missing });
      else if (store && store.missing > 0) res.json({ status: 'degraded', replicas: store.lanes, missing: store.missing });
      else res.json({ status: 'ready', replicas: store?.lanes });
    }
  });

  routes.get('/health', (_req: Request, res: Response) => {
    noStore(res);
    const status = state.status;
    if (status.phase === 'ready') {
      const store = replicas(status.store.stats?.());
      res.json({ status: 'ready', triples: status.triples, since: status.readyAt.toISOString(), engine: status.build.engine, replicas: store?.lanes, stopping: observability.stopping });
    } else if (status.phase === 'loading') {
      res.status(503).set('Retry-After', '5').json({ status: 'loading', progress: status.progress ?? null });
    } else {
      res.status(503).json({ status: 'failed', reason: status.reason });
    }
  });

  routes.get('/metrics', (_req: Request, res: Response, next) => {
    observability.metrics().then(({ contentType, body }) => {
      noStore(res).type(contentType).send(body);
    }, next);
  });
}
