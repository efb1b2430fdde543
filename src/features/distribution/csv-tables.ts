/**
 * The data as CSV tables for people who do not use RDF: documents, actors, places, descriptors,
 * and the relations between them, one file each, with their columns described once here and
 * published from that description as CSVW metadata (csv-metadata.json, W3C "Metadata Vocabulary
 * for Tabular Data") and as a README. Rows are written as the canonical form is read, subject by
 * subject, so the tables come in the same order every time.
 */
import { STANDARD_PREFIXES, prefixedNames } from '../../rdf/namespaces.js';
import { literalParts, termValue, type CanonicalRecord, type SubjectGroup } from './canonical.js';
import { FileSink, sinkWriter, type DumpWriter } from './rdf-writers.js';

const { rdf, dct, foaf, org, skos, geo, owl, schema, prov, xsd } = STANDARD_PREFIXES;

interface Column {
  readonly name: string;
  readonly description: string;
  /** The property the values come from; `iri` is the row's thing itself. */
  readonly property: string | 'iri';
  /** Keep only literals in this language. */
  readonly language?: string;
  /** Keep only IRIs starting with this. */
  readonly startsWith?: string;
  readonly datatype: 'anyURI' | 'string' | 'date' | 'decimal';
  /** Several values, separated by a space (IRIs) or ' | ' (texts). */
  readonly multiple?: boolean;
}

export interface Table {
  readonly name: string;
  readonly file: string;
  readonly description: string;
  /** The class whose instances are the rows (the relations table has none: one row per link). */
  readonly rowClass?: string;
  readonly columns: readonly Column[];
}

const iri: Column = { name: 'iri', description: 'The thing\'s IRI, which answers with its full description.', property: 'iri', datatype: 'anyURI' };
const types = (description: string, namespace: string): Column =>
  ({ name: 'types', description, property: `${rdf}type`, startsWith: namespace, datatype: 'anyURI', multiple: true });
const texts = (name: string, description: string, property: string, language: string): Column =>
  ({ name, description, property, language, datatype: 'string' });
const links = (name: string, description: string, property: string): Column =>
  ({ name, description, property, datatype: 'anyURI', multiple: true });

