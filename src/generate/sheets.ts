/**
 * Thematic dossiers and the sheets (fiches) of the fonds documentaire.
 *
 * The sheets are numbered in publication order. The first 70% are the dossier era (2005–2015):
 * they come in contiguous blocks, one per dossier, each opened by its introduction sheet, as
 * dossiers were published; the rest are atlas-era sheets (2016–2025) that belong to no dossier.
 * That layout lets a sheet know its dossier from its number alone, so sheets are generated and
 * written one at a time, each from its own random stream, with nothing kept per sheet.
 */
import { turtleIri, turtleLiteral } from '../rdf/turtle-text.js';
import type { ActorDirectory } from './actors.js';
import { drawPersonName } from './actors.js';
import { descriptorIri, type Descriptor } from './atlas.js';
import { canRender, capitalise, countWords, render, type CompiledSentence, type Lang, type Localised, type Slots } from './grammar.js';
import { placeIri, type Place } from './places.js';
import { Random, SkewedChooser } from './random.js';
import type { TurtleFileWriter } from './turtle-writer.js';
import {
  ACTORS, BODIES, CLOSINGS, COUNT_WORDS, DEVICES, DOSSIER_DESCRIPTIONS, DOSSIER_TITLES, OPENINGS, PUBLISHERS, PUBLISHER_CITIES,
  RESOURCE_KINDS, RESOURCE_SUBTITLES, TITLES, type SheetKind,
} from './vocabulary.js';

/** Share of the sheets published in the dossier era. */
export const DOSSIER_ERA_SHARE = 0.7;
export const MIN_ABSTRACT_WORDS = 80;
export const MAX_ABSTRACT_WORDS = 250;

/** Zipf exponents of popularity: descriptors as the brief measures them, the rest milder. */
const DESCRIPTOR_POPULARITY_EXPONENT = 1.1;
const PLACE_POPULARITY_EXPONENT = 1.0;
const PERSON_POPULARITY_EXPONENT = 0.6;

const KIND_WEIGHTS: readonly (readonly [SheetKind, number])[] = [
  ['ExperienceRecord', 45], ['Analysis', 22], ['Proposal', 12], ['ResourceSheet', 15],
];
const SUBJECT_COUNT_WEIGHTS: readonly (readonly [number, number])[] = [[2, 55], [3, 25], [4, 11], [5, 5], [6, 4]];
const CREATOR_COUNT_WEIGHTS: readonly (readonly [number, number])[] = [[1, 80], [2, 16], [3, 4]];
const PARTNER_COUNT_WEIGHTS: readonly (readonly [number, number])[] = [[0, 62], [1, 31], [2, 7]];
const SECOND_PLACE_CHANCE = 0.12;
const DOSSIER_CORE_SUBJECT_CHANCE = 0.55;
/** Chances of an abstract in each language besides French (the title follows). */
const ABSTRACT_LANGUAGE_CHANCES: readonly (readonly [Lang, number])[] = [['en', 0.45], ['es', 0.2], ['pt', 0.05]];
/** Chance of an English title on a sheet without an English abstract (so ~50% have one). */
const EXTRA_ENGLISH_TITLE_CHANCE = 0.09;
const MODIFIED_CHANCE = 0.12;
const RELATION_CHANCE = 0.06;
const RESOURCE_YEAR_ONLY_CHANCE = 0.3;
const RESOURCE_LINK_CHANCE = 0.4;
const ENGLISH_CITATION_CHANCE = 0.25;

const LANGUAGE_CODES: Localised<string> = { fr: 'lang:FRA', en: 'lang:ENG', es: 'lang:SPA', pt: 'lang:POR' };
const LANG_ORDER: readonly Lang[] = ['fr', 'en', 'es', 'pt'];

const DAY = 86_400_000;
const DOSSIER_ERA = { start: Date.UTC(2005, 0, 1), end: Date.UTC(2015, 11, 31) };
const ATLAS_ERA = { start: Date.UTC(2016, 0, 1), end: Date.UTC(2025, 11, 31) };
const LAST_DAY = ATLAS_ERA.end;

