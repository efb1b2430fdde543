/**
 * Links in pages. Between the pages of the service, in the reader's language: a thing's IRI under
 * `{base}id/…` is described by the page `/doc/….html` (the URI policy of DESIGN.md). To values
 * from the data: only an http(s) IRI becomes a link: the data may hold any IRI (a curator's
 * typo, or `javascript:…` slipped past the gate), and a link to anything else would run or open
 * what nobody meant to publish. Other IRIs are shown as text.
 */
import { html, type SafeHtml } from './html.js';
import type { PageLanguage } from './i18n/catalogue.js';
import { inLanguage } from './layout.js';

/** The page of a thing of the service in the reader's language; any other IRI as it is (check it with isWebLink before linking it). */
export function thingPage(iri: string, baseIRI: string, language: PageLanguage): string {
  const things = `${baseIRI}id/`;
  if (!iri.startsWith(things)) return iri;
  return inLanguage(`/doc/${iri.slice(things.length)}.html`, language);
}

/** Whether a value can be offered as a link: an absolute http or https IRI. */
export function isWebLink(iri: string): boolean {
  if (!/^https?:\/\//i.test(iri)) return false;
  try {
    const url = new URL(iri);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * An anchor to `iri` around `content` when the IRI is a web link; the content alone otherwise.
 * `external` marks links that leave the service (rel="external").
 */
export function dataLink(iri: string, content: SafeHtml | string, options: { external?: boolean; lang?: string } = {}): SafeHtml {
  const lang = options.lang ? html` lang="${options.lang}"` : '';
  if (!isWebLink(iri)) return html`<span class="iri"${lang}>${content}</span>`;
  return html`<a href="${iri}"${options.external ? html` rel="external"` : ''}${lang}>${content}</a>`;
}
