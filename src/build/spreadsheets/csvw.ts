/**
 * The spreadsheet templates' mapping, run both ways. The mapping is CSV on the Web metadata
 * (W3C CSVW: a table group, one table per template, each column with its title, property,
 * value template, datatype, language, separator and whether it is required), kept in
 * `templates/`; this module reads it and turns rows into triples (and triples back into rows),
 * with no code of its own per column: a new column is a line of the metadata.
 *
 * It runs the part of CSVW the templates use (csv2rdf's minimal mode): `aboutUrl`, `propertyUrl`,
 * `valueUrl` (URI templates with `{name}` and `{+name}`), `datatype` (string, date, gYear,
 * decimal, integer, anyURI), `lang`, `separator`, `required`, `null` and virtual columns. Every
 * triple keeps the file, row and column it came from, so that a problem the shapes find is
 * reported in the cell where the curator can fix it. Relative IRIs resolve against the service's
 * base IRI, as in the data files; prefixed names (`skos:Concept`) expand with the usual prefixes.
 */
import { readFileSync } from 'node:fs';
import { STANDARD_PREFIXES, XSD_STRING } from '../../rdf/namespaces.js';
import type { Literal, NamedNode, Quad, Term } from '../../rdf/terms.js';
import type { CsvRow } from './csv.js';

export interface ColumnDescription {
  readonly name: string;
  readonly titles?: string | readonly string[];
  readonly propertyUrl?: string;
  readonly valueUrl?: string;
  readonly datatype?: string;
  readonly lang?: string;
  readonly separator?: string;
  readonly required?: boolean;
  readonly null?: string;
  readonly virtual?: boolean;
  readonly suppressOutput?: boolean;
  readonly 'dc:description'?: string;
}

export interface TableDescription {
  readonly url: string;
  readonly 'dc:title'?: string;
  readonly 'dc:description'?: string;
  readonly tableSchema: { readonly aboutUrl: string; readonly primaryKey?: string; readonly columns: readonly ColumnDescription[] };
}

export interface TableGroup {
  readonly '@context': unknown;
  readonly tables: readonly TableDescription[];
}

/** Where a triple (or a problem) is in the spreadsheets. */
export interface CellLocation {
  readonly file: string;
  /** The row's line in the file (1 is the header). */
  readonly row: number;
  /** The column's title; absent for what the row as a whole says (its type). */
  readonly column?: string;
}

export type CellProblemKind = 'unknown-column' | 'missing-column' | 'required' | 'datatype' | 'duplicate' | 'unknown-table' | 'syntax' | 'cardinality';

/** A problem the mapping finds in a cell, before the shapes are asked. */
export interface CellProblem extends CellLocation {
  readonly kind: CellProblemKind;
  readonly value?: string;
  /** The datatype expected, for a datatype problem. */
  readonly expected?: string;
}

const XSD = STANDARD_PREFIXES.xsd;
/** CSVW's default context names the DC terms `dc` and `dcterms`; the service's prefixes name them `dct`. */
const PREFIXES: Readonly<Record<string, string>> = { ...STANDARD_PREFIXES, dc: STANDARD_PREFIXES.dct, dcterms: STANDARD_PREFIXES.dct };

const LEXICAL: Readonly<Record<string, RegExp>> = {
  date: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
  gYear: /^-?\d{4}$/,
  decimal: /^[+-]?(\d+(\.\d*)?|\.\d+)$/,
  integer: /^[+-]?\d+$/,
  anyURI: /^\S+$/,
  string: /^[\s\S]*$/,
};

function titlesOf(column: ColumnDescription): string[] {
  const titles = column.titles === undefined ? [] : typeof column.titles === 'string' ? [column.titles] : [...column.titles];
  return titles.length ? titles : [column.name];
}

function validDate(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number);
  const date = new Date(Date.UTC(y!, m! - 1, d));
  return date.getUTCMonth() === m! - 1 && date.getUTCDate() === d;
}

