/**
 * The atlas view of a descriptor (its neighbourhood, radius 1 or 2, as a graph coloured by
 * component and marked by angle) and the network of actors (of the whole collection, a place, a
 * dossier or a descriptor, coloured by family, the links across families drawn apart and
 * counted). Both pages carry their graph and the same content as lists, complete without
 * JavaScript: every neighbour, page by page, every actor kept and every link.
 */
import type { ActorFamily } from '../../collection/collection.js';
import { html, type SafeHtml } from '../../web/html.js';
import { renderPage } from '../../web/layout.js';
import { thingPage } from '../../web/links.js';
import { neighboursWithin, type ActorNetwork, type Neighbourhood, type Scope } from './graphs.js';
import { atlasPath, axesForScript, descriptorMarks, graph, legend, nameOf, pageLink, plainName, type ViewContext } from './view.js';

export const NEIGHBOURS_PER_PAGE = 100;

/** The colour of each family of actors in the network (and its legend). */
export const FAMILY_COLOURS: Readonly<Record<ActorFamily, string>> = {
  LocalAuthority: '#1f6f8b', ProfessionalNetwork: '#b5541c', EducationInstitution: '#6b4fa0', ResearchCentre: '#2d7d46',
  Association: '#b0306a', Company: '#7a6a12', PublicAgency: '#2f5597', Organization: '#555f66', Person: '#8a8f94',
};

const FAMILY_ORDER = Object.keys(FAMILY_COLOURS) as ActorFamily[];

export function neighbourhoodPage(view: ViewContext, shown: Neighbourhood, listPage: number): string | undefined {
  const { collection, language, t } = view;
  const a = t.atlas;
  const centre = collection.descriptors.get(shown.centre)!;
  const all = neighboursWithin(collection, shown.centre, shown.radius);
  const pages = Math.max(1, Math.ceil(all.length / NEIGHBOURS_PER_PAGE));
  if (listPage > pages) return undefined;
  const here = (parameters: Record<string, string | number | undefined>) => atlasPath('/atlas/neighbourhood', { descriptor: shown.centre, radius: shown.radius === 2 ? 2 : undefined, ...parameters }, language);
  const relationTo = (iri: string): string => {
    if (centre.broader.includes(iri)) return a.relations.broader;
    if (centre.narrower.includes(iri)) return a.relations.narrower;
    if (centre.related.includes(iri)) return a.relations.related;
    return a.twoSteps;
  };
  const items = all.slice((listPage - 1) * NEIGHBOURS_PER_PAGE, listPage * NEIGHBOURS_PER_PAGE).map(({ iri }) => {
    const d = collection.descriptors.get(iri)!;
    return html`<li><a href="${atlasPath('/atlas/neighbourhood', { descriptor: iri, radius: shown.radius === 2 ? 2 : undefined }, language)}">${nameOf(iri, view)}</a> ${descriptorMarks(d.components, d.angles, view)} <small>(${relationTo(iri)} · ${a.documentCount(d.documents.length)} · <a href="${thingPage(iri, view.baseIRI, language)}">${a.descriptorPage}</a>)</small></li>`;
  });
  const data = {
    ...axesForScript(collection),
    centre: shown.centre,
    nodes: shown.nodes.map((n) => ({ ...n, href: atlasPath('/atlas/neighbourhood', { descriptor: n.iri, radius: shown.radius === 2 ? 2 : undefined }, language) })),
    edges: shown.edges,
  };
  const radiusLink = (r: 1 | 2, label: string) => (shown.radius === r ? html`<strong aria-current="true">${label}</strong>` : html`<a href="${atlasPath('/atlas/neighbourhood', { descriptor: shown.centre, radius: r }, language)}">${label}</a>`);
  const title = a.neighbourhoodTitle(plainName(shown.centre, view));
  const body = html`<p><a href="${atlasPath('/atlas', {}, language)}">${a.matrixTitle}</a></p>
<h1>${a.neighbourhoodOf} ${nameOf(shown.centre, view)}</h1>
<p>${descriptorMarks(centre.components, centre.angles, view)} ${a.documentCount(centre.documents.length)} · ${pageLink(shown.centre, view)}
· <a href="/search?${new URLSearchParams({ descriptor: shown.centre, ui: language }).toString()}">${a.searchSheets}</a>
· <a href="${atlasPath('/atlas/actors', { descriptor: shown.centre }, language)}">${a.actorsTitle}</a></p>
<nav class="radius" aria-label="${a.radius}"><p>${t.colon(a.radius)} ${radiusLink(1, a.radiusOne)} · ${radiusLink(2, a.radiusTwo)}</p></nav>
<p>${a.shownOf(shown.nodes.length - 1, shown.total)}</p>
${graph('atlas', data, a.graphLabel(plainName(shown.centre, view)), 'neighbour-list')}
<section id="neighbour-list"><h2>${a.allNeighbours} <small>(${shown.total.toLocaleString(language)}${pages > 1 ? html` — ${t.page} ${listPage} ${t.of} ${pages}` : ''})</small></h2>
${centre.broader.length + centre.narrower.length + centre.related.length === 0 ? html`<p>${a.noNeighbours}</p>` : html`<ul class="links">${items}</ul>`}
${pages > 1 ? html`<nav class="pagination" aria-label="${t.page}"><p>${listPage > 1 ? html`<a rel="prev" href="${here({ page: listPage - 1 })}">← ${t.previous}</a> ` : ''}${listPage < pages ? html`<a rel="next" href="${here({ page: listPage + 1 })}">${t.next} →</a>` : ''}</p></nav>` : ''}
</section>
${legend(view)}`;
  return renderPage({ language, title, path: here({ page: listPage > 1 ? listPage : undefined }), body });
}

