/**
 * Actors: organisations of the seven families, persons, the roles scheme and memberships.
 *
 * Organisations come first in the numbering (a1 … aO), then persons (aO+1 …). Nothing per actor
 * is kept in memory: each one is drawn from its own random stream, so a person can be drawn
 * again when needed (for the memberships, written after all persons, and for a dossier
 * coordinator's name) and comes out the same.
 */
import { turtleIri, turtleLiteral } from '../rdf/turtle-text.js';
import type { Descriptor } from './atlas.js';
import { capitalise, frenchDeName, render } from './grammar.js';
import type { Place } from './places.js';
import { placeIri } from './places.js';
import { Random, SkewedChooser } from './random.js';
import type { TurtleFileWriter } from './turtle-writer.js';
import {
  NAME_POOLS, NAME_POOL_WEIGHTS, ORGANISATION_DESCRIPTIONS, ORGANISATION_FAMILIES, ORGANISATION_FAMILY_WEIGHTS,
  ORGANISATION_NAME_PATTERNS, ORGANISATION_TOPICS, ROLES, type OrganisationFamily,
} from './vocabulary.js';

export const ROLE_SCHEME = 'id/scheme/roles';
/** Popularity of organisations among members and partners: a few networks are everywhere. */
const ORGANISATION_POPULARITY_EXPONENT = 0.8;
const MEMBERSHIP_COUNT_WEIGHTS: readonly (readonly [number, number])[] = [[0, 50], [1, 42], [2, 8]];
/** Share of memberOf links that are also described as an org:Membership with a role. */
const DESCRIBED_MEMBERSHIP_CHANCE = 0.4;
const MIXED_NAME_CHANCE = 0.1;

export function roleIri(slug: string): string {
  return `id/role/${slug}`;
}

export interface PersonName {
  readonly given: string;
  readonly family: string;
}

/** A given and a family name, mostly from one tradition, sometimes mixed. */
export function drawPersonName(random: Random): PersonName {
  const tradition = random.weighted(NAME_POOL_WEIGHTS);
  const given = random.pick(NAME_POOLS[tradition].given);
  const familyTradition = random.chance(MIXED_NAME_CHANCE) ? random.weighted(NAME_POOL_WEIGHTS) : tradition;
  return { given, family: random.pick(NAME_POOLS[familyTradition].family) };
}

export interface PersonRecord extends PersonName {
  /** Organisations the person is a member of (indexes among organisations). */
  readonly organisations: readonly number[];
  /** For each of those, the index of the role in a described membership, or -1 if none. */
  readonly roles: readonly number[];
}

export class ActorDirectory {
  readonly organisationPopularity: SkewedChooser;

  constructor(readonly organisations: number, readonly persons: number, private readonly seed: number) {
    this.organisationPopularity = new SkewedChooser(organisations, ORGANISATION_POPULARITY_EXPONENT, Random.stream(seed, 'organisation-popularity'));
  }

  organisationIri(index: number): string {
    return `id/actor/a${index + 1}`;
  }

  personIri(index: number): string {
    return `id/actor/a${this.organisations + index + 1}`;
  }

  person(index: number): PersonRecord {
    const random = Random.stream(this.seed, 'person', index);
    const name = drawPersonName(random);
    const organisations = this.organisationPopularity.chooseDistinct(random, random.weighted(MEMBERSHIP_COUNT_WEIGHTS));
    const roles = organisations.map(() => (random.chance(DESCRIBED_MEMBERSHIP_CHANCE) ? random.int(0, ROLES.length - 1) : -1));
    return { ...name, organisations, roles };
  }
}

interface PlacesByKind {
  readonly cities: readonly Place[];
  readonly communes: readonly Place[];
  readonly quarters: readonly Place[];
}

function locationFor(family: OrganisationFamily, places: PlacesByKind, random: Random): Place {
  const { cities, communes, quarters } = places;
  const choices: (readonly [readonly Place[], number])[] = family === 'LocalAuthority'
    ? [[communes, 75], [cities, 25]]
    : family === 'Association'
      ? [[quarters, 40], [communes, 30], [cities, 30]]
      : [[cities, 50], [communes, 50]];
  const list = random.weighted(choices.filter(([list]) => list.length > 0));
  return random.pick(list);
}

