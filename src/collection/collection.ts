/**
 * The collection as readers meet it, read from the store once per version of the data: the
 * sheets with what a search filters and shows (types, titles, abstracts, languages, year, places,
 * actors, dossiers, descriptors), the atlas (descriptors placed in the matrix, their neighbours,
 * the components and angles with their colours and letters), the actors with their families and
 * memberships, the places within one another. Every figure the pages show (documents per
 * descriptor, per matrix cell, per place…) is counted here, with the version, never by a request.
 */
import { STANDARD_PREFIXES, citegoNamespaces } from '../rdf/namespaces.js';
import { valuesOf, type Facts, type Text, type Value, type Values } from './facts.js';
import type { PropertyReader } from './read.js';
import type { Store } from '../store/store.js';

const { rdf, rdfs, dct, skos, foaf, org, schema } = STANDARD_PREFIXES;

export type { Text } from './facts.js';

export interface DocumentRecord {
  /** Position in `Collection.documents`: postings and facets refer to documents by it. */
  readonly index: number;
  readonly iri: string;
  /** The document's most specific CITEGO type (ExperienceRecord, Analysis…). */
  readonly type: string;
  readonly titles: readonly Text[];
  readonly abstracts: readonly Text[];
  /** Languages of the sheet, as codes of the EU language table (FRA, ENG…). */
  readonly languages: readonly string[];
  readonly issued?: string;
  readonly year?: number;
  readonly descriptors: readonly string[];
  readonly creators: readonly string[];
  readonly partners: readonly string[];
  readonly places: readonly string[];
  readonly dossiers: readonly string[];
  /** The original page on citego.org. */
  readonly source?: string;
}

export interface DescriptorRecord {
  readonly iri: string;
  readonly labels: readonly Text[];
  readonly altLabels: readonly Text[];
  readonly components: readonly string[];
  readonly angles: readonly string[];
  readonly scale?: string;
  readonly broader: readonly string[];
  readonly narrower: readonly string[];
  readonly related: readonly string[];
  /** Indexes of the documents it indexes, ascending. */
  readonly documents: Uint32Array;
}

/** A component of a territory or an angle of approach to governance: an axis of the matrix. */
export interface AxisRecord {
  readonly iri: string;
  readonly labels: readonly Text[];
  readonly notation: string;
  readonly colour?: string;
}

export const ACTOR_FAMILIES = ['LocalAuthority', 'ProfessionalNetwork', 'EducationInstitution', 'ResearchCentre', 'Association', 'Company', 'PublicAgency'] as const;
export type ActorFamily = (typeof ACTOR_FAMILIES)[number] | 'Organization' | 'Person';

export interface ActorRecord {
  readonly iri: string;
  readonly names: readonly Text[];
  readonly family: ActorFamily;
  /** Organisations a person belongs to (org:memberOf), or an organisation is part of. */
  readonly memberOf: readonly string[];
  /** Documents written (dct:creator) or partnered (citego:partner), ascending indexes. */
  readonly documents: Uint32Array;
}

export interface PlaceRecord {
  readonly iri: string;
  readonly labels: readonly Text[];
  /** Places it lies within, directly. */
  readonly within: readonly string[];
}

export interface NamedRecord {
  readonly iri: string;
  readonly labels: readonly Text[];
}

/** The properties read from the store, one scan each. */
const citegoTerms = (citego: string) => ({
  type: `${rdf}type`, subClassOf: `${rdfs}subClassOf`, label: `${rdfs}label`,
  title: `${dct}title`, abstract: `${dct}abstract`, language: `${dct}language`, issued: `${dct}issued`, subject: `${dct}subject`,
  creator: `${dct}creator`, partner: `${citego}partner`, spatial: `${dct}spatial`, isPartOf: `${dct}isPartOf`, source: `${dct}source`,
  prefLabel: `${skos}prefLabel`, altLabel: `${skos}altLabel`, notation: `${skos}notation`, broader: `${skos}broader`, narrower: `${skos}narrower`,
  related: `${skos}related`, component: `${citego}component`, angle: `${citego}angle`, scale: `${citego}scale`, colour: `${citego}colour`,
  name: `${foaf}name`, memberOf: `${org}memberOf`, subOrganizationOf: `${org}subOrganizationOf`, containedIn: `${schema}containedInPlace`,
});

type Terms = ReturnType<typeof citegoTerms>;

