/**
 * The OAI-PMH repository's items, prepared once per version from the triple index: every sheet
 * (an instance of a subclass of citego:Document), its datestamp and its sets, in one stable order
 * (datestamp, then identifier) in which a resumption token names a position; and the sets.
 *
 * A record's datestamp is its own modification date, dct:modified (the latest, if several), else
 * its publication date, dct:issued; a sheet with neither takes the time its version was published.
 * Dates without a time are midnight UTC: the repository's granularity is the second.
 *
 * A sheet deleted through the change log stays a record, marked deleted, dated by its deletion:
 * its sets are not known any more, so it is harvested by harvests without a set.
 */
import { RDF_TYPE, RDFS_SUBCLASS_OF, STANDARD_PREFIXES, citegoNamespaces, localName } from '../../../rdf/namespaces.js';
import { labelOf } from '../index-labels.js';
import { termOfKey } from '../ntriples-terms.js';
import type { TripleIndex } from '../triple-index.js';

const { dct, rdfs } = STANDARD_PREFIXES;

export interface RepositoryRecord {
  /** The sheet's IRI: its OAI identifier. */
  readonly identifier: string;
  /** UTC, to the second: YYYY-MM-DDThh:mm:ssZ. */
  readonly datestamp: string;
  readonly sets: readonly string[];
  /** A sheet that was deleted: its header says so and it has no metadata. */
  readonly deleted?: boolean;
}

/** A thing the change log says was deleted, and when. */
export interface Deletion {
  readonly thing: string;
  readonly at: Date;
}

export interface RepositorySet {
  readonly spec: string;
  readonly name: string;
}

