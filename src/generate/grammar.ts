/**
 * Just enough grammar to turn sentence templates into French, English, Spanish and Portuguese
 * prose: articles contracted with prepositions ("de le" → "du", "em a" → "na"), elision
 * ("la eau" → "l'eau"), and verbs and adjectives that agree with the noun they refer to.
 *
 * A template is plain text with slots in braces:
 *   {theme}            the slot as it is (a noun phrase without article, or a ready-made text)
 *   {def:theme}        with its definite article: "la gestion de l'eau", "water management"
 *   {de:theme}         after "de"/"of": "de la gestion…", "du logement", "des quartiers"
 *   {a:theme}          after "à"/"a"/"to": "à la gestion…", "au logement", "aos bairros"
 *   {em:theme}         after Portuguese "em" (no/na/nos/nas); "in the" elsewhere
 *   {un:theme}         with the indefinite article
 *   {ce:theme}         with the demonstrative: "cet ouvrage", "this book", "esta guía"
 *   {Def:theme} …      the same, first letter capitalised (start of a sentence)
 *   {#theme:a|b}       the form that agrees in number (singular|plural)
 *   {#theme:a|b|c|d}   the form that agrees in gender and number (m|f|m plural|f plural)
 * Templates are compiled once; rendering is a walk over the compiled parts.
 */

export type Lang = 'fr' | 'en' | 'es' | 'pt';
export const LANGS: readonly Lang[] = ['fr', 'en', 'es', 'pt'];

/** Gender and number: masculine, feminine, masculine plural, feminine plural. */
export type Gender = 'm' | 'f' | 'mp' | 'fp';

export type Localised<T> = Readonly<Record<Lang, T>>;

/** A noun phrase in the four languages, without its article, with what agreement needs. */
export interface Phrase {
  readonly text: Localised<string>;
  /** Gender and number in each language (English only uses the number). */
  readonly gender: Localised<Gender>;
  /** Whether English puts "the" before it (actors do, abstract notions do not). */
  readonly englishArticle: boolean;
}

const GENDER_CODES = new Set<string>(['m', 'f', 'mp', 'fp']);

function parseGender(code: string): Gender {
  if (!GENDER_CODES.has(code)) throw new Error(`unknown gender code ${JSON.stringify(code)}`);
  return code as Gender;
}

/**
 * Writes a phrase compactly: `genders` is one code for French, Spanish and Portuguese ("f"), or
 * three separated by spaces ("m f m"), optionally a fourth for English number ("f f f p" makes
 * the English form plural, "fp fp fp s" singular). English otherwise follows the French number.
 */
export function phrase(genders: string, fr: string, en: string, es: string, pt: string, englishArticle = false): Phrase {
  const codes = genders.trim().split(/\s+/);
  const frGender = parseGender(codes[0] ?? '');
  const esGender = parseGender(codes[1] ?? codes[0] ?? '');
  const ptGender = parseGender(codes[2] ?? codes[0] ?? '');
  const englishNumber = codes[3];
  const frPlural = frGender.endsWith('p');
  const enPlural = englishNumber === undefined ? frPlural : englishNumber === 'p';
  if (englishNumber !== undefined && englishNumber !== 'p' && englishNumber !== 's') {
    throw new Error(`English number must be p or s, got ${JSON.stringify(englishNumber)}`);
  }
  return {
    text: { fr, en, es, pt },
    gender: { fr: frGender, en: enPlural ? 'mp' : 'm', es: esGender, pt: ptGender },
    englishArticle,
  };
}

export function isPlural(gender: Gender): boolean {
  return gender === 'mp' || gender === 'fp';
}

// Words before which French elides le/la/de/que; h is treated as mute except in these words.
const ASPIRATED_H = /^(hameau|handicap|haut|hausse|hiérarchie|halle|hasard|hangar|héros|honte)/i;
const FRENCH_VOWEL_START = /^[aeiouyàâäéèêëîïôöùûüœh]/i;

export function frenchElides(word: string): boolean {
  return FRENCH_VOWEL_START.test(word) && !ASPIRATED_H.test(word);
}

/** "de" before a proper name or bare noun: "de Lyon", "d'Arles". */
export function frenchDe(word: string): string {
  return frenchElides(word) ? `d'${word}` : `de ${word}`;
}

/**
 * "de" before a French place name that may carry its own article:
 * "Les Tilleuls" → "des Tilleuls", "Le Moulin" → "du Moulin", "La Gare" → "de la Gare".
 */
export function frenchDeName(name: string): string {
  if (name.startsWith('Les ')) return `des ${name.slice(4)}`;
  if (name.startsWith('Le ')) return `du ${name.slice(3)}`;
  if (name.startsWith('La ')) return `de la ${name.slice(3)}`;
  if (name.startsWith("L'")) return `de l'${name.slice(2)}`;
  return frenchDe(name);
}

