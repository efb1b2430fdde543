/**
 * Linked data: every thing's IRI answers 303 to its description (a page, or one of four RDF
 * syntaxes), the ontology and the shapes are published at their namespaces, the JSON-LD context
 * at its versioned URL, and the browse pages, the sitemap and robots.txt let people and crawlers
 * reach everything. Descriptions and the model's documents are answered on node:http's own
 * objects, before any middleware: they are the hot paths of crawlers.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import express from 'express';
import { latestModification } from '../../build/build.js';
import { Representation, sendRepresentation } from '../../http/representation.js';
import { iri, text, triple } from '../../rdf/build-terms.js';
import { isRdfFile } from '../../rdf/formats.js';
import { CONTEXT_PATH, publishedContext } from '../../rdf/jsonld.js';
import { allPrefixes, citegoNamespaces, STANDARD_PREFIXES } from '../../rdf/namespaces.js';
import type { Feature, FeatureContext } from '../feature.js';
import { browsePage, type KINDS } from './browse.js';
import { robotsTxt, Sitemaps } from './crawling.js';
import { Describer } from './describe.js';
import { Dereferencer } from './dereference.js';
import { IriPolicy } from './iri-policy.js';
import { OntologyIndex } from './ontology-index.js';
import { ontologyPage, shapesPage } from './pages/model-pages.js';
import { StaticGraph } from './static-graph.js';
import { ThingIndex } from './thing-index.js';

/** The lists the home page links to, in this order. */
const BROWSED = ['document', 'dossier', 'descriptor', 'actor', 'place', 'component', 'angle', 'localmap'] as const satisfies readonly (typeof KINDS)[number][];

export function linkedData(context: FeatureContext): Feature {
  const { config, state, rules, queries } = context;
  const policy = new IriPolicy(config.baseIRI);
  const ontology = new OntologyIndex(rules.ontologyQuads, citegoNamespaces(config.baseIRI).citego);
  const jsonLd = publishedContext(config.baseIRI);
  const prefixes = allPrefixes(config.baseIRI);
  // The ontology and the shapes are read once, at the start: each is as new as its files, a date
  // that stays the same across restarts (not the start time, which would make crawlers fetch again).
  const filesOf = (dir: string) => readdirSync(dir).filter(isRdfFile).map((name) => join(dir, name));
  const ontologyModified = latestModification(rules.ontologyFiles);
  const shapesModified = latestModification(filesOf(config.shapesDir));
  const dereferencer = new Dereferencer({
    state, policy, ontology, context: jsonLd,
    describer: new Describer(queries, policy, config.dataLicence.iri),
    cacheBytes: config.descriptionCacheMb * 1024 * 1024,
  });
  context.observability.trackCache('descriptions', () => dereferencer.cachedBytes);
  const graphs = [
    new StaticGraph({ path: '/ontology', quads: rules.ontologyQuads, prefixes, context: jsonLd, lastModified: ontologyModified, page: (language) => ontologyPage(ontology, language) }),
    new StaticGraph({ path: '/shapes', quads: rules.shapesQuads, prefixes, context: jsonLd, lastModified: shapesModified, page: (language) => shapesPage(rules.shapes, ontology.namespace, language) }),
  ];

  const index = new ThingIndex(queries, policy);
  const sitemaps = new Sitemaps(state, policy, index);
  const contextDocument = new Representation(`${JSON.stringify({ '@context': jsonLd.definition }, null, 2)}\n`, 'application/ld+json; charset=utf-8',
    { cacheControl: 'public, max-age=86400' });
  const robots = robotsTxt(config.baseIRI);
  const routes = express.Router();
  routes.get(CONTEXT_PATH, (req, res) => sendRepresentation(req, res, contextDocument));
  const browse = browsePage({ state, queries, policy, index });
  routes.get('/browse/:kind', (req, res, next) => { browse(req, res).catch(next); });
  routes.get('/robots.txt', (req, res) => sendRepresentation(req, res, robots));
  routes.get('/sitemap.xml', (req, res, next) => { sitemaps.send(req, res, 0).catch(next); });
  routes.get(/^\/sitemap-(\d+)\.xml$/, (req, res, next) => { sitemaps.send(req, res, Number((req.params as Record<string, string>)[0])).catch(next); });

  const { void: VOID, dct } = STANDARD_PREFIXES;
  return {
    name: 'linked-data',
    handle: (req, res) => dereferencer.handle(req, res) || graphs.some((graph) => graph.handle(req, res)),
    routes,
    cards: [
      { path: '/doc/scheme/atlas.html', text: (t) => t.cards.atlas },
      { path: '/browse/document', text: (t) => t.cards.sheets },
      { path: '/ontology', text: (t) => t.cards.ontology },
      { path: '/shapes', text: (t) => t.cards.shapes },
    ],
    browse: BROWSED.map((kind) => ({ path: `/browse/${kind}`, title: (t) => t.kinds[kind] })),
    serviceDescription: ({ dataset }) => [
      triple(dataset, `${VOID}uriSpace`, text(new URL('id/', config.baseIRI).href)),
      triple(dataset, `${VOID}vocabulary`, iri(ontology.namespace)),
      triple(dataset, `${VOID}rootResource`, new URL('id/scheme/atlas', config.baseIRI).href),
      triple(dataset, `${dct}conformsTo`, new URL('shapes', config.baseIRI).href),
    ],
  };
}
