/**
 * The list of everything the service describes, read once per version of the data: the browse
 * pages and the sitemap are written from it, so that a crawler starting at the home page, or
 * reading the sitemap, reaches every thing.
 */
import type { QueryCatalogue } from '../../queries/catalogue.js';
import type { Store } from '../../store/store.js';
import type { IriPolicy } from './iri-policy.js';

export interface IndexedThing {
  readonly iri: string;
  /** The kind, from the IRI: document, actor, descriptor… */
  readonly kind: string;
  /** The latest date the data gives the thing, if any (YYYY, YYYY-MM, YYYY-MM-DD or a dateTime with its zone). */
  readonly lastmod?: string;
}

/** The dates a sitemap's lastmod takes (W3C Datetime): a year, month or day, or a time with its zone. */
const W3C_DATE = /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?$/;

export class ThingIndex {
  private current: { version: string; things: Promise<IndexedThing[]> } | undefined;

  constructor(private readonly queries: QueryCatalogue, private readonly policy: IriPolicy) {}

  things(store: Store, version: string): Promise<IndexedThing[]> {
    if (this.current?.version !== version) {
      const things = this.read(store);
      this.current = { version, things };
      things.catch(() => { this.current = undefined; });
    }
    return this.current.things;
  }

  private async read(store: Store): Promise<IndexedThing[]> {
    const rows = await store.select(this.queries.get('things'), { baseIRI: this.policy.baseIRI, timeoutMs: 300_000 });
    return rows.map((row) => {
      const iri = row.thing!.value;
      const lastmod = row.lastmod?.value;
      return { iri, kind: this.policy.kindOf(iri), lastmod: lastmod && W3C_DATE.test(lastmod) ? lastmod : undefined };
    });
  }
}

/** Names of things by IRI, in every language, for a page of a list. */
export async function labelsOf(store: Store, queries: QueryCatalogue, iris: readonly string[]): Promise<Map<string, { value: string; language: string }[]>> {
  const labels = new Map<string, { value: string; language: string }[]>();
  if (iris.length === 0) return labels;
  const query = queries.get('labels').replace('<urn:x-citego:this>', iris.map((i) => `<${i}>`).join(' '));
  for (const row of await store.select(query)) {
    const label = row.label;
    if (label?.termType !== 'Literal') continue;
    const list = labels.get(row.thing!.value) ?? [];
    list.push({ value: label.value, language: label.language });
    labels.set(row.thing!.value, list);
  }
  return labels;
}
