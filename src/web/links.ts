/**
 * Links between the pages of the service, in the reader's language. A thing's IRI under
 * `{base}id/…` is described by the page `/doc/….html` (the URI policy of DESIGN.md); other IRIs
 * are linked as they are.
 */
import type { PageLanguage } from './i18n/catalogue.js';
import { inLanguage } from './layout.js';

export function thingPage(iri: string, baseIRI: string, language: PageLanguage): string {
  const things = `${baseIRI}id/`;
  if (!iri.startsWith(things)) return iri;
  return inLanguage(`/doc/${iri.slice(things.length)}.html`, language);
}
