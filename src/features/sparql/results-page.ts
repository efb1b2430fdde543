/**
 * Query results as a page for people: a table of the solutions (or of the triples), every IRI
 * a link, every literal with its language, everything from the data escaped. Browsers get it
 * when they ask for HTML; the same query in any other format is one link away.
 */
import { localName } from '../../rdf/namespaces.js';
import { parseNTriples } from '../../rdf/parse.js';
import type { Term } from '../../rdf/terms.js';
import { html, type SafeHtml } from '../../web/html.js';
import { textsIn, type PageLanguage } from '../../web/i18n/catalogue.js';
import { renderPage } from '../../web/layout.js';
import { dataLink } from '../../web/links.js';

interface JsonTerm { type: string; value: string; 'xml:lang'?: string; datatype?: string }

const MAX_ROWS = 2000;

function termCell(term: JsonTerm | undefined, baseIRI: string): SafeHtml {
  if (!term) return html``;
  if (term.type === 'uri') {
    if (term.value.startsWith(baseIRI)) return html`<a href="/${term.value.slice(baseIRI.length)}">${term.value}</a>`;
    return dataLink(term.value, term.value);
  }
  if (term.type === 'bnode') return html`<code>_:${term.value}</code>`;
  const language = term['xml:lang'];
  const datatype = term.datatype && !term.datatype.endsWith('#string') ? localName(term.datatype) : '';
  return html`${language ? html`<span lang="${language}">${term.value}</span> <small>@${language}</small>` : term.value}${datatype ? html` <small>${datatype}</small>` : ''}`;
}

export interface ResultsPageOptions {
  readonly language: PageLanguage;
  readonly baseIRI: string;
  readonly query: string;
  /** Links to the same results in other formats: label → URL. */
  readonly downloads: readonly { label: string; href: string }[];
}

export function solutionsPage(body: string, options: ResultsPageOptions): string {
  const t = textsIn(options.language);
  const parsed = JSON.parse(body) as { head: { vars?: string[] }; results?: { bindings: Record<string, JsonTerm>[] }; boolean?: boolean };
  let content: SafeHtml;
  if (parsed.boolean !== undefined) {
    content = html`<p class="notice" role="status"><strong>${parsed.boolean ? t.yes : t.no}</strong></p>`;
  } else {
    const variables = parsed.head.vars ?? [];
    const bindings = parsed.results?.bindings ?? [];
    const rows = bindings.slice(0, MAX_ROWS).map((row) => html`<tr>${variables.map((v) => html`<td>${termCell(row[v], options.baseIRI)}</td>`)}</tr>`);
    content = html`<p>${t.resultCount(bindings.length)}${bindings.length > MAX_ROWS ? html` (${MAX_ROWS} ${t.truncated})` : ''}</p>
<div class="scroll"><table><thead><tr>${variables.map((v) => html`<th scope="col">?${v}</th>`)}</tr></thead><tbody>${rows}</tbody></table></div>`;
  }
  return page(content, options);
}

export function graphPage(ntriples: string, options: ResultsPageOptions): string {
  const t = textsIn(options.language);
  const quads = parseNTriples(ntriples);
  const asJson = (term: Term): JsonTerm =>
    term.termType === 'NamedNode' ? { type: 'uri', value: term.value }
      : term.termType === 'BlankNode' ? { type: 'bnode', value: term.value }
        : { type: 'literal', value: term.value, 'xml:lang': term.language || undefined, datatype: term.datatype.value };
  const rows = quads.slice(0, MAX_ROWS).map((q) => html`<tr><td>${termCell(asJson(q.subject), options.baseIRI)}</td><td>${termCell(asJson(q.predicate), options.baseIRI)}</td><td>${termCell(asJson(q.object), options.baseIRI)}</td></tr>`);
  const content = html`<p>${t.resultCount(quads.length)}${quads.length > MAX_ROWS ? html` (${MAX_ROWS} ${t.truncated})` : ''}</p>
<div class="scroll"><table><thead><tr><th scope="col">subject</th><th scope="col">predicate</th><th scope="col">object</th></tr></thead><tbody>${rows}</tbody></table></div>`;
  return page(content, options);
}

function page(content: SafeHtml, options: ResultsPageOptions): string {
  const { language } = options;
  const t = textsIn(language);
  const downloads = options.downloads.map((d) => html`<li><a href="${d.href}">${d.label}</a></li>`);
  return renderPage({
    language,
    title: t.resultsTitle,
    path: '/sparql',
    body: html`<h1>${t.resultsTitle}</h1>
${content}
<h2>${t.download}</h2><ul class="inline">${downloads}</ul>
<details><summary>${t.query}</summary><pre>${options.query}</pre></details>
<p><a href="/sparql?lang=${language}#query=${encodeURIComponent(options.query)}">${t.editQuery}</a></p>`,
  });
}
