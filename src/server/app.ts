/**
 * The HTTP application: one route family per module, mounted here. Errors never carry a stack
 * trace to the client: a person gets a page, a program gets JSON, both with the right status.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import type { ServiceConfig } from '../config.js';
import { allPrefixes } from '../rdf/namespaces.js';
import { serializeQuads } from '../rdf/rdfjs.js';
import type { ExampleQuery } from '../sparql/examples.js';
import { sparqlRoutes, DEFAULT_SPARQL_LIMITS } from '../sparql/endpoint.js';
import type { FederationEngine } from '../sparql/federation/engine.js';
import type { ServiceQueries } from '../sparql/queries.js';
import type { ValidationRules } from '../validation/gate.js';
import { homePage, type ServicePart } from './home.js';
import { html } from './html.js';
import { negotiateLanguage, type PageLanguage } from './language.js';
import { renderPage } from './layout.js';
import type { ServiceState } from './state.js';

export interface AppContext {
  readonly config: ServiceConfig;
  readonly state: ServiceState;
  readonly rules: ValidationRules;
  readonly queries: ServiceQueries;
  readonly examples: readonly ExampleQuery[];
  /** Evaluates queries with SERVICE clauses; without it they are refused as unsupported. */
  readonly federation?: FederationEngine;
}

const NOT_FOUND: Record<PageLanguage, { title: string; text: string }> = {
  fr: { title: 'Page introuvable', text: 'Aucune ressource ne répond à cette adresse. Revenez à l\'accueil pour parcourir les données.' },
  en: { title: 'Page not found', text: 'Nothing answers at this address. Go back to the home page to browse the data.' },
  es: { title: 'Página no encontrada', text: 'Nada responde en esta dirección. Vuelva a la página de inicio para recorrer los datos.' },
};

function prefersHtml(req: Request): boolean {
  return req.accepts(['text/html', 'application/json']) === 'text/html';
}

export async function createApp(context: AppContext): Promise<express.Express> {
  const { state, rules, config } = context;
  const app = express();
  app.disable('x-powered-by');
  // Responses that deserve a validator get a strong one from their bytes (Representation).
  app.set('etag', false);

  const prefixes = allPrefixes(config.baseIRI);
  const ontologyTurtle = await serializeQuads(rules.ontologyQuads, { format: 'text/turtle', prefixes });
  const shapesTurtle = await serializeQuads(rules.shapesQuads, { format: 'text/turtle', prefixes });

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
      path: '/ontology.ttl',
      title: { fr: 'Ontologie CITEGO (Turtle)', en: 'CITEGO ontology (Turtle)', es: 'Ontología CITEGO (Turtle)' },
      description: {
        fr: 'Le modèle des fiches, des acteurs, des lieux et de l\'atlas, en français et en anglais.',
        en: 'The model of sheets, actors, places and the atlas, in French and English.',
        es: 'El modelo de las fichas, los actores, los lugares y el atlas, en francés y en inglés.',
      },
    },
    {
      path: '/shapes.ttl',
      title: { fr: 'Formes SHACL (Turtle)', en: 'SHACL shapes (Turtle)', es: 'Formas SHACL (Turtle)' },
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

  app.get('/', homePage(state, parts));
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

  const turtle = (body: string) => (_req: Request, res: Response): void => {
    res.set('Access-Control-Allow-Origin', '*').type('text/turtle; charset=utf-8').send(body);
  };
  app.get('/ontology.ttl', turtle(ontologyTurtle));
  app.get('/shapes.ttl', turtle(shapesTurtle));

  app.use((req, res) => {
    if (prefersHtml(req)) {
      const language = negotiateLanguage(req.query.lang, req.get('accept-language'));
      const texts = NOT_FOUND[language];
      res.status(404).type('html').send(renderPage({
        language, title: texts.title, path: req.path,
        body: html`<h1>${texts.title}</h1><p>${texts.text}</p><p><a href="/?lang=${language}">/</a></p>`,
      }));
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
