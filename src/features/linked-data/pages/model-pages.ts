/**
 * The model published for people: the ontology's documentation (every class and property
 * with its labels and definitions in French and English, its superclasses, domain and range,
 * each at an anchor so that `ontology#Descriptor` opens on it) and the shapes' rules with their
 * messages.
 */
import { GRAPH_FORMATS } from '../../../rdf/formats.js';
import { prefixedName, STANDARD_PREFIXES } from '../../../rdf/namespaces.js';
import type { ShapesModel, ValueConstraint } from '../../../validation/shapes-model.js';
import { html, type SafeHtml } from '../../../web/html.js';
import { textsIn, type PageLanguage } from '../../../web/i18n/catalogue.js';
import { renderPage } from '../../../web/layout.js';
import { tagged, type OntologyIndex, type OntologyTerm } from '../ontology-index.js';
import { pickText, type Tagged } from '../../../web/i18n/fallback.js';
import { dataLink } from '../../../web/links.js';

/** A term as people write it: citego:Descriptor, dct:title; a full IRI when no prefix fits. */
function shortName(iri: string, namespace: string): string {
  return prefixedName(iri, { ...STANDARD_PREFIXES, citego: namespace }) ?? iri;
}

function termLink(iri: string, ontology: OntologyIndex): SafeHtml {
  const name = shortName(iri, ontology.namespace);
  return iri.startsWith(ontology.namespace) ? html`<a href="#${iri.slice(ontology.namespace.length)}"><code>${name}</code></a>` : dataLink(iri, html`<code>${name}</code>`);
}

/** A text chosen by the service's one language fallback, marked with its language. */
function taggedText(text: Tagged | undefined, element: 'p' | 'span' = 'span'): SafeHtml | '' {
  if (!text) return '';
  const lang = text.language ? html` lang="${text.language}"` : '';
  return element === 'p' ? html`<p${lang}>${text.value}</p>` : html`<span${lang}>${text.value}</span>`;
}

function termSection(term: OntologyTerm, ontology: OntologyIndex, language: PageLanguage): SafeHtml {
  const t = textsIn(language);
  const local = term.iri.slice(ontology.namespace.length);
  const label = ontology.taggedLabel(term.iri, language);
  const comment = ontology.taggedComment(term.iri, language);
  // The label in the other languages, once each: the definition is shown in one language only.
  const others = tagged(term.labels).filter((l) => l.language !== label?.language);
  const relation = (heading: string, iris: readonly string[]) => iris.length
    ? html`<div><dt>${heading}</dt><dd>${iris.map((i, n) => html`${n ? ', ' : ''}${termLink(i, ontology)}`)}</dd></div>` : '';
  return html`<section id="${local}" class="term">
<h3>${label ? taggedText(label) : local} <small><code>citego:${local}</code></small></h3>
${others.length ? html`<p class="other-language">${others.map((o, i) => html`${i ? ' · ' : ''}${taggedText(o)}`)}</p>` : ''}
${taggedText(comment, 'p')}
<dl class="term-facts">${relation(term.kind === 'class' ? t.subClassOf : t.subPropertyOf, term.superTerms)}${relation(t.domain, term.domains)}${relation(t.range, term.ranges)}</dl>
<p><small>${t.colon('IRI')} <code>${term.iri}</code></small></p>
</section>`;
}

function downloads(path: string, language: PageLanguage): SafeHtml {
  return html`<h2>${textsIn(language).download}</h2><ul class="inline">${GRAPH_FORMATS.map((f) => html`<li><a href="${path}.${f.extensions[0]}">${f.label}</a></li>`)}</ul>`;
}