/** The tables, from the CITEGO ontology's namespace (resolved against the base IRI). */
export function tables(citego: string): readonly Table[] {
  return [
    {
      name: 'documents', file: 'documents.csv', rowClass: `${citego}Document`,
      description: 'The sheets of the fonds documentaire: experience records, analyses, proposals, resource sheets and dossier introductions.',
      columns: [
        iri,
        types('The kinds of sheet (CITEGO ontology classes).', citego),
        texts('title_fr', 'Title in French.', `${dct}title`, 'fr'),
        texts('title_en', 'Title in English, when translated.', `${dct}title`, 'en'),
        texts('title_es', 'Title in Spanish, when translated.', `${dct}title`, 'es'),
        { name: 'issued', description: 'Publication date (a year, a month or a day).', property: `${dct}issued`, datatype: 'string' },
        { name: 'modified', description: 'Date the record was last modified.', property: `${dct}modified`, datatype: 'string' },
        links('languages', 'Languages of the sheet (EU language table IRIs).', `${dct}language`),
        links('descriptors', 'Atlas descriptors indexing the sheet (see descriptors.csv).', `${dct}subject`),
        links('authors', 'Authors (see actors.csv).', `${dct}creator`),
        links('partners', 'Partner organisations (see actors.csv).', `${citego}partner`),
        links('places', 'Places the sheet is about (see places.csv).', `${dct}spatial`),
        links('dossier', 'Thematic dossier the sheet belongs to.', `${dct}isPartOf`),
        links('source', 'Original page of the sheet.', `${dct}source`),
      ],
    },
    {
      name: 'actors', file: 'actors.csv', rowClass: `${foaf}Agent`,
      description: 'Persons and organisations: authors, partners, coordinators, members.',
      columns: [
        iri,
        types('Person or family of organisation (CITEGO ontology classes, or foaf:Person).', ''),
        { name: 'name', description: 'Name.', property: `${foaf}name`, datatype: 'string' },
        texts('description_fr', 'Description in French.', `${dct}description`, 'fr'),
        links('located_in', 'Place where the organisation is (see places.csv).', `${schema}location`),
        links('member_of', 'Organisations the person is a member of.', `${org}memberOf`),
        links('homepage', 'Web site.', `${foaf}homepage`),
        { name: 'modified', description: 'Date the record was last modified.', property: `${dct}modified`, datatype: 'string' },
      ],
    },
    {
      name: 'places', file: 'places.csv', rowClass: `${dct}Location`,
      description: 'Places the sheets and actors are about, with coordinates and identity links.',
      columns: [
        iri,
        texts('name_fr', 'Name in French.', `${skos}prefLabel`, 'fr'),
        texts('name_en', 'Name in English.', `${skos}prefLabel`, 'en'),
        texts('name_es', 'Name in Spanish.', `${skos}prefLabel`, 'es'),
        { name: 'latitude', description: 'WGS84 latitude, in degrees.', property: `${geo}lat`, datatype: 'decimal' },
        { name: 'longitude', description: 'WGS84 longitude, in degrees.', property: `${geo}long`, datatype: 'decimal' },
        links('within', 'Larger place it lies in.', `${schema}containedInPlace`),
        { name: 'wikidata', description: 'Wikidata entity of the same place.', property: `${owl}sameAs`, startsWith: 'http://www.wikidata.org/entity/', datatype: 'anyURI', multiple: true },
        { name: 'geonames', description: 'GeoNames feature of the same place.', property: `${owl}sameAs`, startsWith: 'https://sws.geonames.org/', datatype: 'anyURI', multiple: true },
      ],
    },
    {
      name: 'descriptors', file: 'descriptors.csv', rowClass: `${citego}Descriptor`,
      description: 'Descriptors of the atlas relationnel (SKOS concepts), placed in its matrix and linked to their neighbours.',
      columns: [
        iri,
        texts('label_fr', 'Preferred label in French.', `${skos}prefLabel`, 'fr'),
        texts('label_en', 'Preferred label in English.', `${skos}prefLabel`, 'en'),
        texts('label_es', 'Preferred label in Spanish.', `${skos}prefLabel`, 'es'),
        texts('definition_fr', 'Definition in French.', `${skos}definition`, 'fr'),
        links('scale', 'Scale of description (general, intermediate, detailed).', `${citego}scale`),
        links('components', 'Components of a territory it sits at.', `${citego}component`),
        links('angles', 'Angles of approach to governance it sits at.', `${citego}angle`),
        links('broader', 'Broader descriptors.', `${skos}broader`),
        links('narrower', 'Narrower descriptors.', `${skos}narrower`),
        links('related', 'Related descriptors (neighbours).', `${skos}related`),
      ],
    },
    {
      name: 'relations', file: 'relations.csv',
      description: 'Every link between two things of the dataset (both IRIs under /id/), one row per link: who wrote what, which descriptor indexes which sheet, which place lies in which…',
      columns: [
        { name: 'subject', description: 'The thing the link starts from.', property: 'iri', datatype: 'anyURI' },
        { name: 'property', description: 'The property, as a prefixed name (dct:creator, dct:subject…; prefixes in csv-metadata.json).', property: 'property', datatype: 'string' },
        { name: 'object', description: 'The thing the link points to.', property: 'object', datatype: 'anyURI' },
      ],
    },
  ];
}

/** A CSV field, quoted when it must be (RFC 4180). */
function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A column's cell from the records of its property (consecutive in a group, as the records are sorted). */
function cell(column: Column, records: readonly CanonicalRecord[], from: number, to: number): string {
  const values: string[] = [];
  for (let i = from; i < to; i++) {
    const r = records[i]!;
    if (r.object.startsWith('"')) {
      const { value, language } = literalParts(r.object);
      if (column.language !== undefined && language !== column.language) continue;
      values.push(value);
    } else {
      const value = termValue(r.object);
      if (column.startsWith !== undefined && !value.startsWith(column.startsWith)) continue;
      values.push(value);
    }
    if (!column.multiple) break;
  }
  if (!column.multiple) return values[0] ?? '';
  return values.join(column.datatype === 'anyURI' ? ' ' : ' | ');
}

const RDF_TYPE = `<${rdf}type>`;

/**
 * Where each property's records are in a group, found once for every table that reads the
 * group (the writers see the same group one after the other).
 */
class PropertyRuns {
  private group: SubjectGroup | undefined;
  private runs = new Map<string, { from: number; to: number }>();

  of(group: SubjectGroup): ReadonlyMap<string, { from: number; to: number }> {
    if (group === this.group) return this.runs;
    this.group = group;
    this.runs = new Map();
    const { records } = group;
    for (let from = 0, to = 1; from < records.length; from = to, to = from + 1) {
      while (to < records.length && records[to]!.predicate === records[from]!.predicate) to++;
      this.runs.set(records[from]!.predicate, { from, to });
    }
    return this.runs;
  }
}

