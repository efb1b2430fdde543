/**
 * A fragment as a page for people: the search form of the three terms, the count of matches,
 * the triples of the page (each term a link to the fragments where it stands), and the links to
 * the other pages. It works without JavaScript, like every page of the service.
 */
import type { Term } from '../../../rdf/terms.js';
import { html, type SafeHtml } from '../../../web/html.js';
import { textsIn, type PageLanguage } from '../../../web/i18n/catalogue.js';
import { renderPage } from '../../../web/layout.js';
import { ntriplesKey } from '../ntriples-terms.js';
import { boundTerm, FRAGMENTS_PATH, pageUrl, patternText, type Fragment } from './fragment.js';

/** How a term is written in the form and in links: bare IRIs, literals as N-Triples. */
function formValue(term: Term | undefined): string {
  if (!term) return '';
  return term.termType === 'NamedNode' ? term.value : ntriplesKey(term);
}

function fragmentLink(position: 'subject' | 'predicate' | 'object', term: Term, language: PageLanguage): string {
  const parameters = new URLSearchParams({ [position]: formValue(term), lang: language });
  return `${FRAGMENTS_PATH}?${parameters.toString()}`;
}

function cell(position: 'subject' | 'predicate' | 'object', term: Term, language: PageLanguage): SafeHtml {
  const shown = term.termType === 'NamedNode' ? term.value : term.termType === 'BlankNode' ? `_:${term.value}` : term.value;
  const tag = term.termType === 'Literal' && term.language ? html` <small>@${term.language}</small>` : '';
  return html`<td><a href="${fragmentLink(position, term, language)}"${term.termType === 'Literal' && term.language ? html` lang="${term.language}"` : ''}>${shown}</a>${tag}</td>`;
}

/** The page's own address in the reader's language, for the language switch and the paging links. */
function localPath(fragment: Fragment, page: number, language: PageLanguage): string {
  const url = new URL(pageUrl(fragment, page));
  url.searchParams.set('lang', language);
  return `${url.pathname}${url.search}`;
}

export function renderFragmentPage(fragment: Fragment, language: PageLanguage): string {
  const t = textsIn(language).harvesting.fragments;
  const { request } = fragment;
  const field = (position: 'subject' | 'predicate' | 'object', label: string) =>
    html`<p><label for="${position}">${label}</label> <input id="${position}" name="${position}" size="60" value="${formValue(boundTerm(request, position))}"></p>`;
  const rows = fragment.triples.map((q) => html`<tr>${cell('subject', q.subject, language)}${cell('predicate', q.predicate, language)}${cell('object', q.object, language)}</tr>`);
  const paging: SafeHtml[] = [];
  if (request.page > 1) paging.push(html`<a rel="prev" href="${localPath(fragment, request.page - 1, language)}">${textsIn(language).previous}</a>`);
  paging.push(html`<span>${textsIn(language).page} ${request.page} ${textsIn(language).of} ${fragment.pages}</span>`);
  if (request.page < fragment.pages) paging.push(html`<a rel="next" href="${localPath(fragment, request.page + 1, language)}">${textsIn(language).next}</a>`);
  const body = html`<h1>${t.title}</h1>
<p class="lead">${t.intro}</p>
<form method="get" action="${FRAGMENTS_PATH}" class="fragment-search">
${field('subject', t.subject)}
${field('predicate', t.predicate)}
${field('object', t.object)}
<input type="hidden" name="lang" value="${language}">
<p><button type="submit">${t.search}</button></p>
</form>
<h2><code>${patternText(request)}</code></h2>
<p class="fragment-count">${t.matches(fragment.count.toLocaleString(language), fragment.datasetTriples.toLocaleString(language))}</p>
${rows.length ? html`<div class="scroll"><table class="fragment"><thead><tr><th scope="col">${t.subject}</th><th scope="col">${t.predicate}</th><th scope="col">${t.object}</th></tr></thead><tbody>${rows}</tbody></table></div>` : html`<p>${t.none}</p>`}
<nav class="pagination" aria-label="${textsIn(language).page}">${paging}</nav>
<p class="formats">${t.machines}</p>`;
  return renderPage({
    language,
    title: `${t.title} ${patternText(request)}`,
    path: localPath(fragment, request.page, language),
    body,
  });
}
