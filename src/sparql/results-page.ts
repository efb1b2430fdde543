/**
 * Query results as a page for people: a table of the solutions (or of the triples), every IRI
 * a link, every literal with its language, everything from the data escaped. Browsers get it
 * when they ask for HTML; the same query in any other format is one link away.
 */
import { html, type SafeHtml } from '../server/html.js';
import type { PageLanguage } from '../server/language.js';
import { renderPage } from '../server/layout.js';
import { Parser } from 'n3';

interface JsonTerm { type: string; value: string; 'xml:lang'?: string; datatype?: string }

const WORDS = {
  title: { fr: 'Résultats de la requête', en: 'Query results', es: 'Resultados de la consulta' },
  rows: { fr: (n: number) => `${n} résultat${n > 1 ? 's' : ''}`, en: (n: number) => `${n} result${n === 1 ? '' : 's'}`, es: (n: number) => `${n} resultado${n === 1 ? '' : 's'}` },
  truncated: { fr: 'premières lignes affichées', en: 'first rows shown', es: 'primeras filas mostradas' },
  yes: { fr: 'Oui (vrai)', en: 'Yes (true)', es: 'Sí (verdadero)' },
  no: { fr: 'Non (faux)', en: 'No (false)', es: 'No (falso)' },
  download: { fr: 'Télécharger', en: 'Download', es: 'Descargar' },
  edit: { fr: 'Modifier la requête', en: 'Edit the query', es: 'Editar la consulta' },
  query: { fr: 'Requête', en: 'Query', es: 'Consulta' },
} as const;

const MAX_ROWS = 2000;

function termCell(term: JsonTerm | undefined, baseIRI: string): SafeHtml {
  if (!term) return html``;
  if (term.type === 'uri') {
    const href = term.value.startsWith(baseIRI) ? `/${term.value.slice(baseIRI.length)}` : term.value;
    return html`<a href="${href}">${term.value}</a>`;
  }
  if (term.type === 'bnode') return html`<code>_:${term.value}</code>`;
  const language = term['xml:lang'];
  const datatype = term.datatype && !term.datatype.endsWith('#string') ? term.datatype.replace(/^.*[#/]/, '') : '';
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
  const { language } = options;
  const parsed = JSON.parse(body) as { head: { vars?: string[] }; results?: { bindings: Record<string, JsonTerm>[] }; boolean?: boolean };
  let content: SafeHtml;
  if (parsed.boolean !== undefined) {
    content = html`<p class="notice" role="status"><strong>${parsed.boolean ? WORDS.yes[language] : WORDS.no[language]}</strong></p>`;
  } else {
    const variables = parsed.head.vars ?? [];
    const bindings = parsed.results?.bindings ?? [];
    const rows = bindings.slice(0, MAX_ROWS).map((row) => html`<tr>${variables.map((v) => html`<td>${termCell(row[v], options.baseIRI)}</td>`)}</tr>`);
    content = html`<p>${WORDS.rows[language](bindings.length)}${bindings.length > MAX_ROWS ? html` (${MAX_ROWS} ${WORDS.truncated[language]})` : ''}</p>
<div class="scroll"><table><thead><tr>${variables.map((v) => html`<th scope="col">?${v}</th>`)}</tr></thead><tbody>${rows}</tbody></table></div>`;
  }
  return page(content, options);
}

export function graphPage(ntriples: string, options: ResultsPageOptions): string {
  const { language } = options;
  const quads = new Parser({ format: 'application/n-triples' }).parse(ntriples);
  const asJson = (term: { termType: string; value: string; language?: string; datatype?: { value: string } }): JsonTerm =>
    term.termType === 'NamedNode' ? { type: 'uri', value: term.value }
      : term.termType === 'BlankNode' ? { type: 'bnode', value: term.value }
        : { type: 'literal', value: term.value, 'xml:lang': term.language || undefined, datatype: term.datatype?.value };
  const rows = quads.slice(0, MAX_ROWS).map((q) => html`<tr><td>${termCell(asJson(q.subject), options.baseIRI)}</td><td>${termCell(asJson(q.predicate), options.baseIRI)}</td><td>${termCell(asJson(q.object as never), options.baseIRI)}</td></tr>`);
  const content = html`<p>${WORDS.rows[language](quads.length)}${quads.length > MAX_ROWS ? html` (${MAX_ROWS} ${WORDS.truncated[language]})` : ''}</p>
<div class="scroll"><table><thead><tr><th scope="col">subject</th><th scope="col">predicate</th><th scope="col">object</th></tr></thead><tbody>${rows}</tbody></table></div>`;
  return page(content, options);
}

function page(content: SafeHtml, options: ResultsPageOptions): string {
  const { language } = options;
  const downloads = options.downloads.map((d) => html`<li><a href="${d.href}">${d.label}</a></li>`);
  return renderPage({
    language,
    title: WORDS.title[language],
    path: '/sparql',
    body: html`<h1>${WORDS.title[language]}</h1>
${content}
<h2>${WORDS.download[language]}</h2><ul class="inline">${downloads}</ul>
<details><summary>${WORDS.query[language]}</summary><pre>${options.query}</pre></details>
<p><a href="/sparql?lang=${language}#query=${encodeURIComponent(options.query)}">${WORDS.edit[language]}</a></p>`,
  });
}