function isoDate(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

function same(text: string): Localised<string> {
  return { fr: text, en: text, es: text, pt: text };
}

export function sheetIri(index: number): string {
  return `id/document/s${index + 1}`;
}

export function dossierIri(index: number): string {
  return `id/dossier/x${index + 1}`;
}

export interface Dossier {
  readonly index: number;
  /** First sheet (its introduction) and one past its last sheet. */
  readonly start: number;
  readonly end: number;
  /** The descriptors the dossier is about; its sheets are often indexed by them. */
  readonly core: readonly number[];
  /** Index of the coordinating person. */
  readonly coordinator: number;
  readonly title: Localised<string>;
}

export interface SheetContext {
  readonly seed: number;
  readonly documents: number;
  readonly descriptors: readonly Descriptor[];
  readonly places: readonly Place[];
  readonly actors: ActorDirectory;
  readonly dossiers: readonly Dossier[];
  /** Number of dossier-era sheets (the blocks of the dossiers cover exactly these). */
  readonly dossierEra: number;
}

export function dossierEraSize(documents: number): number {
  return Math.round(documents * DOSSIER_ERA_SHARE);
}

/**
 * Splits the dossier-era sheets into `count` blocks of uneven sizes (real dossiers ranged from a
 * handful of sheets to several dozen), each at least one sheet: its introduction.
 */
export function planDossiers(count: number, context: Omit<SheetContext, 'dossiers'>, popularity: SkewedChooser, personPopularity: SkewedChooser): Dossier[] {
  const random = Random.stream(context.seed, 'dossiers');
  const era = context.dossierEra;
  const weights = Array.from({ length: count }, () => 0.3 + random.float() * random.float() * 3);
  const total = weights.reduce((sum, w) => sum + w, 0);
  const spare = era - count;
  const sizes = weights.map((w) => 1 + Math.floor((w / total) * spare));
  let left = era - sizes.reduce((sum, s) => sum + s, 0);
  for (let k = 0; left > 0; k = (k + 1) % count, left--) sizes[k] = (sizes[k] ?? 1) + 1;

  const dossiers: Dossier[] = [];
  let start = 0;
  for (let index = 0; index < count; index++) {
    const own = Random.stream(context.seed, 'dossier', index);
    // A dossier is about broad questions: its core descriptors are general or intermediate.
    const wanted = own.int(2, 3);
    const core: number[] = [];
    for (let attempt = 0; core.length < wanted && attempt < 500; attempt++) {
      const candidate = popularity.choose(own);
      if (context.descriptors[candidate]?.scale !== 'detailed' && !core.includes(candidate)) core.push(candidate);
    }
    popularity.chooseDistinct(own, wanted - core.length, core);
    const first = context.descriptors[core[0] ?? 0]!;
    const second = context.descriptors[core[1] ?? 0]!;
    const slots: Slots = { theme: first.label, theme2: second.notion === first.notion ? second.label : second.notion };
    const template = own.pick(DOSSIER_TITLES);
    const title = renderAll(template, slots);
    const end = start + (sizes[index] ?? 1);
    dossiers.push({ index, start, end, core, coordinator: personPopularity.choose(own), title });
    start = end;
  }
  return dossiers;
}

function renderAll(template: CompiledSentence, slots: Slots): Localised<string> {
  return {
    fr: capitalise(render(template.fr, 'fr', slots)),
    en: capitalise(render(template.en, 'en', slots)),
    es: capitalise(render(template.es, 'es', slots)),
    pt: capitalise(render(template.pt, 'pt', slots)),
  };
}

export function writeDossiers(writer: TurtleFileWriter, context: SheetContext): void {
  for (const dossier of context.dossiers) {
    const random = Random.stream(context.seed, 'dossier-text', dossier.index);
    const coordinator = context.actors.person(dossier.coordinator);
    const slots: Slots = {
      author: same(`${coordinator.given} ${coordinator.family}`),
      theme: context.descriptors[dossier.core[0] ?? 0]?.label,
      theme2: context.descriptors[dossier.core[1] ?? 0]?.label,
    };
    const description = render(random.pick(DOSSIER_DESCRIPTIONS).fr, 'fr', slots);
    const titles = [turtleLiteral(dossier.title.fr, { lang: 'fr' })];
    if (random.chance(0.6)) titles.push(turtleLiteral(dossier.title.en, { lang: 'en' }));
    if (random.chance(0.25)) titles.push(turtleLiteral(dossier.title.es, { lang: 'es' }));
    writer.subject(turtleIri(dossierIri(dossier.index)), 'citego:Dossier')
      .values('dct:title', titles)
      .property('dct:description', turtleLiteral(description, { lang: 'fr' }))
      .property('citego:coordinator', turtleIri(context.actors.personIri(dossier.coordinator)))
      .property('citego:introduction', turtleIri(sheetIri(dossier.start)))
      .end();
  }
}

export class SheetWriter {
  private readonly descriptorPopularity: SkewedChooser;
  private readonly placePopularity: SkewedChooser;
  private readonly personPopularity: SkewedChooser;

  constructor(private readonly context: SheetContext, choosers: { descriptors: SkewedChooser; places: SkewedChooser; persons: SkewedChooser }) {
    this.descriptorPopularity = choosers.descriptors;
    this.placePopularity = choosers.places;
    this.personPopularity = choosers.persons;
  }

  static popularity(context: Omit<SheetContext, 'dossiers'>): { descriptors: SkewedChooser; places: SkewedChooser; persons: SkewedChooser } {
    return {
      descriptors: new SkewedChooser(context.descriptors.length, DESCRIPTOR_POPULARITY_EXPONENT, Random.stream(context.seed, 'descriptor-popularity')),
      places: new SkewedChooser(context.places.length, PLACE_POPULARITY_EXPONENT, Random.stream(context.seed, 'place-popularity')),
      persons: new SkewedChooser(context.actors.persons, PERSON_POPULARITY_EXPONENT, Random.stream(context.seed, 'person-popularity')),
    };
  }

  /** The dossier a dossier-era sheet belongs to (binary search over the blocks). */
  private dossierOf(index: number): Dossier | undefined {
    if (index >= this.context.dossierEra) return undefined;
    const dossiers = this.context.dossiers;
    let low = 0;
    let high = dossiers.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if ((dossiers[middle]?.start ?? 0) <= index) low = middle;
      else high = middle - 1;
    }
    return dossiers[low];
  }

  /** Publication time: follows the numbering through the era, with a few weeks of jitter. */
  private issuedTime(index: number, random: Random): number {
    const inDossierEra = index < this.context.dossierEra;
    const era = inDossierEra ? DOSSIER_ERA : ATLAS_ERA;
    const position = inDossierEra ? index : index - this.context.dossierEra;
    const size = inDossierEra ? this.context.dossierEra : this.context.documents - this.context.dossierEra;
    const fraction = (position + random.float()) / Math.max(1, size);
    const jitter = random.int(-30, 30) * DAY;
    return Math.min(era.end, Math.max(era.start, era.start + Math.floor(fraction * (era.end - era.start) / DAY) * DAY + jitter));
  }

  private yearAt(index: number): number {
    // Without jitter: used to say when a dossier ran, from the numbers of its sheets.
    const inDossierEra = index < this.context.dossierEra;
    const era = inDossierEra ? DOSSIER_ERA : ATLAS_ERA;
    const size = inDossierEra ? this.context.dossierEra : this.context.documents - this.context.dossierEra;
    const position = inDossierEra ? index : index - this.context.dossierEra;
    return new Date(era.start + (position / Math.max(1, size)) * (era.end - era.start)).getUTCFullYear();
  }

  write(writer: TurtleFileWriter, index: number): void {
    const { descriptors, places, actors } = this.context;
    const random = Random.stream(this.context.seed, 'sheet', index);
    const dossier = this.dossierOf(index);
    const kind: SheetKind = dossier?.start === index ? 'DossierIntroduction' : random.weighted(KIND_WEIGHTS);

    const issuedTime = this.issuedTime(index, random);
    const issuedYear = new Date(issuedTime).getUTCFullYear();
    const yearOnly = kind === 'ResourceSheet' && random.chance(RESOURCE_YEAR_ONLY_CHANCE);
    const issued = yearOnly ? turtleLiteral(String(issuedYear), { datatypeName: 'xsd:gYear' }) : turtleLiteral(isoDate(issuedTime), { datatypeName: 'xsd:date' });
    const modified: string[] = [];
    if (random.chance(MODIFIED_CHANCE) && issuedTime + 30 * DAY < LAST_DAY) {
      const time = issuedTime + 30 * DAY + Math.floor(random.float() * ((LAST_DAY - issuedTime - 30 * DAY) / DAY)) * DAY;
      modified.push(turtleLiteral(isoDate(time), { datatypeName: 'xsd:date' }));
    }

    // Indexing: the dossier's own descriptors first when it has them, then popular ones.
    const subjects: number[] = [];
    const subjectCount = random.weighted(SUBJECT_COUNT_WEIGHTS);
    if (kind === 'DossierIntroduction' && dossier !== undefined) subjects.push(...dossier.core);
    else if (dossier !== undefined && random.chance(DOSSIER_CORE_SUBJECT_CHANCE)) subjects.push(random.pick(dossier.core));
    this.descriptorPopularity.chooseDistinct(random, Math.max(0, subjectCount - subjects.length), subjects);

    const spatial = this.placePopularity.chooseDistinct(random, random.chance(SECOND_PLACE_CHANCE) ? 2 : 1);
    const creators: number[] = kind === 'DossierIntroduction' && dossier !== undefined ? [dossier.coordinator] : [];
    this.personPopularity.chooseDistinct(random, random.weighted(CREATOR_COUNT_WEIGHTS) - creators.length, creators);
    const partners = actors.organisationPopularity.chooseDistinct(random, random.weighted(PARTNER_COUNT_WEIGHTS));
    const relation: number[] = [];
    if (index > 0 && random.chance(RELATION_CHANCE)) {
      const earliest = dossier !== undefined && dossier.start < index ? dossier.start : 0;
      relation.push(random.int(earliest, index - 1));
    }

    // Languages: French always; the title is translated wherever the abstract is.
    const abstractLangs: Lang[] = ['fr'];
    for (const [lang, chance] of ABSTRACT_LANGUAGE_CHANCES) if (random.chance(chance)) abstractLangs.push(lang);
    const titleLangs = [...abstractLangs];
    if (!titleLangs.includes('en') && random.chance(EXTRA_ENGLISH_TITLE_CHANCE)) titleLangs.push('en');
    titleLangs.sort((a, b) => LANG_ORDER.indexOf(a) - LANG_ORDER.indexOf(b));

    const resourceKind = random.pick(RESOURCE_KINDS);
    const author = drawPersonName(random);
    const year = Math.max(2000, issuedYear - random.int(1, 4));
    const publicationYear = issuedYear - random.int(0, 3);
    const actor = random.pick(ACTORS);
    let actor2 = random.pick(ACTORS);
    if (actor2 === actor) actor2 = ACTORS[(ACTORS.indexOf(actor) + 1) % ACTORS.length]!;
    const slots: Slots = {
      theme: descriptors[subjects[0] ?? 0]?.label,
      theme2: descriptors[subjects[1] ?? 0]?.label,
      actor,
      actor2,
      device: random.pick(DEVICES),
      kind: resourceKind,
      place: places[spatial[0] ?? 0]?.mention,
      placeOther: spatial[1] === undefined ? undefined : places[spatial[1]]?.mention,
      year: same(String(year)),
      year2: same(String(Math.min(issuedYear, year + random.int(1, 2)))),
      decade: same(String(Math.floor(year / 10) * 10)),
      count: same(String(random.int(3, 30))),
      count2: same(String(random.int(40, 900))),
      pubYear: same(String(publicationYear)),
      author: same(`${author.given} ${author.family}`),
      subtitle: random.pick(RESOURCE_SUBTITLES),
      countWord: random.pick(COUNT_WORDS),
      ...(dossier === undefined ? {} : {
        dossier: dossier.title,
        yearFrom: same(String(this.yearAt(dossier.start))),
        ...(kind === 'DossierIntroduction' ? { year: same(String(this.yearAt(dossier.end - 1))) } : {}),
        ...(dossier.end - dossier.start >= 4 ? { sheets: same(String(dossier.end - dossier.start - 1)) } : {}),
      }),
    };

    const titleSlots = titled(slots, descriptors, subjects);
    const titleTemplate = random.pick(TITLES[kind].filter((t) => canRender(t, titleSlots)));
    const titles = titleLangs.map((lang) => turtleLiteral(capitalise(render(titleTemplate[lang], lang, titleSlots)), { lang }));
    const abstracts = composeAbstract(kind, slots, shortened(slots, descriptors, subjects), random, abstractLangs)
      .map(([lang, text]) => turtleLiteral(text, { lang }));

    const citation: string[] = [];
    const references: string[] = [];
    if (kind === 'ResourceSheet') {
      const titleFr = capitalise(render(titleTemplate.fr, 'fr', titleSlots));
      const titleEn = capitalise(render(titleTemplate.en, 'en', titleSlots));
      const publisher = random.pick(PUBLISHERS);
      const city = random.pick(PUBLISHER_CITIES);
      let text: string;
      if (resourceKind.text.fr === 'site') text = `${titleFr}, site web, ${publisher}, ${publicationYear}.`;
      else if (random.chance(ENGLISH_CITATION_CHANCE)) text = `${author.family}, ${author.given.charAt(0)}. (${publicationYear}). "${titleEn}". ${city}: ${publisher}.`;
      else text = `${author.family}, ${author.given}, « ${titleFr} », ${city} : ${publisher}, ${publicationYear}, ${random.int(48, 420)} p.`;
      citation.push(turtleLiteral(text));
      if (random.chance(RESOURCE_LINK_CHANCE)) references.push(turtleIri(`https://ressources.example.org/${resourceKind.text.en.replace(/ /g, '-')}/${index + 1}`));
    }

    writer.subject(turtleIri(sheetIri(index)), `citego:${kind}`)
      .values('dct:title', titles)
      .values('dct:abstract', abstracts)
      .values('dct:language', abstractLangs.map((lang) => LANGUAGE_CODES[lang]))
      .property('dct:issued', issued)
      .values('dct:modified', modified)
      .values('dct:subject', subjects.map((d) => turtleIri(descriptorIri(d))))
      .values('dct:creator', creators.map((p) => turtleIri(actors.personIri(p))))
      .values('citego:partner', partners.map((o) => turtleIri(actors.organisationIri(o))))
      .values('dct:spatial', spatial.map((p) => turtleIri(placeIri(p))))
      .values('dct:isPartOf', dossier === undefined ? [] : [turtleIri(dossierIri(dossier.index))])
      .values('dct:relation', relation.map((s) => turtleIri(sheetIri(s))))
      .property('dct:source', turtleIri(`https://demo-site.example/fiche-document-${index + 1}_fr.html`))
      .values('dct:bibliographicCitation', citation)
      .values('dct:references', references)
      .end();
  }
}

