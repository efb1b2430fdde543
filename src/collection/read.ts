/**
 * Reading the collection out of the store for the reader's side of the service: one scan of the
 * store's index per property (sparql/service/predicate-values.rq), the answers parsed straight
 * from SPARQL JSON results into plain pairs. Two scans run at a time, one per store replica.
 * A version is read this way when it could not be prepared as it was built (prepared.ts): after
 * a curator's write, which changes the store by an update.
 */
import type { QueryCatalogue } from '../queries/catalogue.js';
import type { Store } from '../store/store.js';
import { addValue, FactTable, type Facts, type Value } from './facts.js';

/** The (subject IRI, value) pairs of one property. */
export type Pairs = readonly (readonly [string, Value])[];

const PLACEHOLDER = '<urn:x-citego:predicate>';
/** Reading is a background job of a new version: it may take longer than a reader's query. */
const READ_TIMEOUT_MS = 600_000;

interface JsonBinding {
  readonly s?: { readonly type: string; readonly value: string };
  readonly o?: { readonly type: string; readonly value: string; readonly 'xml:lang'?: string };
}

export class PropertyReader {
  private readonly template: string;

  constructor(queries: QueryCatalogue, private readonly baseIRI: string) {
    this.template = queries.get('predicate-values');
    if (!this.template.includes(PLACEHOLDER)) throw new Error(`sparql/service/predicate-values.rq must name the property as ${PLACEHOLDER}`);
  }

  async pairs(store: Store, predicate: string): Promise<Pairs> {
    const query = this.template.split(PLACEHOLDER).join(`<${predicate}>`);
    const result = await store.query(query, { solutions: 'application/sparql-results+json', graph: 'application/n-triples' },
      { baseIRI: this.baseIRI, timeoutMs: READ_TIMEOUT_MS });
    const bindings = (JSON.parse(result.body) as { results: { bindings: JsonBinding[] } }).results.bindings;
    const pairs: (readonly [string, Value])[] = [];
    for (const { s, o } of bindings) {
      // Only things named by IRIs, and values that are IRIs or literals: a blank node's label is no text.
      if (s?.type !== 'uri' || !o || o.type === 'bnode') continue;
      pairs.push([s.value, o.type === 'uri' ? o.value : { value: o.value, language: (o['xml:lang'] ?? '').toLowerCase() }]);
    }
    return pairs;
  }

  /** Reads several properties, two at a time. */
  async all(store: Store, predicates: readonly string[], onRead?: (done: number, total: number) => void): Promise<Facts> {
    const table = new FactTable(predicates);
    let next = 0;
    let done = 0;
    const worker = async () => {
      while (next < predicates.length) {
        const property = next++;
        for (const [subject, value] of await this.pairs(store, predicates[property]!)) addValue(table.subject(subject), property, value);
        onRead?.(++done, predicates.length);
      }
    };
    await Promise.all([worker(), worker()]);
    return table.facts();
  }
}
