/**
 * A description as a page for people, written on the server and complete without JavaScript:
 * what the thing is, its title in the reader's language (or the nearest one), the facts that
 * matter for its kind, every link a link, the things that point to it (page by page), and the
 * same description in the other formats. Everything from the data is escaped.
 */
import { FORMATS, GRAPH_FORMATS } from '../../../rdf/formats.js';
import { citegoNamespaces, localName, STANDARD_PREFIXES } from '../../../rdf/namespaces.js';
import type { Term } from '../../../rdf/terms.js';
import { html, type SafeHtml } from '../../../web/html.js';
import { textsIn, type Catalogue, type PageLanguage } from '../../../web/i18n/catalogue.js';
import { inLanguage, renderPage } from '../../../web/layout.js';
import { dataLink } from '../../../web/links.js';
import type { DescriptionFormat, IriPolicy } from '../iri-policy.js';
import type { OntologyIndex } from '../ontology-index.js';
import { DescriptionView } from '../view.js';
import { schemaOrgDescription } from './schema-org.js';
import { sheetLanguage, termName } from './names.js';

const { rdf, dct, skos, foaf, org, schema, owl, geo } = STANDARD_PREFIXES;
const HTML_FORMAT = FORMATS.html;

export interface PageContext {
  readonly language: PageLanguage;
  readonly policy: IriPolicy;
  readonly ontology: OntologyIndex;
}

/** Renders the pieces of a page; each kind of thing picks the pieces it needs. */
class PageWriter {
  readonly citego: string;
  /** Properties already shown by a kind's sections: the rest go to the table of properties. */
  readonly shown = new Set<string>([`${rdf}type`]);
  /** Incoming links already shown (a description's link to its topic is metadata, not content). */
  readonly shownIncoming = new Set<string>([`${foaf}primaryTopic`]);

  /** The interface's words in the page's language. */
  readonly t: Catalogue;

  constructor(readonly view: DescriptionView, readonly context: PageContext) {
    this.citego = citegoNamespaces(context.policy.baseIRI).citego;
    this.t = textsIn(context.language);
  }

  get language(): PageLanguage {
    return this.context.language;
  }

  /** A page's own link to another page, in the same language. */
  href(iri: string, format: DescriptionFormat = HTML_FORMAT, page = 1): string {
    const path = this.context.policy.descriptionPath(iri, format, page);
    return format.name === 'html' ? inLanguage(path, this.language) : path;
  }

  link(iri: string): SafeHtml {
    const label = this.view.label(iri, this.language);
    const text = label?.value ?? localName(iri);
    if (this.context.policy.isThing(iri)) {
      return html`<a href="${this.href(iri)}"${label?.language ? html` lang="${label.language}"` : ''}>${text}</a>`;
    }
    return dataLink(iri, label ? text : iri, { lang: label?.language });
  }

  value(term: Term): SafeHtml {
    if (term.termType === 'NamedNode') return this.link(term.value);
    if (term.termType === 'BlankNode') return html`<code>_:${term.value}</code>`;
    return term.language ? html`<span lang="${term.language}">${term.value}</span>` : html`${term.value}`;
  }

  propertyName(predicate: string): string {
    return termName(predicate, this.t) ?? this.context.ontology.label(predicate, this.language) ?? localName(predicate);
  }

  /** A list of linked things under a heading, when there are any; marks the property shown. */
  linkList(heading: string, iris: readonly string[], predicate?: string): SafeHtml | '' {
    if (predicate) this.shown.add(predicate);
    if (iris.length === 0) return '';
    const items = [...iris].sort((a, b) => this.view.labelText(a, this.language).localeCompare(this.view.labelText(b, this.language), this.language));
    return html`<section><h2>${heading}</h2><ul class="links">${items.map((i) => html`<li>${this.link(i)}</li>`)}</ul></section>`;
  }

  own(predicate: string): string[] {
    this.shown.add(predicate);
    return this.view.own(predicate).filter((v) => v.termType === 'NamedNode').map((v) => v.value);
  }

  incoming(heading: string, predicate: string): SafeHtml | '' {
    this.shownIncoming.add(predicate);
    return this.linkList(heading, this.view.incomingBy(predicate));
  }

