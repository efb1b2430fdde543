/**
 * What a thing's description holds: its own triples, the labels and types of what it links
 * to, and one page of the links that point to it, with the labels of their subjects. A page
 * holds a hundred incoming links; beyond that the description says, in Hydra terms, where the
 * other pages are. The description document names the thing it is about (foaf:primaryTopic)
 * and the licence its data is published under (dct:license). The triples are the same whatever
 * the format they are then written in.
 */
import type { QueryCatalogue } from '../../queries/catalogue.js';
import { iri, integer, triple } from '../../rdf/build-terms.js';
import { STANDARD_PREFIXES } from '../../rdf/namespaces.js';
import { termKey, type Quad } from '../../rdf/terms.js';
import { canonicalOrder } from '../../rdf/write.js';
import type { Store } from '../../store/store.js';
import type { IriPolicy } from './iri-policy.js';

export const PAGE_SIZE = 100;

/** An xsd:date, gYear, gYearMonth or dateTime as a Date (a day or month at its start, in UTC), to the second. */
export function dateOf(lexical: string): Date | undefined {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(lexical);
  const time = match ? Date.UTC(Number(match[1]), Number(match[2] ?? 1) - 1, Number(match[3] ?? 1)) : Date.parse(lexical);
  return Number.isNaN(time) ? undefined : new Date(Math.floor(time / 1000) * 1000);
}
const { hydra, rdf, foaf, dct } = STANDARD_PREFIXES;
const PLACEHOLDER = '<urn:x-citego:this>';
const PAGE_WINDOW = /LIMIT 100 OFFSET 0/;

export interface Description {
  readonly thing: string;
  /** The negotiated URL of this description (with its page), which the metadata triples name. */
  readonly document: string;
  readonly page: number;
  readonly pages: number;
  readonly incomingLinks: number;
  readonly quads: readonly Quad[];
}

/**
 * The links to a thing that a page of its incoming links holds. Every triple of the store whose
 * object is the thing is one of its links, wherever it comes from in the page (a type, a
 * membership's party): fewer than a page of them means the page holds every link.
 */
function linksIn(thing: string, quads: readonly Quad[]): number {
  const links = new Set<string>();
  for (const quad of quads) {
    if (quad.object.termType === 'NamedNode' && quad.object.value === thing) links.add(`${termKey(quad.subject)} ${quad.predicate.value}`);
  }
  return links.size;
}

export class Describer {
  private readonly own: string;
  private readonly incoming: string;
  private readonly count: string;

  constructor(queries: QueryCatalogue, private readonly policy: IriPolicy, private readonly licence: string) {
    this.own = queries.get('describe-thing');
    this.incoming = queries.get('describe-incoming');
    this.count = queries.get('count-incoming');
    for (const [name, text] of [['describe-thing', this.own], ['describe-incoming', this.incoming], ['count-incoming', this.count]] as const) {
      if (!text.includes(PLACEHOLDER)) throw new Error(`sparql/service/${name}.rq must name the thing as ${PLACEHOLDER}`);
    }
    if (!PAGE_WINDOW.test(this.incoming)) throw new Error('sparql/service/describe-incoming.rq must page with "LIMIT 100 OFFSET 0"');
  }

  /**
   * The description of a thing's page, or undefined when the store says nothing about it. The
   * first page, which nearly every request asks for, is asked for with the thing's own triples:
   * when it holds fewer links than a page holds, they are all the links, and no count is needed.
   */
  async describe(store: Store, thing: string, page: number): Promise<Description | undefined> {
    if (!this.policy.isThing(thing)) return undefined;
    const forThing = (query: string) => query.split(PLACEHOLDER).join(`<${thing}>`);
    const options = { baseIRI: this.policy.baseIRI };
    const pageOf = (n: number) => store.construct(forThing(this.incoming).replace(PAGE_WINDOW, `LIMIT ${PAGE_SIZE} OFFSET ${(n - 1) * PAGE_SIZE}`), options);
    const countLinks = async () => Number((await store.select(forThing(this.count), options))[0]?.links?.value ?? 0);
    const [own, first] = await Promise.all([store.construct(forThing(this.own), options), page === 1 ? pageOf(1) : countLinks()]);
    if (!own.some((q) => q.subject.termType === 'NamedNode' && q.subject.value === thing)) return undefined;
    let incoming: readonly Quad[];
    let incomingLinks: number;
    if (typeof first === 'number') {
      incomingLinks = first;
      if (page > Math.max(1, Math.ceil(incomingLinks / PAGE_SIZE))) return undefined;
      incoming = incomingLinks > 0 ? await pageOf(page) : [];
    } else {
      incoming = first;
      const onPage = linksIn(thing, incoming);
      incomingLinks = onPage < PAGE_SIZE ? onPage : await countLinks();
    }
    const pages = Math.max(1, Math.ceil(incomingLinks / PAGE_SIZE));
    const document = this.policy.descriptionUrl(thing, undefined, page);
    const quads = canonicalOrder([...own, ...incoming, ...this.metadata(thing, document, page, pages, incomingLinks)], thing);
    return { thing, document, page, pages, incomingLinks, quads };
  }

  /**
   * When the thing last changed: its own dct:modified (the build gives every record one), else
   * the latest of its other dates; undefined when the data gives none.
   */
  static lastModified(description: Description): Date | undefined {
    const own = (predicate: string) => description.quads
      .filter((q) => q.subject.value === description.thing && q.predicate.value === predicate && q.object.termType === 'Literal')
      .map((q) => dateOf(q.object.value)).filter((d): d is Date => d !== undefined);
    const dates = own(`${dct}modified`);
    const candidates = dates.length > 0 ? dates : [...own(`${dct}issued`), ...own(`${dct}created`)];
    if (candidates.length === 0) return undefined;
    return new Date(Math.max(...candidates.map((d) => d.getTime())));
  }

  private metadata(thing: string, document: string, page: number, pages: number, links: number): Quad[] {
    const quads = [triple(document, `${foaf}primaryTopic`, thing), triple(document, `${dct}license`, this.licence)];
    if (pages === 1) return quads;
    const pageUrl = (n: number) => iri(this.policy.descriptionUrl(thing, undefined, n));
    quads.push(
      triple(document, `${rdf}type`, `${hydra}PartialCollectionView`),
      triple(document, `${hydra}totalItems`, integer(links)),
      triple(document, `${hydra}first`, pageUrl(1)),
      triple(document, `${hydra}last`, pageUrl(pages)),
    );
    if (page > 1) quads.push(triple(document, `${hydra}previous`, pageUrl(page - 1)));
    if (page < pages) quads.push(triple(document, `${hydra}next`, pageUrl(page + 1)));
    return quads;
  }
}
