/**
 * The SPARQL workbench for people: YASGUI (served from the project's own dependencies, no CDN)
 * with the prefixes of CITEGO's data already declared, and the gallery of example queries,
 * each with its explanation and a link that runs it. Without JavaScript, a plain form and the
 * same links still work.
 */
import { citegoNamespaces, STANDARD_PREFIXES } from '../rdf/namespaces.js';
import { html, jsonForScript } from '../server/html.js';
import type { PageLanguage } from '../server/language.js';
import { renderPage } from '../server/layout.js';
import { withBase, type ExampleQuery } from './examples.js';

const TEXTS = {
  title: { fr: 'Point d\'accès SPARQL', en: 'SPARQL endpoint', es: 'Punto de acceso SPARQL' },
  intro: {
    fr: 'Interrogez le fonds documentaire et l\'atlas relationnel de CITEGO en SPARQL 1.1. Ce point d\'accès suit le protocole SPARQL (GET et POST), répond en JSON, XML, CSV, TSV, Turtle, N-Triples, JSON-LD ou RDF/XML selon l\'en-tête Accept ou le paramètre format, et fédère les clauses SERVICE vers d\'autres points d\'accès. Il est en lecture seule ; chaque requête a une limite de temps.',
    en: 'Query CITEGO\'s document collection and relational atlas in SPARQL 1.1. This endpoint follows the SPARQL protocol (GET and POST), answers in JSON, XML, CSV, TSV, Turtle, N-Triples, JSON-LD or RDF/XML as the Accept header or the format parameter asks, and federates SERVICE clauses to other endpoints. It is read-only; each query has a time limit.',
    es: 'Consulte el fondo documental y el atlas relacional de CITEGO en SPARQL 1.1. Este punto de acceso sigue el protocolo SPARQL (GET y POST), responde en JSON, XML, CSV, TSV, Turtle, N-Triples, JSON-LD o RDF/XML según la cabecera Accept o el parámetro format, y federa las cláusulas SERVICE hacia otros puntos de acceso. Es de solo lectura; cada consulta tiene un límite de tiempo.',
  },
  examples: { fr: 'Exemples de requêtes', en: 'Example queries', es: 'Consultas de ejemplo' },
  open: { fr: 'Ouvrir dans l\'éditeur', en: 'Open in the editor', es: 'Abrir en el editor' },
  run: { fr: 'Exécuter', en: 'Run', es: 'Ejecutar' },
  federated: { fr: 'fédérée', en: 'federated', es: 'federada' },
  form: { fr: 'Requête', en: 'Query', es: 'Consulta' },
  format: { fr: 'Format', en: 'Format', es: 'Formato' },
  submit: { fr: 'Exécuter la requête', en: 'Run the query', es: 'Ejecutar la consulta' },
  endpoint: { fr: 'Adresse du point d\'accès :', en: 'Endpoint address:', es: 'Dirección del punto de acceso:' },
} as const;

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
  const textLanguage = language === 'fr' ? 'fr' : 'en';
  const endpoint = new URL('sparql', baseIRI).href;
  const defaultQuery = `${prefixDeclarations(baseIRI)}\n\nSELECT ?sheet ?title WHERE {\n  ?sheet a/rdfs:subClassOf citego:Document ; dct:title ?title .\n  FILTER(lang(?title) = "${textLanguage}")\n}\nLIMIT 20\n`;
  const gallery = examples.map((example) => {
    const query = withBase(example, baseIRI);
    const run = `/sparql?${new URLSearchParams({ query, format: 'html', lang: language })}`;
    return html`<li id="example-${example.id}">
<h3>${example.title[textLanguage]}${example.federated ? html` <small>(${TEXTS.federated[language]})</small>` : ''}</h3>
<p>${example.description[textLanguage]}</p>
<p><button type="button" class="load-example" data-example="${example.id}" hidden>${TEXTS.open[language]}</button> <a href="${run}">${TEXTS.run[language]}</a></p>
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
    title: TEXTS.title[language],
    path: '/sparql',
    head: html`<link rel="stylesheet" href="/sparql/assets/yasgui.min.css">`,
    jsonLd: {
      '@context': 'https://schema.org',
      '@type': 'WebAPI',
      name: TEXTS.title[language],
      description: TEXTS.intro[language],
      url: endpoint,
      documentation: endpoint,
    },
    body: html`<h1>${TEXTS.title[language]}</h1>
<p class="lead">${TEXTS.intro[language]}</p>
<p>${TEXTS.endpoint[language]} <code>${endpoint}</code></p>
<div id="yasgui"></div>
<noscript><form method="get" action="/sparql">
<label for="query">${TEXTS.form[language]}</label><br>
<textarea id="query" name="query" rows="14" cols="100">${config.initialQuery}</textarea><br>
<label for="format">${TEXTS.format[language]}</label> <select id="format" name="format">${formatOptions}</select>
<input type="hidden" name="lang" value="${language}">
<button type="submit">${TEXTS.submit[language]}</button>
</form></noscript>
<h2>${TEXTS.examples[language]}</h2>
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
