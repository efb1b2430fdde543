/**
 * The collection as readers meet it, read from the store once per version of the data: the
 * sheets with what a search filters and shows (types, titles, abstracts, languages, year, places,
 * actors, dossiers, descriptors), the atlas (descriptors placed in the matrix, their neighbours,
 * the components and angles with their colours and letters), the actors with their families and
 * memberships, the places within one another. Every figure the pages show (documents per
 * descriptor, per matrix cell, per place…) is counted here, with the version, never by a request.
 */
import { STANDARD_PREFIXES, citegoNamespaces } from '../rdf/namespaces.js';
import type { Pairs, PropertyReader, Value } from './read.js';
import type { Store } from '../store/store.js';

const { rdf, rdfs, dct, skos, foaf, org, schema } = STANDARD_PREFIXES;

/** A text and its language tag ('' for none). */
export interface Text {
  readonly value: string;
  readonly language: string;
}

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

/** Subject → values, for one property. */
function bySubject(pairs: Pairs | undefined): Map<string, Value[]> {
  const map = new Map<string, Value[]>();
  for (const [subject, value] of pairs ?? []) {
    const list = map.get(subject);
    if (list) list.push(value);
    else map.set(subject, [value]);
  }
  return map;
}

const iris = (values: readonly Value[] | undefined): string[] => (values ?? []).filter((v) => v.iri).map((v) => v.value);
const texts = (values: readonly Value[] | undefined): Text[] => (values ?? []).filter((v) => !v.iri).map((v) => ({ value: v.value, language: v.language }));

/** Every class below `root` in the class hierarchy, `root` included. */
function subclassesOf(root: string, subClassOf: Map<string, Value[]>): Set<string> {
  const found = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [sub, supers] of subClassOf) {
      if (!found.has(sub) && supers.some((s) => found.has(s.value))) {
        found.add(sub);
        grew = true;
      }
    }
  }
  return found;
}

