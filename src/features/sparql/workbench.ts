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
  const endpoint = new URL('sparql', baseIRI).href;
  const defaultQuery = `${prefixDeclarations(baseIRI)}\n\nSELECT ?sheet ?title WHERE {\n  ?sheet a/rdfs:subClassOf citego:Document ; dct:title ?title .\n  FILTER(lang(?title) = "${language === 'en' ? 'en' : 'fr'}")\n}\nLIMIT 20\n`;
  const gallery = examples.map((example) => {
    const query = withBase(example, baseIRI);
    const run = `/sparql?${new URLSearchParams({ query, format: 'html', lang: language })}`;
    return html`<li id="example-${example.id}">
<h3>${example.title[language]}${example.federated ? html` <small>(${t.federated})</small>` : ''}</h3>
<p>${example.description[language]}</p>
<p><button type="button" class="load-example" data-example="${example.id}" hidden>${t.openInEditor}</button> <a href="${run}">${t.run}</a></p>
</li>`;
  });
  const w = t.search.workbench;
  const config = {
    endpoint: '/sparql',
    initialQuery: options.initialQuery ?? defaultQuery,
    examples: Object.fromEntries(examples.map((e) => [e.id, withBase(e, baseIRI)])),
    // The workbench's own words in the page's language (YASGUI has only English ones).
    texts: {
      tab: w.tab, table: w.table, response: w.response, endpoint: w.endpoint, tabs: w.tabs, pageSize: w.pageSize, filter: w.filter, addTab: w.addTab, editor: w.editor,
      results: { one: w.results(1), other: w.results(2).replace('2', '{n}') },
      seconds: { one: w.seconds(1), other: w.seconds(2).replace('2', '{n}') },
      locale: language,
    },
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
  var texts = config.texts;
  var Yasr = Yasgui.Yasr;
  // The result views under the page's own names.
  [['table', texts.table], ['response', texts.response]].forEach(function (named) {
    var Base = Yasr.plugins[named[0]];
    if (!Base) return;
    var Local = class extends Base { constructor(yasr) { super(yasr); this.label = named[1]; } };
    Yasr.registerPlugin(named[0], Local);
  });
  Yasr.prototype.updateResponseInfo = function () {
    var info = '';
    if (this.results) {
      this.dataElement.classList.remove('empty');
      var bindings = this.results.getBindings();
      var plural = function (forms, n) { return n === 1 ? forms.one : forms.other.replace('{n}', n.toLocaleString(texts.locale)); };
      if (bindings) info = plural(texts.results, bindings.length);
      var time = this.results.getResponseTime();
      if (time) info = (info || texts.response) + ' ' + plural(texts.seconds, time / 1000);
    } else {
      this.dataElement.classList.add('empty');
    }
    this.dataElement.innerText = info;
  };
  // Tab leaves the editor as it leaves any field: a keyboard is never trapped in it.
  Yasgui.Yasqe.defaults.extraKeys = Object.assign({}, Yasgui.Yasqe.defaults.extraKeys, { Tab: false, 'Shift-Tab': false });
  Yasgui.Yasqe.defaults.autofocus = false;
  // Nothing takes the focus before the reader does: the editor would otherwise take it on load.
  var focusEditor = Yasgui.Yasqe.prototype.focus;
  Yasgui.Yasqe.prototype.focus = function () {};
  var restoreFocus = function () { Yasgui.Yasqe.prototype.focus = focusEditor; };
  document.addEventListener('keydown', restoreFocus, { once: true, capture: true });
  document.addEventListener('pointerdown', restoreFocus, { once: true, capture: true });
  var yasgui = new Yasgui(document.getElementById('yasgui'), {
    requestConfig: { endpoint: config.endpoint, method: 'POST' },
    copyEndpointOnNewTab: true,
    persistenceId: null,
    populateFromUrl: false,
    tabName: texts.tab,
    yasqe: { value: config.initialQuery }
  });
  yasgui.getTab().setQuery(config.initialQuery);
  // Names for the controls YASGUI leaves unnamed, again after each answer redraws them.
  function name(selector, label) {
    document.querySelectorAll('#yasgui ' + selector).forEach(function (element) {
      if (!element.getAttribute('aria-label') && !element.getAttribute('aria-labelledby')) element.setAttribute('aria-label', label);
    });
  }
  function nameControls() {
    name('.controlbar input', texts.endpoint);
    name('input.endpoint, .endpointText input', texts.endpoint);
    name('[role="tablist"]', texts.tabs);
    name('select', texts.pageSize);
    name('.tableFilter', texts.filter);
    document.querySelectorAll('#yasgui .tableFilter').forEach(function (f) { f.setAttribute('aria-label', texts.filter); f.placeholder = texts.filter; });
    document.querySelectorAll('#yasgui .addTab').forEach(function (b) { b.setAttribute('aria-label', texts.addTab); b.title = texts.addTab; });
    document.querySelectorAll('#yasgui .CodeMirror textarea').forEach(function (area) { area.setAttribute('aria-label', texts.editor); });
    // The editor's scrolling area is reached by the keyboard (its long queries scroll with the arrows).
    document.querySelectorAll('#yasgui .CodeMirror-scroll').forEach(function (area) { if (area.getAttribute('tabindex') !== '0') area.setAttribute('tabindex', '0'); });
  }
  nameControls();
  yasgui.on('queryResponse', function () { setTimeout(nameControls, 0); });
  new MutationObserver(function () { nameControls(); }).observe(document.getElementById('yasgui'), { childList: true, subtree: true });

  document.querySelectorAll('.load-example').forEach(function (button) {
    button.hidden = false;
    button.addEventListener('click', function () {
      yasgui.getTab().setQuery(config.examples[button.getAttribute('data-example')]);
      document.getElementById('yasgui').scrollIntoView({ behavior: 'smooth' });
    });
  });
})();
`;
