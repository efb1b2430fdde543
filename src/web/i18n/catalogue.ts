/**
 * The interface's words, one catalogue per language with one type: the French catalogue's keys.
 * A text missing from a translation, or one the French does not have, is a type error, never a
 * silent fallback. (What the data says comes in the languages the data has: pages pick among
 * them, see the description view.)
 */
import { en } from './en.js';
import { es } from './es.js';
import { fr, type Catalogue } from './fr.js';

export type { Catalogue };

export const PAGE_LANGUAGES = ['fr', 'en', 'es'] as const;
export type PageLanguage = (typeof PAGE_LANGUAGES)[number];

const CATALOGUES: Readonly<Record<PageLanguage, Catalogue>> = { fr, en, es };

export function isPageLanguage(value: unknown): value is PageLanguage {
  return typeof value === 'string' && (PAGE_LANGUAGES as readonly string[]).includes(value);
}

/** The interface's words in a language. */
export function textsIn(language: PageLanguage): Catalogue {
  return CATALOGUES[language];
}
