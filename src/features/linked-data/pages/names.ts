/**
 * Names pages give to what the data refers to by IRI: the terms of the reused vocabularies
 * (CITEGO's own are named by the ontology) and the languages of a sheet, from the EU language
 * table, in the reader's language.
 */
import { localName, prefixedName, STANDARD_PREFIXES } from '../../../rdf/namespaces.js';
import type { Catalogue } from '../../../web/i18n/catalogue.js';

/** BCP 47 tags of the EU language table's codes, for lang attributes and schema.org. */
export const LANGUAGE_TAGS: Readonly<Record<string, string>> = { FRA: 'fr', ENG: 'en', SPA: 'es', POR: 'pt', ZHO: 'zh', ITA: 'it', DEU: 'de', ARA: 'ar' };

/** The interface's name of a reused vocabulary's term (`dct:title` → "Titre"), when it has one. */
export function termName(iri: string, t: Catalogue): string | undefined {
  const key = prefixedName(iri, STANDARD_PREFIXES);
  return key !== undefined && Object.hasOwn(t.terms, key) ? t.terms[key as keyof Catalogue['terms']] : undefined;
}

/** A sheet's language (an IRI of the EU table): its code, its name and its BCP 47 tag when known. */
export function sheetLanguage(iri: string, t: Catalogue): { code: string; name?: string; tag?: string } {
  const code = localName(iri);
  const name = Object.hasOwn(t.sheetLanguages, code) ? t.sheetLanguages[code as keyof Catalogue['sheetLanguages']] : undefined;
  return { code, name, tag: LANGUAGE_TAGS[code] };
}
