/**
 * The snippet of a result: a passage of the sheet's abstract around the first word the query
 * matched, in the language where it matched (else the reader's, by the service's one fallback),
 * the matching words marked. Text from the data is escaped; only the marks are markup.
 */
import type { DocumentRecord, Text } from '../../collection/collection.js';
import { escapeMarkup } from '../../web/html.js';
import { byLanguagePreference } from '../../web/i18n/fallback.js';
import { indexTermsOf, wordSpans } from './analysis.js';

const BEFORE = 80;
const LENGTH = 260;

export interface Snippet {
  /** HTML: escaped text with <mark> around the matching words. */
  readonly html: string;
  readonly language: string;
}

/** The spans of a text's words that are one of the terms. */
function matches(text: Text, terms: ReadonlySet<string>): { start: number; end: number }[] {
  if (terms.size === 0) return [];
  // A long text's value may be decoded from bytes at each reading (TextStore): read once.
  const value = text.value;
  const termOf = indexTermsOf(text.language);
  return wordSpans(value).filter((span) => terms.has(termOf(value.slice(span.start, span.end))));
}

export function snippetOf(document: DocumentRecord, terms: readonly string[], language: string): Snippet | undefined {
  const wanted = new Set(terms);
  const candidates = byLanguagePreference(document.abstracts.length ? document.abstracts : document.titles, language);
  if (candidates.length === 0) return undefined;
  let chosen = candidates[0]!;
  let spans = matches(chosen, wanted);
  for (const candidate of candidates) {
    if (spans.length > 0) break;
    const found = matches(candidate, wanted);
    if (found.length > 0) {
      chosen = candidate;
      spans = found;
    }
  }
  const text = chosen.value;
  let start = spans.length > 0 ? Math.max(0, spans[0]!.start - BEFORE) : 0;
  let end = Math.min(text.length, start + LENGTH);
  // Cut at spaces, so that no word is shown in part.
  if (start > 0) start = text.indexOf(' ', start) + 1 || start;
  if (end < text.length) end = Math.max(start, text.lastIndexOf(' ', end));
  let html = start > 0 ? '… ' : '';
  let at = start;
  for (const span of spans) {
    if (span.start < start || span.end > end) continue;
    html += `${escapeMarkup(text.slice(at, span.start))}<mark>${escapeMarkup(text.slice(span.start, span.end))}</mark>`;
    at = span.end;
  }
  html += escapeMarkup(text.slice(at, end)) + (end < text.length ? ' …' : '');
  return { html, language: chosen.language };
}