  /** A language-tagged text in the reader's language, with its lang attribute. */
  text(predicate: string, element: 'p' | 'h1' = 'p'): SafeHtml | '' {
    this.shown.add(predicate);
    const picked = DescriptionView.pick(this.view.own(predicate), this.language);
    if (!picked) return '';
    const lang = picked.language ? html` lang="${picked.language}"` : '';
    return element === 'h1' ? html`<h1${lang}>${picked.value}</h1>` : html`<p class="lead"${lang}>${picked.value}</p>`;
  }

  date(predicate: string, heading: string): SafeHtml | '' {
    this.shown.add(predicate);
    const value = this.view.own(predicate)[0]?.value;
    if (!value) return '';
    const parsed = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : undefined;
    const shown = parsed ? new Intl.DateTimeFormat(this.language, { dateStyle: 'long', timeZone: 'UTC' }).format(parsed) : value;
    return html`<div><dt>${heading}</dt><dd><time datetime="${value}">${shown}</time></dd></div>`;
  }

  /** Titles or abstracts in the languages other than the one shown. */
  translations(predicates: readonly string[]): SafeHtml | '' {
    const shownLanguage = DescriptionView.pick(this.view.own(predicates[0]!), this.language)?.language;
    const items: SafeHtml[] = [];
    for (const predicate of predicates) {
      for (const [language, text] of this.view.texts(this.view.thing, predicate)) {
        if (language && language !== shownLanguage) items.push(html`<li><strong>${this.t.colon(`${this.propertyName(predicate)} (${language})`)}</strong> <span lang="${language}">${text}</span></li>`);
      }
    }
    return items.length ? html`<section><h2>${this.t.translations}</h2><ul class="texts">${items}</ul></section>` : '';
  }

  /** The properties no section showed, as a table, so that nothing of the data is hidden. */
  remainingProperties(): SafeHtml | '' {
    const rows = this.view.ownStatements().filter((s) => !this.shown.has(s.predicate));
    if (rows.length === 0) return '';
    return html`<section><h2>${this.t.properties}</h2><table class="properties"><tbody>${rows.map((r) =>
      html`<tr><th scope="row">${this.propertyName(r.predicate)}</th><td>${this.value(r.object)}</td></tr>`)}</tbody></table></section>`;
  }

  /** What the thing created (dct:creator pointing to it): sheets, then local maps, apart. */
  created(): SafeHtml {
    const predicate = `${dct}creator`;
    this.shownIncoming.add(predicate);
    const created = this.view.incomingBy(predicate);
    const isMap = (subject: string) => this.context.ontology.isA(this.view.types(subject), `${this.citego}LocalMap`);
    return html`${this.linkList(this.t.wrote, created.filter((c) => !isMap(c)))}${this.linkList(this.t.atlas.pages.localMapsMade, created.filter(isMap))}`;
  }

  /** Memberships pointing to the thing, each as its other party and the role held. */
  memberships(heading: string, party: string): SafeHtml | '' {
    const link = party === `${org}organization` ? `${org}member` : `${org}organization`;
    this.shownIncoming.add(link);
    const memberships = this.view.incomingBy(link);
    if (memberships.length === 0) return '';
    const items = memberships.map((membership) => {
      const other = this.view.values(membership, party)[0]?.value;
      const roles = this.view.values(membership, `${org}role`).map((r, i) => html`${i ? ', ' : ''}${this.link(r.value)}`);
      const details = html`<a href="${this.href(membership)}">${this.t.details}</a>`;
      return html`<li>${other ? this.link(other) : ''} <small>(${roles.length ? html`${roles} · ` : ''}${details})</small></li>`;
    });
    return html`<section><h2>${heading}</h2><ul class="links">${items}</ul></section>`;
  }

  remainingIncoming(): SafeHtml | '' {
    const links = this.view.incoming.filter((l) => !this.shownIncoming.has(l.predicate));
    if (links.length === 0) return '';
    return html`<section><h2>${this.t.otherLinks}</h2><ul class="links">${links.map((l) =>
      html`<li>${this.link(l.subject)} <small>(${this.propertyName(l.predicate)})</small></li>`)}</ul></section>`;
  }

