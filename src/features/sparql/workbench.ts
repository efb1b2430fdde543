/**
 * The SPARQL workbench for people: YASGUI (served from the project's own dependencies, no CDN)
 * with the prefixes of CITEGO's data already declared, and the gallery of example queries,
 * each with its explanation and a link that runs it. Without JavaScript, a plain form and the
 * same links still work.
 */
import { citegoNamespaces, STANDARD_PREFIXES } from '../../rdf/namespaces.js';
import { html, jsonForScript } from '../../web/html.js';
import { textsIn, type PageLanguage } from '../../web/i18n/catalogue.js';
import { renderPage } from '../../web/layout.js';
import { withBase, type ExampleQuery } from './examples.js';

/** The prefixes declared at the top of a new query, for the namespaces CITEGO's data uses. */
export function prefixDeclarations(baseIRI: string): string {
  const { citego } = citegoNamespaces(baseIRI);
  const names = ['rdf', 'rdfs', 'owl', 'xsd', 'dct', 'skos', 'foaf', 'org', 'schema', 'geo', 'prov'] as const;
  return [`PREFIX citego: <${citego}>`, ...names.map((name) => `PREFIX ${name}: <${STANDARD_PREFIXES[name]}>`)].join('\n');
}

const FORMATS = [
  ['html', 'HTML'], ['json', 'JSON'], ['xml', 'XML'], ['csv', 'CSV'], ['tsv', 'TSV'],
  ['turtle', 'Turtle'], ['jsonld', 'JSON-LD'], ['nt', 'N-Triples'], ['rdfxml', 'RDF/XML'],
] as const;

export interface WorkbenchOptions {
  readonly language: PageLanguage;
  readonly baseIRI: string;
  readonly examples: readonly ExampleQuery[];
  /** A query to show in the editor instead of the default one. */
  readonly initialQuery?: string;
}

export function workbenchPage(options: WorkbenchOptions): string {
  const { language, baseIRI, examples } = options;
  const t = textsIn(language);
  const textLanguage = language === 'fr' ? 'fr' : 'en';
  const endpoint = new URL('sparql', baseIRI).href;
  const defaultQuery = `${prefixDeclarations(baseIRI)}\n\nSELECT ?sheet ?title WHERE {\n  ?sheet a/rdfs:subClassOf citego:Document ; dct:title ?title .\n  FILTER(lang(?title) = "${textLanguage}")\n}\nLIMIT 20\n`;
  const gallery = examples.map((example) => {
    const query = withBase(example, baseIRI);
    const run = `/sparql?${new URLSearchParams({ query, format: 'html', lang: language })}`;
    return html`<li id="example-${example.id}">
<h3>${example.title[textLanguage]}${example.federated ? html` <small>(${t.federated})</small>` : ''}</h3>
<p>${example.description[textLanguage]}</p>
<p><button type="button" class="load-example" data-example="${example.id}" hidden>${t.openInEditor}</button> <a href="${run}">${t.run}</a></p>
</li>`;
  });
  const config = {
    endpoint: '/sparql',
    initialQuery: options.initialQuery ?? defaultQuery,
    examples: Object.fromEntries(examples.map((e) => [e.id, withBase(e, baseIRI)])),
  };
  const formatOptions = FORMATS.map(([value, label]) => html`<option value="${value}">${label}</option>`);
  return renderPage({
    language,
    title: t.cards.sparql.title,
    path: '/sparql',
    head: html`<link rel="stylesheet" href="/sparql/assets/yasgui.min.css">`,
    jsonLd: {
      '@context': 'https://schema.org',
      '@type': 'WebAPI',
      name: t.cards.sparql.title,
      description: t.workbenchIntro,
      url: endpoint,
      documentation: endpoint,
    },
    body: html`<h1>${t.cards.sparql.title}</h1>
<p class="lead">${t.workbenchIntro}</p>
<p>${t.endpointAddress} <code>${endpoint}</code></p>
<div id="yasgui"></div>
<noscript><form method="get" action="/sparql">
<label for="query">${t.query}</label><br>
<textarea id="query" name="query" rows="14" cols="100">${config.initialQuery}</textarea><br>
<label for="format">${t.format}</label> <select id="format" name="format">${formatOptions}</select>
<input type="hidden" name="lang" value="${language}">
<button type="submit">${t.submit}</button>
</form></noscript>
<h2>${t.examples}</h2>
<ul class="examples">${gallery}</ul>
<script type="application/json" id="workbench-config">${jsonForScript(config)}</script>
<script src="/sparql/assets/yasgui.min.js"></script>
<script src="/sparql/assets/workbench.js"></script>`,
  });
}

/** The browser side of the workbench: start YASGUI on our endpoint, and load examples into it. */
export const WORKBENCH_SCRIPT = `(function () {
  var config = JSON.parse(document.getElementById('workbench-config').textContent);
  if (typeof Yasgui === 'undefined') return;
  var yasgui = new Yasgui(document.getElementById('yasgui'), {
    requestConfig: { endpoint: config.endpoint, method: 'POST' },
    copyEndpointOnNewTab: true,
    persistenceId: null,
    populateFromUrl: false,
    yasqe: { value: config.initialQuery }
  });
  yasgui.getTab().setQuery(config.initialQuery);
  document.querySelectorAll('.load-example').forEach(function (button) {
    button.hidden = false;
    button.addEventListener('click', function () {
      yasgui.getTab().setQuery(config.examples[button.getAttribute('data-example')]);
      document.getElementById('yasgui').scrollIntoView({ behavior: 'smooth' });
    });
  });
})();
`;
