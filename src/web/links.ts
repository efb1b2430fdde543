/**
 * Links to values from the data. Only an http(s) IRI becomes a link: the data may hold any IRI
 * (a curator's typo, or `javascript:…` slipped past the gate), and a link to anything else would
 * run or open what nobody meant to publish. Other IRIs are shown as text.
 */
import { html, type SafeHtml } from './html.js';

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
