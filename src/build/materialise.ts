/**
 * The parts of a version the build computes rather than reads: the triples that the ontology's
 * axioms imply (standard supertypes and superproperties, both directions of SKOS links) and each
 * record's provenance (the dataset it belongs to, the date it was last modified). They are
 * computed by the store from the data it holds, returned as N-Triples bytes in shared memory
 * (never a string on this thread), and loaded as parts of their own, so that every replica, the
 * endpoint, the descriptions and the dumps see the same triples.
 */
import type { QueryCatalogue } from '../queries/catalogue.js';
import type { Store } from '../store/store.js';
import type { ValidationRules } from '../validation/gate.js';
import type { SourceFile } from './build.js';
import { entailmentQuery, entailmentRules } from './entailment.js';

/** The dataset every published thing belongs to (void:inDataset), described by VoID and DCAT. */
export function datasetIri(baseIRI: string): string {
  return new URL('.well-known/void#dataset', baseIRI).href;
}

/** The date the data last changed, as the dateTime literal a query compares. */
function dateTimeLexical(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

async function part(store: Store, name: string, query: string, baseIRI: string): Promise<SourceFile> {
  // Materialising runs once per version over the whole data: it gets more time than a request.
  const bytes = await store.constructBytes(query, { baseIRI, timeoutMs: 600_000 });
  const source: SourceFile = { path: name, name, format: 'application/n-triples', bytes };
  await store.load([{ name, bytes, format: source.format, baseIRI }]);
  return source;
}

/** Computes and loads the materialised parts; returns them as sources of the version. */
export async function materialise(store: Store, rules: ValidationRules, queries: QueryCatalogue, dataModified: Date): Promise<SourceFile[]> {
  const entailed = await part(store, 'entailed', entailmentQuery(entailmentRules(rules.ontologyQuads)), rules.baseIRI);
  const records = queries.get('records')
    .split('<urn:x-citego:dataset>').join(`<${datasetIri(rules.baseIRI)}>`)
    .split('"urn:x-citego:data-modified"').join(`"${dateTimeLexical(dataModified)}"`);
  return [entailed, await part(store, 'records', records, rules.baseIRI)];
}
