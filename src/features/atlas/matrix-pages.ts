/**
 * The atlas at a glance: the matrix of the components of a territory (rows, by colour) and the
 * angles of approach to governance (columns, by letter), each cell with the number of
 * descriptors placed there and of sheets they index, and a way in; and a cell's own page, its
 * descriptors (most used first, each a way to its neighbourhood) and its sheets, page by page.
 */
import { html } from '../../web/html.js';
import { pickText } from '../../web/i18n/fallback.js';
import { renderPage } from '../../web/layout.js';
import { thingPage } from '../../web/links.js';
import type { MatrixCell } from './graphs.js';
import { atlasPath, descriptorMarks, legend, nameOf, pageLink, plainName, swatch, type ViewContext } from './view.js';

export const CELL_PAGE_SIZE = 50;

export function matrixPage(cells: readonly MatrixCell[], view: ViewContext): string {
  const { collection, language, t } = view;
  const a = t.atlas;
  const cellOf = (component: string, angle: string) => cells.find((c) => c.component === component && c.angle === angle)!;
  const rows = collection.components.map((component) => html`<tr><th scope="row">${swatch(component)} ${nameOf(component.iri, view)}</th>${collection.angles.map((angle) => {
    const cell = cellOf(component.iri, angle.iri);
    if (cell.descriptors === 0) return html`<td class="empty">—</td>`;
    // The cell's name is read before its figures; sighted readers have it from the row and column.
    return html`<td><a href="${atlasPath('/atlas/cell', { component: component.iri, angle: angle.iri }, language)}"><span class="visually-hidden">${plainName(component.iri, view)} × ${plainName(angle.iri, view)} : </span><strong>${cell.descriptors.toLocaleString(language)}</strong><span class="visually-hidden"> ${a.descriptorCount(cell.descriptors).replace(/^[\d\s.,\u202f\u00a0]+/, '')},</span><br><small>${a.documentCount(cell.documents)}</small></a></td>`;
  })}</tr>`);
  const body = html`<p><a href="${atlasPath('/', {}, language)}">${t.home}</a></p>
<h1>${a.matrixTitle}</h1>
<p class="lead">${a.matrixIntro}</p>
<div class="scroll"><table class="matrix-table"><caption>${a.matrixCaption}</caption>
<thead><tr><th scope="col">${a.corner}</th>${collection.angles.map((angle) => html`<th scope="col"><abbr title="${plainName(angle.iri, view)}">${angle.notation}</abbr><br><small>${nameOf(angle.iri, view)}</small></th>`)}</tr></thead>
<tbody>${rows}</tbody></table></div>
${legend(view)}
<p><a href="${atlasPath('/lists/descriptors', {}, language)}">${a.lists.descriptorIndex}</a> · <a href="${atlasPath('/atlas/actors', {}, language)}">${a.actorsTitle}</a></p>`;
  return renderPage({ language, title: a.matrixTitle, path: '/atlas', body });
}

export function cellPage(component: string, angle: string, page: number, view: ViewContext): string | undefined {
  const { collection, language, t } = view;
  const a = t.atlas;
  const { descriptors, documents } = collection.cell(component, angle);
  const pages = Math.max(1, Math.ceil(documents.length / CELL_PAGE_SIZE));
  if (page > pages) return undefined;
  const sorted = [...descriptors].sort((x, y) => y.documents.length - x.documents.length || plainName(x.iri, view).localeCompare(plainName(y.iri, view), language));
  const shown = Array.from(documents.subarray((page - 1) * CELL_PAGE_SIZE, page * CELL_PAGE_SIZE), (i) => collection.documents[i]!)
    .sort((x, y) => (y.issued ?? '').localeCompare(x.issued ?? ''));
  const title = `${plainName(component, view)} × ${plainName(angle, view)}`;
  const link = (n: number) => atlasPath('/atlas/cell', { component, angle, page: n > 1 ? n : undefined }, language);
  const body = html`<p><a href="${atlasPath('/atlas', {}, language)}">${a.matrixTitle}</a></p>
<h1>${nameOf(component, view)} × ${nameOf(angle, view)}</h1>
<p>${a.descriptorCount(descriptors.length)}, ${a.documentCount(documents.length)}</p>
<section><h2>${t.descriptors}</h2><ul class="links">${sorted.map((d) => html`<li><a href="${atlasPath('/atlas/neighbourhood', { descriptor: d.iri }, language)}">${nameOf(d.iri, view)}</a> ${descriptorMarks(d.components, d.angles, view)} <span class="count">${a.documentCount(d.documents.length)}</span></li>`)}</ul></section>
<section><h2>${t.sheets}</h2>${documents.length > 1 ? html`<p><small>${t.page} ${page} ${t.of} ${pages}</small></p>` : ''}
<ul class="links">${shown.map((d) => {
    const picked = pickText(d.titles, language);
    return html`<li data-basket-iri="${d.iri}" data-basket-title="${picked?.value ?? d.iri}"><a href="${thingPage(d.iri, view.baseIRI, language)}"${picked?.language ? html` lang="${picked.language}"` : ''}>${picked?.value ?? d.iri}</a>${d.year ? html` <span class="count">${d.year}</span>` : ''}</li>`;
  })}</ul>
${pages > 1 ? html`<nav class="pagination" aria-label="${t.page}"><p>${page > 1 ? html`<a rel="prev" href="${link(page - 1)}">← ${t.previous}</a> ` : ''}${page < pages ? html`<a rel="next" href="${link(page + 1)}">${t.next} →</a>` : ''}</p></nav>` : ''}</section>
<p>${pageLink(component, view)} · ${pageLink(angle, view)}</p>`;
  return renderPage({ language, title, path: link(page), body });
}