/**
 * The same slots with the themes in their short form (the general notion behind each
 * descriptor), for sentences that come back to a theme already named in full.
 */
function shortened(slots: Slots, descriptors: readonly Descriptor[], subjects: readonly number[]): Slots {
  const first = descriptors[subjects[0] ?? 0];
  const second = descriptors[subjects[1] ?? 0];
  if (first === undefined || second === undefined) return slots;
  // Two descriptors of the same notion would read "le lien entre X et X": keep the second in full.
  const theme2 = second.notion === first.notion ? second.label : second.notion;
  return { ...slots, theme: first.notion === theme2 ? first.label : first.notion, theme2 };
}

/** Longest descriptor label (in French words) that a title quotes in full. */
const TITLE_LABEL_WORDS = 7;

/** Titles are short: a long descriptor label gives way to its notion. */
function titled(slots: Slots, descriptors: readonly Descriptor[], subjects: readonly number[]): Slots {
  const short = (index: number | undefined) => {
    const descriptor = descriptors[index ?? 0];
    if (descriptor === undefined) return undefined;
    return countWords(descriptor.label.text.fr) <= TITLE_LABEL_WORDS ? descriptor.label : descriptor.notion;
  };
  const theme = short(subjects[0]);
  let theme2 = short(subjects[1]);
  if (theme2 === theme) theme2 = descriptors[subjects[1] ?? 0]?.label;
  return { ...slots, theme, theme2 };
}