/** One writer per table; a row per thing of the table's class, or per link for the relations. */
export function tableWriters(dir: (file: string) => string, citego: string, thingSpace: string,
  prefixes: Readonly<Record<string, string>>): DumpWriter[] {
  const thingTerm = `<${thingSpace}`;
  const prefixed = prefixedNames(prefixes);
  const runs = new PropertyRuns();
  return tables(citego).map((table) => {
    const sink = new FileSink(dir(table.file), false);
    sink.write(`${table.columns.map((c) => c.name).join(',')}\r\n`);
    const rowClass = `<${table.rowClass}>`;
    const columns = table.columns.map((column) => ({ column, predicate: `<${column.property}>` }));
    const write = (group: SubjectGroup): { text: string; count: number } | undefined => {
      if (group.graph !== '' || !group.subject.startsWith(thingTerm)) return undefined;
      const { records } = group;
      if (table.rowClass === undefined) {
        // The relations: every link from a thing to a thing, one row each.
        let text = '';
        let count = 0;
        const subject = field(termValue(group.subject));
        let predicate = '';
        let property = '';
        for (const r of records) {
          if (r.predicate === RDF_TYPE || !r.object.startsWith(thingTerm)) continue;
          if (r.predicate !== predicate) {
            predicate = r.predicate;
            const iri = termValue(predicate);
            property = field(prefixed(iri) ?? iri);
          }
          text += `${subject},${property},${field(termValue(r.object))}\r\n`;
          count++;
        }
        return { text, count };
      }
      const byProperty = runs.of(group);
      const types = byProperty.get(RDF_TYPE);
      if (!types || !records.slice(types.from, types.to).some((r) => r.object === rowClass)) return undefined;
      const cells = columns.map(({ column, predicate }) => {
        if (column.property === 'iri') return field(termValue(group.subject));
        const run = byProperty.get(predicate);
        return field(run ? cell(column, records, run.from, run.to) : '');
      });
      return { text: `${cells.join(',')}\r\n`, count: 1 };
    };
    return sinkWriter(`csv/${table.file}`, sink, write);
  });
}

const CSVW_DATATYPES: Readonly<Record<Column['datatype'], string>> = { anyURI: 'anyURI', string: 'string', date: 'date', decimal: 'decimal' };

/** The CSVW metadata of the tables: columns, datatypes, separators and the properties they come from. */
export function csvwMetadata(citego: string, downloadBase: string, licence: string, prefixes: Readonly<Record<string, string>>): string {
  const document = {
    '@context': ['http://www.w3.org/ns/csvw', { '@language': 'en' }],
    'dc:title': 'CITEGO: the fonds documentaire and the atlas relationnel as tables',
    'dc:license': { '@id': licence },
    'rdfs:comment': 'Each table is derived from the same data as the RDF dumps; every IRI dereferences to the thing\'s full description.',
    'prefixes': prefixes,
    tables: tables(citego).map((table) => ({
      url: `${downloadBase}${table.file}`,
      'dc:description': table.description,
      dialect: { header: true, lineTerminators: ['\r\n'] },
      tableSchema: {
        ...(table.rowClass ? { aboutUrl: '{+iri}', primaryKey: 'iri' } : {}),
        columns: table.columns.map((c) => ({
          name: c.name,
          titles: c.name,
          'dc:description': c.description,
          datatype: CSVW_DATATYPES[c.datatype],
          ...(c.multiple ? { separator: c.datatype === 'anyURI' ? ' ' : ' | ' } : {}),
          ...(c.property !== 'iri' && c.property.includes(':') ? { propertyUrl: c.property } : {}),
          ...(c.property === 'iri' && table.rowClass ? { suppressOutput: true } : {}),
        })),
      },
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** A README for the tables, from the same description of their columns. */
export function tablesReadme(citego: string, licence: { iri: string; title: string }, dataset: string): string {
  const sections = tables(citego).map((table) => [
    `## ${table.file}`,
    '',
    table.description,
    '',
    '| column | meaning |',
    '| --- | --- |',
    ...table.columns.map((c) => `| \`${c.name}\` | ${c.description}${c.multiple ? ` Several values are separated by ${c.datatype === 'anyURI' ? 'a space' : '" | "'}.` : ''} |`),
    '',
  ].join('\n'));
  return [
    '# CITEGO data as CSV tables',
    '',
    'The fonds documentaire and the atlas relationnel of CITEGO (Cités, territoires, gouvernance),',
    'as tables for spreadsheets and scripts. They hold the same data as the RDF dumps; each IRI',
    'answers, in a browser, with the thing\'s full description.',
    '',
    `- Dataset: <${dataset}>`,
    `- Licence: ${licence.title}, <${licence.iri}>`,
    '- Encoding: UTF-8, comma-separated, header row, CRLF line ends (RFC 4180).',
    '- Column types and the properties they come from: `csv-metadata.json` (W3C CSVW).',
    `- Dates are written as the data gives them: a year, a month (\`2014-05\`) or a day (\`2014-05-12\`); \`modified\` may carry a time (${xsd}dateTime).`,
    `- Provenance: \`source\` is ${dct}source, a sub-property of ${prov}wasDerivedFrom.`,
    '',
    ...sections,
  ].join('\n');
}