const isIri = (value: Value): value is string => typeof value === 'string';
const isText = (value: Value): value is Text => typeof value !== 'string';
/** No values: one list for all the records that have none (there are hundreds of thousands). */
const NONE: readonly never[] = Object.freeze([]);
/** A property's IRIs, or its texts: the facts' own list when it holds nothing else (most do), so that a large collection is not copied value by value. */
function iris(values: Values): readonly string[] {
  if (values === undefined) return NONE;
  if (Array.isArray(values)) return values.every(isIri) ? values : values.filter(isIri);
  return isIri(values) ? [values] : NONE;
}
function texts(values: Values): readonly Text[] {
  if (values === undefined) return NONE;
  if (Array.isArray(values)) return values.every(isText) ? values : values.filter(isText);
  return isText(values) ? [values] : NONE;
}
/** The first value, as a string (an IRI or a literal's text). */
const first = (values: Values): string | undefined => {
  const value = valuesOf(values)[0];
  return value === undefined ? undefined : isIri(value) ? value : value.value;
};

/** Every class below `root` in the class hierarchy, `root` included. */
function subclassesOf(root: string, subClassOf: ReadonlyMap<string, readonly Value[]>): Set<string> {
  const found = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [sub, supers] of subClassOf) {
      if (!found.has(sub) && supers.some((s) => found.has(valueOf(s)))) {
        found.add(sub);
        grew = true;
      }
    }
  }
  return found;
}

/** An IRI, or a literal's text. */
const valueOf = (value: Value): string => (typeof value === 'string' ? value : value.value);

/** The family of actors a class stands for: one of CITEGO's families, a person or an organisation. */
function familyOf(citego: string, cls: string): ActorFamily | undefined {
  const local = cls.startsWith(citego) ? cls.slice(citego.length) : undefined;
  if (local && (ACTOR_FAMILIES as readonly string[]).includes(local)) return local as ActorFamily;
  if (cls === `${foaf}Person`) return 'Person';
  if (cls === `${org}Organization`) return 'Organization';
  return undefined;
}

/** Which family an actor of several types belongs to: CITEGO's own first. */
const FAMILY_RANK: Readonly<Record<ActorFamily, number>> = {
  ...Object.fromEntries(ACTOR_FAMILIES.map((family) => [family, 0])) as Record<(typeof ACTOR_FAMILIES)[number], number>, Person: 1, Organization: 2,
};

/**
 * Document indexes gathered in the documents' order (so ascending, a document met twice in a
 * row when an actor both wrote and partnered it), each once.
 */
function ascending(values: readonly number[]): Uint32Array {
  const list = new Uint32Array(values.length);
  let length = 0;
  for (const value of values) if (length === 0 || list[length - 1] !== value) list[length++] = value;
  return length === list.length ? list : list.slice(0, length);
}

export class Collection {
  readonly documents: readonly DocumentRecord[];
  readonly documentIndex: ReadonlyMap<string, number>;
  readonly descriptors: ReadonlyMap<string, DescriptorRecord>;
  readonly components: readonly AxisRecord[];
  readonly angles: readonly AxisRecord[];
  readonly scales: readonly AxisRecord[];
  readonly actors: ReadonlyMap<string, ActorRecord>;
  readonly places: ReadonlyMap<string, PlaceRecord>;
  readonly dossiers: ReadonlyMap<string, NamedRecord>;
  /** Labels of the ontology's classes (document types, families of actors), by class IRI. */
  readonly classLabels: ReadonlyMap<string, readonly Text[]>;
  /** The document types present, most documents first. */
  readonly documentTypes: readonly string[];
  /** The places each place lies within, transitively, itself included. */
  private readonly placeAncestry = new Map<string, readonly string[]>();