/** Share of the sentences after the opening that name the themes in full rather than short. */
const FULL_THEME_CHANCE = 0.35;

/**
 * An abstract of 80–250 French words: an opening, body sentences in random order until a
 * target length drawn per sheet, a closing. The other languages render the same sentence plan,
 * so they are translations of the French. The opening names the themes in full; later
 * sentences mostly use the short form, as a writer would.
 */
export function composeAbstract(kind: SheetKind, slots: Slots, shortSlots: Slots, random: Random, langs: readonly Lang[]): [Lang, string][] {
  const opening = random.pick(OPENINGS[kind].filter((t) => canRender(t, slots)));
  const closing = random.pick(CLOSINGS[kind].filter((t) => canRender(t, slots)));
  const bodies = random.shuffle(BODIES[kind].filter((t) => canRender(t, slots)));
  const target = random.int(MIN_ABSTRACT_WORDS + 10, MAX_ABSTRACT_WORDS - 30);
  const variant = () => (random.chance(FULL_THEME_CHANCE) ? slots : shortSlots);

  const plan: [CompiledSentence, Slots][] = [[opening, slots]];
  const french: string[] = [render(opening.fr, 'fr', slots)];
  const closingSlots = variant();
  const closingFr = render(closing.fr, 'fr', closingSlots);
  const closingWords = countWords(closingFr);
  let words = countWords(french[0] ?? '');
  for (const body of bodies) {
    if (words + closingWords >= target) break;
    const bodySlots = variant();
    const text = render(body.fr, 'fr', bodySlots);
    const length = countWords(text);
    if (words + length + closingWords > MAX_ABSTRACT_WORDS) continue;
    plan.push([body, bodySlots]);
    french.push(text);
    words += length;
  }
  plan.push([closing, closingSlots]);
  french.push(closingFr);

  return langs.map((lang) => [
    lang,
    lang === 'fr' ? french.join(' ') : plan.map(([sentence, own]) => render(sentence[lang], lang, own)).join(' '),
  ]);
}
