/**
 * The canonical form the dumps are written from: a triple read from a file is spelt exactly as
 * the store writes it, the values it respells included (so that the parts the store computed,
 * taken line by line, merge with the data without duplicates, and counts equal the endpoint's), literals read back from it are the literals written, and the
 * external sort gives the same lines in memory and through run files.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import oxigraph from 'oxigraph';
import { describe, expect, it } from 'vitest';
import { canonicalTerm, ExternalSorter, literalParts, statementHead, statementOf, type SubjectGroup } from '../../../src/features/distribution/canonical.js';
import { keptAsWritten, LiteralSpeller } from '../../../src/store/literal-spelling.js';
import { parseRdfChunks } from '../../../src/rdf/parse.js';

const TRICKY = `@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<http://e/s> <http://e/p> "quote \\" backslash \\\\ line\\nreturn\\rtab\\tbackspace\\bform feed\\f\\u0001\\u001F\\u007F é 😀"@EN-GB ,
  "plain" , "typed"^^xsd:string , "01"^^xsd:integer , "x"^^<http://e/type> , <http://e/\\u00e9> ;
  <http://e/q> """a long
literal""" .
`;

describe('the canonical form', () => {
  it('spells every term of a file as the store writes it, but for the values it respells', async () => {
    const store = new oxigraph.Store();
    store.load(TRICKY, { format: 'text/turtle' });
    const written = (store.query('CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }', { results_format: 'application/n-triples' }) as string)
      .trim().split('\n').map((line) => `\t${line.slice(0, -2)}`).sort();
    const ours: string[] = [];
    const speller = new LiteralSpeller<string>((head, literal) => ours.push(head + literal));
    await parseRdfChunks([Buffer.from(TRICKY)], 'tricky.ttl', { baseIRI: 'http://e/', format: 'text/turtle' }, (batch) => {
      for (const quad of batch.quads) {
        if (quad.object.termType === 'Literal' && !keptAsWritten(quad.object)) speller.add(`\t${statementHead(quad)}`, canonicalTerm(quad.object));
        else ours.push(`\t${statementOf(quad)}`);
      }
    });
    speller.flush();
    expect(ours.sort()).toEqual(written);
    expect(ours).toHaveLength(7);
  });

  it('gives back the lexical form of any literal', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (value) => {
      const term = canonicalTerm({ termType: 'Literal', value, language: '', datatype: { termType: 'NamedNode', value: 'http://www.w3.org/2001/XMLSchema#string' } });
      expect(term).not.toMatch(/[\n\r]/);
      expect(literalParts(term).value).toBe(value);
    }));
  });

  it('sorts the same statements into the same groups without duplicates, in memory or through run files', () => {
    const graphs = fc.constantFrom('', '<http://e/g>', '<http://e/g2>', '_:c14n0');
    const subjects = fc.constantFrom('<http://e/a>', '<http://e/a-b>', '<http://e/ab>', '_:c14n1', '_:c14n10');
    const rests = fc.string({ unit: 'grapheme', minLength: 1 }).map((s) => s.replace(/\n/g, ' '));
    fc.assert(fc.property(fc.array(fc.tuple(graphs, subjects, rests), { maxLength: 300 }), (quads) => {
      const inMemory = new ExternalSorter(tmpdir());
      const spilled = new ExternalSorter(mkdtempSync(join(tmpdir(), 'citego-sort-')), 40);
      for (const [graph, subject, rest] of quads) {
        inMemory.add(graph, `${subject} ${rest}`);
        spilled.add(graph, `${subject} ${rest}`);
      }
      // The reference: the lines `graph\tstatement` sorted, without duplicates, cut where graph or subject changes.
      const expected: { graph: string; subject: string; statements: string[] }[] = [];
      for (const line of [...new Set(quads.map(([graph, subject, rest]) => `${graph}\t${subject} ${rest}`))].sort()) {
        const tab = line.indexOf('\t');
        const [graph, statement] = [line.slice(0, tab), line.slice(tab + 1)];
        const subject = statement.slice(0, statement.indexOf(' '));
        const last = expected[expected.length - 1];
        if (last && last.graph === graph && last.subject === subject) last.statements.push(statement);
        else expected.push({ graph, subject, statements: [statement] });
      }
      const shape = (groups: Iterable<SubjectGroup>) => [...groups].map((g) => ({ graph: g.graph, subject: g.subject, statements: g.records.map((r) => r.statement) }));
      expect(shape(inMemory.groups())).toEqual(expected);
      expect(shape(spilled.groups())).toEqual(expected);
    }), { numRuns: 50 });
  });
});
