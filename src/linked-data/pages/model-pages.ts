/**
 * The model published for people: the ontology's documentation (every class and property
 * with its labels and definitions in French and English, its superclasses, domain and range,
 * each at an anchor so that `ontology#Descriptor` opens on it) and the shapes' rules with their
 * messages.
 */
import { STANDARD_PREFIXES } from '../../rdf/namespaces.js';
import { html, type SafeHtml } from '../../server/html.js';
import type { PageLanguage } from '../../server/language.js';
import { renderPage } from '../../server/layout.js';
import type { ShapesModel, ValueConstraint } from '../../validation/shapes-model.js';
import type { OntologyIndex, OntologyTerm } from '../ontology-index.js';
import { say, type Texts } from './texts.js';

const WORDS = {
  ontology: { fr: 'Ontologie CITEGO', en: 'CITEGO ontology', es: 'Ontología CITEGO' },
  classes: { fr: 'Classes', en: 'Classes', es: 'Clases' },
  properties: { fr: 'Propriétés', en: 'Properties', es: 'Propiedades' },
  subClassOf: { fr: 'Sous-classe de', en: 'Subclass of', es: 'Subclase de' },
  subPropertyOf: { fr: 'Sous-propriété de', en: 'Subproperty of', es: 'Subpropiedad de' },
  domain: { fr: 'Domaine', en: 'Domain', es: 'Dominio' },
  range: { fr: 'Portée', en: 'Range', es: 'Rango' },
  namespace: { fr: 'Espace de noms', en: 'Namespace', es: 'Espacio de nombres' },
  downloads: { fr: 'Télécharger', en: 'Download', es: 'Descargar' },
  shapes: { fr: 'Formes SHACL de CITEGO', en: 'CITEGO SHACL shapes', es: 'Formas SHACL de CITEGO' },
  shapesIntro: {
    fr: 'Les règles que toute donnée respecte avant d\'être publiée, avec le message qu\'un curateur reçoit quand une règle n\'est pas respectée. Validez vos fichiers avec « npm run validate ».',
    en: 'The rules every record meets before it is published, with the message a curator receives when a rule is broken. Validate your files with "npm run validate".',
    es: 'Las reglas que todo dato cumple antes de publicarse, con el mensaje que recibe quien lo cura cuando una regla no se cumple. Valide sus archivos con «npm run validate».',
  },
  target: { fr: 'S\'applique à', en: 'Applies to', es: 'Se aplica a' },
  rule: { fr: 'Règle', en: 'Rule', es: 'Regla' },
  message: { fr: 'Message', en: 'Message', es: 'Mensaje' },
  warning: { fr: 'avertissement', en: 'warning', es: 'advertencia' },
  closed: { fr: 'Forme fermée : toute autre propriété est signalée.', en: 'Closed shape: any other property is reported.', es: 'Forma cerrada: cualquier otra propiedad se señala.' },
} as const satisfies Record<string, Texts>;

const FORMATS = [['ttl', 'Turtle'], ['jsonld', 'JSON-LD'], ['nt', 'N-Triples'], ['rdf', 'RDF/XML']] as const;

function shortName(iri: string, namespace: string): string {
  if (iri.startsWith(namespace)) return `citego:${iri.slice(namespace.length)}`;
  for (const [prefix, ns] of Object.entries(STANDARD_PREFIXES)) if (iri.startsWith(ns)) return `${prefix}:${iri.slice(ns.length)}`;
  return iri;
}

function termLink(iri: string, ontology: OntologyIndex): SafeHtml {
  const name = shortName(iri, ontology.namespace);
  return iri.startsWith(ontology.namespace) ? html`<a href="#${iri.slice(ontology.namespace.length)}"><code>${name}</code></a>` : html`<a href="${iri}"><code>${name}</code></a>`;
}

function termSection(term: OntologyTerm, ontology: OntologyIndex, language: PageLanguage): SafeHtml {
  const local = term.iri.slice(ontology.namespace.length);
  const other = language === 'en' ? 'fr' : 'en';
  const label = term.labels.get(language) ?? term.labels.get('en') ?? local;
  const comment = term.comments.get(language) ?? term.comments.get('en');
  const relation = (heading: Texts, iris: readonly string[]) => iris.length
    ? html`<div><dt>${say(heading, language)}</dt><dd>${iris.map((i, n) => html`${n ? ', ' : ''}${termLink(i, ontology)}`)}</dd></div>` : '';
  return html`<section id="${local}" class="term">
<h3>${label} <small><code>citego:${local}</code></small></h3>
${term.labels.get(other) ? html`<p class="other-language" lang="${other}">${term.labels.get(other)!}${term.comments.get(other) ? html` — ${term.comments.get(other)!}` : ''}</p>` : ''}
${comment ? html`<p>${comment}</p>` : ''}
<dl class="facts">${relation(term.kind === 'class' ? WORDS.subClassOf : WORDS.subPropertyOf, term.superTerms)}${relation(WORDS.domain, term.domains)}${relation(WORDS.range, term.ranges)}</dl>
<p><small>IRI : <code>${term.iri}</code></small></p>
</section>`;
}

const STYLE = html`<style>
.term { border-top: 1px solid var(--line); padding-top: .5rem; }
.term h3 small { font-weight: 400; color: var(--muted); }
.other-language { color: var(--muted); font-style: italic; }
.facts { display: flex; flex-wrap: wrap; gap: .25rem 2rem; }
.facts dt { font-weight: 600; font-size: .9rem; color: var(--muted); }
.facts dd { margin: 0; }
ul.inline { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
td, th { vertical-align: top; }
</style>`;