function organisationName(family: OrganisationFamily, place: Place, random: Random): string {
  const patterns = ORGANISATION_NAME_PATTERNS[family].filter((pattern) => {
    // A neighbourhood has no town hall and no university: only associations name themselves after it.
    if (place.kind === 'quarter' && family !== 'Association') return !pattern.includes('@');
    if (pattern.startsWith('Métropole')) return place.kind === 'city';
    if (pattern.startsWith('Comité de quartier')) return place.kind === 'quarter';
    return true;
  });
  const pattern = random.pick(patterns.length > 0 ? patterns : ORGANISATION_NAME_PATTERNS[family]);
  return pattern
    .replace(/ de @/, ` ${frenchDeName(place.shortName)}`)
    .replace('@', place.shortName)
    .replace('{topic}', random.pick(ORGANISATION_TOPICS))
    .replace('{family}', () => drawPersonName(random).family);
}

export function writeRoles(writer: TurtleFileWriter): void {
  writer.write('# --- Roles held in organisations\n\n');
  writer.subject(turtleIri(ROLE_SCHEME), 'skos:ConceptScheme')
    .property('skos:prefLabel', turtleLiteral('Rôles dans les organisations', { lang: 'fr' }), turtleLiteral('Roles in organisations', { lang: 'en' }))
    .end();
  for (const role of ROLES) {
    writer.subject(turtleIri(roleIri(role.slug)), 'org:Role')
      .property('skos:inScheme', turtleIri(ROLE_SCHEME))
      .property('skos:prefLabel', turtleLiteral(role.fr, { lang: 'fr' }), turtleLiteral(role.en, { lang: 'en' }))
      .end();
  }
}

export function writeOrganisations(
  writer: TurtleFileWriter, directory: ActorDirectory, places: readonly Place[], descriptors: readonly Descriptor[], seed: number,
): void {
  writer.write('# --- Organisations\n\n');
  const byKind: PlacesByKind = {
    cities: places.filter((p) => p.kind === 'city'),
    communes: places.filter((p) => p.kind === 'commune'),
    quarters: places.filter((p) => p.kind === 'quarter'),
  };
  const familyChoices = ORGANISATION_FAMILIES.map((family) => [family, ORGANISATION_FAMILY_WEIGHTS[family]] as const);
  // Names must be unique; the set is the only per-organisation state (tens of bytes each).
  const usedNames = new Set<string>();
  for (let index = 0; index < directory.organisations; index++) {
    const random = Random.stream(seed, 'organisation', index);
    const family = random.weighted(familyChoices);
    let place = locationFor(family, byKind, random);
    let name = organisationName(family, place, random);
    for (let attempt = 0; usedNames.has(name) && attempt < 12; attempt++) {
      place = locationFor(family, byKind, random);
      name = organisationName(family, place, random);
    }
    if (usedNames.has(name)) name = `${name} (${index + 1})`;
    usedNames.add(name);
    const theme = random.pick(descriptors).label;
    let theme2 = random.pick(descriptors).label;
    if (theme2 === theme) theme2 = (descriptors[0] ?? random.pick(descriptors)).label;
    const description = render(ORGANISATION_DESCRIPTIONS[family].fr, 'fr', { theme, theme2, place: place.mention });
    writer.subject(turtleIri(directory.organisationIri(index)), `citego:${family}`)
      .property('foaf:name', turtleLiteral(name))
      .property('dct:description', turtleLiteral(capitalise(description), { lang: 'fr' }))
      .property('schema:location', turtleIri(placeIri(place.index)))
      .end();
  }
}

export function writePersons(writer: TurtleFileWriter, directory: ActorDirectory): void {
  writer.write('# --- Persons\n\n');
  for (let index = 0; index < directory.persons; index++) {
    const person = directory.person(index);
    writer.subject(turtleIri(directory.personIri(index)), 'foaf:Person')
      .property('foaf:name', turtleLiteral(`${person.given} ${person.family}`))
      .property('foaf:givenName', turtleLiteral(person.given))
      .property('foaf:familyName', turtleLiteral(person.family))
      .values('org:memberOf', person.organisations.map((o) => turtleIri(directory.organisationIri(o))))
      .end();
  }
}

/** Second pass over persons: their described memberships, numbered m1, m2… in person order. */
export function writeMemberships(writer: TurtleFileWriter, directory: ActorDirectory): void {
  writer.write('# --- Memberships\n\n');
  let number = 0;
  for (let index = 0; index < directory.persons; index++) {
    const person = directory.person(index);
    person.organisations.forEach((organisation, k) => {
      const role = ROLES[person.roles[k] ?? -1];
      if (role === undefined) return;
      number++;
      writer.subject(turtleIri(`id/membership/m${number}`), 'org:Membership')
        .property('org:member', turtleIri(directory.personIri(index)))
        .property('org:organization', turtleIri(directory.organisationIri(organisation)))
        .property('org:role', turtleIri(roleIri(role.slug)))
        .end();
    });
  }
}
