/**
 * The SPARQL 1.1 endpoint at /sparql: the protocol, result formats, limits and isolation, the
 * federation of SERVICE clauses, the workbench with its examples, and the service description.
 */
import { join } from 'node:path';
import type { Feature, FeatureContext } from '../feature.js';
import { DEFAULT_SPARQL_LIMITS, sparqlRoutes } from './endpoint.js';
import { readExamples } from './examples.js';
import { FederationEngine } from './federation/engine.js';
import { endpointDescriptionPart } from './service-description.js';

export function sparql(context: FeatureContext): Feature {
  const { config, state, queries, contributions, observability } = context;
  const federation = new FederationEngine({
    baseIRI: config.baseIRI,
    localEndpoint: () => `${context.localOrigin()}/sparql`,
    redirects: config.serviceRedirects,
  });
  const routes = sparqlRoutes({
    config, state, contributions, federation,
    examples: readExamples(join(config.sparqlDir, 'examples')),
    internalToken: federation.internalToken,
    observability,
    limits: {
      ...DEFAULT_SPARQL_LIMITS, timeoutMs: config.queryTimeoutMs,
      budget: { budgetMs: config.queryBudgetMs, windowMs: config.queryBudgetWindowMs },
      queueWaitMs: config.queryQueueWaitMs, queueLength: config.queryQueueLength,
    },
  });
  return {
    name: 'sparql',
    routes,
    cards: [{ path: '/sparql', text: (t) => t.cards.sparql }],
    serviceDescription: endpointDescriptionPart(queries),
    close: () => federation.close(),
  };
}
