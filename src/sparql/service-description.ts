/**
 * The SPARQL 1.1 Service Description answered by a bare GET on the endpoint: where it is, what
 * it speaks and writes, and its default dataset with VoID statistics, so that a client or a
 * portal knows what it is talking to before it sends a query.
 */
import { integer, iri, text, triple } from '../rdf/build-terms.js';
import { STANDARD_PREFIXES } from '../rdf/namespaces.js';
import type { Quad } from '../rdf/terms.js';
import type { Store } from '../store/store.js';
import type { ServiceQueries } from './queries.js';

const SD = 'http://www.w3.org/ns/sparql-service-description#';
const FORMATS = 'http://www.w3.org/ns/formats/';
const { rdf, void: VOID, dct } = STANDARD_PREFIXES;

export const SERVICE_DESCRIPTION_PREFIXES = { sd: SD, formats: FORMATS, void: VOID, dct, rdf, xsd: STANDARD_PREFIXES.xsd } as const;

export interface DatasetStatistics {
  readonly triples: number;
  readonly subjects: number;
  readonly properties: number;
  readonly objects: number;
  readonly classes: number;
  readonly entities: number;
}

export async function datasetStatistics(store: Store, queries: ServiceQueries, timeoutMs: number): Promise<DatasetStatistics> {
  const [row] = await store.select(queries.get('void-statistics'), { timeoutMs });
  const value = (name: string): number => Number(row?.[name]?.value ?? 0);
  return {
    triples: value('triples'), subjects: value('subjects'), properties: value('properties'),
    objects: value('objects'), classes: value('classes'), entities: value('entities'),
  };
}

export function serviceDescription(endpoint: string, baseIRI: string, statistics: DatasetStatistics): Quad[] {
  const dataset = `${endpoint}#dataset`;
  const graph = `${endpoint}#default-graph`;
  const formats = ['SPARQL_Results_JSON', 'SPARQL_Results_XML', 'SPARQL_Results_CSV', 'SPARQL_Results_TSV', 'Turtle', 'N-Triples', 'JSON-LD', 'RDF_XML'];
  return [
    triple(endpoint, `${rdf}type`, `${SD}Service`),
    triple(endpoint, `${SD}endpoint`, endpoint),
    triple(endpoint, `${SD}supportedLanguage`, `${SD}SPARQL11Query`),
    triple(endpoint, `${SD}feature`, `${SD}BasicFederatedQuery`),
    ...formats.map((format) => triple(endpoint, `${SD}resultFormat`, `${FORMATS}${format}`)),
    triple(endpoint, `${dct}title`, text('Point d\'accès SPARQL de CITEGO', 'fr')),
    triple(endpoint, `${dct}title`, text('CITEGO SPARQL endpoint', 'en')),
    triple(endpoint, `${dct}description`, text('Le fonds documentaire et l\'atlas relationnel de CITEGO, en lecture seule. Les requêtes SERVICE sont fédérées.', 'fr')),
    triple(endpoint, `${dct}description`, text('The document collection and relational atlas of CITEGO, read-only. SERVICE clauses are federated.', 'en')),
    triple(endpoint, `${SD}defaultDataset`, dataset),
    triple(dataset, `${rdf}type`, `${SD}Dataset`),
    triple(dataset, `${SD}defaultGraph`, graph),
    triple(graph, `${rdf}type`, `${SD}Graph`),
    triple(graph, `${rdf}type`, `${VOID}Dataset`),
    triple(graph, `${VOID}sparqlEndpoint`, endpoint),
    triple(graph, `${VOID}uriSpace`, text(new URL('id/', baseIRI).href)),
    triple(graph, `${VOID}vocabulary`, iri(new URL('ontology#', baseIRI).href)),
    triple(graph, `${VOID}triples`, integer(statistics.triples)),
    triple(graph, `${VOID}distinctSubjects`, integer(statistics.subjects)),
    triple(graph, `${VOID}properties`, integer(statistics.properties)),
    triple(graph, `${VOID}distinctObjects`, integer(statistics.objects)),
    triple(graph, `${VOID}classes`, integer(statistics.classes)),
    triple(graph, `${VOID}entities`, integer(statistics.entities)),
  ];
}
