/**
 * Places: the real countries and cities of the gazetteer at the top (with owl:sameAs to
 * Wikidata), then synthetic areas, communes and neighbourhoods contained in them, named in the
 * country's own tradition and located near their parent. Parents always come before children,
 * so the file reads top-down and every schema:containedInPlace points backwards.
 *
 * Each place keeps, for the sentences that mention it, how each language says "in <place>".
 */
import { turtleIri, turtleLiteral } from '../rdf/turtle-text.js';
import {
  REAL_CITIES, REAL_COUNTRIES, WIKIDATA_ENTITY, FRENCH_PAYS_NAMES, PLACE_NAME_PARTS, type Inland, type NamingTradition,
} from './gazetteer.js';
import { frenchDe, frenchDeName, type Localised } from './grammar.js';
import { Random } from './random.js';
import type { TurtleFileWriter } from './turtle-writer.js';

export type PlaceKind = 'country' | 'city' | 'region' | 'pays' | 'bassin' | 'commune' | 'quarter';

export interface Place {
  /** 0-based; the IRI is `id/place/p{index + 1}`. */
  readonly index: number;
  readonly kind: PlaceKind;
  readonly labels: Partial<Localised<string>> & { readonly fr: string };
  readonly lat: number;
  readonly long: number;
  /** Index of the containing place, or -1 for countries. */
  readonly parent: number;
  /** Index of the country (in the places list). */
  readonly country: number;
  readonly wikidata?: string;
  /** "à Lyon", "in Lyon", "en Lyon", "em Lyon": how sentences place something here. */
  readonly mention: Localised<string>;
  /** Name as organisations use it: "Ville de {name}", "Association des habitants {de name}". */
  readonly shortName: string;
  readonly tradition: NamingTradition;
  /** Inherited from a coastal city: the directions in which places around it may be drawn. */
  readonly inland?: Inland;
}

export function placeIri(index: number): string {
  return `id/place/p${index + 1}`;
}

