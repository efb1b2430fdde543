/**
 * A search's answer, for people (an HTML page complete without JavaScript: the form, the chosen
 * filters each with its way out, the names that match, the ranked results with their snippets,
 * the pages, and the facets as links) and for programs (the JSON of the public contract). Both
 * are written from the same outcome, in the reader's language by the service's one fallback.
 */
import type { Collection } from '../../collection/collection.js';
import { html, SafeHtml } from '../../web/html.js';
import { pickText } from '../../web/i18n/fallback.js';
import { textsIn, type Catalogue, type PageLanguage } from '../../web/i18n/catalogue.js';
import { inLanguage, renderPage } from '../../web/layout.js';
import { FACETS, LANGUAGE_CODES, type FacetCount, type FacetName } from './facets.js';
import { PAGE_SIZE, searchUrl, toggled, type ParsedSearch } from './request.js';
import type { Hit, NameMatch, SearchOutcome } from './search-index.js';
import { snippetOf } from './snippet.js';

export interface Answer {
  readonly search: ParsedSearch;
  readonly outcome: SearchOutcome;
  readonly names: readonly NameMatch[];
  readonly collection: Collection;
  readonly language: PageLanguage;
  /** The description page of a thing, in the reader's language. */
  readonly pageOf: (iri: string) => string;
  /** The SPARQL query giving the same documents as the descriptor combination, if there is one. */
  readonly sparql?: string;
}

interface Shown {
  readonly value: string;
  readonly language?: string;
}

/** How a facet value is named: labels from the data, languages by the catalogue, years as they are. */
export function valueLabel(facet: FacetName, value: string, collection: Collection, language: PageLanguage, t: Catalogue): Shown {
  if (facet === 'year') return { value };
  if (facet === 'lang') {
    const code = Object.entries(LANGUAGE_CODES).find(([, tag]) => tag === value)?.[0];
    const name = code && Object.hasOwn(t.sheetLanguages, code) ? t.sheetLanguages[code as keyof Catalogue['sheetLanguages']] : undefined;
    return { value: name ?? value };
  }
  const picked = pickText(collection.labels(value), language);
  return picked ? { value: picked.value, language: picked.language || undefined } : { value: value.slice(value.lastIndexOf('/') + 1) };
}

function tagged(shown: Shown): SafeHtml {
  return shown.language ? html`<span lang="${shown.language}">${shown.value}</span>` : html`${shown.value}`;
}

export function pageOfHits(answer: Answer): readonly Hit[] {
  const start = (answer.search.page - 1) * PAGE_SIZE;
  return answer.outcome.hits.slice(start, start + PAGE_SIZE);
}

/** The JSON of the public contract, with the page's position and the facets' labels besides. */
export function searchJson(answer: Answer): unknown {
  const { outcome, collection, language, search } = answer;
  const t = textsIn(language);
  const results = pageOfHits(answer).map((hit) => {
    const title = pickText(hit.document.titles, language);
    return {
      iri: hit.document.iri,
      title: title?.value ?? hit.document.iri,
      titleLanguage: title?.language ?? '',
      type: hit.document.type,
      typeLabel: valueLabel('type', hit.document.type, collection, language, t).value,
      snippet: snippetOf(hit.document, hit.terms, language)?.html ?? '',
      score: hit.score,
      issued: hit.document.issued ?? null,
    };
  });
  const facets = Object.fromEntries(FACETS.map((facet) => [facet, outcome.facets[facet].map((c) => ({
    value: c.value, label: valueLabel(facet, c.value, collection, language, t).value, count: c.count,
    selected: facet === 'descriptor' ? search.descriptors.includes(c.value) : (search.selection[facet] ?? []).includes(c.value),
  }))]));
  return {
    total: outcome.total,
    page: search.page,
    pageSize: PAGE_SIZE,
    pages: Math.max(1, Math.ceil(outcome.total / PAGE_SIZE)),
    op: search.op,
    results,
    facets,
    names: answer.names.map((n) => ({ iri: n.iri, kind: n.kind, label: n.matched.value, alternative: n.alternative, preferred: pickText(collection.labels(n.iri), language)?.value })),
  };
}

