/**
 * The language of a page: `?lang=` when the reader chose one, else the best match of
 * Accept-Language among the languages of the interface, else French (CITEGO's language).
 */
export const PAGE_LANGUAGES = ['fr', 'en', 'es'] as const;
export type PageLanguage = (typeof PAGE_LANGUAGES)[number];

export function isPageLanguage(value: unknown): value is PageLanguage {
  return typeof value === 'string' && (PAGE_LANGUAGES as readonly string[]).includes(value);
}

/** Language ranges of an Accept-Language header, best first; ranges with q=0 are left out. */
export function acceptedLanguages(header: string | undefined): string[] {
  if (!header) return [];
  return header.split(',')
    .map((part, index) => {
      const [range, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return { range: (range ?? '').trim().toLowerCase(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((entry) => entry.range && entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index)
    .map((entry) => entry.range);
}

export function negotiateLanguage(query: unknown, acceptLanguage: string | undefined): PageLanguage {
  if (isPageLanguage(query)) return query;
  for (const range of acceptedLanguages(acceptLanguage)) {
    if (range === '*') return 'fr';
    const primary = range.split('-')[0];
    if (isPageLanguage(primary)) return primary;
  }
  return 'fr';
}
