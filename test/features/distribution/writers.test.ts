/**
 * The JSON-LD and CSV writers against their definitions, on any subject groups: a JSON-LD node
 * is written as JSON.stringify writes the node object (its `@id`, then each key in the order of
 * its first value, `@type` where the first type is), and a table's cell holds the values of its
 * column's property among all the group's records, filtered by language or namespace.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalTerm, literalParts, recordOf, termValue, type SubjectGroup } from '../../../src/features/distribution/canonical.js';
import { tables, tableWriters } from '../../../src/features/distribution/csv-tables.js';
import { jsonLdWriter, type DumpWriter } from '../../../src/features/distribution/rdf-writers.js';
import { allPrefixes, citegoNamespaces, prefixedNames } from '../../../src/rdf/namespaces.js';

const BASE = 'http://example.test/';
const { citego } = citegoNamespaces(BASE);
const prefixes = allPrefixes(BASE);
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const XSD = 'http://www.w3.org/2001/XMLSchema#';

const things = ['document/a', 'document/b', 'actor/c', 'place/d', 'descriptor/e'].map((path) => `<${BASE}id/${path}>`);
const predicates = [RDF_TYPE, 'http://purl.org/dc/terms/title', 'http://purl.org/dc/terms/creator', 'http://purl.org/dc/terms/issued',
  'http://www.w3.org/2004/02/skos/core#prefLabel', 'http://www.w3.org/2002/07/owl#sameAs', 'http://e.test/no-prefix#p', 'dct:title',
  `${citego}partner`].map((iri) => `<${iri}>`);
const literal = (value: string, language: string, datatype: string) =>
  canonicalTerm({ termType: 'Literal', value, language, datatype: { termType: 'NamedNode', value: datatype } });
const objects = fc.oneof(
  fc.constantFrom(...things, ...['Document', 'Analysis', 'Descriptor'].map((c) => `<${citego}${c}>`), '<http://xmlns.com/foaf/0.1/Agent>',
    '<http://www.wikidata.org/entity/Q90>', '<https://sws.geonames.org/2988507/>', '_:c14n0'),
  fc.tuple(fc.string({ unit: 'binary', maxLength: 8 }), fc.constantFrom('', 'fr', 'en', 'es')).map(([value, language]) =>
    literal(value, language, language ? 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString' : `${XSD}string`)),
  fc.constantFrom(literal('2014-05', '', `${XSD}gYearMonth`), literal('48.85', '', `${XSD}decimal`)),
);

/** Subject groups as the canonical form gives them: records sorted by statement, without duplicates. */
const groups = fc.array(fc.tuple(fc.constantFrom(...things, '_:c14n1'), fc.array(fc.tuple(fc.constantFrom(...predicates), objects), { minLength: 1, maxLength: 12 })), { maxLength: 8 })
  .map((list) => {
    const bySubject = new Map<string, Set<string>>();
    for (const [subject, pairs] of list) for (const [p, o] of pairs) (bySubject.get(subject) ?? bySubject.set(subject, new Set()).get(subject)!).add(`${subject} ${p} ${o}`);
    return [...bySubject.keys()].sort().map((subject): SubjectGroup =>
      ({ graph: '', subject, records: [...bySubject.get(subject)!].sort().map((statement) => recordOf(statement, subject.length)) }));
  });

async function written(writers: readonly DumpWriter[], list: readonly SubjectGroup[]): Promise<void> {
  for (const group of list) for (const writer of writers) writer.consume(group);
  await Promise.all(writers.map((w) => w.close()));
}

/** The node object of a group, as the JSON-LD writer's definition builds it. */
function nodeObject(group: SubjectGroup): Record<string, unknown> {
  const short = prefixedNames(prefixes);
  const node: Record<string, unknown> = { '@id': termValue(group.subject) };
  for (const { predicate, object } of group.records) {
    if (predicate === `<${RDF_TYPE}>` && object.startsWith('<')) {
      ((node['@type'] ??= []) as string[]).push(termValue(object));
      continue;
    }
    const key = short(termValue(predicate)) ?? termValue(predicate);
    let value: Record<string, string>;
    if (object.startsWith('<') || object.startsWith('_:')) value = { '@id': termValue(object) };
    else {
      const { value: text, language, datatype } = literalParts(object);
      value = language ? { '@value': text, '@language': language } : datatype === `${XSD}string` ? { '@value': text } : { '@value': text, '@type': datatype };
    }
    ((node[key] ??= []) as unknown[]).push(value);
  }
  return node;
}

describe('the JSON-LD writer', () => {
  it('writes each node as JSON.stringify writes its node object', async () => {
    await fc.assert(fc.asyncProperty(groups, async (list) => {
      const dir = mkdtempSync(join(tmpdir(), 'citego-jsonld-'));
      await written([jsonLdWriter('citego.jsonld', join(dir, 'citego.jsonld'), prefixes)], list);
      const text = readFileSync(join(dir, 'citego.jsonld'), 'utf8');
      const nodes = text.slice(text.indexOf('"@graph": [') + 11, text.lastIndexOf('\n  ]')).split(',\n    ').map((line) => line.trim()).filter(Boolean);
      expect(nodes).toEqual(list.map((group) => JSON.stringify(nodeObject(group))));
      expect((JSON.parse(text) as { '@graph': unknown[] })['@graph']).toHaveLength(list.length);
    }), { numRuns: 150 });
  });
});

describe('the CSV tables', () => {
  it('give each row the values of its columns\' properties among all the records of its thing', async () => {
    await fc.assert(fc.asyncProperty(groups, async (list) => {
      const dir = mkdtempSync(join(tmpdir(), 'citego-csv-'));
      await written(tableWriters((file) => join(dir, file), citego, `${BASE}id/`, prefixes), list);
      for (const table of tables(citego).filter((t) => t.rowClass)) {
        const rows = readFileSync(join(dir, table.file), 'utf8').split('\r\n').slice(1, -1);
        const expected = list.filter((g) => g.subject.startsWith(`<${BASE}id/`) && g.records.some((r) => r.predicate === `<${RDF_TYPE}>` && r.object === `<${table.rowClass}>`))
          .map((g) => table.columns.map((column) => {
            if (column.property === 'iri') return termValue(g.subject);
            const values = g.records.filter((r) => r.predicate === `<${column.property}>`).flatMap((r) => {
              if (r.object.startsWith('"')) {
                const { value, language } = literalParts(r.object);
                return column.language === undefined || language === column.language ? [value] : [];
              }
              const value = termValue(r.object);
              return column.startsWith === undefined || value.startsWith(column.startsWith) ? [value] : [];
            });
            return column.multiple ? values.join(column.datatype === 'anyURI' ? ' ' : ' | ') : values[0] ?? '';
          }).map((value) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value)).join(','));
        // A field may hold a line break (quoted): rows are compared as the whole text.
        expect(rows.join('\r\n'), table.file).toBe(expected.join('\r\n'));
      }
    }), { numRuns: 150 });
  });
});
