/**
 * The basket's bibliography: the sheets a reader set aside, as BibTeX, RIS or CSL-JSON (written
 * by citation-js from CSL-JSON items made of the collection's data), or as the list of their
 * IRIs. A sheet's authors are its creators (persons and organisations), its publisher CITEGO,
 * its URL its IRI, its keywords its descriptors in the reader's language.
 */
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-csl';
import '@citation-js/plugin-ris';
import type { Collection, DocumentRecord } from '../../collection/collection.js';
import { pickText } from '../../web/i18n/fallback.js';

export const BIBLIOGRAPHY_FORMATS = {
  bibtex: { mediaType: 'application/x-bibtex; charset=utf-8', extension: 'bib' },
  ris: { mediaType: 'application/x-research-info-systems; charset=utf-8', extension: 'ris' },
  'csl-json': { mediaType: 'application/vnd.citationstyles.csl+json; charset=utf-8', extension: 'json' },
  iris: { mediaType: 'text/plain; charset=utf-8', extension: 'txt' },
} as const;
export type BibliographyFormat = keyof typeof BIBLIOGRAPHY_FORMATS;

export function isBibliographyFormat(value: unknown): value is BibliographyFormat {
  return typeof value === 'string' && Object.hasOwn(BIBLIOGRAPHY_FORMATS, value);
}

/** CSL types of CITEGO's sheets: a resource sheet is a note on a work, the others are reports. */
function cslType(document: DocumentRecord, citego: string): string {
  return document.type === `${citego}ResourceSheet` ? 'document' : 'report';
}

function personName(name: string): { family: string; given?: string } | { literal: string } {
  const parts = name.trim().split(/\s+/);
  return parts.length === 2 ? { given: parts[0]!, family: parts[1]! } : { literal: name };
}

export function cslItem(collection: Collection, document: DocumentRecord, language: string): Record<string, unknown> {
  const title = pickText(document.titles, language);
  const abstract = pickText(document.abstracts, language);
  const authors = document.creators.map((iri) => {
    const actor = collection.actors.get(iri);
    const name = actor ? pickText(actor.names, language)?.value ?? iri : iri;
    return actor?.family === 'Person' ? personName(name) : { literal: name };
  });
  const date = document.issued?.split('-').map(Number).filter((n) => Number.isFinite(n));
  return {
    id: document.iri.slice(document.iri.lastIndexOf('/') + 1),
    type: cslType(document, collection.citego),
    title: title?.value ?? document.iri,
    ...(authors.length ? { author: authors } : {}),
    ...(date?.length ? { issued: { 'date-parts': [date] } } : {}),
    ...(abstract ? { abstract: abstract.value } : {}),
    publisher: 'CITEGO',
    URL: document.iri,
    ...(title?.language ? { language: title.language } : {}),
    ...(document.descriptors.length ? { keyword: document.descriptors.map((d) => pickText(collection.labels(d), language)?.value ?? d).join(', ') } : {}),
  };
}

export function bibliography(collection: Collection, documents: readonly DocumentRecord[], format: BibliographyFormat, language: string): string {
  if (format === 'iris') return documents.map((d) => `${d.iri}\n`).join('');
  const cite = new Cite(documents.map((d) => cslItem(collection, d, language)));
  if (format === 'csl-json') return `${cite.format('data')}\n`;
  return cite.format(format);
}
