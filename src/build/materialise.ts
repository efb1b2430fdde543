/**
 * The parts of a version the build computes rather than reads: the triples that the ontology's
 * axioms imply (standard supertypes and superproperties, both directions of SKOS links) and each
 * record's provenance (the dataset it belongs to, what it was derived from, the date it was last
 * modified). They are computed from the data the store holds, returned as N-Triples bytes in
 * shared memory (never a string on this thread), and loaded as parts of their own, so that every
 * replica, the endpoint, the descriptions and the dumps see the same triples. What the axioms
 * imply about blank nodes is inserted by the store itself: loaded bytes name blank nodes anew.
 */
import { basename } from 'node:path';
import type { QueryCatalogue } from '../queries/catalogue.js';
import { STANDARD_PREFIXES } from '../rdf/namespaces.js';
import type { Store } from '../store/store.js';
import type { ValidationRules } from '../validation/gate.js';
import { modelGraphs, textInSharedMemory, type BuildReport, type SourceFile } from './build.js';
import type { Quad } from '../rdf/terms.js';
import { blankNodeEntailmentUpdate, entailmentOf, entailmentQuery, entailmentRules, type TripleRule } from './entailment.js';

/** The dataset every published thing belongs to (void:inDataset), described by VoID and DCAT. */
export function datasetIri(baseIRI: string): string {
  return new URL('.well-known/void#dataset', baseIRI).href;
}

/**
 * Where a data file is published byte for byte, as it was read: what the records without an
 * original page were derived from (prov:wasDerivedFrom).
 */
export function sourceFileIri(baseIRI: string, file: string): string {
  return new URL(`download/sources/${encodeURIComponent(basename(file))}`, baseIRI).href;
}

/** The date the data last changed, as the dateTime literal a query compares. */
function dateTimeLexical(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

async function load(store: Store, name: string, bytes: Uint8Array, baseIRI: string): Promise<SourceFile> {
  // The store's own answers, and the derivations (IRIs only): canonical N-Triples as written.
  const source: SourceFile = { path: name, name, format: 'application/n-triples', bytes, computed: true, canonical: true };
  await store.load([{ name, bytes, format: source.format, baseIRI }]);
  return source;
}

// Materialising runs once per version over the whole data: it gets more time than a request.
const MATERIALISING_MS = 600_000;

/** prov:wasDerivedFrom from each record without an original page to the files it was read from. */
function derivations(baseIRI: string, recordsWithoutPage: ReadonlyMap<string, readonly string[]>): string {
  const lines: string[] = [];
  for (const [file, records] of recordsWithoutPage) {
    const tail = ` <${STANDARD_PREFIXES.prov}wasDerivedFrom> <${sourceFileIri(baseIRI, file)}> .\n`;
    for (const record of records) lines.push(`<${record}>${tail}`);
  }
  return lines.join('');
}

export interface Materialised {
  /** The parts loaded as bytes, in the order they were loaded. */
  readonly parts: readonly SourceFile[];
  /** What computed them (queries and updates), so that a version changes when they do. */
  readonly definition: string;
}

/** What materialising a built store needs to know beyond the store. */
export interface MaterialiseInput extends Pick<BuildReport, 'recordsWithoutPage' | 'blankNodeGraphs'> {
  /** When the data last changed: the modification date of the records that give none. */
  readonly dataModified: Date;
}

/**
 * What a reader of a version's quads as the build reads them (the reader's side of the service)
 * needs to hold what the store will hold once the version is materialised: the ontology, loaded
 * in its own graph beside the data, and the triples materialising adds for each triple of the
 * data (by the same rules as the query that adds them to the store).
 */
export interface MaterialisedModel {
  readonly ontologyGraph: string;
  readonly ontology: readonly Quad[];
  /** What materialising adds for a triple of a property of the data, if anything. */
  readonly entailed: (predicate: string) => TripleRule | undefined;
}

export function materialisedModel(rules: ValidationRules): MaterialisedModel {
  return { ontologyGraph: modelGraphs(rules.baseIRI).ontology, ontology: rules.ontologyQuads, entailed: entailmentOf(entailmentRules(rules.ontologyQuads)) };
}

/** Computes and loads the materialised parts. */
export async function materialise(store: Store, rules: ValidationRules, queries: QueryCatalogue, build: MaterialiseInput): Promise<Materialised> {
  const { baseIRI } = rules;
  const axioms = entailmentRules(rules.ontologyQuads);
  const entailment = entailmentQuery(axioms);
  const entailed = await load(store, 'entailed', await store.constructBytes(entailment, { baseIRI, timeoutMs: MATERIALISING_MS }), baseIRI);
  const blankNodeUpdate = blankNodeEntailmentUpdate(axioms);
  if (blankNodeUpdate && build.blankNodeGraphs.includes('')) {
    await store.update(blankNodeUpdate, { baseIRI });
  }
  const recordsQuery = queries.get('records')
    .split('<urn:x-citego:dataset>').join(`<${datasetIri(baseIRI)}>`)
    .split('"urn:x-citego:data-modified"').join(`"${dateTimeLexical(build.dataModified)}"`);
  const records = await load(store, 'records', await store.constructBytes(recordsQuery, { baseIRI, timeoutMs: MATERIALISING_MS }), baseIRI);
  const derived = await load(store, 'derivations', textInSharedMemory(derivations(baseIRI, build.recordsWithoutPage)), baseIRI);
  return { parts: [entailed, records, derived], definition: [entailment, blankNodeUpdate ?? '', recordsQuery].join('\n') };
}
