/**
 * The synthetic atlas relationnel: descriptors at three scales, placed on the matrix, linked
 * into a lattice (broader/narrower, sometimes two broader) and to their neighbours (related).
 *
 * Labels are built top-down so the hierarchy reads right: a general descriptor is a notion
 * ("Gestion de l'eau"), an intermediate one an aspect of its parent ("Financement de la gestion
 * de l'eau"), a detailed one qualifies its parent ("… en milieu rural"). The whole atlas is held
 * in memory: it is capped at 6,000 descriptors, and the links need random access to it.
 */
import { turtleIri, turtleLiteral } from '../rdf/turtle-text.js';
import type { AtlasFrame } from './atlas-frame.js';
import { capitalise, render, withArticle, LANGS, type Lang, type Localised, type Phrase, type Slots } from './grammar.js';
import { Random } from './random.js';
import type { TurtleFileWriter } from './turtle-writer.js';
import {
  ASPECTS_BY_ANGLE, CIRCUMSTANCE_QUALIFIERS, DEFINITIONS, NOTIONS_BY_COMPONENT, WHERE_QUALIFIERS, type Aspect,
} from './vocabulary.js';

export type Scale = 'general' | 'intermediate' | 'detailed';

export interface Descriptor {
  /** 0-based; the IRI is `id/descriptor/d{index + 1}`. */
  readonly index: number;
  readonly scale: Scale;
  /** The label as a noun phrase, lower case, so that sentences can use it. */
  readonly label: Phrase;
  /**
   * The general notion it derives from ("mobilité douce" for "dialogue entre élus et techniciens
   * sur la mobilité douce"): the short form by which a text refers to it again.
   */
  readonly notion: Phrase;
  /** Whether the label already says where (so a narrower one qualifies it otherwise). */
  readonly saysWhere: boolean;
  /** Indexes into the frame's components and angles. */
  readonly components: number[];
  readonly angles: number[];
  readonly broader: number[];
  readonly narrower: number[];
  readonly related: number[];
}

export function descriptorIri(index: number): string {
  return `id/descriptor/d${index + 1}`;
}

/** Shares of the three scales (the rest is detailed). */
const GENERAL_SHARE = 0.1;
const INTERMEDIATE_SHARE = 0.4;
const SECOND_BROADER_CHANCE = 0.2;
const MIN_RELATED = 2;
const MAX_RELATED = 5;

function qualified(label: Phrase, qualifier: Localised<string>): Phrase {
  const text = {} as Record<Lang, string>;
  for (const lang of LANGS) text[lang] = `${label.text[lang]} ${qualifier[lang]}`;
  return { text, gender: label.gender, englishArticle: label.englishArticle };
}

/** "{aspect} {connector} {notion}": contracts "de"/"à" with the notion's article. */
function aspectOf(aspect: Aspect, notion: Phrase): Phrase {
  const text = {} as Record<Lang, string>;
  for (const lang of LANGS) {
    const connector = aspect.connector[lang];
    let linked: string;
    if (connector === 'de' || (lang === 'en' && connector === 'of')) linked = withArticle(lang, 'de', notion);
    else if (connector === 'à' || (lang === 'es' && connector === 'a')) linked = withArticle(lang, 'a', notion);
    else if (lang === 'pt' && connector === 'em') linked = withArticle(lang, 'em', notion);
    else if (lang !== 'en' && connector.endsWith(' de')) linked = `${connector.slice(0, -3)} ${withArticle(lang, 'de', notion)}`;
    else if (lang === 'es' && connector.endsWith(' a')) linked = `${connector.slice(0, -2)} ${withArticle(lang, 'a', notion)}`;
    else linked = `${connector} ${withArticle(lang, 'def', notion)}`;
    text[lang] = `${aspect.head.text[lang]} ${linked}`;
  }
  return { text, gender: aspect.head.gender, englishArticle: false };
}

function distinctInto(list: number[], value: number, max: number): void {
  if (list.length < max && !list.includes(value)) list.push(value);
}

