/**
 * A search as its URL states it, checked: the public contract
 * `GET /search?q=TEXT&descriptor=IRI…&op=and|or&type=…&lang=…&year=…&place=IRI&actor=IRI&dossier=IRI&page=N`,
 * plus `sort` and the interface language `ui` (`lang` is the documents' language here). A
 * parameter that names nothing in the collection is refused with a sentence that says which one
 * and why, never silently ignored: a shared link must mean what it says.
 */
import type { Collection } from '../../collection/collection.js';
import { languageTag, LANGUAGE_CODES, type FacetName } from './facets.js';
import type { Order } from './search-index.js';

export const PAGE_SIZE = 20;
const MAX_TEXT = 500;
const MAX_VALUES = 50;
const ORDERS: readonly Order[] = ['relevance', 'date', 'title'];

export interface ParsedSearch {
  readonly text: string;
  readonly descriptors: readonly string[];
  readonly op: 'and' | 'or';
  readonly selection: Readonly<Partial<Record<Exclude<FacetName, 'descriptor'>, readonly string[]>>>;
  readonly order: Order;
  readonly page: number;
}

export class SearchRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SearchRequestError';
  }
}

type Query = Readonly<Record<string, unknown>>;

/** A parameter's values, repeated or not, trimmed and without empty ones. */
function valuesOf(query: Query, name: string): string[] {
  const raw = query[name];
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const values = [...new Set(list.map((v) => (typeof v === 'string' ? v.trim() : '')).filter((v) => v !== ''))];
  if (values.length > MAX_VALUES) throw new SearchRequestError(`at most ${MAX_VALUES} values of "${name}" are accepted, not ${values.length}`);
  return values;
}

function single(query: Query, name: string): string | undefined {
  const values = valuesOf(query, name);
  if (values.length > 1) throw new SearchRequestError(`"${name}" takes one value, not ${values.length}`);
  return values[0];
}

export function parseSearch(query: Query, collection: Collection): ParsedSearch {
  const text = valuesOf(query, 'q').join(' ');
  if (text.length > MAX_TEXT) throw new SearchRequestError(`the text to search is ${text.length} characters long; at most ${MAX_TEXT} are accepted`);
  const known = (name: string, exists: (iri: string) => boolean, what: string) => valuesOf(query, name).map((iri) => {
    if (!exists(iri)) throw new SearchRequestError(`"${name}" must be the IRI of ${what}; ${iri} is not one`);
    return iri;
  });
  const descriptors = known('descriptor', (i) => collection.descriptors.has(i), 'a descriptor of the atlas');
  const op = single(query, 'op')?.toLowerCase() ?? 'and';
  if (op !== 'and' && op !== 'or') throw new SearchRequestError(`"op" combines descriptors with "and" or "or", not "${op}"`);
  const types = known('type', (i) => collection.documentTypes.includes(i), 'a type of sheet');
  const languages = valuesOf(query, 'lang').map((value) => {
    const tag = Object.hasOwn(LANGUAGE_CODES, value.toUpperCase()) ? languageTag(value.toUpperCase()) : value.toLowerCase();
    if (!/^[a-z]{2,3}$/.test(tag)) throw new SearchRequestError(`"lang" is the language of the sheets, such as fr, en or es, not "${value}"`);
    return tag;
  });
  const years = valuesOf(query, 'year').map((value) => {
    if (!/^\d{4}$/.test(value)) throw new SearchRequestError(`"year" is a year of four digits, such as 2014, not "${value}"`);
    return value;
  });
  const places = known('place', (i) => collection.places.has(i), 'a place');
  const actors = known('actor', (i) => collection.actors.has(i), 'an actor (a person or an organisation)');
  const dossiers = known('dossier', (i) => collection.dossiers.has(i), 'a thematic dossier');
  const sortValue = single(query, 'sort') ?? (text ? 'relevance' : 'date');
  if (!(ORDERS as readonly string[]).includes(sortValue)) throw new SearchRequestError(`"sort" is one of ${ORDERS.join(', ')}, not "${sortValue}"`);
  const pageValue = single(query, 'page') ?? '1';
  const page = Number(pageValue);
  if (!/^\d+$/.test(pageValue) || !Number.isSafeInteger(page) || page < 1) throw new SearchRequestError(`"page" is a page number from 1, not "${pageValue}"`);
  return {
    text, descriptors, op, order: sortValue as Order, page,
    selection: { type: types, lang: languages, year: years, place: places, actor: actors, dossier: dossiers },
  };
}

/** The URL of a search: its parameters in a fixed order, so that one search has one address. */
export function searchUrl(search: ParsedSearch, ui: string, changes: Partial<ParsedSearch> = {}): string {
  const s = { ...search, ...changes };
  const parameters = new URLSearchParams();
  if (s.text) parameters.set('q', s.text);
  for (const d of s.descriptors) parameters.append('descriptor', d);
  if (s.descriptors.length > 1 && s.op !== 'and') parameters.set('op', s.op);
  for (const [name, values] of Object.entries(s.selection)) for (const v of values ?? []) parameters.append(name, v);
  if (s.order !== (s.text ? 'relevance' : 'date')) parameters.set('sort', s.order);
  if (s.page > 1) parameters.set('page', String(s.page));
  parameters.set('ui', ui);
  return `/search?${parameters.toString()}`;
}

/** The search with one facet value added or removed. */
export function toggled(search: ParsedSearch, facet: FacetName, value: string): Partial<ParsedSearch> {
  if (facet === 'descriptor') {
    const descriptors = search.descriptors.includes(value) ? search.descriptors.filter((d) => d !== value) : [...search.descriptors, value];
    return { descriptors, page: 1 };
  }
  const current = search.selection[facet] ?? [];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  return { selection: { ...search.selection, [facet]: next }, page: 1 };
}