function hiddenInputs(search: ParsedSearch, language: PageLanguage): SafeHtml {
  const inputs: SafeHtml[] = search.descriptors.map((d) => html`<input type="hidden" name="descriptor" value="${d}">`);
  for (const [name, values] of Object.entries(search.selection)) for (const v of values ?? []) inputs.push(html`<input type="hidden" name="${name}" value="${v}">`);
  if (search.order !== (search.text ? 'relevance' : 'date')) inputs.push(html`<input type="hidden" name="sort" value="${search.order}">`);
  inputs.push(html`<input type="hidden" name="ui" value="${language}">`);
  return html`${inputs}`;
}

/** A named thing's link: a descriptor, actor, place or dossier as a filter, and its page. */
function nameItem(match: NameMatch, answer: Answer, t: Catalogue): SafeHtml {
  const { search, collection, language } = answer;
  const facet: FacetName = match.kind;
  const preferred = valueLabel(facet, match.iri, collection, language, t);
  const matched: Shown = { value: match.matched.value, language: match.matched.language || undefined };
  // A name matched in another label than the one shown to this reader: "matched → shown".
  const label = matched.value !== preferred.value ? html`${tagged(matched)} → ${tagged(preferred)}` : tagged(matched);
  const chosen = facet === 'descriptor' ? search.descriptors.includes(match.iri) : (search.selection[facet] ?? []).includes(match.iri);
  const add = chosen ? '' : html` · <a href="${searchUrl(search, language, { ...toggled(search, facet, match.iri), text: '' })}">${t.search.addToSearch}</a>`;
  return html`<li><a href="${answer.pageOf(match.iri)}">${label}</a> <small>(${t.search.named[match.kind]}${add})</small></li>`;
}

function resultItem(hit: Hit, answer: Answer, t: Catalogue): SafeHtml {
  const { collection, language } = answer;
  const title = pickText(hit.document.titles, language);
  const snippet = snippetOf(hit.document, hit.terms, language);
  const type = valueLabel('type', hit.document.type, collection, language, t);
  const places = hit.document.places.slice(0, 3).map((p, i) => html`${i ? ', ' : ''}${tagged(valueLabel('place', p, collection, language, t))}`);
  return html`<li class="result" data-basket-iri="${hit.document.iri}" data-basket-title="${title?.value ?? hit.document.iri}">
<h3><a href="${answer.pageOf(hit.document.iri)}"${title?.language ? html` lang="${title.language}"` : ''}>${title?.value ?? hit.document.iri}</a></h3>
<p class="meta">${tagged(type)}${hit.document.year ? html` · ${hit.document.year}` : ''}${places.length ? html` · ${places}` : ''}</p>
${snippet ? html`<p class="snippet" lang="${snippet.language}">${new SafeHtml(snippet.html)}</p>` : ''}
</li>`;
}

function facetSection(facet: FacetName, counts: readonly FacetCount[], answer: Answer, t: Catalogue): SafeHtml | '' {
  const { search, collection, language } = answer;
  if (counts.length === 0) return '';
  const selected = (value: string) => (facet === 'descriptor' ? search.descriptors : search.selection[facet] ?? []).includes(value);
  const items = counts.map((c) => {
    const on = selected(c.value);
    return html`<li><a rel="nofollow" href="${searchUrl(search, language, toggled(search, facet, c.value))}"${on ? html` aria-current="true" class="chosen"` : ''}>${on ? '✓ ' : ''}${tagged(valueLabel(facet, c.value, collection, language, t))}</a> <span class="count">${c.count.toLocaleString(language)}</span></li>`;
  });
  return html`<section class="facet"><h3>${t.search.facets[facet]}</h3><ul>${items}</ul></section>`;
}