  pagination(): SafeHtml | '' {
    const { page, pages, incomingLinks, thing } = this.view.description;
    if (pages <= 1) return '';
    return html`<nav class="pagination" aria-label="${this.t.page}"><p>${this.t.page} ${page} ${this.t.of} ${pages} (${incomingLinks.toLocaleString(this.language)} ${this.t.links})</p>
<p>${page > 1 ? html`<a rel="prev" href="${this.href(thing, HTML_FORMAT, page - 1)}">← ${this.t.previous}</a> ` : ''}${page < pages ? html`<a rel="next" href="${this.href(thing, HTML_FORMAT, page + 1)}">${this.t.next} →</a>` : ''}</p></nav>`;
  }

  formats(): SafeHtml {
    const { thing, page } = this.view.description;
    const links = GRAPH_FORMATS.map((f) =>
      html`<li><a href="${this.context.policy.descriptionPath(thing, f, page)}" type="${f.mediaType}">${f.label}</a></li>`);
    return html`<section class="formats"><h2>${this.t.formats}</h2><ul class="inline">${links}</ul><p><small>${this.t.colon('IRI')} <code>${thing}</code></small></p></section>`;
  }

  kindLabel(): SafeHtml | '' {
    const types = this.view.types(this.view.thing);
    // The most specific of its CITEGO types: the build adds their superclasses (citego:Document…).
    const citegoTypes = types.filter((t) => t.startsWith(this.citego));
    const ontology = this.context.ontology;
    const own = citegoTypes.find((t) => !citegoTypes.some((o) => o !== t && ontology.isA([o], t))) ?? types[0];
    if (!own) return '';
    const label = this.context.ontology.taggedLabel(own, this.language);
    const name = label?.value ?? this.propertyName(own);
    const lang = label?.language;
    return html`<p class="kind">${own.startsWith(this.citego)
      ? html`<a href="/ontology?lang=${this.language}#${own.slice(this.citego.length)}"${lang ? html` lang="${lang}"` : ''}>${name}</a>` : dataLink(own, name, { lang })}</p>`;
  }
}

function documentSections(w: PageWriter): SafeHtml {
  const { view } = w;
  const languages = w.own(`${dct}language`).map((l) => {
    const language = sheetLanguage(l, w.t);
    return language.name ? html`<span lang="${language.tag ?? ''}">${language.name}</span>` : html`${language.code}`;
  });
  const dossiers = w.own(`${dct}isPartOf`);
  const source = w.own(`${dct}source`)[0];
  const references = w.own(`${dct}references`);
  w.shown.add(`${dct}bibliographicCitation`);
  const citation = DescriptionView.pick(view.own(`${dct}bibliographicCitation`), w.language);
  return html`<dl class="facts">
${w.date(`${dct}issued`, w.t.published)}${w.date(`${dct}modified`, w.t.modified)}
${dossiers.length ? html`<div><dt>${w.t.dossier}</dt><dd>${dossiers.map((d) => w.link(d))}</dd></div>` : ''}
${languages.length ? html`<div><dt>${w.t.languages}</dt><dd>${languages.map((l, i) => html`${i ? ', ' : ''}${l}`)}</dd></div>` : ''}
</dl>
${w.text(`${dct}abstract`)}
${citation ? html`<section><h2>${w.t.citation}</h2><p${citation.language ? html` lang="${citation.language}"` : ''}>${citation.value}</p>${references.map((r) => html`<p>${dataLink(r, r)}</p>`)}</section>` : ''}
${w.linkList(w.t.authors, w.own(`${dct}creator`))}
${w.linkList(w.t.partners, w.own(`${w.citego}partner`))}
${w.linkList(w.t.places, w.own(`${dct}spatial`))}
${w.linkList(w.t.descriptors, w.own(`${dct}subject`))}
${w.linkList(w.t.related, [...new Set([...w.own(`${dct}relation`), ...view.incomingBy(`${dct}relation`)])])}
${hideInverse(w, [`${dct}relation`])}
${w.translations([`${dct}title`, `${dct}abstract`])}
${source ? html`<p>${dataLink(source, w.t.original, { external: true })}</p>` : ''}`;
}

/** Links already shown from the thing's side (they are written both ways in the atlas). */
function hideInverse(w: PageWriter, predicates: readonly string[]): '' {
  for (const predicate of predicates) w.shownIncoming.add(predicate);
  return '';
}