export function ontologyPage(ontology: OntologyIndex, language: PageLanguage): string {
  const t = textsIn(language);
  const terms = ontology.ownTerms();
  const classes = terms.filter((term) => term.kind === 'class');
  const properties = terms.filter((term) => term.kind === 'property');
  const { dct } = STANDARD_PREFIXES;
  const metadata = ontology.metadata.get(ontology.namespace.replace(/#$/, '')) ?? [];
  const picked = (predicate: string) => pickText(metadata.filter((q) => q.predicate.value === predicate && q.object.termType === 'Literal')
    .map((q) => ({ value: q.object.value, language: q.object.termType === 'Literal' ? q.object.language : '' })), language);
  const text = (predicate: string) => picked(predicate)?.value;
  const toc = (list: OntologyTerm[]) => html`<ul class="inline">${list.map((term) => html`<li><a href="#${term.iri.slice(ontology.namespace.length)}">${term.iri.slice(ontology.namespace.length)}</a></li>`)}</ul>`;
  return renderPage({
    language,
    title: text(`${dct}title`) ?? t.ontology,
    path: '/ontology',
    jsonLd: { '@context': 'https://schema.org', '@type': 'DefinedTermSet', '@id': ontology.namespace.replace(/#$/, ''), name: text(`${dct}title`), description: text(`${dct}description`) },
    body: html`<h1${picked(`${dct}title`)?.language ? html` lang="${picked(`${dct}title`)!.language}"` : ''}>${text(`${dct}title`) ?? t.ontology}</h1>
${taggedText(picked(`${dct}description`), 'p')}
<p>${t.colon(t.namespace)} <code>${ontology.namespace}</code></p>
${downloads('/ontology', language)}
<nav aria-labelledby="ontology-contents"><h2 id="ontology-contents">${t.atlas.pages.contents}</h2>
<p><strong>${t.classes}</strong></p>${toc(classes)}
<p><strong>${t.properties}</strong></p>${toc(properties)}</nav>
<h2>${t.classes}</h2>
${classes.map((term) => termSection(term, ontology, language))}
<h2>${t.properties}</h2>
${properties.map((term) => termSection(term, ontology, language))}`,
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
  const t = textsIn(language);
  const inLanguage = (texts: Readonly<Record<string, string>>) => pickText(Object.entries(texts).map(([l, value]) => ({ value, language: l })), language);
  const sections = shapes.nodeShapes.map((node) => {
    const rows = node.properties.map((p) => {
      const rules = [
        ...(p.minCount !== undefined ? [`sh:minCount ${p.minCount}`] : []),
        ...(p.maxCount !== undefined ? [`sh:maxCount ${p.maxCount}`] : []),
        ...(p.uniqueLang ? ['sh:uniqueLang true'] : []),
        ...(p.qualified ? [`sh:qualifiedValueShape [${p.qualified.shape.constraints.map((c) => describeConstraint(c, namespace)).join(', ')}] ${p.qualified.min !== undefined ? `sh:qualifiedMinCount ${p.qualified.min}` : ''}`] : []),
        ...p.valueConstraints.map((c) => describeConstraint(c, namespace)),
      ];
      return html`<tr><td><code>${shortName(p.path, namespace)}</code><br><small>${taggedText(inLanguage(p.names))}</small></td><td><code>${rules.join(' ; ')}</code></td><td>${taggedText(inLanguage(p.messages))}${p.severity === 'Warning' ? html` <em>(${t.warning})</em>` : ''}</td></tr>`;
    });
    return html`<section class="term" id="${node.id.replace(/^.*#/, '')}"><h3>${taggedText(inLanguage(node.labels)) || node.id}</h3>
<p>${t.colon(t.target)} ${node.targetClasses.map((c) => html`<code>${shortName(c, namespace)}</code> `)}</p>
${node.closed ? html`<p>${t.closed}</p>` : ''}
<div class="scroll"><table class="shapes"><thead><tr><th scope="col">sh:path</th><th scope="col">${t.rule}</th><th scope="col">${t.message}</th></tr></thead><tbody>${rows}</tbody></table></div></section>`;
  });
  return renderPage({
    language,
    title: t.shapes,
    path: '/shapes',
    body: html`<h1>${t.shapes}</h1><p class="lead">${t.shapesIntro}</p>${downloads('/shapes', language)}${sections}`,
  });
}
