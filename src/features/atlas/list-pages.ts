/**
 * A list as a page and as a Hydra collection: the same items, page and order. Each list is
 * described by a ListModel (its items already sorted, its paths), written here in HTML or
 * JSON-LD; the routes (index.ts) build the models from the prepared lists.
 */
import { STANDARD_PREFIXES } from '../../rdf/namespaces.js';
import { html, type SafeHtml } from '../../web/html.js';
import type { Tagged } from '../../web/i18n/fallback.js';
import type { Catalogue, PageLanguage } from '../../web/i18n/catalogue.js';
import { inLanguage, renderPage } from '../../web/layout.js';
import { LIST_PAGE_SIZE } from './lists.js';

export interface ListItem {
  /** The thing listed (absent for groups that are not things, such as a year). */
  readonly iri?: string;
  readonly label: Tagged;
  /** Where the item leads on this site. */
  readonly href: string;
  readonly count?: number;
  /** A short note after the item ("see …", a year). */
  readonly note?: SafeHtml;
  /** Marks a sheet, for the basket. */
  readonly sheet?: boolean;
  readonly heading?: string;
}

export interface ListModel {
  readonly title: string;
  readonly intro?: string;
  /** The list's path without its page and sort, with its identifying parameters. */
  readonly path: string;
  readonly parameters: Readonly<Record<string, string>>;
  readonly items: readonly ListItem[];
  readonly sorts: readonly { readonly value: string; readonly label: string }[];
  readonly sort: string;
  readonly page: number;
  readonly countUnit?: (n: number) => string;
  readonly up?: { readonly href: string; readonly label: string };
  /** Letters (or other sections) to jump to, for the index. */
  readonly sections?: readonly { readonly label: string; readonly href: string; readonly current: boolean }[];
}

export function pagesOf(model: ListModel): number {
  return Math.max(1, Math.ceil(model.items.length / LIST_PAGE_SIZE));
}

function url(model: ListModel, changes: { page?: number; sort?: string }, language?: PageLanguage): string {
  const parameters = new URLSearchParams(model.parameters);
  const sort = changes.sort ?? model.sort;
  if (sort !== model.sorts[0]?.value) parameters.set('sort', sort);
  const page = changes.page ?? model.page;
  if (page > 1) parameters.set('page', String(page));
  const path = parameters.size ? `${model.path}?${parameters.toString()}` : model.path;
  return language ? inLanguage(path, language) : path;
}

const pageItems = (model: ListModel) => model.items.slice((model.page - 1) * LIST_PAGE_SIZE, model.page * LIST_PAGE_SIZE);

export function listPage(model: ListModel, language: PageLanguage, t: Catalogue): string {
  const pages = pagesOf(model);
  const items = pageItems(model);
  let heading: string | undefined;
  const rows: SafeHtml[] = [];
  for (const item of items) {
    if (item.heading !== undefined && item.heading !== heading) {
      if (heading !== undefined) rows.push(html`</ul>`);
      heading = item.heading;
      rows.push(html`<h2 id="letter-${heading}">${heading}</h2><ul class="links">`);
    }
    const lang = item.label.language ? html` lang="${item.label.language}"` : '';
    rows.push(html`<li${item.sheet ? html` data-basket-iri="${item.iri}" data-basket-title="${item.label.value}"` : ''}><a href="${item.href}"${lang}>${item.label.value}</a>${item.note ? html` ${item.note}` : ''}${item.count !== undefined ? html` <span class="count">${model.countUnit ? model.countUnit(item.count) : item.count.toLocaleString(language)}</span>` : ''}</li>`);
  }
  const grouped = heading !== undefined;
  const sorts = model.sorts.length > 1 ? html`<p class="sort">${t.colon(t.search.sort)} ${model.sorts.map((s, i) => html`${i ? ' · ' : ''}${s.value === model.sort ? html`<strong aria-current="true">${s.label}</strong>` : html`<a href="${url(model, { sort: s.value, page: 1 }, language)}">${s.label}</a>`}`)}</p>` : '';
  const body = html`<p>${model.up ? html`<a href="${model.up.href}">${model.up.label}</a>` : html`<a href="${inLanguage('/', language)}">${t.home}</a>`}</p>
<h1>${model.title}</h1>
${model.intro ? html`<p class="lead">${model.intro}</p>` : ''}
${model.sections?.length ? html`<nav class="letters" aria-label="${t.atlas.lists.letters}"><ul class="inline">${model.sections.map((s) => html`<li>${s.current ? html`<strong aria-current="true">${s.label}</strong>` : html`<a href="${s.href}">${s.label}</a>`}</li>`)}</ul></nav>` : ''}
<p>${t.atlas.lists.itemCount(model.items.length)}${pages > 1 ? html` — ${t.page} ${model.page} ${t.of} ${pages}` : ''}</p>
${sorts}
${grouped ? html`${rows}</ul>` : html`<ul class="links">${rows}</ul>`}
${pages > 1 ? html`<nav class="pagination" aria-label="${t.page}"><p>${model.page > 1 ? html`<a rel="prev" href="${url(model, { page: model.page - 1 }, language)}">← ${t.previous}</a> ` : ''}${model.page < pages ? html`<a rel="next" href="${url(model, { page: model.page + 1 }, language)}">${t.next} →</a>` : ''}</p></nav>` : ''}
<p class="formats"><a href="${url(model, {})}" type="application/ld+json" data-accept="application/ld+json">JSON-LD (Hydra)</a> <small>${t.atlas.lists.jsonLdHint}</small></p>`;
  return renderPage({
    language, title: model.title, path: url(model, {}, language), body,
    head: html`<link rel="alternate" type="application/ld+json" href="${url(model, {})}">`,
  });
}

/** The list as a Hydra collection: its members with their names, and the view of this page. */
export function listJsonLd(model: ListModel, origin: string): unknown {
  const pages = pagesOf(model);
  const absolute = (changes: { page?: number }) => new URL(url(model, changes), origin).href;
  const { hydra, schema } = STANDARD_PREFIXES;
  return {
    '@context': { hydra, schema, name: 'schema:name', count: { '@id': 'schema:size' }, url: { '@id': 'schema:url', '@type': '@id' } },
    '@id': new URL(url(model, { page: 1 }), origin).href,
    '@type': 'hydra:Collection',
    name: model.title,
    'hydra:totalItems': model.items.length,
    'hydra:member': pageItems(model).map((item) => ({
      ...(item.iri ? { '@id': item.iri } : {}),
      name: item.label.language ? { '@value': item.label.value, '@language': item.label.language } : item.label.value,
      url: new URL(item.href, origin).href,
      ...(item.count !== undefined ? { count: item.count } : {}),
    })),
    'hydra:view': {
      '@id': absolute({}),
      '@type': 'hydra:PartialCollectionView',
      'hydra:first': absolute({ page: 1 }),
      'hydra:last': absolute({ page: pages }),
      ...(model.page > 1 ? { 'hydra:previous': absolute({ page: model.page - 1 }) } : {}),
      ...(model.page < pages ? { 'hydra:next': absolute({ page: model.page + 1 }) } : {}),
    },
  };
}
