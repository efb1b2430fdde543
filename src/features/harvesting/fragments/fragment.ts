/**
 * Triple Pattern Fragments (the Linked Data Fragments specification): what a request asks for
 * (a pattern of subject, predicate and object, and a page), the page of matching triples the
 * version's index gives, and the metadata and Hydra controls a fragments client reads beside the
 * data: the count of matches, the links to the other pages, and the search form that tells it
 * how to ask for any other pattern.
 *
 * Addresses are written as the client wrote them: a page's IRI is the very URL it asked for,
 * since clients (Comunica among them) find a page's metadata by that URL.
 */
import { integer, iri, text, triple } from '../../../rdf/build-terms.js';
import { RDF_TYPE, STANDARD_PREFIXES } from '../../../rdf/namespaces.js';
import type { Quad, SubjectTerm, Term } from '../../../rdf/terms.js';
import { ntriplesKey, parsePatternTerm, termOfKey, type PatternTerm } from '../ntriples-terms.js';
import type { TripleIndex } from '../triple-index.js';

export const FRAGMENTS_PATH = '/fragments';
/** Triples on a page, as the reference server sends them. */
export const FRAGMENT_PAGE_SIZE = 100;

const { hydra, void: VOID, rdf, dct, foaf } = STANDARD_PREFIXES;
const POSITIONS = ['subject', 'predicate', 'object'] as const;
type Position = (typeof POSITIONS)[number];

/** The IRIs of the fragments interface as seen from an origin: the dataset and its search template. */
export function fragmentsNames(origin: string): { dataset: string; template: string; entry: string } {
  const entry = `${origin}${FRAGMENTS_PATH}`;
  return { entry, dataset: `${entry}#dataset`, template: `${entry}{?subject,predicate,object}` };
}

export interface FragmentRequest {
  readonly pattern: Readonly<Record<Position, PatternTerm>>;
  readonly page: number;
  /** The URL asked for: the page's IRI. */
  readonly pageUrl: string;
  /** The same without its page: the fragment's IRI, whose pages link to each other. */
  readonly fragmentUrl: string;
  readonly origin: string;
}

export class FragmentRequestError extends Error {}

/**
 * A fragment request from the request's path and query, as received. Unknown parameters are
 * let be; a malformed term or page is a FragmentRequestError that says what to write instead.
 */
export function parseFragmentRequest(origin: string, search: string): FragmentRequest {
  const raw = search.split('&').filter(Boolean).map((pair) => {
    const eq = pair.indexOf('=');
    return eq < 0 ? [pair, ''] as const : [pair.slice(0, eq), pair.slice(eq + 1)] as const;
  });
  const parameters = new URLSearchParams(search);
  const pattern = {} as Record<Position, PatternTerm>;
  for (const position of POSITIONS) {
    const term = parsePatternTerm(parameters.get(position));
    if (term.kind === 'invalid') throw new FragmentRequestError(`${position}: ${term.reason}.`);
    if (position !== 'object' && term.kind === 'term' && term.term.termType === 'Literal') throw new FragmentRequestError(`${position}: a literal can only be an object.`);
    pattern[position] = term;
  }
  const pageText = parameters.get('page');
  const page = pageText === null ? 1 : Number(pageText);
  if (!Number.isSafeInteger(page) || page < 1) throw new FragmentRequestError(`page must be a whole number from 1, not "${pageText}".`);
  const withoutPage = raw.filter(([name]) => name !== 'page').map(([name, value]) => `${name}=${value}`).join('&');
  const fragmentUrl = `${origin}${FRAGMENTS_PATH}${withoutPage ? `?${withoutPage}` : ''}`;
  return { pattern, page, origin, fragmentUrl, pageUrl: search ? `${origin}${FRAGMENTS_PATH}?${search}` : fragmentUrl };
}

export interface Fragment {
  readonly request: FragmentRequest;
  /** Triples matching the pattern in the whole dataset (exact: read from the index). */
  readonly count: number;
  readonly pages: number;
  /** This page's triples as the index spells them (N-Triples terms), in its stable order. */
  readonly spellings: readonly (readonly [string, string, string])[];
  /** The same triples as terms. */
  readonly triples: readonly Quad[];
  readonly datasetTriples: number;
}

