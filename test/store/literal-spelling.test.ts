/**
 * Literals as the embedded store spells them: every form taken as kept by the store is written
 * back by Oxigraph exactly as given (checked on forms drawn from each pattern), and the others
 * come back from the speller as Oxigraph writes them.
 */
import fc from 'fast-check';
import oxigraph from 'oxigraph';
import { describe, expect, it } from 'vitest';
import { KEPT_AS_WRITTEN, keptAsWritten, LiteralSpeller } from '../../src/store/literal-spelling.js';

const XSD = 'http://www.w3.org/2001/XMLSchema#';

/** Each literal as Oxigraph writes it back once loaded. */
function oxigraphSpelling(literals: readonly string[]): string[] {
  const store = new oxigraph.Store();
  store.load(literals.map((literal, i) => `<urn:s:${i}> <urn:p> ${literal} .\n`).join(''), { format: 'application/n-triples' });
  const spelt: string[] = [];
  for (const line of store.dump({ format: 'application/n-triples', from_graph_name: oxigraph.defaultGraph() }).trim().split('\n')) {
    const [, index, literal] = /^<urn:s:(\d+)> <urn:p> (.*) \.$/.exec(line)!;
    spelt[Number(index)] = literal!;
  }
  return spelt;
}

describe('the store\'s spelling of literals', () => {
  for (const [datatype, pattern] of Object.entries(KEPT_AS_WRITTEN)) {
    it(`keeps every ${datatype.slice(XSD.length)} the pattern accepts`, () => {
      fc.assert(fc.property(fc.array(fc.stringMatching(pattern), { minLength: 1, maxLength: 200 }), (values) => {
        const literals = values.map((value) => `"${value}"^^<${datatype}>`);
        expect(oxigraphSpelling(literals)).toEqual(literals);
        for (const value of values) expect(keptAsWritten({ termType: 'Literal', value, language: '', datatype: { termType: 'NamedNode', value: datatype } })).toBe(true);
      }), { numRuns: 30 });
    });
  }

  it('keeps the last days of each month as written, and leaves to the store the days a month has not (and the 29th of February)', () => {
    const date = (value: string) => keptAsWritten({ termType: 'Literal', value, language: '', datatype: { termType: 'NamedNode', value: `${XSD}date` } });
    const ends = ['2005-01-31', '2005-03-31', '2005-04-30', '2005-07-31', '2005-08-31', '2005-11-30', '2005-12-31', '2005-06-29', '2005-02-28'];
    expect(ends.filter(date)).toEqual(ends);
    expect(oxigraphSpelling(ends.map((value) => `"${value}"^^<${XSD}date>`))).toEqual(ends.map((value) => `"${value}"^^<${XSD}date>`));
    expect(['2005-04-31', '2005-06-31', '2005-09-31', '2005-11-31', '2005-02-30', '2004-02-29', '2005-13-01', '2005-00-10'].filter(date)).toEqual([]);
  });

  it('spells the other forms as the store writes them back', () => {
    const literals = ['"01"', '"+1.50"', '"1e3"', '"2014-05-12+00:00"', '"P13M"', '"1"'].map((value, i) =>
      `${value}^^<${XSD}${['integer', 'decimal', 'double', 'date', 'yearMonthDuration', 'int'][i]}>`);
    const spelt: string[] = [];
    const speller = new LiteralSpeller<number>((index, literal) => { spelt[index] = literal; }, 4);
    literals.forEach((literal, index) => speller.add(index, literal));
    speller.flush();
    expect(spelt).toEqual(oxigraphSpelling(literals));
    expect(spelt[0]).toBe(`"1"^^<${XSD}integer>`);
    expect(spelt[5]).toBe(`"1"^^<${XSD}integer>`);
  });
});