function downloads(path: string, language: PageLanguage): SafeHtml {
  return html`<h2>${say(WORDS.downloads, language)}</h2><ul class="inline">${FORMATS.map(([extension, label]) => html`<li><a href="${path}.${extension}">${label}</a></li>`)}</ul>`;
}

export function ontologyPage(ontology: OntologyIndex, language: PageLanguage): string {
  const terms = ontology.ownTerms();
  const classes = terms.filter((t) => t.kind === 'class');
  const properties = terms.filter((t) => t.kind === 'property');
  const { dct } = STANDARD_PREFIXES;
  const metadata = ontology.metadata.get(ontology.namespace.replace(/#$/, '')) ?? [];
  const text = (predicate: string) => {
    const values = metadata.filter((q) => q.predicate.value === predicate && q.object.termType === 'Literal');
    return (values.find((q) => q.object.termType === 'Literal' && q.object.language === language) ?? values.find((q) => q.object.termType === 'Literal' && q.object.language === 'en'))?.object.value;
  };
  const toc = (list: OntologyTerm[]) => html`<ul class="inline">${list.map((t) => html`<li><a href="#${t.iri.slice(ontology.namespace.length)}">${t.iri.slice(ontology.namespace.length)}</a></li>`)}</ul>`;
  return renderPage({
    language,
    title: text(`${dct}title`) ?? say(WORDS.ontology, language),
    path: '/ontology',
    head: STYLE,
    jsonLd: { '@context': 'https://schema.org', '@type': 'DefinedTermSet', '@id': ontology.namespace.replace(/#$/, ''), name: text(`${dct}title`), description: text(`${dct}description`) },
    body: html`<h1>${text(`${dct}title`) ?? say(WORDS.ontology, language)}</h1>
<p class="lead">${text(`${dct}description`) ?? ''}</p>
<p>${say(WORDS.namespace, language)} : <code>${ontology.namespace}</code></p>
${downloads('/ontology', language)}
<h2>${say(WORDS.classes, language)}</h2>${toc(classes)}
<h2>${say(WORDS.properties, language)}</h2>${toc(properties)}
<h2>${say(WORDS.classes, language)}</h2>
${classes.map((t) => termSection(t, ontology, language))}
<h2>${say(WORDS.properties, language)}</h2>
${properties.map((t) => termSection(t, ontology, language))}`,
  });
}

function describeConstraint(c: ValueConstraint, namespace: string): string {
  switch (c.kind) {
    case 'datatype': return `sh:datatype ${shortName(c.datatype, namespace)}`;
    case 'nodeKind': return `sh:nodeKind sh:${c.nodeKind}`;
    case 'class': return `sh:class ${shortName(c.classIri, namespace)}`;
    case 'in': return `sh:in (${[...c.keys].map((k) => shortName(k, namespace)).join(' ')})`;
    case 'languageIn': return `sh:languageIn (${c.ranges.join(' ')})`;
    case 'pattern': return `sh:pattern "${c.regex.source}"`;
    case 'minLength': case 'maxLength': return `sh:${c.kind} ${c.limit}`;
    case 'minInclusive': case 'maxInclusive': case 'minExclusive': case 'maxExclusive': return `sh:${c.kind} ${c.bound.value}`;
    case 'or': case 'and': case 'xone': return `sh:${c.kind} (${c.shapes.map((s) => s.constraints.map((i) => describeConstraint(i, namespace)).join(', ')).join(' | ')})`;
    case 'not': case 'node': return `sh:${c.kind} [${c.shape.constraints.map((i) => describeConstraint(i, namespace)).join(', ')}]`;
  }
}

export function shapesPage(shapes: ShapesModel, namespace: string, language: PageLanguage): string {
  const textLanguage = language === 'fr' ? 'fr' : 'en';
  const sections = shapes.nodeShapes.map((node) => {
    const rows = node.properties.map((p) => {
      const rules = [
        ...(p.minCount !== undefined ? [`sh:minCount ${p.minCount}`] : []),
        ...(p.maxCount !== undefined ? [`sh:maxCount ${p.maxCount}`] : []),
        ...(p.uniqueLang ? ['sh:uniqueLang true'] : []),
        ...(p.qualified ? [`sh:qualifiedValueShape [${p.qualified.shape.constraints.map((c) => describeConstraint(c, namespace)).join(', ')}] ${p.qualified.min !== undefined ? `sh:qualifiedMinCount ${p.qualified.min}` : ''}`] : []),
        ...p.valueConstraints.map((c) => describeConstraint(c, namespace)),
      ];
      return html`<tr><td><code>${shortName(p.path, namespace)}</code><br><small>${p.names[textLanguage] ?? ''}</small></td><td><code>${rules.join(' ; ')}</code></td><td>${p.messages[textLanguage] ?? ''}${p.severity === 'Warning' ? html` <em>(${say(WORDS.warning, language)})</em>` : ''}</td></tr>`;
    });
    return html`<section class="term" id="${node.id.replace(/^.*#/, '')}"><h3>${node.labels[textLanguage] ?? node.id}</h3>
<p>${say(WORDS.target, language)} : ${node.targetClasses.map((c) => html`<code>${shortName(c, namespace)}</code> `)}</p>
${node.closed ? html`<p>${say(WORDS.closed, language)}</p>` : ''}
<table><thead><tr><th scope="col">sh:path</th><th scope="col">${say(WORDS.rule, language)}</th><th scope="col">${say(WORDS.message, language)}</th></tr></thead><tbody>${rows}</tbody></table></section>`;
  });
  return renderPage({
    language,
    title: say(WORDS.shapes, language),
    path: '/shapes',
    head: STYLE,
    body: html`<h1>${say(WORDS.shapes, language)}</h1><p class="lead">${say(WORDS.shapesIntro, language)}</p>${downloads('/shapes', language)}${sections}`,
  });
}