export function searchPage(answer: Answer): string {
  const { search, outcome, collection, language } = answer;
  const t = textsIn(language);
  const s = t.search;
  const pages = Math.max(1, Math.ceil(outcome.total / PAGE_SIZE));
  const chosen: SafeHtml[] = [];
  for (const d of search.descriptors) chosen.push(html`<li><a href="${searchUrl(search, language, toggled(search, 'descriptor', d))}" aria-label="${s.remove(valueLabel('descriptor', d, collection, language, t).value)}">✕ ${tagged(valueLabel('descriptor', d, collection, language, t))}</a></li>`);
  for (const facet of FACETS) {
    if (facet === 'descriptor') continue;
    for (const value of search.selection[facet] ?? []) {
      const label = valueLabel(facet, value, collection, language, t);
      chosen.push(html`<li><a href="${searchUrl(search, language, toggled(search, facet, value))}" aria-label="${s.remove(label.value)}">✕ ${s.facets[facet]} : ${tagged(label)}</a></li>`);
    }
  }
  const combine = search.descriptors.length > 1 ? html`<fieldset class="combine"><legend>${s.combine}</legend>
<label><input type="radio" name="op" value="and"${search.op === 'and' ? html` checked` : ''}> ${s.and}</label>
<label><input type="radio" name="op" value="or"${search.op === 'or' ? html` checked` : ''}> ${s.or}</label></fieldset>` : '';
  const sortLinks = (['relevance', 'date', 'title'] as const).filter((o) => o !== 'relevance' || search.text).map((order) => {
    const name = order === 'title' ? s.titleOrder : s[order];
    return search.order === order ? html`<strong aria-current="true">${name}</strong>` : html`<a href="${searchUrl(search, language, { order, page: 1 })}">${name}</a>`;
  });
  const hits = pageOfHits(answer);
  const pageLink = (n: number) => searchUrl(search, language, { page: n });
  const body = html`<p><a href="${inLanguage('/', language)}">${t.home}</a></p>
<h1>${s.title}</h1>
<p class="lead">${s.intro}</p>
<form class="search-form" role="search" method="get" action="/search">
<label for="search-words">${s.words}</label>
<div class="search-line"><input id="search-words" name="q" type="search" value="${search.text}" autocomplete="off" role="combobox" aria-autocomplete="list" aria-expanded="false" aria-describedby="search-suggestions-status" aria-controls="search-suggestions">
<button type="submit">${s.submit}</button></div>
<p id="search-suggestions-status" class="visually-hidden" aria-live="polite" data-count-0="${s.suggestions(0)}" data-count-1="${s.suggestions(1)}" data-count-2="${s.suggestions(2)}"></p>
<ul id="search-suggestions" class="suggestions" hidden></ul>
${combine}
${hiddenInputs(search, language)}
</form>
${chosen.length ? html`<nav class="chosen-filters" aria-label="${s.chosen}"><h2>${s.chosen}</h2><ul class="inline">${chosen}<li><a href="${searchUrl({ ...search, descriptors: [], selection: {}, text: '' }, language)}">${s.clear}</a></li></ul></nav>` : ''}
${answer.names.length ? html`<section class="names"><h2>${s.names}</h2><ul class="links">${answer.names.map((n) => nameItem(n, answer, t))}</ul></section>` : ''}
<div class="search-results">
<section class="results-list" aria-labelledby="results-heading">
<h2 id="results-heading">${s.resultsHeading} <small>${s.results(outcome.total)}${pages > 1 ? html` — ${t.page} ${search.page} ${t.of} ${pages}` : ''}</small></h2>
${outcome.total > 1 ? html`<p class="sort">${t.colon(s.sort)} ${sortLinks.map((l, i) => html`${i ? ' · ' : ''}${l}`)}</p>` : ''}
${outcome.total === 0 ? html`<p class="notice">${s.noResults}</p>` : html`<ol class="results" start="${(search.page - 1) * PAGE_SIZE + 1}">${hits.map((h) => resultItem(h, answer, t))}</ol>`}
${pages > 1 ? html`<nav class="pagination" aria-label="${t.page}"><p>${search.page > 1 ? html`<a rel="prev" href="${pageLink(search.page - 1)}">← ${t.previous}</a> ` : ''}${search.page < pages ? html`<a rel="next" href="${pageLink(search.page + 1)}">${t.next} →</a>` : ''}</p></nav>` : ''}
${answer.sparql ? html`<p class="sparql-link"><a href="/sparql?${new URLSearchParams({ query: answer.sparql, lang: language }).toString()}">${s.sparql}</a></p>` : ''}
</section>
<aside class="facets" aria-label="${s.refine}"><h2>${s.refine}</h2>${FACETS.map((f) => facetSection(f, outcome.facets[f], answer, t))}</aside>
</div>
<script src="/search/assets/search.js" defer></script>`;
  return renderPage({
    language,
    title: search.text ? `${search.text} — ${s.title}` : s.title,
    path: searchUrl(search, language),
    languageLink: (code) => searchUrl(search, code),
    body,
    jsonLd: { '@context': 'https://schema.org', '@type': 'SearchResultsPage', name: s.title, inLanguage: language },
  });
}
