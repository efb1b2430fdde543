/**
 * The service put together from its configuration: the rules of the gate, the queries it runs,
 * the example gallery, the federation engine and the HTTP application, sharing one state.
 * `npm start` and the tests assemble it the same way.
 */
import { join } from 'node:path';
import type { Express } from 'express';
import type { ServiceConfig } from '../config.js';
import { readExamples, type ExampleQuery } from '../sparql/examples.js';
import { FederationEngine } from '../sparql/federation/engine.js';
import { ServiceQueries } from '../sparql/queries.js';
import { loadValidationRules, type ValidationRules } from '../validation/gate.js';
import { createApp } from './app.js';
import { ServiceState } from './state.js';

export interface Service {
  readonly config: ServiceConfig;
  readonly rules: ValidationRules;
  readonly queries: ServiceQueries;
  readonly examples: readonly ExampleQuery[];
  readonly state: ServiceState;
  readonly federation: FederationEngine;
  readonly app: Express;
  /** Tells the parts that call the service itself (federation) which port it listens on. */
  listeningOn(port: number): void;
  close(): Promise<void>;
}

export async function assembleService(config: ServiceConfig, rules?: ValidationRules): Promise<Service> {
  const loadedRules = rules ?? await loadValidationRules(config);
  const queries = ServiceQueries.load(join(config.sparqlDir, 'service'));
  const examples = readExamples(join(config.sparqlDir, 'examples'));
  const state = new ServiceState();
  let port = config.port;
  const loopback = !config.host || config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const federation = new FederationEngine({
    baseIRI: config.baseIRI,
    localEndpoint: () => `http://${loopback.includes(':') ? `[${loopback}]` : loopback}:${port}/sparql`,
    redirects: config.serviceRedirects,
  });
  const app = await createApp({ config, state, rules: loadedRules, queries, examples, federation });
  return {
    config, rules: loadedRules, queries, examples, state, federation, app,
    listeningOn: (actual) => { port = actual; },
    close: async () => {
      await federation.close();
      if (state.status.phase === 'ready') await state.status.store.close();
    },
  };
}