/** Builds `count` descriptors (at least 10) for the frame, deterministically for the seed. */
export function buildAtlas(count: number, frame: AtlasFrame, seed: number): Descriptor[] {
  const random = Random.stream(seed, 'atlas');
  const componentIndex = new Map(frame.components.map((axis, i) => [axis.key, i]));
  const angleIndex = new Map(frame.angles.map((axis, i) => [axis.key, i]));
  for (const key of Object.keys(NOTIONS_BY_COMPONENT)) {
    if (!componentIndex.has(key)) throw new Error(`vocabulary has notions for component "${key}", absent from the atlas matrix`);
  }
  for (const key of Object.keys(ASPECTS_BY_ANGLE)) {
    if (!angleIndex.has(key)) throw new Error(`vocabulary has aspects for angle "${key}", absent from the atlas matrix`);
  }

  const generalCount = Math.max(1, Math.round(count * GENERAL_SHARE));
  const intermediateCount = Math.max(1, Math.round(count * INTERMEDIATE_SHARE));
  const detailedCount = count - generalCount - intermediateCount;
  const descriptors: Descriptor[] = [];
  const usedLabels = new Set<string>();
  const create = (scale: Scale, label: Phrase, saysWhere: boolean, components: number[], angles: number[], broader: number[]) => {
    const notion = descriptors[broader[0] ?? -1]?.notion ?? label;
    const descriptor: Descriptor = {
      index: descriptors.length, scale, label, notion, saysWhere, components, angles, broader, narrower: [], related: [],
    };
    usedLabels.add(label.text.fr);
    descriptors.push(descriptor);
    for (const parent of broader) descriptors[parent]?.narrower.push(descriptor.index);
    return descriptor;
  };
  const randomComponent = () => random.int(0, frame.components.length - 1);
  const randomAngle = () => random.int(0, frame.angles.length - 1);

  // General: every notion once, then notions qualified by where they apply.
  const notions = Object.entries(NOTIONS_BY_COMPONENT).flatMap(([key, list]) =>
    list.map((notion) => ({ component: componentIndex.get(key) ?? 0, notion })));
  random.shuffle(notions);
  for (let g = 0; g < generalCount; g++) {
    const base = notions[g % notions.length];
    if (base === undefined) throw new Error('no notions in the vocabulary');
    let label = base.notion;
    let saysWhere = false;
    if (g >= notions.length) {
      label = qualified(base.notion, random.pick(WHERE_QUALIFIERS));
      for (let attempt = 0; usedLabels.has(label.text.fr) && attempt < 50; attempt++) {
        label = qualified(base.notion, random.pick(WHERE_QUALIFIERS));
      }
      saysWhere = true;
    }
    const components = [base.component];
    if (random.chance(0.3)) distinctInto(components, randomComponent(), 2);
    const angles = [randomAngle()];
    if (random.chance(0.5)) distinctInto(angles, randomAngle(), 2);
    create('general', label, saysWhere, components, angles, []);
  }

  // Intermediate: an aspect (which brings its angle) of a general parent.
  const aspects = Object.entries(ASPECTS_BY_ANGLE).flatMap(([key, list]) =>
    list.map((aspect) => ({ angle: angleIndex.get(key) ?? 0, aspect })));
  for (let k = 0; k < intermediateCount; k++) {
    let parentIndex = k < generalCount ? k : random.int(0, generalCount - 1);
    let chosen = random.pick(aspects);
    let label = aspectOf(chosen.aspect, descriptors[parentIndex]?.label ?? notions[0]!.notion);
    for (let attempt = 0; usedLabels.has(label.text.fr) && attempt < 60; attempt++) {
      if (attempt % 10 === 9) parentIndex = random.int(0, generalCount - 1);
      chosen = random.pick(aspects);
      label = aspectOf(chosen.aspect, descriptors[parentIndex]?.label ?? notions[0]!.notion);
    }
    const parent = descriptors[parentIndex]!;
    const angles = [chosen.angle];
    if (random.chance(0.25)) distinctInto(angles, parent.angles[0] ?? 0, 2);
    const broader = [parentIndex];
    if (random.chance(SECOND_BROADER_CHANCE)) {
      const other = random.int(0, generalCount - 1);
      const sharesComponent = descriptors[other]?.components.some((c) => parent.components.includes(c)) ?? false;
      if (sharesComponent) distinctInto(broader, other, 2);
    }
    create('intermediate', label, parent.saysWhere, [...parent.components], angles, broader);
  }

  // Detailed: a qualified intermediate parent.
  const firstIntermediate = generalCount;
  for (let k = 0; k < detailedCount; k++) {
    let parentIndex = firstIntermediate + (k < intermediateCount ? k : random.int(0, intermediateCount - 1));
    const pool = () => (descriptors[parentIndex]?.saysWhere || random.chance(0.3) ? CIRCUMSTANCE_QUALIFIERS : WHERE_QUALIFIERS);
    let qualifiers = pool();
    let label = qualified(descriptors[parentIndex]!.label, random.pick(qualifiers));
    for (let attempt = 0; usedLabels.has(label.text.fr) && attempt < 60; attempt++) {
      if (attempt % 10 === 9) parentIndex = firstIntermediate + random.int(0, intermediateCount - 1);
      qualifiers = pool();
      label = qualified(descriptors[parentIndex]!.label, random.pick(qualifiers));
    }
    const parent = descriptors[parentIndex]!;
    const components = [...parent.components];
    if (random.chance(0.15)) distinctInto(components, randomComponent(), 2);
    const broader = [parentIndex];
    if (random.chance(SECOND_BROADER_CHANCE)) {
      const other = firstIntermediate + random.int(0, intermediateCount - 1);
      const neighbour = descriptors[other]!;
      if (neighbour.angles.some((a) => parent.angles.includes(a)) || neighbour.components.some((c) => components.includes(c))) {
        distinctInto(broader, other, 2);
      }
    }
    create('detailed', label, qualifiers === WHERE_QUALIFIERS || parent.saysWhere, components, [...parent.angles], broader);
  }

  linkNeighbours(descriptors, frame, random);
  return descriptors;
}