export class SpreadsheetMapping {
  constructor(readonly group: TableGroup, readonly baseIRI: string) {}

  static read(file: string, baseIRI: string): SpreadsheetMapping {
    return new SpreadsheetMapping(JSON.parse(readFileSync(file, 'utf8')) as TableGroup, baseIRI);
  }

  get tables(): readonly TableDescription[] {
    return this.group.tables;
  }

  /** The template a file fills: by its name (`sheets.csv`, `sheets-2026.csv`), else by its header. */
  tableFor(fileName: string, header: readonly string[]): TableDescription | undefined {
    const base = fileName.split('/').pop()!.toLowerCase();
    const byName = [...this.tables].sort((a, b) => b.url.length - a.url.length)
      .find((t) => base === t.url || base.startsWith(`${t.url.replace(/\.csv$/, '')}-`) || base.startsWith(`${t.url.replace(/\.csv$/, '')}_`));
    if (byName) return byName;
    const cells = header.map((h) => h.trim());
    return this.tables.find((t) => {
      const titles = t.tableSchema.columns.filter((c) => !c.virtual).map((c) => titlesOf(c)[0]);
      return titles.length === cells.length && titles.every((title) => cells.includes(title!));
    });
  }

  /** Rows of a filled template as triples, each with its cell; and the problems found on the way. */
  rowsToQuads(table: TableDescription, rows: readonly CsvRow[], file: string): { quads: Quad[]; locations: CellLocation[]; subjects: Map<string, number>; problems: CellProblem[] } {
    const quads: Quad[] = [];
    const locations: CellLocation[] = [];
    const problems: CellProblem[] = [];
    const subjects = new Map<string, number>();
    const [header, ...data] = rows;
    if (!header) return { quads, locations, subjects, problems };
    const columns = table.tableSchema.columns;
    const indexOf = new Map<ColumnDescription, number>();
    header.cells.forEach((title, index) => {
      const column = columns.find((c) => !c.virtual && titlesOf(c).includes(title.trim()));
      if (column) indexOf.set(column, index);
      else problems.push({ kind: 'unknown-column', file, row: header.line, column: title.trim() });
    });
    for (const column of columns) {
      if (!column.virtual && column.required && !indexOf.has(column)) problems.push({ kind: 'missing-column', file, row: header.line, column: titlesOf(column)[0] });
    }
    for (const row of data) {
      const cellOf = (column: ColumnDescription) => {
        const index = indexOf.get(column);
        return index === undefined ? '' : (row.cells[index] ?? '').trim();
      };
      const values: Record<string, string> = {};
      for (const column of columns) if (!column.virtual) values[column.name] = cellOf(column);
      const key = table.tableSchema.primaryKey ?? columns[0]!.name;
      if (!values[key]) {
        problems.push({ kind: 'required', file, row: row.line, column: titlesOf(columns.find((c) => c.name === key)!)[0] });
        continue;
      }
      const subject = this.iri(this.expand(table.tableSchema.aboutUrl, values));
      if (subjects.has(subject.value)) {
        problems.push({ kind: 'duplicate', file, row: row.line, column: titlesOf(columns.find((c) => c.name === key)!)[0], value: values[key] });
        continue;
      }
      subjects.set(subject.value, row.line);
      for (const column of columns) {
        if (column.suppressOutput || !column.propertyUrl) continue;
        const title = column.virtual ? undefined : titlesOf(column)[0];
        const emit = (object: Term) => {
          quads.push({ subject, predicate: this.iri(this.expand(column.propertyUrl!, values)), object, graph: { termType: 'DefaultGraph', value: '' } });
          locations.push({ file, row: row.line, column: title });
        };
        if (column.virtual) {
          emit(this.iri(this.expand(column.valueUrl!, values)));
          continue;
        }
        const cell = cellOf(column);
        if (cell === '' || cell === (column.null ?? '')) {
          if (column.required) problems.push({ kind: 'required', file, row: row.line, column: title });
          continue;
        }
        const parts = column.separator ? cell.split(column.separator).map((p) => p.trim()).filter(Boolean) : [cell];
        for (const part of parts) {
          if (column.valueUrl) {
            emit(this.iri(this.expand(column.valueUrl, { ...values, [column.name]: part })));
            continue;
          }
          const datatype = column.datatype ?? 'string';
          if (!(LEXICAL[datatype] ?? LEXICAL.string!).test(part) || (datatype === 'date' && !validDate(part))) {
            problems.push({ kind: 'datatype', file, row: row.line, column: title, value: part, expected: datatype });
            continue;
          }
          emit(this.literal(part, column));
        }
      }
    }
    return { quads, locations, subjects, problems };
  }