function descriptorSections(w: PageWriter): SafeHtml {
  const { view } = w;
  const atlasView = inLanguage(`/atlas/neighbourhood?${new URLSearchParams({ descriptor: view.thing }).toString()}`, w.language);
  const matrixCell = (iri: string) => {
    const colour = view.values(iri, `${w.citego}colour`)[0]?.value;
    const notation = view.values(iri, `${skos}notation`)[0]?.value;
    return html`<li>${colour && /^#[0-9a-fA-F]{6}$/.test(colour) ? html`<span class="swatch" style="background:${colour}" aria-hidden="true"></span> ` : ''}${notation ? html`<strong>${notation}</strong> ` : ''}${w.link(iri)}</li>`;
  };
  const components = w.own(`${w.citego}component`);
  const angles = w.own(`${w.citego}angle`);
  const scale = w.own(`${w.citego}scale`);
  w.shown.add(`${skos}altLabel`);
  const synonyms = view.own(`${skos}altLabel`).filter((v) => v.termType === 'Literal' && (v.language === w.language || v.language === 'fr'));
  return html`${synonyms.length ? html`<p>${synonyms.map((s, i) => html`${i ? ', ' : ''}<span lang="${s.termType === 'Literal' ? s.language : ''}">${s.value}</span>`)}</p>` : ''}
${w.text(`${skos}definition`)}
<p><a href="${atlasView}">${w.t.atlas.pages.openNeighbourhood}</a></p>
<section><h2>${w.t.matrix}</h2><dl class="facts">
<div><dt>${w.t.component}</dt><dd><ul class="matrix">${components.map(matrixCell)}</ul></dd></div>
<div><dt>${w.t.angle}</dt><dd><ul class="matrix">${angles.map(matrixCell)}</ul></dd></div>
${scale.length ? html`<div><dt>${w.t.scale}</dt><dd>${scale.map((s) => w.link(s))}</dd></div>` : ''}
</dl></section>
${w.linkList(w.t.broader, w.own(`${skos}broader`))}
${w.linkList(w.t.narrower, w.own(`${skos}narrower`))}
${w.linkList(w.t.neighbours, w.own(`${skos}related`))}
${hideInverse(w, [`${skos}broader`, `${skos}narrower`, `${skos}related`])}
${w.incoming(w.t.indexedSheets, `${dct}subject`)}
${w.incoming(w.t.localMaps, `${skos}member`)}
${w.translations([`${skos}prefLabel`, `${skos}definition`])}`;
}

function personSections(w: PageWriter): SafeHtml {
  const homepage = w.own(`${foaf}homepage`)[0];
  return html`${w.linkList(w.t.memberOf, w.own(`${org}memberOf`))}
${homepage ? html`<p>${dataLink(homepage, w.t.homepage, { external: true })}</p>` : ''}
${w.created()}
${w.incoming(w.t.coordinated, `${w.citego}coordinator`)}
${w.memberships(w.t.memberships, `${org}organization`)}`;
}

function organisationSections(w: PageWriter): SafeHtml {
  const homepage = w.own(`${foaf}homepage`)[0];
  return html`${w.text(`${dct}description`)}
${w.linkList(w.t.location, w.own(`${schema}location`))}
${w.linkList(w.t.partOf, w.own(`${org}subOrganizationOf`))}
${homepage ? html`<p>${dataLink(homepage, w.t.homepage, { external: true })}</p>` : ''}
${w.incoming(w.t.members, `${org}memberOf`)}
${w.incoming(w.t.partnerOf, `${w.citego}partner`)}
${w.created()}
${w.incoming(w.t.units, `${org}subOrganizationOf`)}
${w.memberships(w.t.membersAndRoles, `${org}member`)}`;
}

function placeSections(w: PageWriter): SafeHtml {
  const { view } = w;
  w.shown.add(`${geo}lat`);
  w.shown.add(`${geo}long`);
  const latitude = view.own(`${geo}lat`)[0]?.value;
  const longitude = view.own(`${geo}long`)[0]?.value;
  const osm = latitude && longitude ? `https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}#map=11/${latitude}/${longitude}` : undefined;
  return html`${w.linkList(w.t.within, w.own(`${schema}containedInPlace`))}
${latitude && longitude ? html`<p>${w.t.colon(w.t.coordinates)} <a href="${osm}" rel="external">${latitude}, ${longitude}</a></p>` : ''}
${w.linkList(w.t.sameAs, w.own(`${owl}sameAs`))}
${w.incoming(w.t.about, `${dct}spatial`)}
${w.incoming(w.t.contains, `${schema}containedInPlace`)}
${w.incoming(w.t.basedHere, `${schema}location`)}`;
}