function ascending(values: Iterable<number>): Uint32Array {
  return Uint32Array.from(new Set(values)).sort();
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

  constructor(readonly citego: string, read: ReadonlyMap<string, Pairs>, terms: Terms) {
    // Each property read, by subject.
    const v = Object.fromEntries(Object.entries(terms).map(([key, predicate]) => [key, bySubject(read.get(predicate))])) as Record<keyof Terms, Map<string, Value[]>>;
    const documentClasses = subclassesOf(`${citego}Document`, v.subClassOf);
    const labelsOf = (...maps: Map<string, Value[]>[]) => (iri: string) => maps.flatMap((m) => texts(m.get(iri)));
    this.classLabels = new Map([...v.label].map(([iri, values]) => [iri, texts(values)]));

    // Sheets: a subject typed with a subclass of citego:Document.
    const documents: DocumentRecord[] = [];
    const typeCounts = new Map<string, number>();
    const isDocumentClass = (c: string) => documentClasses.has(c);
    const subclasses = new Map<string, Set<string>>();
    const below = (c: string) => {
      let found = subclasses.get(c);
      if (!found) subclasses.set(c, found = subclassesOf(c, v.subClassOf));
      return found;
    };
    for (const [iri, values] of v.type) {
      const documentTypes = iris(values).filter(isDocumentClass);
      if (documentTypes.length === 0) continue;
      // The most specific type: one that is not a superclass of another of its types.
      const type = documentTypes.length === 1 ? documentTypes[0]! : documentTypes.find((t) => !documentTypes.some((o) => o !== t && below(t).has(o))) ?? documentTypes[0]!;
      typeCounts.set(type, (typeCounts.get(type) ?? 0) + 1);
      const date = v.issued.get(iri)?.[0]?.value;
      const year = date && /^\d{4}/.test(date) ? Number(date.slice(0, 4)) : undefined;
      documents.push({
        index: 0, iri, type, titles: texts(v.title.get(iri)), abstracts: texts(v.abstract.get(iri)),
        languages: iris(v.language.get(iri)).map((l) => l.slice(l.lastIndexOf('/') + 1)),
        issued: date, year, descriptors: iris(v.subject.get(iri)), creators: iris(v.creator.get(iri)), partners: iris(v.partner.get(iri)),
        places: iris(v.spatial.get(iri)), dossiers: iris(v.isPartOf.get(iri)), source: iris(v.source.get(iri))[0],
      });
    }
    documents.sort((a, b) => (a.iri < b.iri ? -1 : a.iri > b.iri ? 1 : 0));
    this.documents = documents.map((d, index) => ({ ...d, index }));
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
      for (const actor of [...d.creators, ...d.partners]) add(actorDocuments, actor, d.index);
    }
    const typed = (cls: string) => [...v.type].filter(([, values]) => values.some((value) => value.value === cls)).map(([iri]) => iri);
    this.descriptors = new Map(typed(`${citego}Descriptor`).sort().map((iri) => [iri, {
      iri, labels: texts(v.prefLabel.get(iri)), altLabels: texts(v.altLabel.get(iri)),
      components: iris(v.component.get(iri)), angles: iris(v.angle.get(iri)), scale: iris(v.scale.get(iri))[0],
      broader: iris(v.broader.get(iri)), narrower: iris(v.narrower.get(iri)), related: iris(v.related.get(iri)),
      documents: ascending(postings.get(iri) ?? []),
    }]));
    const axis = (cls: string): AxisRecord[] => typed(cls).map((iri) => ({
      iri, labels: texts(v.prefLabel.get(iri)), notation: v.notation.get(iri)?.[0]?.value ?? '', colour: v.colour.get(iri)?.[0]?.value,
    })).sort((a, b) => a.notation.localeCompare(b.notation, 'en', { numeric: true }) || a.iri.localeCompare(b.iri));
    this.components = axis(`${citego}Component`);
    this.angles = axis(`${citego}GovernanceAngle`);
    this.scales = axis(`${citego}Scale`);

    // Actors: persons and organisations of every family.
    const familyOf = (values: readonly Value[]): ActorFamily | undefined => {
      for (const value of values) {
        const local = value.value.startsWith(citego) ? value.value.slice(citego.length) : undefined;
        if (local && (ACTOR_FAMILIES as readonly string[]).includes(local)) return local as ActorFamily;
      }
      if (values.some((value) => value.value === `${foaf}Person`)) return 'Person';
      if (values.some((value) => value.value === `${org}Organization`)) return 'Organization';
      return undefined;
    };
    const actors = new Map<string, ActorRecord>();
    for (const [iri, values] of v.type) {
      const family = familyOf(values);
      if (!family) continue;
      actors.set(iri, {
        iri, family, names: labelsOf(v.name, v.prefLabel)(iri),
        memberOf: [...iris(v.memberOf.get(iri)), ...iris(v.subOrganizationOf.get(iri))],
        documents: ascending(actorDocuments.get(iri) ?? []),
      });
    }
    this.actors = actors;
    this.places = new Map(typed(`${dct}Location`).sort().map((iri) => [iri, { iri, labels: texts(v.prefLabel.get(iri)), within: iris(v.containedIn.get(iri)) }]));
    this.dossiers = new Map(typed(`${citego}Dossier`).sort().map((iri) => [iri, { iri, labels: texts(v.title.get(iri)) }]));
  }

  /** The properties a collection is read from. */
  static predicates(citego: string): string[] {
    return Object.values(citegoTerms(citego));
  }

  static async read(store: Store, reader: PropertyReader, baseIRI: string, onRead?: (done: number, total: number) => void): Promise<Collection> {
    const { citego } = citegoNamespaces(baseIRI);
    const terms = citegoTerms(citego);
    return new Collection(citego, await reader.all(store, Object.values(terms), onRead), terms);
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
