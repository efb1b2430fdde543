/**
 * The dataset's figures, counted once per version while its canonical form is read for the dumps:
 * what VoID and the DCAT catalogue state (triples, distinct subjects and objects, classes and
 * properties with their partitions, links to Wikidata and GeoNames, the time span of the sheets,
 * the bounding box of the places, the atlas's top concepts). Nothing here is written by hand:
 * every figure comes from the data.
 */
import { STANDARD_PREFIXES } from '../../rdf/namespaces.js';
import { literalParts, termValue, type SubjectGroup } from './canonical.js';

const { rdf, dct, geo, skos } = STANDARD_PREFIXES;
const TYPE = `<${rdf}type>`;
const TOP_CONCEPT_OF = `<${skos}topConceptOf>`;
const ISSUED = `<${dct}issued>`;
const LAT = `<${geo}lat>`;
const LONG = `<${geo}long>`;
const PREF_LABEL = `<${skos}prefLabel>`;

/** The authorities the data links to, by the namespaces of their IRIs. */
export const LINK_TARGETS = [
  { name: 'wikidata', title: 'Wikidata', namespaces: ['http://www.wikidata.org/entity/'], homepage: 'https://www.wikidata.org/', sparql: 'https://query.wikidata.org/sparql' },
  { name: 'geonames', title: 'GeoNames', namespaces: ['https://sws.geonames.org/', 'http://sws.geonames.org/'], homepage: 'https://www.geonames.org/', sparql: undefined },
] as const;

/** Each link target's namespaces as the start of an IRI term, with the target's name. */
const LINK_PREFIXES: readonly (readonly [string, string])[] = LINK_TARGETS.flatMap((t) => t.namespaces.map((ns) => [`<${ns}`, t.name] as const));
/**
 * Whether an IRI term starts with a link target's namespace: one anchored expression, which
 * gives up at the first character that differs from all of them, where looking for each prefix
 * in turn took a twentieth of the dump's time (most objects are things of the data).
 */
const LINK_START = new RegExp(`^(?:${LINK_PREFIXES.map(([prefix]) => prefix.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})`);

export interface DatasetStatistics {
  /** Triples of the default graph (the data). */
  readonly triples: number;
  readonly distinctSubjects: number;
  readonly distinctObjects: number;
  /** IRI subjects with a type. */
  readonly entities: number;
  readonly classPartition: readonly { readonly class: string; readonly entities: number }[];
  readonly propertyPartition: readonly { readonly property: string; readonly triples: number; readonly distinctSubjects: number }[];
  /** Triples of each named graph (the ontology, the shapes). */
  readonly namedGraphs: readonly { readonly graph: string; readonly triples: number }[];
  readonly linksets: readonly { readonly target: string; readonly predicate: string; readonly triples: number }[];
  /** The earliest and latest publication dates of the data (dct:issued), as written. */
  readonly temporal?: { readonly start: string; readonly end: string };
  /** The box around every place with coordinates (WGS84). */
  readonly spatial?: { readonly west: number; readonly south: number; readonly east: number; readonly north: number };
  /** The atlas's top concepts, with their labels by language. */
  readonly topConcepts: readonly { readonly concept: string; readonly labels: Readonly<Record<string, string>> }[];
  /** A few things to start from: the first of each kind in the canonical order. */
  readonly exampleResources: readonly string[];
}

const increment = (map: Map<string, number>, key: string, by = 1) => map.set(key, (map.get(key) ?? 0) + by);

/**
 * A count kept for a term (a property, a class), which remembers the term counted after it the
 * last time: groups of the same kind of thing list the same properties and classes in the same
 * order, so that the next counter is most often found by comparing one string, rather than by
 * hashing the term again (every term of a record is a new string) and looking it up. At 1M
 * triples, the look-ups took a third of the statistics' time.
 */
class Counter {
  constructor(readonly term: string) {}
  triples = 0;
  subjects = 0;
  nextTerm = '';
  next: Counter | undefined;
}

/** A copy of a term that does not hold on to the text it was cut from (a record's terms are cut from whole blocks). */
const detached = (term: string) => (` ${term}`).slice(1);

/** Counters by term, each found from the one counted before it when it can be. */
class Counters {
  readonly byTerm = new Map<string, Counter>();
  /** Where each group's first term is looked for. */
  readonly start = new Counter('');

  /** The counter of `term`, counted after `previous`. */
  after(previous: Counter, term: string): Counter {
    if (previous.nextTerm === term) return previous.next!;
    let counter = this.byTerm.get(term);
    if (!counter) {
      counter = new Counter(detached(term));
      this.byTerm.set(counter.term, counter);
    }
    previous.nextTerm = counter.term;
    previous.next = counter;
    return counter;
  }
}

const byKey = <T>(entries: Iterable<[string, T]>) => [...entries].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
/** Entries keyed by terms, keyed by the terms' values instead (and sorted by them). */
const byValue = <T>(entries: Iterable<[string, T]>) => byKey([...entries].map(([term, value]): [string, T] => [termValue(term), value]));

