/**
 * The XSD checks both engines' verdicts on literals rest on (for the compiled engine directly,
 * for the reference engine as the yardstick its deviations are measured by): lexical spaces of
 * every datatype the shapes use, real calendar dates, and comparisons done as XPath does them,
 * decimals exactly, strings by code point, dates on one timeline.
 */
import { describe, expect, it } from 'vitest';
import type { Literal } from '../../src/rdf/terms.js';
import { codePointLength, compareLiterals, daysInMonth, isLeapYear, isWellFormed } from '../../src/validation/xsd.js';
import { text, typed, XSD } from './quad-edits.js';

const xsd = (datatype: string) => (value: string): Literal => typed(value, `${XSD}${datatype}`);
const date = xsd('date');
const decimal = xsd('decimal');

describe('lexical spaces', () => {
  it.each([
    ['date', ['2013-12-09', '2016-02-29', '2000-02-29', '0000-02-29', '-0004-02-29', '2013-01-01Z', '2013-01-01+14:00', '2013-01-01-05:30', '12013-01-01'],
      ['2013-02-30', '2017-02-29', '1900-02-29', '2100-02-29', '2013-04-31', '2013-13-01', '2013-00-10', '2013-01-00', '2013-1-05',
        '13-01-05', '2013-01-01+14:01', '2013-01-01+15:00', '2013-01-01+05:60', '09/12/2013', ' 2013-12-09', '']],
    ['gYearMonth', ['2014-12', '2014-01', '-0001-06'], ['2014-13', '2014-00', '2014-1', '2014']],
    ['gYear', ['2014', '0000', '10000', '-0001', '2014Z'], ['201', '+2014', '2014-01', 'MMXIV']],
    ['dateTime', ['2013-12-09T10:00:00', '2013-12-09T24:00:00', '2013-12-09T23:59:59.999Z'],
      ['2013-12-09T24:00:01', '2013-12-09T23:59:60', '2013-12-09T12:61:00', '2013-02-30T10:00:00', '2013-12-09']],
    ['time', ['10:00:00', '00:00:00+01:00'], ['25:00:00', '10:00', '10:00:00+15:00']],
    ['gMonthDay', ['--02-29', '--12-31'], ['--02-30', '--04-31', '--13-01']],
    ['decimal', ['54.5260', '-8.7832', '+.5', '5.', '0090', '-0', '90.00000000000000001'],
      ['54,5260', '--8.7832', '1e2', '.', '', ' 1', 'INF', '0x10']],
    ['integer', ['1', '01', '+1', '-0', '123456789012345678901234567890'], ['1.0', '1e3', '', '1 ']],
    ['float', ['1e3', '+INF', '-INF', 'INF', 'NaN', '.5E-3'], ['inf', '1e', 'e3', '1,5']],
    ['boolean', ['true', 'false', '1', '0'], ['TRUE', 'yes', '']],
    ['string', ['', 'Zoé', 'tab\there', 'lines\nand\r\nmore', '\u0085', '𠀀', '\ufffd'],
      ['a\u0000b', '\u0001', '\u001b', '\ud800', 'x\udc00', '\ufffe', '\uffff']],
  ])('xsd:%s', (datatype, valid, invalid) => {
    for (const value of valid) expect.soft(isWellFormed(xsd(datatype)(value)), `${JSON.stringify(value)} is a valid xsd:${datatype}`).toBe(true);
    for (const value of invalid) expect.soft(isWellFormed(xsd(datatype)(value)), `${JSON.stringify(value)} is not a valid xsd:${datatype}`).toBe(false);
  });

  it('accepts datatypes it does not know, and language-tagged strings', () => {
    expect(isWellFormed(typed('whatever', 'http://example.org/myType'))).toBe(true);
    expect(isWellFormed(text('\u0000', 'fr'))).toBe(true);
  });
});

describe('the calendar', () => {
  it('knows leap years, the year 0 (1 BCE) among them', () => {
    expect([2016n, 2000n, 0n, -4n, 2400n].map(isLeapYear)).toEqual([true, true, true, true, true]);
    expect([2017n, 1900n, 2100n, -1n].map(isLeapYear)).toEqual([false, false, false, false]);
  });

  it('knows the length of months, February without a year having 29 days', () => {
    expect([1, 4, 6, 9, 11, 12].map((m) => daysInMonth(m, 2013n))).toEqual([31, 30, 30, 30, 30, 31]);
    expect([daysInMonth(2, 2013n), daysInMonth(2, 2016n), daysInMonth(2)]).toEqual([28, 29, 29]);
  });
});