const ENGLISH_VOWEL_SOUND = /^[aeiou]/i;

export function capitalise(text: string): string {
  if (text.length === 0) return text;
  const first = text.charAt(0);
  const upper = first.toUpperCase();
  return upper === first ? text : upper + text.slice(1);
}

type ArticleForm = 'def' | 'de' | 'a' | 'em' | 'un' | 'ce';

function frenchArticle(form: ArticleForm, text: string, gender: Gender): string {
  const elide = frenchElides(text);
  const plural = isPlural(gender);
  const feminine = gender === 'f' || gender === 'fp';
  switch (form) {
    case 'def':
      if (plural) return `les ${text}`;
      if (elide) return `l'${text}`;
      return feminine ? `la ${text}` : `le ${text}`;
    case 'de':
      if (plural) return `des ${text}`;
      if (elide) return `de l'${text}`;
      return feminine ? `de la ${text}` : `du ${text}`;
    case 'a':
      if (plural) return `aux ${text}`;
      if (elide) return `à l'${text}`;
      return feminine ? `à la ${text}` : `au ${text}`;
    case 'em':
      return `dans ${frenchArticle('def', text, gender)}`;
    case 'un':
      if (plural) return `des ${text}`;
      return feminine ? `une ${text}` : `un ${text}`;
    case 'ce':
      if (plural) return `ces ${text}`;
      if (feminine) return `cette ${text}`;
      return elide ? `cet ${text}` : `ce ${text}`;
  }
}

function spanishArticle(form: ArticleForm, text: string, gender: Gender): string {
  const definite = { m: 'el', f: 'la', mp: 'los', fp: 'las' }[gender];
  switch (form) {
    case 'def':
      return `${definite} ${text}`;
    case 'de':
      return gender === 'm' ? `del ${text}` : `de ${definite} ${text}`;
    case 'a':
      return gender === 'm' ? `al ${text}` : `a ${definite} ${text}`;
    case 'em':
      return `en ${definite} ${text}`;
    case 'un':
      return `${{ m: 'un', f: 'una', mp: 'unos', fp: 'unas' }[gender]} ${text}`;
    case 'ce':
      return `${{ m: 'este', f: 'esta', mp: 'estos', fp: 'estas' }[gender]} ${text}`;
  }
}

function portugueseArticle(form: ArticleForm, text: string, gender: Gender): string {
  switch (form) {
    case 'def':
      return `${{ m: 'o', f: 'a', mp: 'os', fp: 'as' }[gender]} ${text}`;
    case 'de':
      return `${{ m: 'do', f: 'da', mp: 'dos', fp: 'das' }[gender]} ${text}`;
    case 'a':
      return `${{ m: 'ao', f: 'à', mp: 'aos', fp: 'às' }[gender]} ${text}`;
    case 'em':
      return `${{ m: 'no', f: 'na', mp: 'nos', fp: 'nas' }[gender]} ${text}`;
    case 'un':
      return `${{ m: 'um', f: 'uma', mp: 'uns', fp: 'umas' }[gender]} ${text}`;
    case 'ce':
      return `${{ m: 'este', f: 'esta', mp: 'estes', fp: 'estas' }[gender]} ${text}`;
  }
}

function englishArticle(form: ArticleForm, text: string, gender: Gender, withThe: boolean): string {
  const plural = isPlural(gender);
  const definite = withThe ? `the ${text}` : text;
  switch (form) {
    case 'def':
      return definite;
    case 'de':
      return `of ${definite}`;
    case 'a':
      return `to ${definite}`;
    case 'em':
      return `in ${definite}`;
    case 'un':
      if (plural) return text;
      return ENGLISH_VOWEL_SOUND.test(text) ? `an ${text}` : `a ${text}`;
    case 'ce':
      return plural ? `these ${text}` : `this ${text}`;
  }
}

export function withArticle(lang: Lang, form: ArticleForm, value: Phrase): string {
  const text = value.text[lang];
  const gender = value.gender[lang];
  switch (lang) {
    case 'fr':
      return frenchArticle(form, text, gender);
    case 'es':
      return spanishArticle(form, text, gender);
    case 'pt':
      return portugueseArticle(form, text, gender);
    case 'en':
      return englishArticle(form, text, gender, value.englishArticle);
  }
}

// ---------------------------------------------------------------------------------------------
// Templates
// ---------------------------------------------------------------------------------------------

/** What fills a slot: a noun phrase, or a text already in the right form for each language. */
export type SlotValue = Phrase | Localised<string>;
export type Slots = Readonly<Record<string, SlotValue | undefined>>;

function isPhrase(value: SlotValue): value is Phrase {
  return 'gender' in value;
}