export const REAL_PLACE_COUNT = REAL_COUNTRIES.length + REAL_CITIES.length;

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** Builds `count` places (the real ones first; `count` below that keeps them all). */
export function buildPlaces(count: number, seed: number): Place[] {
  const random = Random.stream(seed, 'places');
  const places: Place[] = [];
  const countryIndex = new Map<string, number>();
  for (const country of REAL_COUNTRIES) {
    countryIndex.set(country.key, places.length);
    places.push({
      index: places.length, kind: 'country', labels: country.name, lat: country.lat, long: country.long, parent: -1,
      country: places.length, wikidata: country.wikidata, mention: country.inPhrase, shortName: country.name.fr,
      tradition: country.tradition,
    });
  }
  const citiesOf = new Map<number, number[]>();
  for (const city of REAL_CITIES) {
    const country = countryIndex.get(city.country);
    if (country === undefined) throw new Error(`gazetteer: city ${city.key} in unknown country ${city.country}`);
    const list = citiesOf.get(country) ?? [];
    list.push(places.length);
    citiesOf.set(country, list);
    places.push({
      index: places.length, kind: 'city', labels: city.name, lat: city.lat, long: city.long, parent: country, country,
      wikidata: city.wikidata, shortName: city.name.fr, tradition: places[country]!.tradition, ...(city.inland ? { inland: city.inland } : {}),
      mention: { fr: `à ${city.name.fr}`, en: `in ${city.name.en}`, es: `en ${city.name.es}`, pt: `em ${city.name.pt}` },
    });
  }

  const synthetic = Math.max(0, count - places.length);
  const areaCount = Math.round(synthetic * 0.14);
  const communeCount = Math.round(synthetic * 0.36);
  const quarterCount = synthetic - areaCount - communeCount;
  const countryChoices = REAL_COUNTRIES.map((c) => [countryIndex.get(c.key) ?? 0, c.weight] as const);
  const areasOf = new Map<number, number[]>();
  const communesOf = new Map<number, number[]>();
  const usedNames = new Set<string>();

  // A point around the anchor, on its landward side if it is on a coast.
  const near = (anchor: Place, spread: number) => {
    const offset = (sign: 1 | -1 | undefined) => (sign === undefined ? random.float() * 2 - 1 : sign * random.float()) * spread;
    return {
      lat: clamp(anchor.lat + offset(anchor.inland?.lat), -89.9, 89.9),
      long: clamp(anchor.long + offset(anchor.inland?.long), -179.9, 179.9),
      ...(anchor.inland ? { inland: anchor.inland } : {}),
    };
  };
  const settlementName = (tradition: NamingTradition): string => {
    const parts = PLACE_NAME_PARTS[tradition];
    let name = '';
    for (let attempt = 0; attempt < 8; attempt++) {
      name = random.pick(parts.stems) + random.pick(parts.suffixes);
      if (!usedNames.has(`${tradition}|${name}`)) break;
    }
    usedNames.add(`${tradition}|${name}`);
    return name;
  };
  const add = (place: Omit<Place, 'index'>, registry: Map<number, number[]>) => {
    const list = registry.get(place.country) ?? [];
    list.push(places.length);
    registry.set(place.country, list);
    places.push({ ...place, index: places.length });
  };

  for (let k = 0; k < areaCount; k++) {
    const country = random.weighted(countryChoices);
    const tradition = places[country]!.tradition;
    const anchor = places[random.pick(citiesOf.get(country) ?? [country])]!;
    const base = { ...near(anchor, 0.8), parent: country, country, tradition };
    if (country === countryIndex.get('france') && random.chance(0.5)) {
      const core = random.chance(0.6) ? random.pick(FRENCH_PAYS_NAMES) : settlementName('french');
      const label = `Pays ${frenchDeName(core)}`;
      add({ ...base, kind: 'pays', labels: { fr: label }, shortName: label,
        mention: { fr: `dans le pays ${frenchDeName(core)}`, en: `in the ${label} area`, es: `en el ${label}`, pt: `no ${label}` } }, areasOf);
    } else if (country === countryIndex.get('france')) {
      const name = settlementName('french');
      add({ ...base, kind: 'bassin', shortName: name,
        labels: random.chance(0.3) ? { fr: `Bassin de vie ${frenchDe(name)}`, en: `${name} catchment area` } : { fr: `Bassin de vie ${frenchDe(name)}` },
        mention: { fr: `dans le bassin de vie ${frenchDe(name)}`, en: `in the ${name} catchment area`,
          es: `en la zona de influencia de ${name}`, pt: `na área de influência de ${name}` } }, areasOf);
    } else {
      const name = settlementName(tradition);
      add({ ...base, kind: 'region', shortName: name,
        labels: random.chance(0.3) ? { fr: `Région ${frenchDe(name)}`, en: `${name} region` } : { fr: `Région ${frenchDe(name)}` },
        mention: { fr: `dans la région ${frenchDe(name)}`, en: `in the ${name} region`, es: `en la región de ${name}`, pt: `na região de ${name}` } },
      areasOf);
    }
  }

  for (let k = 0; k < communeCount; k++) {
    const country = random.weighted(countryChoices);
    const tradition = places[country]!.tradition;
    const areas = areasOf.get(country);
    const inArea = areas !== undefined && random.chance(0.5);
    const parent = inArea ? random.pick(areas) : country;
    const anchor = inArea ? places[parent]! : places[random.pick(citiesOf.get(country) ?? [country])]!;
    const name = settlementName(tradition);
    add({ kind: 'commune', ...near(anchor, inArea ? 0.3 : 0.7), parent, country, tradition,
      labels: random.chance(0.3) ? { fr: name, en: name } : { fr: name }, shortName: name,
      mention: { fr: `à ${name}`, en: `in ${name}`, es: `en ${name}`, pt: `em ${name}` } }, communesOf);
  }

  const quartersOf = new Set<string>();
  for (let k = 0; k < quarterCount; k++) {
    const country = random.weighted(countryChoices);
    const tradition = places[country]!.tradition;
    const communes = communesOf.get(country);
    const cities = citiesOf.get(country) ?? [country];
    const parent = communes !== undefined && random.chance(0.45) ? random.pick(communes) : random.pick(cities);
    const parentPlace = places[parent]!;
    let core = random.pick(PLACE_NAME_PARTS[tradition].quarters);
    for (let attempt = 0; quartersOf.has(`${parent}|${core}`) && attempt < 8; attempt++) {
      core = random.pick(PLACE_NAME_PARTS[tradition].quarters);
    }
    if (quartersOf.has(`${parent}|${core}`)) core = `${core} ${random.pick(['Nord', 'Sud', 'Est', 'Ouest', 'Haut', 'Bas'])}`;
    quartersOf.add(`${parent}|${core}`);
    // French names with an article contract ("Quartier des Tilleuls"); others stay as they are.
    const inFrench = tradition === 'french' && frenchDeName(core) !== frenchDe(core) ? frenchDeName(core) : core;
    const parentName = (lang: keyof Localised<string>) => parentPlace.labels[lang] ?? parentPlace.labels.fr;
    places.push({
      index: places.length, kind: 'quarter', ...near(parentPlace, 0.03), parent, country, tradition,
      labels: random.chance(0.3) ? { fr: `Quartier ${inFrench}`, en: `${core} neighbourhood` } : { fr: `Quartier ${inFrench}` },
      shortName: core,
      mention: {
        fr: `dans le quartier ${inFrench}, à ${parentName('fr')}`,
        en: `in ${core}, a neighbourhood of ${parentName('en')}`,
        es: `en ${core}, un barrio de ${parentName('es')}`,
        pt: `em ${core}, um bairro de ${parentName('pt')}`,
      },
    });
  }
  return places;
}

export function writePlaces(writer: TurtleFileWriter, places: readonly Place[]): void {
  for (const place of places) {
    const labels: string[] = [turtleLiteral(place.labels.fr, { lang: 'fr' })];
    for (const lang of ['en', 'es', 'pt'] as const) {
      const label = place.labels[lang];
      if (label !== undefined) labels.push(turtleLiteral(label, { lang }));
    }
    writer.subject(turtleIri(placeIri(place.index)), 'dct:Location')
      .values('skos:prefLabel', labels)
      .property('geo:lat', place.lat.toFixed(4))
      .property('geo:long', place.long.toFixed(4));
    if (place.parent >= 0) writer.property('schema:containedInPlace', turtleIri(placeIri(place.parent)));
    if (place.wikidata !== undefined) writer.property('owl:sameAs', turtleIri(`${WIKIDATA_ENTITY}${place.wikidata}`));
    writer.end();
  }
}