describe('comparisons', () => {
  it('compares decimals exactly, not as floating-point numbers', () => {
    expect(compareLiterals(decimal('90.00000000000000001'), decimal('90'))).toBe(1);
    expect(compareLiterals(decimal('-90.00000000000000001'), decimal('-90'))).toBe(-1);
    expect(compareLiterals(decimal('90.000'), xsd('integer')('90'))).toBe(0);
    expect(compareLiterals(decimal('0090'), decimal('90'))).toBe(0);
    expect(compareLiterals(decimal('-0'), decimal('0'))).toBe(0);
    expect(compareLiterals(decimal('123456789012345678901.5'), decimal('123456789012345678901.25'))).toBe(1);
    expect(compareLiterals(decimal('-0.5'), decimal('-0.25'))).toBe(-1);
    expect(compareLiterals(xsd('integer')('10'), xsd('integer')('9'))).toBe(1);
  });

  it('promotes decimals to floating point against floats and doubles, as XPath does', () => {
    expect(compareLiterals(decimal('54.5'), xsd('double')('5.45e1'))).toBe(0);
    expect(compareLiterals(xsd('float')('+INF'), decimal('1e300'.replace('e300', '0'.repeat(300))))).toBe(1);
    expect(compareLiterals(xsd('double')('NaN'), decimal('1'))).toBeUndefined();
  });

  it('cannot compare an ill-formed literal, nor values of different kinds', () => {
    expect(compareLiterals(decimal('54,5260'), decimal('90'))).toBeUndefined();
    expect(compareLiterals(date('2013-02-30'), date('2013-03-01'))).toBeUndefined();
    expect(compareLiterals(xsd('string')('90'), decimal('90'))).toBeUndefined();
    expect(compareLiterals(text('a', 'fr'), text('b', 'fr'))).toBeUndefined();
    expect(compareLiterals(xsd('gMonth')('--05'), xsd('gMonth')('--06'))).toBeUndefined();
  });

  it('compares dates on one timeline, a year or a month from its first day', () => {
    expect(compareLiterals(date('2013-01-01'), date('2013-01-02'))).toBe(-1);
    expect(compareLiterals(xsd('gYear')('2014'), date('2014-03-01'))).toBe(-1);
    expect(compareLiterals(xsd('gYear')('2014'), date('2014-01-01'))).toBe(0);
    expect(compareLiterals(xsd('gYear')('2016'), date('2015-06-01'))).toBe(1);
    expect(compareLiterals(xsd('gYearMonth')('2015-07'), date('2015-07-01'))).toBe(0);
    expect(compareLiterals(xsd('dateTime')('2015-07-01T12:00:00'), date('2015-07-01'))).toBe(1);
    expect(compareLiterals(date('-0001-12-31'), date('0000-01-01'))).toBe(-1);
  });

  it('leaves the order open between a date with a timezone and one without, within 14 hours', () => {
    expect(compareLiterals(date('2013-01-01Z'), date('2013-01-01'))).toBeUndefined();
    expect(compareLiterals(date('2013-01-01'), date('2013-01-03Z'))).toBe(-1);
    expect(compareLiterals(date('2013-01-03Z'), date('2013-01-01'))).toBe(1);
    expect(compareLiterals(xsd('dateTime')('2013-01-01T10:00:00+02:00'), xsd('dateTime')('2013-01-01T08:30:00Z'))).toBe(-1);
    expect(compareLiterals(xsd('dateTime')('2013-01-01T24:00:00Z'), xsd('dateTime')('2013-01-02T00:00:00Z'))).toBe(0);
  });

  it('orders strings by code point, and booleans false before true', () => {
    // In UTF-16 units U+FFFD comes after U+10000 (a surrogate pair starting 0xD800); in code points, before.
    expect(compareLiterals(xsd('string')('\ufffd'), xsd('string')('𐀀'))).toBe(-1);
    expect(compareLiterals(xsd('string')('abc'), xsd('string')('abd'))).toBe(-1);
    expect(compareLiterals(xsd('string')('ab'), xsd('string')('abc'))).toBe(-1);
    expect(compareLiterals(xsd('boolean')('false'), xsd('boolean')('1'))).toBe(-1);
    expect(compareLiterals(xsd('boolean')('true'), xsd('boolean')('1'))).toBe(0);
  });
});

describe('lengths', () => {
  it('count characters, not UTF-16 units', () => {
    expect(codePointLength('𠀀')).toBe(1);
    expect(codePointLength('Zoé')).toBe(3);
    expect(codePointLength('𠀀𠀁a')).toBe(3);
    expect(codePointLength('')).toBe(0);
    // A lone surrogate is one (broken) character.
    expect(codePointLength('\ud800')).toBe(1);
    expect(codePointLength('\ud800a')).toBe(2);
  });
});