type Part =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'slot'; readonly slot: string; readonly form: ArticleForm | 'bare'; readonly capital: boolean }
  | { readonly kind: 'agree'; readonly slot: string; readonly forms: readonly string[] };

export interface CompiledTemplate {
  readonly parts: readonly Part[];
  /** Every slot the template uses: a template is only chosen when all of them are filled. */
  readonly slots: readonly string[];
}

const SLOT = /\{([^{}]+)\}/g;
const ARTICLE_FORMS = new Set(['def', 'de', 'a', 'em', 'un', 'ce']);

export function compileTemplate(source: string): CompiledTemplate {
  const parts: Part[] = [];
  const slots = new Set<string>();
  let last = 0;
  for (const match of source.matchAll(SLOT)) {
    const index = match.index ?? 0;
    if (index > last) parts.push({ kind: 'text', text: source.slice(last, index) });
    last = index + match[0].length;
    const body = match[1] ?? '';
    if (body.startsWith('#')) {
      const colon = body.indexOf(':');
      if (colon < 0) throw new Error(`agreement without forms in template: ${source}`);
      const slot = body.slice(1, colon);
      const forms = body.slice(colon + 1).split('|');
      if (forms.length !== 2 && forms.length !== 4) throw new Error(`agreement needs 2 or 4 forms: {${body}} in ${source}`);
      parts.push({ kind: 'agree', slot, forms });
      slots.add(slot);
      continue;
    }
    const colon = body.indexOf(':');
    const rawForm = colon < 0 ? '' : body.slice(0, colon);
    const rawSlot = colon < 0 ? body : body.slice(colon + 1);
    const capital = colon < 0 ? /^[A-Z]/.test(rawSlot) : /^[A-Z]/.test(rawForm);
    const form = rawForm.toLowerCase();
    const slot = colon < 0 ? rawSlot.charAt(0).toLowerCase() + rawSlot.slice(1) : rawSlot;
    if (form !== '' && !ARTICLE_FORMS.has(form)) throw new Error(`unknown article form {${body}} in ${source}`);
    parts.push({ kind: 'slot', slot, form: form === '' ? 'bare' : (form as ArticleForm), capital });
    slots.add(slot);
  }
  if (last < source.length) parts.push({ kind: 'text', text: source.slice(last) });
  return { parts, slots: [...slots] };
}

export type CompiledSentence = Localised<CompiledTemplate>;

/** A sentence given in the four languages, compiled; all four must use the same slots. */
export function sentence(fr: string, en: string, es: string, pt: string): CompiledSentence {
  const compiled = { fr: compileTemplate(fr), en: compileTemplate(en), es: compileTemplate(es), pt: compileTemplate(pt) };
  const reference = [...compiled.fr.slots].sort().join(',');
  for (const lang of LANGS) {
    const own = [...compiled[lang].slots].sort().join(',');
    if (own !== reference) throw new Error(`sentence uses slots {${reference}} in French but {${own}} in ${lang}: ${fr}`);
  }
  return compiled;
}

export function canRender(template: CompiledSentence | CompiledTemplate, slots: Slots): boolean {
  const needed = 'parts' in template ? template.slots : template.fr.slots;
  for (const slot of needed) if (slots[slot] === undefined) return false;
  return true;
}

// Spanish "y" becomes "e" before an /i/ sound ("y inclusión" → "e inclusión").
const SPANISH_Y_BEFORE_I = / y (?=h?[iíIÍ](?![aeouáéó]))/g;

export function render(template: CompiledTemplate, lang: Lang, slots: Slots): string {
  let out = '';
  for (const part of template.parts) {
    if (part.kind === 'text') {
      out += part.text;
      continue;
    }
    const value = slots[part.slot];
    if (value === undefined) throw new Error(`slot ${part.slot} is not filled`);
    if (part.kind === 'agree') {
      if (!isPhrase(value)) throw new Error(`slot ${part.slot} is a text: nothing to agree with`);
      const gender = value.gender[lang];
      const forms = part.forms;
      const index = forms.length === 2 ? (isPlural(gender) ? 1 : 0) : ['m', 'f', 'mp', 'fp'].indexOf(gender);
      out += forms[index] ?? '';
      continue;
    }
    let text: string;
    if (isPhrase(value)) text = part.form === 'bare' ? value.text[lang] : withArticle(lang, part.form, value);
    else if (part.form === 'bare') text = value[lang];
    else throw new Error(`slot ${part.slot} is a text: it cannot take an article`);
    out += part.capital ? capitalise(text) : text;
  }
  return lang === 'es' ? out.replace(SPANISH_Y_BEFORE_I, ' e ') : out;
}

/** Words as a reader counts them: runs of letters or digits between spaces. */
export function countWords(text: string): number {
  let count = 0;
  for (const token of text.split(/\s+/)) if (/[\p{L}\p{N}]/u.test(token)) count++;
  return count;
}
