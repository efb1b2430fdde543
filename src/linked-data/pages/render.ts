/**
 * A description as a page for people, written on the server and complete without JavaScript:
 * what the thing is, its title in the reader's language (or the nearest one), the facts that
 * matter for its kind, every link a link, the things that point to it (page by page), and the
 * same description in the other formats. Everything from the data is escaped.
 */
import { citegoNamespaces, STANDARD_PREFIXES } from '../../rdf/namespaces.js';
import type { Term } from '../../rdf/terms.js';
import { html, type SafeHtml } from '../../server/html.js';
import type { PageLanguage } from '../../server/language.js';
import { inLanguage, renderPage } from '../../server/layout.js';
import { DESCRIPTION_FORMATS, type DescriptionFormat } from '../formats.js';
import type { IriPolicy } from '../iri-policy.js';
import type { OntologyIndex } from '../ontology-index.js';
import { DescriptionView } from '../view.js';
import { schemaOrgDescription } from './schema-org.js';
import { CLASS_NAMES, LANGUAGE_NAMES, LANGUAGE_TAGS, PROPERTY_NAMES, say, UI, type Texts } from './texts.js';

const { rdf, dct, skos, foaf, org, schema, owl, geo } = STANDARD_PREFIXES;
const HTML_FORMAT = DESCRIPTION_FORMATS[0]!;

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

  constructor(readonly view: DescriptionView, readonly context: PageContext) {
    this.citego = citegoNamespaces(context.policy.baseIRI).citego;
  }

  get language(): PageLanguage {
    return this.context.language;
  }

  t(texts: Texts): string {
    return say(texts, this.language);
  }

  /** A label followed by its colon, spaced as the page's language writes it. */
  colon(text: string): string {
    return this.language === 'fr' ? `${text} :` : `${text}:`;
  }

  /** A page's own link to another page, in the same language. */
  href(iri: string, format: DescriptionFormat = HTML_FORMAT, page = 1): string {
    const path = this.context.policy.descriptionPath(iri, format, page);
    return format.name === 'html' ? inLanguage(path, this.language) : path;
  }

  link(iri: string): SafeHtml {
    const label = this.view.label(iri, this.language);
    const text = label?.value ?? iri.replace(/^.*[/#]/, '');
    const lang = label?.language ? html` lang="${label.language}"` : '';
    if (this.context.policy.isThing(iri)) return html`<a href="${this.href(iri)}"${lang}>${text}</a>`;
    return html`<a href="${iri}"${lang}>${label ? text : iri}</a>`;
  }

  value(term: Term): SafeHtml {
    if (term.termType === 'NamedNode') return this.link(term.value);
    if (term.termType === 'BlankNode') return html`<code>_:${term.value}</code>`;
    return term.language ? html`<span lang="${term.language}">${term.value}</span>` : html`${term.value}`;
  }

  propertyName(predicate: string): string {
    const known = PROPERTY_NAMES[predicate];
    if (known) return this.t(known);
    return this.context.ontology.label(predicate, this.language) ?? predicate.replace(/^.*[/#]/, '');
  }

  /** A list of linked things under a heading, when there are any; marks the property shown. */
  linkList(heading: Texts, iris: readonly string[], predicate?: string): SafeHtml | '' {
    if (predicate) this.shown.add(predicate);
    if (iris.length === 0) return '';
    const items = [...iris].sort((a, b) => this.view.labelText(a, this.language).localeCompare(this.view.labelText(b, this.language), this.language));
    return html`<section><h2>${this.t(heading)}</h2><ul class="links">${items.map((i) => html`<li>${this.link(i)}</li>`)}</ul></section>`;
  }

  own(predicate: string): string[] {
    this.shown.add(predicate);
    return this.view.own(predicate).filter((v) => v.termType === 'NamedNode').map((v) => v.value);
  }

  incoming(heading: Texts, predicate: string): SafeHtml | '' {
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

  date(predicate: string, heading: Texts): SafeHtml | '' {
    this.shown.add(predicate);
    const value = this.view.own(predicate)[0]?.value;
    if (!value) return '';
    const parsed = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : undefined;
    const shown = parsed ? new Intl.DateTimeFormat(this.language, { dateStyle: 'long', timeZone: 'UTC' }).format(parsed) : value;
    return html`<div><dt>${this.t(heading)}</dt><dd><time datetime="${value}">${shown}</time></dd></div>`;
  }

  /** Titles or abstracts in the languages other than the one shown. */
  translations(predicates: readonly string[]): SafeHtml | '' {
    const shownLanguage = DescriptionView.pick(this.view.own(predicates[0]!), this.language)?.language;
    const items: SafeHtml[] = [];
    for (const predicate of predicates) {
      for (const [language, text] of this.view.texts(this.view.thing, predicate)) {
        if (language && language !== shownLanguage) items.push(html`<li><strong>${this.colon(`${this.propertyName(predicate)} (${language})`)}</strong> <span lang="${language}">${text}</span></li>`);
      }
    }
    return items.length ? html`<section><h2>${this.t(UI.translations)}</h2><ul class="texts">${items}</ul></section>` : '';
  }

  /** The properties no section showed, as a table, so that nothing of the data is hidden. */
  remainingProperties(): SafeHtml | '' {
    const rows = this.view.ownStatements().filter((s) => !this.shown.has(s.predicate));
    if (rows.length === 0) return '';
    return html`<section><h2>${this.t(UI.properties)}</h2><table class="properties"><tbody>${rows.map((r) =>
      html`<tr><th scope="row">${this.propertyName(r.predicate)}</th><td>${this.value(r.object)}</td></tr>`)}</tbody></table></section>`;
  }

  /** Memberships pointing to the thing, each as its other party and the role held. */
  memberships(heading: Texts, party: string): SafeHtml | '' {
    const link = party === `${org}organization` ? `${org}member` : `${org}organization`;
    this.shownIncoming.add(link);
    const memberships = this.view.incomingBy(link);
    if (memberships.length === 0) return '';
    const items = memberships.map((membership) => {
      const other = this.view.values(membership, party)[0]?.value;
      const roles = this.view.values(membership, `${org}role`).map((r, i) => html`${i ? ', ' : ''}${this.link(r.value)}`);
      const details = html`<a href="${this.href(membership)}">${this.t({ fr: 'détails', en: 'details', es: 'detalles' })}</a>`;
      return html`<li>${other ? this.link(other) : ''} <small>(${roles.length ? html`${roles} · ` : ''}${details})</small></li>`;
    });
    return html`<section><h2>${this.t(heading)}</h2><ul class="links">${items}</ul></section>`;
  }

  remainingIncoming(): SafeHtml | '' {
    const links = this.view.incoming.filter((l) => !this.shownIncoming.has(l.predicate));
    if (links.length === 0) return '';
    return html`<section><h2>${this.t(UI.otherLinks)}</h2><ul class="links">${links.map((l) =>
      html`<li>${this.link(l.subject)} <small>(${this.propertyName(l.predicate)})</small></li>`)}</ul></section>`;
  }

  pagination(): SafeHtml | '' {
    const { page, pages, incomingLinks, thing } = this.view.description;
    if (pages <= 1) return '';
    return html`<nav class="pagination" aria-label="${this.t(UI.page)}"><p>${this.t(UI.page)} ${page} ${this.t(UI.of)} ${pages} (${incomingLinks.toLocaleString(this.language)} ${this.t(UI.links)})</p>
<p>${page > 1 ? html`<a rel="prev" href="${this.href(thing, HTML_FORMAT, page - 1)}">← ${this.t(UI.previous)}</a> ` : ''}${page < pages ? html`<a rel="next" href="${this.href(thing, HTML_FORMAT, page + 1)}">${this.t(UI.next)} →</a>` : ''}</p></nav>`;
  }

  formats(): SafeHtml {
    const { thing, page } = this.view.description;
    const links = DESCRIPTION_FORMATS.filter((f) => f.name !== 'html').map((f) =>
      html`<li><a href="${this.context.policy.descriptionPath(thing, f, page)}" type="${f.mediaType}">${f.label}</a></li>`);
    return html`<section class="formats"><h2>${this.t(UI.formats)}</h2><ul class="inline">${links}</ul><p><small>${this.colon('IRI')} <code>${thing}</code></small></p></section>`;
  }

  kindLabel(): SafeHtml | '' {
    const types = this.view.types(this.view.thing);
    const own = types.find((t) => t.startsWith(this.citego)) ?? types[0];
    if (!own) return '';
    const label = this.context.ontology.label(own, this.language) ?? (CLASS_NAMES[own] ? this.t(CLASS_NAMES[own]!) : this.propertyName(own));
    const href = own.startsWith(this.citego) ? `/ontology?lang=${this.language}#${own.slice(this.citego.length)}` : own;
    return html`<p class="kind"><a href="${href}">${label}</a></p>`;
  }
}

function documentSections(w: PageWriter): SafeHtml {
  const { view } = w;
  const languages = w.own(`${dct}language`).map((l) => {
    const code = l.replace(/^.*\//, '');
    return LANGUAGE_NAMES[code] ? html`<span lang="${LANGUAGE_TAGS[code] ?? ''}">${w.t(LANGUAGE_NAMES[code]!)}</span>` : html`${code}`;
  });
  const dossiers = w.own(`${dct}isPartOf`);
  const source = w.own(`${dct}source`)[0];
  const references = w.own(`${dct}references`);
  w.shown.add(`${dct}bibliographicCitation`);
  const citation = DescriptionView.pick(view.own(`${dct}bibliographicCitation`), w.language);
  return html`<dl class="facts">
${w.date(`${dct}issued`, UI.published)}${w.date(`${dct}modified`, UI.modified)}
${dossiers.length ? html`<div><dt>${w.t(UI.dossier)}</dt><dd>${dossiers.map((d) => w.link(d))}</dd></div>` : ''}
${languages.length ? html`<div><dt>${w.t(UI.languages)}</dt><dd>${languages.map((l, i) => html`${i ? ', ' : ''}${l}`)}</dd></div>` : ''}
</dl>
${w.text(`${dct}abstract`)}
${citation ? html`<section><h2>${w.t(UI.citation)}</h2><p${citation.language ? html` lang="${citation.language}"` : ''}>${citation.value}</p>${references.map((r) => html`<p><a href="${r}">${r}</a></p>`)}</section>` : ''}
${w.linkList(UI.authors, w.own(`${dct}creator`))}
${w.linkList(UI.partners, w.own(`${w.citego}partner`))}
${w.linkList(UI.places, w.own(`${dct}spatial`))}
${w.linkList(UI.descriptors, w.own(`${dct}subject`))}
${w.linkList(UI.related, [...new Set([...w.own(`${dct}relation`), ...view.incomingBy(`${dct}relation`)])])}
${hideInverse(w, [`${dct}relation`])}
${w.translations([`${dct}title`, `${dct}abstract`])}
${source ? html`<p><a href="${source}" rel="external">${w.t(UI.original)}</a></p>` : ''}`;
}

/** Links already shown from the thing's side (they are written both ways in the atlas). */
function hideInverse(w: PageWriter, predicates: readonly string[]): '' {
  for (const predicate of predicates) w.shownIncoming.add(predicate);
  return '';
}

function descriptorSections(w: PageWriter): SafeHtml {
  const { view } = w;
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
<section><h2>${w.t(UI.matrix)}</h2><dl class="facts">
<div><dt>${w.t(UI.component)}</dt><dd><ul class="matrix">${components.map(matrixCell)}</ul></dd></div>
<div><dt>${w.t(UI.angle)}</dt><dd><ul class="matrix">${angles.map(matrixCell)}</ul></dd></div>
${scale.length ? html`<div><dt>${w.t(UI.scale)}</dt><dd>${scale.map((s) => w.link(s))}</dd></div>` : ''}
</dl></section>
${w.linkList(UI.broader, w.own(`${skos}broader`))}
${w.linkList(UI.narrower, w.own(`${skos}narrower`))}
${w.linkList(UI.neighbours, w.own(`${skos}related`))}
${hideInverse(w, [`${skos}broader`, `${skos}narrower`, `${skos}related`])}
${w.incoming(UI.indexedSheets, `${dct}subject`)}
${w.incoming(UI.localMaps, `${skos}member`)}
${w.translations([`${skos}prefLabel`, `${skos}definition`])}`;
}

function personSections(w: PageWriter): SafeHtml {
  const homepage = w.own(`${foaf}homepage`)[0];
  return html`${w.linkList(UI.memberOf, w.own(`${org}memberOf`))}
${homepage ? html`<p><a href="${homepage}" rel="external">${w.t(UI.homepage)}</a></p>` : ''}
${w.incoming(UI.wrote, `${dct}creator`)}
${w.incoming({ fr: 'Dossiers coordonnés', en: 'Dossiers coordinated', es: 'Dossiers coordinados' }, `${w.citego}coordinator`)}
${w.memberships({ fr: 'Appartenances', en: 'Memberships', es: 'Pertenencias' }, `${org}organization`)}`;
}

function organisationSections(w: PageWriter): SafeHtml {
  const homepage = w.own(`${foaf}homepage`)[0];
  return html`${w.text(`${dct}description`)}
${w.linkList(UI.location, w.own(`${schema}location`))}
${w.linkList({ fr: 'Fait partie de', en: 'Part of', es: 'Parte de' }, w.own(`${org}subOrganizationOf`))}
${homepage ? html`<p><a href="${homepage}" rel="external">${w.t(UI.homepage)}</a></p>` : ''}
${w.incoming(UI.members, `${org}memberOf`)}
${w.incoming(UI.partnerOf, `${w.citego}partner`)}
${w.incoming(UI.wrote, `${dct}creator`)}
${w.incoming({ fr: 'Organisations rattachées', en: 'Units', es: 'Organizaciones adscritas' }, `${org}subOrganizationOf`)}
${w.memberships({ fr: 'Membres et rôles', en: 'Members and roles', es: 'Miembros y roles' }, `${org}member`)}`;
}

function placeSections(w: PageWriter): SafeHtml {
  const { view } = w;
  w.shown.add(`${geo}lat`);
  w.shown.add(`${geo}long`);
  const latitude = view.own(`${geo}lat`)[0]?.value;
  const longitude = view.own(`${geo}long`)[0]?.value;
  const osm = latitude && longitude ? `https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}#map=11/${latitude}/${longitude}` : undefined;
  return html`${w.linkList(UI.within, w.own(`${schema}containedInPlace`))}
${latitude && longitude ? html`<p>${w.colon(w.t(UI.coordinates))} <a href="${osm!}" rel="external">${latitude}, ${longitude}</a></p>` : ''}
${w.linkList(UI.sameAs, w.own(`${owl}sameAs`))}
${w.incoming(UI.about, `${dct}spatial`)}
${w.incoming(UI.contains, `${schema}containedInPlace`)}
${w.incoming({ fr: 'Organisations établies ici', en: 'Organisations based here', es: 'Organizaciones con sede aquí' }, `${schema}location`)}`;
}

function dossierSections(w: PageWriter): SafeHtml {
  return html`${w.text(`${dct}description`)}
${w.linkList(UI.coordinator, w.own(`${w.citego}coordinator`))}
${w.linkList(UI.introduction, w.own(`${w.citego}introduction`))}
${w.incoming(UI.sheets, `${dct}isPartOf`)}
${w.translations([`${dct}title`, `${dct}description`])}`;
}

function axisSections(w: PageWriter): SafeHtml {
  const colour = w.view.own(`${w.citego}colour`)[0]?.value;
  w.shown.add(`${w.citego}colour`);
  return html`${colour && /^#[0-9a-fA-F]{6}$/.test(colour) ? html`<p><span class="swatch" style="background:${colour}" aria-hidden="true"></span> ${colour}</p>` : ''}
${w.text(`${skos}definition`)}
${w.incoming(UI.descriptorsHere, `${w.citego}component`)}
${w.incoming(UI.descriptorsHere, `${w.citego}angle`)}
${w.translations([`${skos}prefLabel`, `${skos}definition`])}`;
}

const PAGE_STYLE = html`<style>
.kind { margin: 0; color: var(--muted); font-size: .95rem; text-transform: uppercase; letter-spacing: .04em; }
.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: .5rem 1.5rem; margin: 1rem 0; }
.facts dt { font-weight: 600; font-size: .9rem; color: var(--muted); }
.facts dd { margin: 0; }
ul.links { display: grid; grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr)); gap: .2rem 1.5rem; padding-left: 1.1rem; }
ul.matrix { list-style: none; padding: 0; margin: 0; }
.swatch { display: inline-block; width: .9rem; height: .9rem; border-radius: .2rem; vertical-align: middle; border: 1px solid #0003; }
ul.inline { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
.properties th { font-weight: 600; vertical-align: top; }
.pagination { border-top: 1px solid var(--line); margin-top: 1rem; }
.formats { border-top: 1px solid var(--line); margin-top: 2rem; }
</style>`;

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
              : is(`${w.citego}Component`) || is(`${w.citego}GovernanceAngle`) ? axisSections(w) : html``;
  for (const naming of [`${dct}title`, `${skos}prefLabel`, `${foaf}name`]) w.shown.add(naming);
  const alternates = DESCRIPTION_FORMATS.filter((f) => f.name !== 'html').map((f) =>
    html`<link rel="alternate" type="${f.mediaType}" href="${policy.descriptionPath(view.thing, f, view.description.page)}">`);
  const body = html`<p><a href="/?lang=${language}">${w.t(UI.home)}</a></p>
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
    head: html`${PAGE_STYLE}<link rel="canonical" href="${policy.descriptionUrl(view.thing, HTML_FORMAT, view.description.page)}">${alternates}${view.description.pages > 1 && view.description.page < view.description.pages
      ? html`<link rel="next" href="${policy.descriptionPath(view.thing, HTML_FORMAT, view.description.page + 1)}">` : ''}`,
    jsonLd: schemaOrgDescription(view, ontology, policy, language),
  });
}

