/**
 * Pieces the atlas pages share: names in the reader's language (the service's one fallback),
 * the legend of the matrix (components by colour, angles by letter), the marks of a descriptor,
 * links to the atlas's own pages, and the graph: a canvas drawn by Cytoscape.js from data
 * embedded in the page, always followed by the same content as a list, which is what readers
 * without JavaScript, screen readers and keyboards use.
 */
import type { AxisRecord, Collection } from '../../collection/collection.js';
import { html, jsonForScript, type SafeHtml } from '../../web/html.js';
import { pickText } from '../../web/i18n/fallback.js';
import type { Catalogue, PageLanguage } from '../../web/i18n/catalogue.js';
import { inLanguage } from '../../web/layout.js';
import { thingPage } from '../../web/links.js';

export const GRAPH_LIBRARY_PATH = '/atlas/assets/cytoscape.min.js';
export const GRAPH_SCRIPT_PATH = '/atlas/assets/graph.js';

export interface ViewContext {
  readonly collection: Collection;
  readonly language: PageLanguage;
  readonly t: Catalogue;
  readonly baseIRI: string;
}

/** A name from the data in the reader's language, with its lang attribute. */
export function nameOf(iri: string, view: ViewContext): SafeHtml {
  const picked = pickText(view.collection.labels(iri), view.language);
  if (!picked) return html`${iri.slice(iri.lastIndexOf('/') + 1)}`;
  return picked.language ? html`<span lang="${picked.language}">${picked.value}</span>` : html`${picked.value}`;
}

export function plainName(iri: string, view: ViewContext): string {
  return pickText(view.collection.labels(iri), view.language)?.value ?? iri.slice(iri.lastIndexOf('/') + 1);
}

export function pageLink(iri: string, view: ViewContext): SafeHtml {
  return html`<a href="${thingPage(iri, view.baseIRI, view.language)}">${nameOf(iri, view)}</a>`;
}

/** A path of the atlas's pages with its parameters and the reader's language. */
export function atlasPath(path: string, parameters: Readonly<Record<string, string | number | undefined>>, language: PageLanguage): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) if (value !== undefined) query.set(name, String(value));
  return inLanguage(query.size ? `${path}?${query.toString()}` : path, language);
}

const isColour = (value: string | undefined): value is string => value !== undefined && /^#[0-9a-fA-F]{6}$/.test(value);

export function swatch(axis: AxisRecord | undefined): SafeHtml | '' {
  return isColour(axis?.colour) ? html`<span class="swatch" style="background:${axis.colour}" aria-hidden="true"></span>` : '';
}

/** A descriptor's place in the matrix, as the legend draws it: colour swatches, then angle letters. */
export function descriptorMarks(components: readonly string[], angles: readonly string[], view: ViewContext): SafeHtml {
  const swatches = components.map((c) => swatch(view.collection.components.find((a) => a.iri === c)));
  const letters = angles.map((a) => view.collection.angles.find((x) => x.iri === a)?.notation).filter(Boolean).join(' ');
  return html`<span class="marks">${swatches}${letters ? html` <abbr class="angles" title="${angles.map((a) => plainName(a, view)).join(', ')}">${letters}</abbr>` : ''}</span>`;
}

export function legend(view: ViewContext): SafeHtml {
  const { collection, t } = view;
  return html`<section class="legend" aria-labelledby="legend-heading"><h2 id="legend-heading">${t.atlas.legend}</h2>
<div class="legend-columns"><div><h3>${t.atlas.components}</h3><ul class="plain">${collection.components.map((c) => html`<li>${swatch(c)} ${pageLink(c.iri, view)}</li>`)}</ul></div>
<div><h3>${t.atlas.angles}</h3><ul class="plain">${collection.angles.map((a) => html`<li><strong class="letter">${a.notation}</strong> ${pageLink(a.iri, view)}</li>`)}</ul></div></div></section>`;
}

/** Colours of the matrix's components and letters of its angles, for the graph script. */
export function axesForScript(collection: Collection): { components: Record<string, string>; angles: Record<string, string> } {
  return {
    components: Object.fromEntries(collection.components.filter((c) => isColour(c.colour)).map((c) => [c.iri, c.colour!])),
    angles: Object.fromEntries(collection.angles.map((a) => [a.iri, a.notation])),
  };
}

/** The graph's canvas and its data; the list that follows it says the same. */
export function graph(kind: 'atlas' | 'actors', data: unknown, label: string, listId: string): SafeHtml {
  return html`<div class="graph" id="graph" data-kind="${kind}" role="img" aria-label="${label}" aria-describedby="${listId}" hidden></div>
<script type="application/json" id="graph-data">${jsonForScript(data)}</script>
<script src="${GRAPH_LIBRARY_PATH}" defer></script>
<script src="${GRAPH_SCRIPT_PATH}" defer></script>`;
}