/** The characters of a setSpec part (OAI-PMH 2.0 §4.6, and its schema). */
const SET_SPEC_PART = /^[A-Za-z0-9\-_.!~*'()]+$/;

/** A date or date-time literal as an OAI-PMH UTC datestamp; undefined when it is neither. */
export function datestampOf(lexical: string): string | undefined {
  const date = /^(-?\d{4,})-(\d{2})-(\d{2})(Z|[+-]\d{2}:\d{2})?$/.exec(lexical);
  if (date) return `${date[1]}-${date[2]}-${date[3]}T00:00:00Z`;
  const year = /^(\d{4})(Z|[+-]\d{2}:\d{2})?$/.exec(lexical);
  if (year) return `${year[1]}-01-01T00:00:00Z`;
  if (!/^\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(lexical)) return undefined;
  // A date-time without a time zone is read as UTC, not as the server's local time.
  const time = Date.parse(/(Z|[+-]\d{2}:\d{2})$/.test(lexical) ? lexical : `${lexical}Z`);
  return Number.isNaN(time) ? undefined : `${new Date(time).toISOString().slice(0, 19)}Z`;
}

/** Orders records by datestamp, then identifier: the order of every list and every token. */
export function compareRecords(a: { datestamp: string; identifier: string }, b: { datestamp: string; identifier: string }): number {
  if (a.datestamp !== b.datestamp) return a.datestamp < b.datestamp ? -1 : 1;
  return a.identifier < b.identifier ? -1 : a.identifier > b.identifier ? 1 : 0;
}

export class RecordCatalogue {
  readonly records: readonly RepositoryRecord[];
  readonly sets: readonly RepositorySet[];
  private readonly byIdentifier: Map<string, RepositoryRecord>;

  /** `model` holds the ontology's triples: the types of sheet (subclasses of citego:Document) and their labels. */
  constructor(index: TripleIndex, model: TripleIndex, baseIRI: string, publishedAt: Date, deletions: Iterable<Deletion> = []) {
    const { citego } = citegoNamespaces(baseIRI);
    const key = (iri: string) => `<${iri}>`;
    const fallback = `${publishedAt.toISOString().slice(0, 19)}Z`;
    const setNames = new Map<string, string>([
      ['type', 'Types de fiche / Sheet types'],
      ['dossier', 'Dossiers'],
      ['component', 'Composantes de l\'atlas / Components of the atlas'],
    ]);
    /** The set of a thing named under /id/{kind}/, or undefined when its slug cannot be a setSpec. */
    const setOf = (kind: string, thing: string): string | undefined => {
      const prefix = key(new URL(`id/${kind}/`, baseIRI).href).slice(0, -1);
      if (!thing.startsWith(prefix)) return undefined;
      const slug = thing.slice(prefix.length, -1);
      if (!SET_SPEC_PART.test(slug)) return undefined;
      const spec = `${kind}:${slug}`;
      if (!setNames.has(spec)) setNames.set(spec, labelOf(index, thing));
      return spec;
    };

    const types = model.subjects(key(RDFS_SUBCLASS_OF), key(`${citego}Document`));
    const records = new Map<string, RepositoryRecord>();
    for (const type of types) {
      const typeName = localName(termOfKey(type).value);
      if (!SET_SPEC_PART.test(typeName)) continue;
      const typeSet = `type:${typeName}`;
      setNames.set(typeSet, labelOf(model, type, [`${rdfs}label`]));
      for (const sheet of index.subjects(key(RDF_TYPE), type)) {
        const known = records.get(sheet);
        if (known) {
          records.set(sheet, { ...known, sets: [...known.sets, typeSet].sort() });
          continue;
        }
        const sets = new Set<string>([typeSet]);
        for (const dossier of index.objects(sheet, key(`${dct}isPartOf`))) {
          const spec = setOf('dossier', dossier);
          if (spec) sets.add(spec);
        }
        for (const descriptor of index.objects(sheet, key(`${dct}subject`))) {
          for (const component of index.objects(descriptor, key(`${citego}component`))) {
            const spec = setOf('component', component);
            if (spec) sets.add(spec);
          }
        }
        records.set(sheet, { identifier: termOfKey(sheet).value, datestamp: this.datestamp(index, sheet) ?? fallback, sets: [...sets].sort() });
      }
    }
    const sheetPrefix = new URL('id/document/', baseIRI).href;
    for (const { thing, at } of deletions) {
      if (!thing.startsWith(sheetPrefix) || records.has(key(thing))) continue;
      records.set(key(thing), { identifier: thing, datestamp: `${at.toISOString().slice(0, 19)}Z`, sets: [], deleted: true });
    }
    this.records = [...records.values()].sort(compareRecords);
    this.byIdentifier = new Map(this.records.map((r) => [r.identifier, r]));
    this.sets = [...setNames].map(([spec, name]) => ({ spec, name }))
      .filter((set) => set.spec.includes(':') || this.records.some((r) => r.sets.some((s) => s.startsWith(`${set.spec}:`))))
      .sort((a, b) => (a.spec < b.spec ? -1 : 1));
  }

  private datestamp(index: TripleIndex, sheet: string): string | undefined {
    for (const property of ['modified', 'issued']) {
      const dates = index.objects(sheet, `<${dct}${property}>`)
        .map((d) => datestampOf(termOfKey(d).value)).filter((d): d is string => d !== undefined).sort();
      if (dates.length) return dates.at(-1);
    }
    return undefined;
  }

  get(identifier: string): RepositoryRecord | undefined {
    return this.byIdentifier.get(identifier);
  }

  hasSet(spec: string): boolean {
    return this.sets.some((set) => set.spec === spec);
  }

  /** The earliest datestamp of the repository (the epoch when it holds nothing). */
  get earliestDatestamp(): string {
    return this.records[0]?.datestamp ?? '1970-01-01T00:00:00Z';
  }

  /** Records in a set (a set contains its subsets' records) within [from, until], in the stable order. */
  select(options: { set?: string; from?: string; until?: string }): RepositoryRecord[] {
    const { set, from, until } = options;
    return this.records.filter((r) => (from === undefined || r.datestamp >= from) && (until === undefined || r.datestamp <= until) &&
      (set === undefined || r.sets.some((s) => s === set || s.startsWith(`${set}:`))));
  }
}
