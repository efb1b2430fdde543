/**
 * The HTTP application: one route family per module, mounted here. Errors never carry a stack
 * trace to the client: a person gets a page, a program gets JSON, both with the right status.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import type { ServiceConfig } from '../config.js';
import type { ExampleQuery } from '../sparql/examples.js';
import { sparqlRoutes, DEFAULT_SPARQL_LIMITS } from '../sparql/endpoint.js';
import type { FederationEngine } from '../sparql/federation/engine.js';
import type { ServiceQueries } from '../sparql/queries.js';
import type { ValidationRules } from '../validation/gate.js';
import { homePage, type BrowseLink, type ServicePart } from './home.js';
import { negotiateLanguage } from './language.js';
import { notFoundPage } from '../linked-data/pages/not-found.js';
import type { ServiceState } from './state.js';

export interface AppContext {
  readonly config: ServiceConfig;
  readonly state: ServiceState;
  readonly rules: ValidationRules;
  readonly queries: ServiceQueries;
  readonly examples: readonly ExampleQuery[];
  /** Evaluates queries with SERVICE clauses; without it they are refused as unsupported. */
  readonly federation?: FederationEngine;
  /** More route families (linked data around dereferencing), mounted before the 404. */
  readonly routers?: readonly express.Router[];
  /** Lists of things to browse, linked from the home page. */
  readonly browse?: readonly BrowseLink[];
}

function prefersHtml(req: Request): boolean {
  return req.accepts(['text/html', 'application/json']) === 'text/html';
}

export async function createApp(context: AppContext): Promise<express.Express> {
  const { state, config } = context;
  const app = express();
  app.disable('x-powered-by');
  // Responses that deserve a validator get a strong one from their bytes (Representation).
  app.set('etag', false);

  const parts: ServicePart[] = [
    {
      path: '/sparql',
      title: { fr: 'Point d\'accès SPARQL', en: 'SPARQL endpoint', es: 'Punto de acceso SPARQL' },
      description: {
        fr: 'Interrogez les données en SPARQL 1.1, depuis l\'éditeur et ses exemples ou depuis vos outils ; les clauses SERVICE sont fédérées.',
        en: 'Query the data in SPARQL 1.1, from the editor and its examples or from your own tools; SERVICE clauses are federated.',
        es: 'Consulte los datos en SPARQL 1.1, desde el editor y sus ejemplos o desde sus herramientas; las cláusulas SERVICE se federan.',
      },
    },
    {
      path: '/doc/scheme/atlas.html',
      title: { fr: 'Atlas relationnel', en: 'Relational atlas', es: 'Atlas relacional' },
      description: {
        fr: 'Les descripteurs de l\'atlas, à parcourir de proche en proche, et les fiches qu\'ils indexent.',
        en: 'The atlas descriptors, to explore from neighbour to neighbour, and the sheets they index.',
        es: 'Los descriptores del atlas, para recorrer de vecino en vecino, y las fichas que indexan.',
      },
    },
    {
      path: '/browse/document',
      title: { fr: 'Toutes les fiches', en: 'All the sheets', es: 'Todas las fichas' },
      description: {
        fr: 'Le fonds documentaire : expériences, analyses, propositions, ressources. Voir aussi les dossiers, les acteurs et les lieux.',
        en: 'The collection: experiences, analyses, proposals, resources. See also the dossiers, the actors and the places.',
        es: 'El fondo documental: experiencias, análisis, propuestas, recursos. Véanse también los dossiers, los actores y los lugares.',
      },
    },
    {
      path: '/ontology',
      title: { fr: 'Ontologie CITEGO', en: 'CITEGO ontology', es: 'Ontología CITEGO' },
      description: {
        fr: 'Le modèle des fiches, des acteurs, des lieux et de l\'atlas, documenté en français et en anglais ; en Turtle, JSON-LD, N-Triples, RDF/XML.',
        en: 'The model of sheets, actors, places and the atlas, documented in French and English; in Turtle, JSON-LD, N-Triples, RDF/XML.',
        es: 'El modelo de las fichas, los actores, los lugares y el atlas, documentado en francés y en inglés; en Turtle, JSON-LD, N-Triples, RDF/XML.',
      },
    },
    {
      path: '/shapes',
      title: { fr: 'Formes SHACL', en: 'SHACL shapes', es: 'Formas SHACL' },
      description: {
        fr: 'Les règles que toute donnée respecte avant d\'être publiée ; validez vos propres fichiers avec elles.',
        en: 'The rules every record meets before it is published; validate your own files with them.',
        es: 'Las reglas que todo dato cumple antes de publicarse; valide sus propios archivos con ellas.',
      },
    },
    {
      path: '/health',
      title: { fr: 'État du service', en: 'Service status', es: 'Estado del servicio' },
      description: {
        fr: 'Chargement, nombre de triplets, réplicas du triplestore (JSON).',
        en: 'Loading, number of triples, store replicas (JSON).',
        es: 'Carga, número de tripletas, réplicas del almacén (JSON).',
      },
    },
  ];

  app.get('/', homePage(state, parts, context.browse));
  app.use(sparqlRoutes({
    config, state, queries: context.queries, examples: context.examples, federation: context.federation,
    internalToken: context.federation?.internalToken,
    limits: { ...DEFAULT_SPARQL_LIMITS, timeoutMs: config.queryTimeoutMs },
  }));

  app.get('/health', (_req, res) => {
    const status = state.status;
    res.set('Cache-Control', 'no-store');
    if (status.phase === 'ready') {
      res.json({ status: 'ready', triples: status.triples, since: status.readyAt.toISOString(), engine: status.build.engine });
    } else if (status.phase === 'loading') {
      res.status(503).set('Retry-After', '5').json({ status: 'loading', progress: status.progress ?? null });
    } else {
      res.status(503).json({ status: 'failed', reason: status.reason });
    }
  });

  for (const router of context.routers ?? []) app.use(router);

  app.use((req, res) => {
    if (prefersHtml(req)) {
      const language = negotiateLanguage(req.query.lang, req.get('accept-language'));
      res.status(404).type('html').send(notFoundPage(`${config.baseIRI}${req.path.slice(1)}`, language));
    } else {
      res.status(404).json({ error: 'not found', path: req.path });
    }
  });

  app.use((error: Error & { status?: number; statusCode?: number; type?: string; limit?: number }, req: Request, res: Response, _next: NextFunction) => {
    const status = error.status ?? error.statusCode ?? 500;
    // Client errors (a malformed body, say) are explained; server errors are logged, not shown.
    const message = error.type === 'entity.too.large'
      ? `The request body is larger than the ${Math.round((error.limit ?? 0) / 1024)} KB this service accepts.`
      : status < 500 ? error.message : 'internal error';
    if (status >= 500) console.error(`error on ${req.method} ${req.originalUrl}:`, error);
    if (res.headersSent) return;
    res.status(status).json({ error: message });
  });

  return app;
}