function dossierSections(w: PageWriter): SafeHtml {
  return html`${w.text(`${dct}description`)}
${w.linkList(w.t.coordinator, w.own(`${w.citego}coordinator`))}
${w.linkList(w.t.introduction, w.own(`${w.citego}introduction`))}
${w.incoming(w.t.sheets, `${dct}isPartOf`)}
${w.translations([`${dct}title`, `${dct}description`])}`;
}

function localMapSections(w: PageWriter): SafeHtml {
  return html`${w.linkList(w.t.atlas.pages.mapDescriptors, w.own(`${skos}member`))}
${w.linkList(w.t.places, w.own(`${dct}spatial`))}
${w.linkList(w.t.authors, w.own(`${dct}creator`))}
${w.translations([`${skos}prefLabel`])}`;
}

/** A concept scheme (the atlas, the axes of its matrix): its definition in the reader's language, its top concepts. */
function schemeSections(w: PageWriter): SafeHtml {
  return html`${w.text(`${skos}definition`)}
<p><a href="${inLanguage('/atlas', w.language)}">${w.t.atlas.pages.openAtlas}</a></p>
${w.incoming(w.t.atlas.pages.topConcepts, `${skos}topConceptOf`)}
${w.translations([`${skos}prefLabel`, `${skos}definition`])}`;
}

function axisSections(w: PageWriter): SafeHtml {
  const colour = w.view.own(`${w.citego}colour`)[0]?.value;
  w.shown.add(`${w.citego}colour`);
  return html`${colour && /^#[0-9a-fA-F]{6}$/.test(colour) ? html`<p><span class="swatch" style="background:${colour}" aria-hidden="true"></span> ${colour}</p>` : ''}
${w.text(`${skos}definition`)}
${w.incoming(w.t.descriptorsHere, `${w.citego}component`)}
${w.incoming(w.t.descriptorsHere, `${w.citego}angle`)}
${w.translations([`${skos}prefLabel`, `${skos}definition`])}`;
}

export function renderDescriptionPage(view: DescriptionView, context: PageContext): string {
  const w = new PageWriter(view, context);
  const { ontology, policy, language } = context;
  const types = view.types(view.thing);
  const is = (iri: string) => ontology.isA(types, iri);
  const title = view.label(view.thing, language);
  const kindSections = is(`${w.citego}Document`) ? documentSections(w)
    : is(`${w.citego}Descriptor`) ? descriptorSections(w)
      : is(`${foaf}Person`) ? personSections(w)
        : is(`${org}Organization`) ? organisationSections(w)
          : is(`${dct}Location`) ? placeSections(w)
            : is(`${w.citego}Dossier`) ? dossierSections(w)
              : is(`${w.citego}Component`) || is(`${w.citego}GovernanceAngle`) ? axisSections(w)
                : is(`${w.citego}LocalMap`) ? localMapSections(w)
                  : is(`${skos}ConceptScheme`) ? schemeSections(w) : html``;
  for (const naming of [`${dct}title`, `${skos}prefLabel`, `${foaf}name`]) w.shown.add(naming);
  const alternates = GRAPH_FORMATS.map((f) =>
    html`<link rel="alternate" type="${f.mediaType}" href="${policy.descriptionPath(view.thing, f, view.description.page)}">`);
  const body = html`<p><a href="/?lang=${language}">${w.t.home}</a></p>
${w.kindLabel()}
<h1${title?.language ? html` lang="${title.language}"` : ''}>${title?.value ?? view.thing}</h1>
${kindSections}
${w.remainingProperties()}
${w.remainingIncoming()}
${w.pagination()}
${w.formats()}`;
  return renderPage({
    language,
    title: title?.value ?? view.thing,
    path: policy.descriptionPath(view.thing, HTML_FORMAT, view.description.page),
    body,
    head: html`<link rel="canonical" href="${policy.descriptionUrl(view.thing, HTML_FORMAT, view.description.page)}">${alternates}${view.description.pages > 1 && view.description.page < view.description.pages
      ? html`<link rel="next" href="${policy.descriptionPath(view.thing, HTML_FORMAT, view.description.page + 1)}">` : ''}`,
    jsonLd: schemaOrgDescription(view, ontology, policy, language),
  });
}

