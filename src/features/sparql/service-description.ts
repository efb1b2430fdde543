/**
 * The SPARQL 1.1 Service Description answered by a bare GET on the endpoint: where it is, what
 * it speaks and writes, and its default dataset with VoID statistics, so that a client or a
 * portal knows what it is talking to before it sends a query. This is the endpoint's part; the
 * other features add theirs about the same dataset (its URI space, vocabulary…).
 */
import type { QueryCatalogue } from '../../queries/catalogue.js';
import { integer, text, triple } from '../../rdf/build-terms.js';
import { STANDARD_PREFIXES } from '../../rdf/namespaces.js';
import type { Quad } from '../../rdf/terms.js';
import type { Store } from '../../store/store.js';
import type { DescribedNames, ServiceDescriptionPart } from '../feature.js';
import { offeredFormats } from './result-formats.js';

const { rdf, void: VOID, dct, sd, formats } = STANDARD_PREFIXES;

/** The endpoint's IRI, and its default graph's: the VoID dataset the other parts describe. */
export function describedNames(baseIRI: string): DescribedNames {
  const service = new URL('sparql', baseIRI).href;
  return { service, dataset: `${service}#default-graph`, sparqlDataset: `${service}#dataset` };
}

export interface DatasetStatistics {
  readonly triples: number;
  readonly subjects: number;
  readonly properties: number;
  readonly objects: number;
  readonly classes: number;
  readonly entities: number;
}

export async function datasetStatistics(store: Store, queries: QueryCatalogue, timeoutMs: number): Promise<DatasetStatistics> {
  const [row] = await store.select(queries.get('void-statistics'), { timeoutMs });
  const value = (name: string): number => Number(row?.[name]?.value ?? 0);
  return {
    triples: value('triples'), subjects: value('subjects'), properties: value('properties'),
    objects: value('objects'), classes: value('classes'), entities: value('entities'),
  };
}

/** The result formats, as the W3C names them: those the endpoint writes for SELECT, ASK, CONSTRUCT and DESCRIBE. */
const RESULT_FORMATS = [...new Set([...offeredFormats('solutions'), ...offeredFormats('graph')])].flatMap((f) => ('w3c' in f ? [f.w3c] : []));

export function endpointDescription(names: DescribedNames, statistics: DatasetStatistics): Quad[] {
  const { service, dataset: graph, sparqlDataset: dataset } = names;
  return [
    triple(service, `${rdf}type`, `${sd}Service`),
    triple(service, `${sd}endpoint`, service),
    triple(service, `${sd}supportedLanguage`, `${sd}SPARQL11Query`),
    triple(service, `${sd}feature`, `${sd}BasicFederatedQuery`),
    ...RESULT_FORMATS.map((format) => triple(service, `${sd}resultFormat`, `${formats}${format}`)),
    triple(service, `${dct}title`, text('Point d\'accès SPARQL de CITEGO', 'fr')),
    triple(service, `${dct}title`, text('CITEGO SPARQL endpoint', 'en')),
    triple(service, `${dct}description`, text('Le fonds documentaire et l\'atlas relationnel de CITEGO, en lecture seule. Les requêtes SERVICE sont fédérées.', 'fr')),
    triple(service, `${dct}description`, text('The document collection and relational atlas of CITEGO, read-only. SERVICE clauses are federated.', 'en')),
    triple(service, `${sd}defaultDataset`, dataset),
    triple(dataset, `${rdf}type`, `${sd}Dataset`),
    triple(dataset, `${sd}defaultGraph`, graph),
    triple(graph, `${rdf}type`, `${sd}Graph`),
    triple(graph, `${rdf}type`, `${VOID}Dataset`),
    triple(graph, `${VOID}sparqlEndpoint`, service),
    triple(graph, `${VOID}triples`, integer(statistics.triples)),
    triple(graph, `${VOID}distinctSubjects`, integer(statistics.subjects)),
    triple(graph, `${VOID}properties`, integer(statistics.properties)),
    triple(graph, `${VOID}distinctObjects`, integer(statistics.objects)),
    triple(graph, `${VOID}classes`, integer(statistics.classes)),
    triple(graph, `${VOID}entities`, integer(statistics.entities)),
  ];
}

/** The endpoint's part of the service description, with the statistics of the data being served. */
export function endpointDescriptionPart(queries: QueryCatalogue): ServiceDescriptionPart {
  return async (names, ready) => endpointDescription(names, await datasetStatistics(ready.store, queries, 120_000));
}
