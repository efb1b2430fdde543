/**
 * The composition root: the service put together from its configuration. It reads the rules of
 * the gate and the query catalogue, makes each feature with the shared context, and wires their
 * parts: hot paths first, then the express routes, the cards of the home page and the parts of
 * the service description. It holds no feature's logic. `npm start` and the tests assemble it
 * the same way.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Express } from 'express';
import { ServiceState } from '../build/state.js';
import type { ServiceConfig } from '../config.js';
import { distribution } from '../features/distribution/index.js';
import type { Contributions, Feature, FeatureContext, FeatureFactory } from '../features/feature.js';
import { harvesting } from '../features/harvesting/index.js';
import { changes } from '../features/changes/index.js';
import { curation } from '../features/curation/index.js';
import { atlas } from '../features/atlas/index.js';
import { linkedData } from '../features/linked-data/index.js';
import { search } from '../features/search/index.js';
import { site } from '../features/site/index.js';
import { sparql } from '../features/sparql/index.js';
import { clientIdentity } from '../http/client-identity.js';
import { applyCors } from '../http/cors.js';
import { Observability } from '../http/observability.js';
import { applySecurityHeaders } from '../http/security-headers.js';
import { QueryCatalogue } from '../queries/catalogue.js';
import { loadValidationRules, type ValidationRules } from '../validation/gate.js';
import { createApp } from './app.js';

/** The features, in the order their cards appear on the home page. */
const FEATURES: readonly FeatureFactory[] = [search, atlas, sparql, changes, linkedData, distribution, harvesting, curation, site];

export interface Service {
  readonly config: ServiceConfig;
  readonly rules: ValidationRules;
  readonly queries: QueryCatalogue;
  readonly state: ServiceState;
  readonly observability: Observability;
  readonly app: Express;
  /** The request listener of the HTTP server. */
  readonly handler: (req: IncomingMessage, res: ServerResponse) => void;
  /** Tells the parts that call the service itself (federation) which port it listens on. */
  listeningOn(port: number): void;
  close(): Promise<void>;
}

export async function assembleService(config: ServiceConfig, rules?: ValidationRules): Promise<Service> {
  const loadedRules = rules ?? await loadValidationRules(config);
  const queries = QueryCatalogue.load(join(config.sparqlDir, 'service'));
  const state = new ServiceState();
  let port = config.port;
  const loopback = !config.host || config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;

  const observability = new Observability({
    level: config.logLevel, clientOf: clientIdentity(config.trustProxy), trustRequestIds: config.trustProxy !== undefined,
    gauges: () => ({ triples: state.status.phase === 'ready' ? state.status.triples : undefined, store: state.store?.stats?.() }),
  });
  const features: Feature[] = [];
  const contributions: Contributions = {
    cards: () => features.flatMap((f) => f.cards ?? []),
    browse: () => features.flatMap((f) => f.browse ?? []),
    serviceDescription: async (names, ready) => (await Promise.all(features.map(async (f) => f.serviceDescription?.(names, ready) ?? []))).flat(),
  };
  const context: FeatureContext = {
    config, state, rules: loadedRules, queries, contributions, observability,
    localOrigin: () => `http://${loopback.includes(':') ? `[${loopback}]` : loopback}:${port}`,
  };
  for (const make of FEATURES) features.push(await make(context));

  const app = createApp(features, config.baseIRI);
  const fastPaths = features.flatMap((f) => (f.handle ? [f.handle] : []));
  const handler = observability.instrument((req: IncomingMessage, res: ServerResponse): void => {
    applySecurityHeaders(res);
    if (applyCors(req, res)) return;
    for (const handle of fastPaths) if (handle(req, res)) return;
    app(req, res);
  });
  return {
    config, rules: loadedRules, queries, state, observability, app, handler,
    listeningOn: (actual) => { port = actual; },
    close: async () => {
      await Promise.all(features.map(async (f) => f.close?.()));
      if (state.status.phase === 'ready') await state.status.store.close();
    },
  };
}