export class StatisticsCollector {
  private triples = 0;
  private subjects = 0;
  private entities = 0;
  /** Entities of each class (as `subjects`), by its term. */
  private readonly classes = new Counters();
  /** Each property's triples and subjects, by its term: counted once per run of a property in a group. */
  private readonly properties = new Counters();
  private readonly graphs = new Map<string, number>();
  private readonly links = new Map<string, number>();
  private earliest: string | undefined;
  private latest: string | undefined;
  private box: { west: number; south: number; east: number; north: number } | undefined;
  private readonly topConcepts: { concept: string; labels: Record<string, string> }[] = [];
  private readonly examples = new Map<string, string>();

  private readonly atlasTerm: string;
  /** The beginning of the terms of things, `<…/id/`. */
  private readonly thingTerm: string;

  constructor(atlas: string, thingSpace: string) {
    this.atlasTerm = `<${atlas}>`;
    this.thingTerm = `<${thingSpace}`;
  }

  consume(group: SubjectGroup): void {
    const { records } = group;
    if (group.graph !== '') {
      increment(this.graphs, termValue(group.graph), records.length);
      return;
    }
    this.triples += records.length;
    this.subjects++;
    let typed = false;
    let previousClass = this.classes.start;
    let previousProperty = this.properties.start;
    let previousPredicate = '';
    let run = 0;
    let lat: number | undefined;
    let long: number | undefined;
    let isTopConcept = false;
    // A group's records come sorted by predicate: each property is counted once per run of it,
    // by its term (`<iri>`); the IRIs are taken out once, in result().
    for (let i = 0; i < records.length; i++) {
      const { predicate, object } = records[i]!;
      if (predicate !== previousPredicate) {
        if (run > 0) previousProperty = this.countProperty(previousProperty, previousPredicate, run);
        previousPredicate = predicate;
        run = 0;
      }
      run++;
      if (predicate === TYPE) {
        typed = true;
        previousClass = this.classes.after(previousClass, object);
        previousClass.subjects++;
      } else if (object.startsWith('<')) {
        if (LINK_START.test(object)) {
          for (const [prefix, target] of LINK_PREFIXES) if (object.startsWith(prefix)) increment(this.links, `${target} ${termValue(predicate)}`);
        }
        if (predicate === TOP_CONCEPT_OF && object === this.atlasTerm) isTopConcept = true;
      } else if (predicate === ISSUED) {
        const date = literalParts(object).value;
        if (!this.earliest || date < this.earliest) this.earliest = date;
        if (!this.latest || date > this.latest) this.latest = date;
      } else if (predicate === LAT) {
        lat = Number(literalParts(object).value);
      } else if (predicate === LONG) {
        long = Number(literalParts(object).value);
      }
    }
    if (run > 0) this.countProperty(previousProperty, previousPredicate, run);
    if (typed && group.subject.startsWith(this.thingTerm)) {
      this.entities++;
      // The kind of thing: the first segment of its IRI under /id/.
      const end = group.subject.indexOf('/', this.thingTerm.length);
      const kind = group.subject.slice(this.thingTerm.length, end < 0 ? -1 : end);
      if (kind && !this.examples.has(kind)) this.examples.set(kind, termValue(group.subject));
    } else if (typed && group.subject.startsWith('<')) {
      this.entities++;
    }
    if (lat !== undefined && long !== undefined && Number.isFinite(lat) && Number.isFinite(long)) {
      const b = this.box ??= { west: long, south: lat, east: long, north: lat };
      b.west = Math.min(b.west, long);
      b.east = Math.max(b.east, long);
      b.south = Math.min(b.south, lat);
      b.north = Math.max(b.north, lat);
    }
    if (isTopConcept) {
      const labels: Record<string, string> = {};
      for (const { predicate, object } of records) {
        if (predicate !== PREF_LABEL || !object.startsWith('"')) continue;
        const { value, language } = literalParts(object);
        labels[language] ??= value;
      }
      this.topConcepts.push({ concept: termValue(group.subject), labels });
    }
  }

  private countProperty(previous: Counter, predicate: string, run: number): Counter {
    const property = this.properties.after(previous, predicate);
    property.triples += run;
    property.subjects++;
    return property;
  }

  /** `distinctObjects`: counted by the store, which compares its encoded terms faster than text can be. */
  result(distinctObjects: number): DatasetStatistics {
    return {
      triples: this.triples,
      distinctSubjects: this.subjects,
      distinctObjects,
      entities: this.entities,
      classPartition: byValue(this.classes.byTerm).map(([cls, { subjects }]) => ({ class: cls, entities: subjects })),
      propertyPartition: byValue(this.properties.byTerm).map(([property, { triples, subjects }]) => ({ property, triples, distinctSubjects: subjects })),
      namedGraphs: byKey(this.graphs).map(([graph, triples]) => ({ graph, triples })),
      linksets: byKey(this.links).map(([key, triples]) => {
        const [target = '', predicate = ''] = key.split(' ');
        return { target, predicate, triples };
      }),
      temporal: this.earliest && this.latest ? { start: this.earliest, end: this.latest } : undefined,
      spatial: this.box,
      topConcepts: this.topConcepts,
      exampleResources: byKey(this.examples).map(([, iri]) => iri),
    };
  }
}
