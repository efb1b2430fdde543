/**
 * The one language fallback of the service: among texts tagged with languages, the one to show a
 * reader is in the reader's language, else in French (CITEGO's language), else in the first
 * other language in a fixed order. Every page, list, search result, JSON answer and the atlas
 * view chooses with it, so that a label never appears in a language picked at random (the order
 * the store happened to return).
 *
 * A tag matches its language and the language's regional variants: `fr-FR` and `fr-CA` count as
 * French. Texts without a tag come after every tagged one but before nothing at all.
 */

/** Anything carrying a text and its language tag (an RDF literal, a label read from the store). */
export interface Tagged {
  readonly value: string;
  readonly language: string;
}

/** CITEGO's own language: the first fallback after the reader's. */
export const SOURCE_LANGUAGE = 'fr';
/** The order of the other languages, after the reader's and French: then any other, alphabetically. */
const THEN = ['en', 'es', 'pt'];

/** The primary subtag, lower-cased: `fr-FR` → `fr`. */
export function primaryLanguage(tag: string): string {
  return tag.toLowerCase().split('-', 1)[0]!;
}

/** Where a tag stands in the chain for a reader (lower is preferred). */
function rank(tag: string, reader: string): number {
  const primary = primaryLanguage(tag);
  if (primary === '') return 1_000;
  if (primary === primaryLanguage(reader)) return tag.includes('-') ? 1 : 0;
  if (primary === SOURCE_LANGUAGE) return tag.includes('-') ? 3 : 2;
  const then = THEN.indexOf(primary);
  return then >= 0 ? 10 + then : 100;
}

/** Orders texts by the chain for a reader: the reader's language first, then French, then the others. */
export function byLanguagePreference<T extends Tagged>(texts: readonly T[], reader: string): T[] {
  return [...texts].sort((a, b) => rank(a.language, reader) - rank(b.language, reader)
    || a.language.localeCompare(b.language) || a.value.localeCompare(b.value));
}

/** The text to show a reader among texts in several languages, or undefined when there is none. */
export function pickText<T extends Tagged>(texts: readonly T[], reader: string): T | undefined {
  let best: T | undefined;
  let bestRank = Infinity;
  for (const text of texts) {
    const r = rank(text.language, reader);
    if (r < bestRank || (r === bestRank && best && (text.language < best.language || (text.language === best.language && text.value < best.value)))) {
      best = text;
      bestRank = r;
    }
  }
  return best;
}

/** Whether a text is in the reader's language (its tag or a regional variant of it). */
export function isInLanguage(text: Tagged, reader: string): boolean {
  return primaryLanguage(text.language) === primaryLanguage(reader);
}