/** The page of a fragment; undefined when the page is past the last one. */
export function selectFragment(index: TripleIndex, request: FragmentRequest): Fragment | undefined {
  const ids: (number | undefined)[] = [];
  let unknown = false;
  for (const position of POSITIONS) {
    const term = request.pattern[position];
    if (term.kind !== 'term') {
      ids.push(undefined);
      continue;
    }
    const id = index.id(ntriplesKey(term.term));
    if (id === undefined) unknown = true;
    ids.push(id);
  }
  const match = unknown ? { count: 0, at: () => [0, 0, 0] as const } : index.match(ids[0], ids[1], ids[2]);
  const pages = Math.max(1, Math.ceil(match.count / FRAGMENT_PAGE_SIZE));
  if (request.page > pages) return undefined;
  const spellings: [string, string, string][] = [];
  const first = (request.page - 1) * FRAGMENT_PAGE_SIZE;
  for (let i = first; i < Math.min(match.count, first + FRAGMENT_PAGE_SIZE); i++) {
    const [s, p, o] = match.at(i);
    spellings.push([index.term(s), index.term(p), index.term(o)]);
  }
  return {
    request, count: match.count, pages, spellings, datasetTriples: index.size,
    get triples() {
      return spellings.map(([s, p, o]) => triple(termOfKey(s) as SubjectTerm, termOfKey(p).value, termOfKey(o)));
    },
  };
}

/** The URL of another page of the same fragment. */
export function pageUrl(fragment: Fragment, page: number): string {
  const { fragmentUrl } = fragment.request;
  return page === 1 ? fragmentUrl : `${fragmentUrl}${fragmentUrl.includes('?') ? '&' : '?'}page=${page}`;
}

/** The pattern in the notation of the specification, `{ ?s <p> "o" }`, for titles. */
export function patternText(request: FragmentRequest): string {
  const spelt = POSITIONS.map((position) => {
    const term = request.pattern[position];
    return term.kind === 'term' ? ntriplesKey(term.term) : `?${position[0]}`;
  });
  return `{ ${spelt.join(' ')} }`;
}

/**
 * The metadata and controls of a page, in the graph `<page#metadata>` that names the fragment
 * as its primary topic (clients tell metadata from data by it): the dataset and its search form,
 * the page as a view of the fragment with its count, size and links.
 */
export function fragmentMetadata(fragment: Fragment): Quad[] {
  const { request } = fragment;
  const names = fragmentsNames(request.origin);
  const graph = iri(`${request.pageUrl}#metadata`);
  const page = request.pageUrl;
  // Named, not blank: the data's own blank nodes could not then be mistaken for them.
  const search = `${names.entry}#search`;
  const mapping = (position: Position) => `${names.entry}#${position}`;
  const quads: Quad[] = [
    triple(graph, `${foaf}primaryTopic`, request.fragmentUrl),
    triple(names.dataset, RDF_TYPE, `${VOID}Dataset`),
    triple(names.dataset, RDF_TYPE, `${hydra}Collection`),
    triple(names.dataset, `${VOID}triples`, integer(fragment.datasetTriples)),
    triple(names.dataset, `${VOID}subset`, page),
    triple(names.dataset, `${hydra}search`, search),
    triple(search, `${hydra}template`, text(names.template)),
    triple(search, `${hydra}variableRepresentation`, `${hydra}ExplicitRepresentation`),
    ...POSITIONS.flatMap((position) => [
      triple(search, `${hydra}mapping`, mapping(position)),
      triple(mapping(position), `${hydra}variable`, text(position)),
      triple(mapping(position), `${hydra}property`, `${rdf}${position}`),
    ]),
    triple(request.fragmentUrl, `${VOID}subset`, page),
    triple(page, RDF_TYPE, `${hydra}PartialCollectionView`),
    triple(page, `${dct}title`, text(`Triple Pattern Fragment ${patternText(request)}`, 'en')),
    triple(page, `${dct}source`, names.dataset),
    triple(page, `${hydra}totalItems`, integer(fragment.count)),
    triple(page, `${VOID}triples`, integer(fragment.count)),
    triple(page, `${hydra}itemsPerPage`, integer(FRAGMENT_PAGE_SIZE)),
    triple(page, `${hydra}first`, pageUrl(fragment, 1)),
    triple(page, `${hydra}last`, pageUrl(fragment, fragment.pages)),
  ];
  if (request.page > 1) quads.push(triple(page, `${hydra}previous`, pageUrl(fragment, request.page - 1)));
  if (request.page < fragment.pages) quads.push(triple(page, `${hydra}next`, pageUrl(fragment, request.page + 1)));
  return quads.map((q) => ({ ...q, graph }));
}

/** The pattern term of a position, when bound (for the page's form). */
export function boundTerm(request: FragmentRequest, position: Position): Term | undefined {
  const term = request.pattern[position];
  return term.kind === 'term' ? term.term : undefined;
}