  constructor(readonly citego: string, facts: Facts, terms: Terms) {
    // Each subject's values of each property, by the property's name here.
    const place = Object.fromEntries(Object.entries(terms).map(([key, predicate]) => [key, facts.properties.indexOf(predicate)])) as Record<keyof Terms, number>;
    type Known = readonly Values[];
    const none: Known = [];
    const subjects = facts.subjects;
    const of = (iri: string): Known => subjects.get(iri) ?? none;
    const subClassOf = new Map<string, readonly Value[]>();
    const classLabels = new Map<string, readonly Text[]>();
    for (const [iri, known] of subjects) {
      const supers = known[place.subClassOf];
      if (supers !== undefined) subClassOf.set(iri, valuesOf(supers));
      const labels = known[place.label];
      if (labels !== undefined) classLabels.set(iri, texts(labels));
    }
    this.classLabels = classLabels;
    const documentClasses = subclassesOf(`${citego}Document`, subClassOf);

    // One pass over the types: sheets (typed with a subclass of citego:Document, by their most
    // specific type), the things of each kind the collection lists, and actors by family.
    const kinds = [`${citego}Descriptor`, `${citego}Component`, `${citego}GovernanceAngle`, `${citego}Scale`, `${dct}Location`, `${citego}Dossier`];
    const typed = new Map<string, string[]>(kinds.map((kind) => [kind, []]));
    const sheetTypes = new Map<string, string>();
    const families = new Map<string, ActorFamily>();
    const subclasses = new Map<string, Set<string>>();
    const below = (c: string) => {
      let found = subclasses.get(c);
      if (!found) subclasses.set(c, found = subclassesOf(c, subClassOf));
      return found;
    };
    // What each class met says of the things typed with it, found once: a subject has several types.
    const classes = new Map<string, { kind?: string[]; document: boolean; family?: ActorFamily }>();
    const classOf = (cls: string) => {
      let known = classes.get(cls);
      if (!known) classes.set(cls, known = { kind: typed.get(cls), document: documentClasses.has(cls), family: familyOf(citego, cls) });
      return known;
    };
    for (const [iri, known] of subjects) {
      const types = known[place.type];
      if (types === undefined) continue;
      // Types are a set (their order is not kept): ties are broken by the smallest IRI.
      let documentTypes: string[] | undefined;
      let family: ActorFamily | undefined;
      let familyClass = '';
      for (const value of valuesOf(types)) {
        const cls = classOf(valueOf(value));
        cls.kind?.push(iri);
        if (isIri(value) && cls.document) (documentTypes ??= []).push(value);
        // One of CITEGO's families before a person, before an organisation.
        if (cls.family && (!family || FAMILY_RANK[cls.family] < FAMILY_RANK[family] || (FAMILY_RANK[cls.family] === FAMILY_RANK[family] && valueOf(value) < familyClass))) {
          family = cls.family;
          familyClass = valueOf(value);
        }
      }
      if (documentTypes) {
        // The most specific type: one that is not a superclass of another of its types.
        const specific = documentTypes.filter((t) => !documentTypes.some((o) => o !== t && below(t).has(o)));
        sheetTypes.set(iri, (specific.length > 0 ? specific : documentTypes).reduce((a, b) => (b < a ? b : a)));
      }
      if (family) families.set(iri, family);
    }

    const typeCounts = new Map<string, number>();
    // A sheet's languages (most have one), each list made once: a collection has few.
    const languageLists = new Map<string, readonly string[]>();
    const code = (language: string) => language.slice(language.lastIndexOf('/') + 1);
    const languagesOf = (languages: readonly string[]): readonly string[] => {
      if (languages.length !== 1) return languages.map(code);
      let list = languageLists.get(languages[0]!);
      if (!list) languageLists.set(languages[0]!, list = Object.freeze([code(languages[0]!)]));
      return list;
    };
    // IRIs in the order of their UTF-16 code units: sort()'s own, without a function called at each comparison.
    this.documents = [...sheetTypes.keys()].sort().map((iri, index): DocumentRecord => {
      const type = sheetTypes.get(iri)!;
      typeCounts.set(type, (typeCounts.get(type) ?? 0) + 1);
      const known = of(iri);
      const date = first(known[place.issued]);
      const year = date && /^\d{4}/.test(date) ? Number(date.slice(0, 4)) : undefined;
      return {
        index, iri, type, titles: texts(known[place.title]), abstracts: texts(known[place.abstract]),
        languages: languagesOf(iris(known[place.language])),
        issued: date, year, descriptors: iris(known[place.subject]), creators: iris(known[place.creator]), partners: iris(known[place.partner]),
        places: iris(known[place.spatial]), dossiers: iris(known[place.isPartOf]), source: iris(known[place.source])[0],
      };
    });
    this.documentIndex = new Map(this.documents.map((d) => [d.iri, d.index]));
    this.documentTypes = [...typeCounts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([t]) => t);

    // The atlas.
    const postings = new Map<string, number[]>();
    const actorDocuments = new Map<string, number[]>();
    const add = (map: Map<string, number[]>, key: string, index: number) => {
      const list = map.get(key);
      if (list) list.push(index);
      else map.set(key, [index]);
    };
    for (const d of this.documents) {
      for (const descriptor of d.descriptors) add(postings, descriptor, d.index);
      for (const actor of d.creators) add(actorDocuments, actor, d.index);
      for (const actor of d.partners) add(actorDocuments, actor, d.index);
    }
    const ofKind = (cls: string) => [...new Set(typed.get(cls))].sort();
    this.descriptors = new Map(ofKind(`${citego}Descriptor`).map((iri) => {
      const known = of(iri);
      return [iri, {
        iri, labels: texts(known[place.prefLabel]), altLabels: texts(known[place.altLabel]),
        components: iris(known[place.component]), angles: iris(known[place.angle]), scale: iris(known[place.scale])[0],
        broader: iris(known[place.broader]), narrower: iris(known[place.narrower]), related: iris(known[place.related]),
        documents: ascending(postings.get(iri) ?? []),
      }];
    }));
    const axis = (cls: string): AxisRecord[] => ofKind(cls).map((iri) => ({
      iri, labels: texts(of(iri)[place.prefLabel]), notation: first(of(iri)[place.notation]) ?? '', colour: first(of(iri)[place.colour]),
    })).sort((a, b) => a.notation.localeCompare(b.notation, 'en', { numeric: true }) || a.iri.localeCompare(b.iri));
    this.components = axis(`${citego}Component`);
    this.angles = axis(`${citego}GovernanceAngle`);
    this.scales = axis(`${citego}Scale`);

    // Actors: persons and organisations of every family.
    this.actors = new Map([...families.keys()].sort().map((iri) => {
      const known = of(iri);
      return [iri, {
        iri, family: families.get(iri)!, names: [...texts(known[place.name]), ...texts(known[place.prefLabel])],
        memberOf: [...iris(known[place.memberOf]), ...iris(known[place.subOrganizationOf])],
        documents: ascending(actorDocuments.get(iri) ?? []),
      }];
    }));
    this.places = new Map(ofKind(`${dct}Location`).map((iri) => [iri, { iri, labels: texts(of(iri)[place.prefLabel]), within: iris(of(iri)[place.containedIn]) }]));
    this.dossiers = new Map(ofKind(`${citego}Dossier`).map((iri) => [iri, { iri, labels: texts(of(iri)[place.title]) }]));
  }