/**
 * skos:related, symmetric, each descriptor with 2 to 5 neighbours, mostly ones that share a
 * component or an angle (that is what "neighbour" means on the matrix).
 */
function linkNeighbours(descriptors: Descriptor[], frame: AtlasFrame, random: Random): void {
  const byComponent: number[][] = frame.components.map(() => []);
  const byAngle: number[][] = frame.angles.map(() => []);
  for (const d of descriptors) {
    for (const c of d.components) byComponent[c]?.push(d.index);
    for (const a of d.angles) byAngle[a]?.push(d.index);
  }
  const canLink = (a: Descriptor, b: Descriptor | undefined): b is Descriptor =>
    b !== undefined && b !== a && b.related.length < MAX_RELATED && !a.related.includes(b.index)
    && !a.broader.includes(b.index) && !a.narrower.includes(b.index);
  const link = (a: Descriptor, b: Descriptor) => {
    a.related.push(b.index);
    b.related.push(a.index);
  };
  for (const descriptor of descriptors) {
    const target = random.int(MIN_RELATED, MAX_RELATED);
    for (let attempt = 0; descriptor.related.length < target && attempt < 40; attempt++) {
      let candidate: number;
      if (random.chance(0.8)) {
        const list = random.chance(0.5)
          ? byComponent[random.pick(descriptor.components)]
          : byAngle[random.pick(descriptor.angles)];
        candidate = list === undefined || list.length === 0 ? random.int(0, descriptors.length - 1) : random.pick(list);
      } else {
        candidate = random.int(0, descriptors.length - 1);
      }
      const other = descriptors[candidate];
      if (canLink(descriptor, other)) link(descriptor, other);
    }
    // Rare: the random tries kept hitting full or linked descriptors. Scan for any free one.
    if (descriptor.related.length < MIN_RELATED) {
      const start = random.int(0, descriptors.length - 1);
      for (let step = 0; step < descriptors.length && descriptor.related.length < MIN_RELATED; step++) {
        const other = descriptors[(start + step) % descriptors.length];
        if (canLink(descriptor, other)) link(descriptor, other);
      }
    }
  }
}

const ENGLISH_LEADING_ARTICLE = /^the /;

function prefLabel(label: Phrase, lang: Lang): string {
  const text = lang === 'en' ? label.text.en.replace(ENGLISH_LEADING_ARTICLE, '') : label.text[lang];
  return turtleLiteral(capitalise(text), { lang });
}

/** Writes the descriptors; labels in English and Spanish and definitions are drawn per descriptor. */
export function writeAtlas(writer: TurtleFileWriter, descriptors: readonly Descriptor[], frame: AtlasFrame, seed: number): void {
  const scheme = turtleIri(frame.atlasScheme);
  const axisText = (label: { fr: string; en: string }): Localised<string> => ({ fr: label.fr, en: label.en, es: label.en, pt: label.fr });
  for (const descriptor of descriptors) {
    const random = Random.stream(seed, 'descriptor', descriptor.index);
    const labels = [prefLabel(descriptor.label, 'fr')];
    if (random.chance(0.7)) labels.push(prefLabel(descriptor.label, 'en'));
    if (random.chance(0.3)) labels.push(prefLabel(descriptor.label, 'es'));

    const angle = frame.angles[descriptor.angles[0] ?? 0]!;
    const component = frame.components[descriptor.components[0] ?? 0]!;
    const parent = descriptors[descriptor.broader[0] ?? -1];
    const template = parent === undefined ? DEFINITIONS.general : DEFINITIONS.narrower;
    const slots: Slots = {
      theme: descriptor.label, angle: axisText(angle.label), component: axisText(component.label), parent: parent?.label,
    };
    const definitions: string[] = [];
    if (random.chance(0.8)) definitions.push(turtleLiteral(capitalise(render(template.fr, 'fr', slots)), { lang: 'fr' }));
    if (random.chance(0.5)) definitions.push(turtleLiteral(capitalise(render(template.en, 'en', slots)), { lang: 'en' }));

    writer.subject(turtleIri(descriptorIri(descriptor.index)), 'citego:Descriptor')
      .values('skos:prefLabel', labels)
      .values('skos:definition', definitions)
      .property('skos:inScheme', scheme);
    if (descriptor.scale === 'general') writer.property('skos:topConceptOf', scheme);
    writer.property('citego:scale', turtleIri(frame.scales[descriptor.scale]))
      .values('citego:component', descriptor.components.map((c) => turtleIri(frame.components[c]!.iri)))
      .values('citego:angle', descriptor.angles.map((a) => turtleIri(frame.angles[a]!.iri)))
      .values('skos:broader', descriptor.broader.map((b) => turtleIri(descriptorIri(b))))
      .values('skos:narrower', descriptor.narrower.map((n) => turtleIri(descriptorIri(n))))
      .values('skos:related', descriptor.related.map((r) => turtleIri(descriptorIri(r))))
      .end();
  }
}
