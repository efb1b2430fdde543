/**
 * The service put together from its configuration: the rules of the gate, the queries it runs,
 * the example gallery, the federation engine, the linked data, and the HTTP application,
 * sharing one state. `npm start` and the tests assemble it the same way.
 *
 * Requests reach `handler`: dereferencing (/id/, /doc/) and the model's documents (/ontology,
 * /shapes) are answered on node:http's own objects before any middleware, as the hot paths of
 * crawlers; everything else goes to the express application.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Express } from 'express';
import type { ServiceConfig } from '../config.js';
import { Describer } from '../linked-data/describe.js';
import { Dereferencer } from '../linked-data/dereference.js';
import { IriPolicy } from '../linked-data/iri-policy.js';
import { CONTEXT_PATH, jsonLdContext } from '../linked-data/jsonld.js';
import { OntologyIndex } from '../linked-data/ontology-index.js';
import { ontologyPage, shapesPage } from '../linked-data/pages/model-pages.js';
import { say } from '../linked-data/pages/texts.js';
import { KINDS, linkedDataRoutes } from '../linked-data/routes.js';
import { StaticGraph } from '../linked-data/static-graph.js';
import { ThingIndex } from '../linked-data/thing-index.js';
import { allPrefixes, citegoNamespaces } from '../rdf/namespaces.js';
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
  /** The request listener of the HTTP server. */
  readonly handler: (req: IncomingMessage, res: ServerResponse) => void;
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

  const policy = new IriPolicy(config.baseIRI);
  const ontology = new OntologyIndex(loadedRules.ontologyQuads, citegoNamespaces(config.baseIRI).citego);
  const context = jsonLdContext(config.baseIRI);
  const contextUrl = new URL(CONTEXT_PATH.slice(1), config.baseIRI).href;
  const prefixes = allPrefixes(config.baseIRI);
  const started = new Date(Math.floor(Date.now() / 1000) * 1000);
  const dereferencer = new Dereferencer({
    state, policy, ontology, jsonLdContext: context, contextUrl,
    describer: new Describer(queries, policy),
    cacheBytes: config.descriptionCacheMb * 1024 * 1024,
  });
  const graphs = [
    new StaticGraph({ path: '/ontology', quads: loadedRules.ontologyQuads, prefixes, jsonLdContext: context, contextUrl, lastModified: started, page: (language) => ontologyPage(ontology, language) }),
    new StaticGraph({ path: '/shapes', quads: loadedRules.shapesQuads, prefixes, jsonLdContext: context, contextUrl, lastModified: started, page: (language) => shapesPage(loadedRules.shapes, ontology.namespace, language) }),
  ];
  const routes = linkedDataRoutes({ config, state, queries, policy, index: new ThingIndex(queries, config.baseIRI), contextPath: CONTEXT_PATH, jsonLdContext: context });
  const browse = ['document', 'dossier', 'descriptor', 'actor', 'place', 'component', 'angle', 'localmap'].map((kind) => ({
    path: `/browse/${kind}`,
    title: { fr: say(KINDS[kind]!, 'fr'), en: say(KINDS[kind]!, 'en'), es: say(KINDS[kind]!, 'es') },
  }));
  const app = await createApp({ config, state, rules: loadedRules, queries, examples, federation, routers: [routes], browse });
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    if (dereferencer.handle(req, res)) return;
    for (const graph of graphs) if (graph.handle(req, res)) return;
    app(req, res);
  };
  return {
    config, rules: loadedRules, queries, examples, state, federation, app, handler,
    listeningOn: (actual) => { port = actual; },
    close: async () => {
      await federation.close();
      if (state.status.phase === 'ready') await state.status.store.close();
    },
  };
}