  /** The properties a collection is read from. */
  static predicates(citego: string): string[] {
    return Object.values(citegoTerms(citego));
  }

  static async read(store: Store, reader: PropertyReader, baseIRI: string, onRead?: (done: number, total: number) => void): Promise<Collection> {
    const { citego } = citegoNamespaces(baseIRI);
    return Collection.of(baseIRI, await reader.all(store, Collection.predicates(citego), onRead));
  }

  /** The collection of the facts read, from the store or from the build. */
  static of(baseIRI: string, facts: Facts): Collection {
    const { citego } = citegoNamespaces(baseIRI);
    return new Collection(citego, facts, citegoTerms(citego));
  }

  /** A place and every place it lies within, nearest first. */
  placeAndAncestors(place: string): readonly string[] {
    let found = this.placeAncestry.get(place);
    if (!found) {
      const seen = [place];
      for (let i = 0; i < seen.length; i++) {
        for (const parent of this.places.get(seen[i]!)?.within ?? []) if (!seen.includes(parent)) seen.push(parent);
      }
      found = seen;
      this.placeAncestry.set(place, found);
    }
    return found;
  }

  /** The names of anything the collection knows, in every language it has them. */
  labels(iri: string): readonly Text[] {
    const document = this.documentIndex.get(iri);
    if (document !== undefined) return this.documents[document]!.titles;
    return this.descriptors.get(iri)?.labels ?? this.actors.get(iri)?.names ?? this.places.get(iri)?.labels ?? this.dossiers.get(iri)?.labels
      ?? this.components.find((a) => a.iri === iri)?.labels ?? this.angles.find((a) => a.iri === iri)?.labels
      ?? this.scales.find((a) => a.iri === iri)?.labels ?? this.classLabels.get(iri) ?? [];
  }

  /** The documents indexed by a matrix cell's descriptors, and those descriptors. */
  cell(component: string, angle: string): { descriptors: DescriptorRecord[]; documents: Uint32Array } {
    const descriptors = [...this.descriptors.values()].filter((d) => d.components.includes(component) && d.angles.includes(angle));
    return { descriptors, documents: union(descriptors.map((d) => d.documents)) };
  }
}

/** Ascending indexes present in every list. */
export function intersection(lists: readonly Uint32Array[]): Uint32Array {
  if (lists.length === 0) return new Uint32Array(0);
  const sorted = [...lists].sort((a, b) => a.length - b.length);
  let result = sorted[0]!;
  for (const list of sorted.slice(1)) {
    const out: number[] = [];
    let j = 0;
    for (const value of result) {
      while (j < list.length && list[j]! < value) j++;
      if (j < list.length && list[j] === value) out.push(value);
    }
    result = Uint32Array.from(out);
  }
  return result;
}

/** Ascending indexes present in any list. */
export function union(lists: readonly Uint32Array[]): Uint32Array {
  if (lists.length === 1) return lists[0]!;
  const seen = new Set<number>();
  for (const list of lists) for (const value of list) seen.add(value);
  return Uint32Array.from(seen).sort();
}