export function scopeTitle(scope: Scope, view: ViewContext): string {
  const a = view.t.atlas;
  return scope.kind === 'collection' ? a.actorsTitle : `${a.actorsTitle} — ${plainName(scope.iri, view)}`;
}

export function networkPage(view: ViewContext, scope: Scope, network: ActorNetwork): string {
  const { language, t } = view;
  const a = t.atlas;
  const scopeParameters = scope.kind === 'collection' ? {} : { [scope.kind]: scope.iri };
  const families = FAMILY_ORDER.filter((f) => network.nodes.some((n) => n.affiliation === f || n.family === f));
  const crossing = network.edges.filter((e) => e.crossesFamilies).length;
  const totalLinks = Object.values(network.familyLinks).reduce((sum, n) => sum + n, 0);
  const acrossAll = Object.entries(network.familyLinks).filter(([pair]) => { const [x, y] = pair.split('|'); return x !== y; }).reduce((sum, [, n]) => sum + n, 0);
  const familyName = (f: ActorFamily) => a.families[f];
  const byFamily = FAMILY_ORDER.map((family) => {
    const members = network.nodes.filter((n) => n.family === family);
    if (members.length === 0) return '';
    return html`<section class="family"><h3><span class="swatch" style="background:${FAMILY_COLOURS[family]}" aria-hidden="true"></span> ${familyName(family)} <small>(${members.length})</small></h3>
<ul class="links">${members.map((n) => html`<li>${pageLink(n.iri, view)} <span class="count">${a.documentCount(n.documents)}</span>${n.family === 'Person' && n.affiliation !== 'Person' ? html` <small>(${familyName(n.affiliation)})</small>` : ''}</li>`)}</ul></section>`;
  });
  const links = [...network.edges].sort((x, y) => Number(y.crossesFamilies) - Number(x.crossesFamilies) || y.weight - x.weight).slice(0, 200);
  const pairs = Object.entries(network.familyLinks).sort((x, y) => y[1] - x[1]).map(([pair, count]) => {
    const [x, y] = pair.split('|') as [ActorFamily, ActorFamily];
    return html`<tr${x !== y ? html` class="crossing"` : ''}><td>${familyName(x)}</td><td>${familyName(y)}</td><td class="number">${count.toLocaleString(language)}</td></tr>`;
  });
  const data = {
    colours: FAMILY_COLOURS,
    nodes: network.nodes.map((n) => ({ ...n, href: thingPage(n.iri, view.baseIRI, language) })),
    edges: network.edges,
  };
  const scopes: SafeHtml = scope.kind === 'collection' ? html`` : html`<p>${a.scopeOf} ${pageLink(scope.iri, view)} · <a href="${atlasPath('/atlas/actors', {}, language)}">${a.wholeCollection}</a></p>`;
  const title = scopeTitle(scope, view);
  const body = html`<p><a href="${atlasPath('/atlas', {}, language)}">${a.matrixTitle}</a></p>
<h1>${title}</h1>
<p class="lead">${a.actorsIntro}</p>
${scopes}
<p>${a.networkSummary(network.actors, network.documents, network.nodes.length)}</p>
<p><strong>${a.crossingSummary(acrossAll, totalLinks)}</strong></p>
<ul class="plain family-legend">${families.map((f) => html`<li><span class="swatch" style="background:${FAMILY_COLOURS[f]}" aria-hidden="true"></span> ${familyName(f)}</li>`)}<li><span class="line-sample crossing" aria-hidden="true"></span> ${a.crossingLink}</li></ul>
${graph('actors', data, a.networkLabel(title), 'actor-list')}
<div id="actor-list"><h2>${a.actorsByFamily}</h2>${byFamily}
<section><h2>${a.links} <small>(${network.edges.length.toLocaleString(language)}, ${a.crossingShown(crossing)})</small></h2>
<ul class="links">${links.map((e) => html`<li${e.crossesFamilies ? html` class="crossing"` : ''}>${nameOf(e.source, view)} — ${nameOf(e.target, view)} <small>(${a.actorRelations[e.relation]}${e.weight > 1 ? html`, ${a.documentCount(e.weight)}` : ''}${e.crossesFamilies ? html`, ${a.acrossFamilies}` : ''})</small></li>`)}</ul></section>
<section><h2>${a.familyTable}</h2><div class="scroll"><table><thead><tr><th scope="col">${a.family}</th><th scope="col">${a.family}</th><th scope="col">${a.links}</th></tr></thead><tbody>${pairs}</tbody></table></div></section></div>`;
  return renderPage({ language, title, path: atlasPath('/atlas/actors', scopeParameters, language), body });
}