  /**
   * The rows of each template for a graph (grouped by subject), and the triples no column can
   * hold (which an export reports rather than drop silently).
   */
  quadsToRows(bySubject: ReadonlyMap<string, readonly Quad[]>): { tables: Map<TableDescription, string[][]>; uncovered: Quad[] } {
    const tables = new Map<TableDescription, string[][]>();
    const uncovered: Quad[] = [];
    for (const table of this.tables) {
      tables.set(table, [table.tableSchema.columns.filter((c) => !c.virtual).map((c) => titlesOf(c)[0]!)]);
    }
    for (const [subject, quads] of [...bySubject].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const table = this.tables.find((t) => this.holds(t, subject, quads));
      if (!table) {
        uncovered.push(...quads);
        continue;
      }
      const columns = table.tableSchema.columns;
      const key = table.tableSchema.primaryKey ?? columns[0]!.name;
      const values = new Map<ColumnDescription, string[]>();
      values.set(columns.find((c) => c.name === key)!, [this.unexpand(table.tableSchema.aboutUrl, key, subject)!]);
      for (const quad of quads) {
        const column = columns.find((c) => c.propertyUrl && this.columnHolds(c, quad, key));
        if (!column) {
          uncovered.push(quad);
          continue;
        }
        if (column.virtual) continue;
        const list = values.get(column) ?? [];
        if (list.length > 0 && !column.separator) {
          uncovered.push(quad);
          continue;
        }
        list.push(this.cellValue(column, quad.object));
        values.set(column, list);
      }
      tables.get(table)!.push(columns.filter((c) => !c.virtual).map((c) => (values.get(c) ?? []).sort().join(`${c.separator ?? ''} `).trim()));
    }
    return { tables, uncovered };
  }

  /** Whether a thing's IRI fits a table's aboutUrl. */
  fits(table: TableDescription, thing: string): boolean {
    return this.unexpand(table.tableSchema.aboutUrl, table.tableSchema.primaryKey ?? table.tableSchema.columns[0]!.name, thing) !== undefined;
  }

  /** The column that gives a property in a table: the French one among languages, the first otherwise. */
  columnFor(table: TableDescription | undefined, property: string): string | undefined {
    const columns = (table?.tableSchema.columns ?? []).filter((c) => !c.virtual && c.propertyUrl && this.iri(this.expand(c.propertyUrl, {})).value === property);
    const column = columns.find((c) => c.lang === 'fr') ?? columns[0];
    return column ? titlesOf(column)[0] : undefined;
  }

  /** Whether a subject belongs to a table: its IRI fits the table's aboutUrl, and it has the table's fixed types. */
  private holds(table: TableDescription, subject: string, quads: readonly Quad[]): boolean {
    const key = table.tableSchema.primaryKey ?? table.tableSchema.columns[0]!.name;
    if (this.unexpand(table.tableSchema.aboutUrl, key, subject) === undefined) return false;
    return table.tableSchema.columns.filter((c) => c.virtual).every((c) =>
      quads.some((q) => q.predicate.value === this.iri(this.expand(c.propertyUrl!, {})).value && q.object.value === this.iri(this.expand(c.valueUrl!, {})).value));
  }

