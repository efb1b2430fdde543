/**
 * The one language fallback: the reader's language (and its regional variants), then French,
 * then English, Spanish, Portuguese, then the others alphabetically, texts without a tag last;
 * whatever the order the texts come in, the same text is chosen.
 */
import { describe, expect, it } from 'vitest';
import { byLanguagePreference, isInLanguage, pickText } from '../../src/web/i18n/fallback.js';

const texts = [
  { value: 'sans langue', language: '' },
  { value: 'Commons', language: 'en' },
  { value: 'Bens comuns', language: 'pt' },
  { value: 'Biens communs', language: 'fr' },
  { value: '公地', language: 'zh' },
];

describe('the language fallback', () => {
  it('chooses the reader\'s language, then French, then any other in a fixed order', () => {
    expect(pickText(texts, 'en')?.value).toBe('Commons');
    expect(pickText(texts, 'fr')?.value).toBe('Biens communs');
    expect(pickText(texts, 'es')?.value).toBe('Biens communs');
    expect(pickText(texts.filter((t) => t.language !== 'fr'), 'es')?.value).toBe('Commons');
    expect(pickText([{ value: '公地', language: 'zh' }, { value: 'Bens comuns', language: 'pt' }, { value: 'x', language: '' }], 'es')?.value).toBe('Bens comuns');
    expect(pickText([], 'fr')).toBeUndefined();
  });

  it('treats regional variants as their language, and never depends on the order of the texts', () => {
    const regional = [{ value: 'Couleur', language: 'fr-CA' }, { value: 'Colour', language: 'en-GB' }];
    expect(pickText(regional, 'en')?.value).toBe('Colour');
    expect(pickText(regional, 'es')?.value).toBe('Couleur');
    expect(isInLanguage({ value: 'x', language: 'fr-FR' }, 'fr')).toBe(true);
    const reversed = [...texts].reverse();
    for (const reader of ['fr', 'en', 'es', 'de']) expect(pickText(reversed, reader)).toEqual(pickText(texts, reader));
    expect(byLanguagePreference(texts, 'es').map((t) => t.language)).toEqual(['fr', 'en', 'pt', 'zh', '']);
  });
});