  private columnHolds(column: ColumnDescription, quad: Quad, key: string): boolean {
    if (this.iri(this.expand(column.propertyUrl!, {})).value !== quad.predicate.value) return false;
    const object = quad.object;
    if (column.virtual) return object.termType === 'NamedNode' && object.value === this.iri(this.expand(column.valueUrl!, {})).value;
    if (column.valueUrl) return object.termType === 'NamedNode' && this.unexpand(column.valueUrl, column.name, object.value) !== undefined && column.name !== key;
    if (object.termType !== 'Literal') return false;
    if (column.lang) return object.language === column.lang;
    return !object.language && object.datatype.value === this.datatypeIri(column.datatype);
  }

  private cellValue(column: ColumnDescription, object: Term): string {
    return column.valueUrl ? this.unexpand(column.valueUrl, column.name, object.value)! : object.value;
  }

  private datatypeIri(datatype: string | undefined): string {
    return !datatype || datatype === 'string' ? XSD_STRING : `${XSD}${datatype}`;
  }

  private literal(value: string, column: ColumnDescription): Literal {
    if (column.lang) return { termType: 'Literal', value, language: column.lang, datatype: { termType: 'NamedNode', value: `${STANDARD_PREFIXES.rdf}langString` } };
    return { termType: 'Literal', value, language: '', datatype: { termType: 'NamedNode', value: this.datatypeIri(column.datatype) } };
  }

  /** A URI template filled (level 1 `{name}`, percent-encoded, and level 2 `{+name}`, reserved characters kept). */
  private expand(template: string, values: Readonly<Record<string, string>>): string {
    return template.replace(/\{(\+?)([A-Za-z0-9_]+)\}/g, (_, plus: string, name: string) => {
      const value = values[name] ?? '';
      return plus ? encodeURI(value) : encodeURIComponent(value);
    });
  }

  /** The value a template was filled with to give `iri` (its one variable, `name`), or undefined if it cannot have. */
  private unexpand(template: string, name: string, iri: string): string | undefined {
    const match = /\{(\+?)([A-Za-z0-9_]+)\}/.exec(template);
    if (!match || match[2] !== name) return undefined;
    const plus = match[1] === '+';
    const head = template.slice(0, match.index);
    const tail = template.slice(match.index + match[0].length);
    let value: string;
    if (head === '' && tail === '' && plus) {
      // `{+name}` alone: the cell holds the IRI, as a prefixed name, relative to the base, or whole.
      value = this.compact(iri);
    } else {
      const before = this.iri(head).value;
      if (!iri.startsWith(before) || !iri.endsWith(tail)) return undefined;
      value = iri.slice(before.length, iri.length - tail.length);
    }
    if (value === '') return undefined;
    try {
      const decoded = plus ? decodeURI(value) : decodeURIComponent(value);
      // A `{name}` value never holds a slash: the IRI belongs to another template.
      if (!plus && encodeURIComponent(decoded) !== value) return undefined;
      return decoded;
    } catch {
      return undefined;
    }
  }

  /** An IRI as a curator writes it: a prefixed name, or relative to the base IRI, or whole. */
  private compact(iri: string): string {
    for (const [prefix, namespace] of Object.entries(STANDARD_PREFIXES)) {
      if (iri.startsWith(namespace) && /^[A-Za-z][\w-]*$/.test(iri.slice(namespace.length))) return `${prefix}:${iri.slice(namespace.length)}`;
    }
    return iri.startsWith(this.baseIRI) ? iri.slice(this.baseIRI.length) : iri;
  }

  /** A prefixed name expanded, or an IRI resolved against the base IRI. */
  private iri(text: string): NamedNode {
    const prefixed = /^([A-Za-z][\w-]*):([^/].*)?$/.exec(text);
    if (prefixed && PREFIXES[prefixed[1]!] !== undefined) return { termType: 'NamedNode', value: `${PREFIXES[prefixed[1]!]}${prefixed[2] ?? ''}` };
    return { termType: 'NamedNode', value: new URL(text, this.baseIRI).href };
  }
}

