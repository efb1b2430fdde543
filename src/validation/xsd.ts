/**
 * XSD datatypes as SHACL's sh:datatype and its range constraints need them: is a literal's
 * lexical form in its datatype's lexical space (XSD 1.1 Part 2, which RDF 1.1 refers to), and
 * how do two literals compare (XPath's operators, which SPARQL's `<` and SHACL's sh:minInclusive,
 * sh:lessThan… use).
 *
 * Exact where floating point would not be: decimals and integers compare digit by digit (so
 * 90.00000000000000001 is greater than 90), dates are checked against the calendar (no
 * 30 February, 29 February only in leap years), strings hold only XML characters.
 *
 * One extension, as SPARQL allows operators to be extended (SPARQL 1.1, 17.3.1): dates of
 * different precision (xsd:gYear, xsd:gYearMonth, xsd:date, xsd:dateTime) compare by the
 * instant they start at, so that a sheet published in "2014"^^xsd:gYear may be modified on
 * "2014-03-01"^^xsd:date. XPath alone would call them incomparable.
 */
import { RDF_LANG_STRING, STANDARD_PREFIXES } from '../rdf/namespaces.js';
import type { Literal } from '../rdf/terms.js';

const XSD = STANDARD_PREFIXES.xsd;

// ---- lexical spaces ------------------------------------------------------------------------

/** XML's Char production: what a string may hold (XSD 1.1, 3.3.1 string). */
const XML_CHARACTERS = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const INTEGER = /^[+-]?\d+$/;
const FLOAT = /^(?:[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|[+-]?INF|NaN)$/;
const DURATION = /^-?P(?=\d|T\d)(?:\d+Y)?(?:\d+M)?(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?$/;
const YEAR_MONTH_DURATION = /^-?P(?=\d)(?:\d+Y)?(?:\d+M)?$/;
const DAY_TIME_DURATION = /^-?P(?=\d|T\d)(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?$/;
const LANGUAGE = /^[a-zA-Z]{1,8}(?:-[a-zA-Z0-9]{1,8})*$/;
const HEX_BINARY = /^(?:[0-9a-fA-F]{2})*$/;
const BASE64 = /^(?:(?:[A-Za-z0-9+/] ?){4})*(?:(?:[A-Za-z0-9+/] ?){3}[A-Za-z0-9+/]|(?:[A-Za-z0-9+/] ?){2}[AEIMQUYcgkosw048] ?=|[A-Za-z0-9+/] ?[AQgw] ?= ?=)?$/;

/** The seven-property model of XSD 1.1 dates and times, as far as a lexical form gives it. */
interface DateTimeFields {
  readonly year?: bigint;
  readonly month?: number;
  readonly day?: number;
  readonly hour?: number;
  readonly minute?: number;
  /** Whole seconds; the fraction is kept as its digits so that it compares exactly. */
  readonly second?: number;
  readonly fraction: string;
  /** Minutes east of UTC, or undefined for a value without timezone. */
  readonly timezone?: number;
}

const TIMEZONE = '(Z|[+-]\\d{2}:\\d{2})?';
const YEAR = '(-?(?:[1-9]\\d{3,}|0\\d{3}))';
const CLOCK = '(\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d+))?';

/** Each date/time datatype: its lexical pattern and which fields its groups hold, in order. */
const DATE_TIME_FORMS: Record<string, { readonly pattern: RegExp; readonly fields: readonly (keyof DateTimeFields)[] }> = {
  dateTime: { pattern: new RegExp(`^${YEAR}-(\\d{2})-(\\d{2})T${CLOCK}${TIMEZONE}$`), fields: ['year', 'month', 'day', 'hour', 'minute', 'second', 'fraction', 'timezone'] },
  dateTimeStamp: { pattern: new RegExp(`^${YEAR}-(\\d{2})-(\\d{2})T${CLOCK}(Z|[+-]\\d{2}:\\d{2})$`), fields: ['year', 'month', 'day', 'hour', 'minute', 'second', 'fraction', 'timezone'] },
  date: { pattern: new RegExp(`^${YEAR}-(\\d{2})-(\\d{2})${TIMEZONE}$`), fields: ['year', 'month', 'day', 'timezone'] },
  time: { pattern: new RegExp(`^${CLOCK}${TIMEZONE}$`), fields: ['hour', 'minute', 'second', 'fraction', 'timezone'] },
  gYearMonth: { pattern: new RegExp(`^${YEAR}-(\\d{2})${TIMEZONE}$`), fields: ['year', 'month', 'timezone'] },
  gYear: { pattern: new RegExp(`^${YEAR}${TIMEZONE}$`), fields: ['year', 'timezone'] },
  gMonthDay: { pattern: new RegExp(`^--(\\d{2})-(\\d{2})${TIMEZONE}$`), fields: ['month', 'day', 'timezone'] },
  gMonth: { pattern: new RegExp(`^--(\\d{2})${TIMEZONE}$`), fields: ['month', 'timezone'] },
  gDay: { pattern: new RegExp(`^---(\\d{2})${TIMEZONE}$`), fields: ['day', 'timezone'] },
};

export function isLeapYear(year: bigint): boolean {
  return year % 4n === 0n && (year % 100n !== 0n || year % 400n === 0n);
}

/** The last day of a month; without a year (xsd:gMonthDay), February has 29 days. */
export function daysInMonth(month: number, year?: bigint): number {
  if (month === 2) return year === undefined || isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function timezoneMinutes(text: string): number | undefined {
  if (text === 'Z') return 0;
  const hours = Number(text.slice(1, 3));
  const minutes = Number(text.slice(4, 6));
  // XSD 1.1, 3.3.7: at most 14 hours from UTC, and the minutes of a clock.
  if (minutes > 59 || hours > 14 || (hours === 14 && minutes !== 0)) return undefined;
  return (text.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

/** The fields of a date/time literal, or undefined when its form or its calendar is wrong. */
function dateTimeFields(form: (typeof DATE_TIME_FORMS)[string], lexical: string): DateTimeFields | undefined {
  const match = form.pattern.exec(lexical);
  if (!match) return undefined;
  const fields: { -readonly [K in keyof DateTimeFields]: DateTimeFields[K] } = { fraction: '' };
  for (let i = 0; i < form.fields.length; i++) {
    const text = match[i + 1];
    const field = form.fields[i]!;
    if (text === undefined) continue;
    if (field === 'year') fields.year = BigInt(text);
    else if (field === 'fraction') fields.fraction = text.replace(/0+$/, '');
    else if (field === 'timezone') {
      fields.timezone = timezoneMinutes(text);
      if (fields.timezone === undefined) return undefined;
    } else fields[field] = Number(text);
  }
  const { month, day, hour, minute, second } = fields;
  if (month !== undefined && (month < 1 || month > 12)) return undefined;
  if (day !== undefined && (day < 1 || day > (month === undefined ? 31 : daysInMonth(month, fields.year)))) return undefined;
  if (minute !== undefined && minute > 59) return undefined;
  if (second !== undefined && second > 59) return undefined;
  // 24:00:00 is the end of a day (XSD 1.1, 3.3.8), and no later.
  if (hour !== undefined && (hour > 24 || (hour === 24 && (minute !== 0 || second !== 0 || fields.fraction !== '')))) return undefined;
  return fields;
}

const INTEGER_RANGES: Record<string, [bigint | null, bigint | null]> = {
  integer: [null, null],
  nonNegativeInteger: [0n, null],
  positiveInteger: [1n, null],
  nonPositiveInteger: [null, 0n],
  negativeInteger: [null, -1n],
  long: [-(2n ** 63n), 2n ** 63n - 1n],
  int: [-(2n ** 31n), 2n ** 31n - 1n],
  short: [-32768n, 32767n],
  byte: [-128n, 127n],
  unsignedLong: [0n, 2n ** 64n - 1n],
  unsignedInt: [0n, 2n ** 32n - 1n],
  unsignedShort: [0n, 65535n],
  unsignedByte: [0n, 255n],
};

type LexicalCheck = (lexical: string) => boolean;

const isXmlText: LexicalCheck = (v) => XML_CHARACTERS.test(v);
const isNormalized: LexicalCheck = (v) => isXmlText(v) && !/[\n\r\t]/.test(v);

/**
 * Forms of the commonest dates that are surely valid (four-digit year, a day no later than the
 * 28th, no timezone): most literals pass here without being taken apart.
 */
const SURELY_VALID: Readonly<Record<string, RegExp>> = {
  date: /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])$/,
  gYearMonth: /^\d{4}-(?:0[1-9]|1[0-2])$/,
  gYear: /^\d{4}$/,
  dateTime: /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?$/,
};

const LEXICAL_CHECKS = new Map<string, LexicalCheck>([
  ['string', isXmlText],
  ['normalizedString', isNormalized],
  ['token', (v) => isNormalized(v) && !v.startsWith(' ') && !v.endsWith(' ') && !v.includes('  ')],
  ['language', (v) => LANGUAGE.test(v)],
  ['boolean', (v) => v === 'true' || v === 'false' || v === '1' || v === '0'],
  ['decimal', (v) => DECIMAL.test(v)],
  ['float', (v) => FLOAT.test(v)],
  ['double', (v) => FLOAT.test(v)],
  ['duration', (v) => DURATION.test(v)],
  ['yearMonthDuration', (v) => YEAR_MONTH_DURATION.test(v)],
  ['dayTimeDuration', (v) => DAY_TIME_DURATION.test(v)],
  ['hexBinary', (v) => HEX_BINARY.test(v)],
  ['base64Binary', (v) => BASE64.test(v)],
  ...Object.entries(DATE_TIME_FORMS).map(([name, form]): [string, LexicalCheck] => {
    const quick = SURELY_VALID[name];
    return [name, (v) => quick?.test(v) === true || dateTimeFields(form, v) !== undefined];
  }),
  ...Object.entries(INTEGER_RANGES).map(([name, [min, max]]): [string, LexicalCheck] => [name, (v) => {
    if (!INTEGER.test(v)) return false;
    const n = BigInt(v);
    return (min === null || n >= min) && (max === null || n <= max);
  }]),
]);

/** Whether a literal's lexical form is valid for its datatype; datatypes we do not know are accepted. */
export function isWellFormed(literal: Literal): boolean {
  const datatype = literal.datatype.value;
  if (!datatype.startsWith(XSD)) return true;
  const check = LEXICAL_CHECKS.get(datatype.slice(XSD.length));
  return check ? check(literal.value) : true;
}

// ---- order ---------------------------------------------------------------------------------

/** A decimal as sign and digits without useless zeros, which compare exactly. */
interface ExactDecimal { readonly sign: -1 | 0 | 1; readonly whole: string; readonly fraction: string }

function exactDecimal(lexical: string): ExactDecimal {
  const negative = lexical.startsWith('-');
  const unsigned = lexical.replace(/^[+-]/, '');
  const [wholePart = '', fractionPart = ''] = unsigned.split('.');
  const whole = wholePart.replace(/^0+/, '');
  const fraction = fractionPart.replace(/0+$/, '');
  const sign = whole === '' && fraction === '' ? 0 : negative ? -1 : 1;
  return { sign, whole, fraction };
}

function compareDigits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareDecimals(a: ExactDecimal, b: ExactDecimal): number {
  if (a.sign !== b.sign) return a.sign - b.sign;
  const magnitude = a.whole.length !== b.whole.length ? a.whole.length - b.whole.length
    : compareDigits(a.whole, b.whole) || compareDigits(a.fraction, b.fraction);
  return a.sign * Math.sign(magnitude);
}

/** Days from 1970-01-01 to a date of the proleptic Gregorian calendar (year 0 is 1 BCE, as in XSD 1.1). */
function daysFromEpoch(year: bigint, month: number, day: number): bigint {
  const y = month <= 2 ? year - 1n : year;
  const era = (y >= 0n ? y : y - 399n) / 400n;
  const yearOfEra = y - era * 400n;
  const dayOfYear = BigInt(Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1);
  const dayOfEra = yearOfEra * 365n + yearOfEra / 4n - yearOfEra / 100n + dayOfYear;
  return era * 146097n + dayOfEra - 719468n;
}

/** A date/time as seconds from the epoch (the first instant of its period), in UTC when it has a timezone. */
interface Instant { readonly seconds: bigint; readonly fraction: string; readonly zoned: boolean }

function instantOf(fields: DateTimeFields): Instant {
  const days = fields.year === undefined ? 0n : daysFromEpoch(fields.year, fields.month ?? 1, fields.day ?? 1);
  const clock = (fields.hour ?? 0) * 3600 + (fields.minute ?? 0) * 60 + (fields.second ?? 0) - (fields.timezone ?? 0) * 60;
  return { seconds: days * 86400n + BigInt(clock), fraction: fields.fraction, zoned: fields.timezone !== undefined };
}

const FOURTEEN_HOURS = 14n * 3600n;

function compareInstants(a: Instant, b: Instant): number | undefined {
  const exact = (x: bigint, y: bigint, fx: string, fy: string): number => (x < y ? -1 : x > y ? 1 : compareDigits(fx, fy));
  if (a.zoned === b.zoned) return exact(a.seconds, b.seconds, a.fraction, b.fraction);
  // XSD 1.1, D.2.3: a value without timezone may lie anywhere within 14 hours of UTC; the
  // order is known only when the other value lies outside that span.
  const local = a.zoned ? b : a;
  const zoned = a.zoned ? a : b;
  const sign = a.zoned ? -1 : 1;
  if (exact(local.seconds + FOURTEEN_HOURS, zoned.seconds, local.fraction, zoned.fraction) < 0) return -sign;
  if (exact(local.seconds - FOURTEEN_HOURS, zoned.seconds, local.fraction, zoned.fraction) > 0) return sign;
  return undefined;
}

/** Datatypes whose values order as numbers: the decimals (integers included) and the floats. */
const DECIMAL_TYPES = new Set(['decimal', ...Object.keys(INTEGER_RANGES)]);
const FLOAT_TYPES = new Set(['float', 'double']);
/** Dates of different precision that the extension above compares with one another. */
const TIMELINE_TYPES = new Set(['date', 'dateTime', 'dateTimeStamp', 'gYear', 'gYearMonth']);
/** xsd:gMonth, xsd:gDay, xsd:gMonthDay (recurring days) and durations have no order in XPath: only these do. */
const ORDERED_TIME_TYPES = new Set([...TIMELINE_TYPES, 'time']);

type OrderedValue =
  | { readonly kind: 'decimal'; readonly value: ExactDecimal }
  | { readonly kind: 'float'; readonly value: number }
  | { readonly kind: 'string' | 'boolean'; readonly value: string }
  | { readonly kind: string; readonly value: Instant };

function orderedValue(literal: Literal): OrderedValue | undefined {
  const datatype = literal.datatype.value;
  if (datatype === RDF_LANG_STRING || !datatype.startsWith(XSD) || !isWellFormed(literal)) return undefined;
  const local = datatype.slice(XSD.length);
  const lexical = literal.value;
  if (DECIMAL_TYPES.has(local)) return { kind: 'decimal', value: exactDecimal(lexical) };
  if (FLOAT_TYPES.has(local)) {
    const value = Number(lexical.replace(/^\+/, '').replace(/INF$/, 'Infinity'));
    return { kind: 'float', value: local === 'float' ? Math.fround(value) : value };
  }
  if (local === 'string') return { kind: 'string', value: lexical };
  if (local === 'boolean') return { kind: 'boolean', value: lexical === 'true' || lexical === '1' ? '1' : '0' };
  if (!ORDERED_TIME_TYPES.has(local)) return undefined;
  return { kind: TIMELINE_TYPES.has(local) ? 'timeline' : local, value: instantOf(dateTimeFields(DATE_TIME_FORMS[local]!, lexical)!) };
}

function asFloat(value: OrderedValue): number | undefined {
  if (value.kind === 'float') return value.value as number;
  if (value.kind === 'decimal') {
    const d = value.value as ExactDecimal;
    return d.sign * Number(`${d.whole || '0'}.${d.fraction || '0'}`);
  }
  return undefined;
}

/** Strings compare by code point (XPath's default collation), not by UTF-16 unit. */
function compareCodePoints(a: string, b: string): number {
  const left = a[Symbol.iterator]();
  const right = b[Symbol.iterator]();
  for (;;) {
    const x = left.next();
    const y = right.next();
    if (x.done || y.done) return x.done && y.done ? 0 : x.done ? -1 : 1;
    const difference = x.value.codePointAt(0)! - y.value.codePointAt(0)!;
    if (difference !== 0) return difference;
  }
}

/**
 * Negative, zero or positive as `a` sorts before, with or after `b`; undefined when SPARQL
 * could not compare them (different kinds of value, an ill-formed literal, NaN, or dates whose
 * timezones leave the order open). A range constraint fails on undefined.
 */
export function compareLiterals(a: Literal, b: Literal): number | undefined {
  const left = orderedValue(a);
  const right = orderedValue(b);
  if (!left || !right) return undefined;
  if (left.kind === 'decimal' && right.kind === 'decimal') return compareDecimals(left.value as ExactDecimal, right.value as ExactDecimal);
  const x = asFloat(left);
  const y = asFloat(right);
  if (x !== undefined && y !== undefined) return Number.isNaN(x) || Number.isNaN(y) ? undefined : x < y ? -1 : x > y ? 1 : 0;
  if (left.kind !== right.kind) return undefined;
  if (left.kind === 'string') return Math.sign(compareCodePoints(left.value as string, right.value as string));
  if (left.kind === 'boolean') return compareDigits(left.value as string, right.value as string);
  return compareInstants(left.value as Instant, right.value as Instant);
}

/** The length of a string in characters (code points), as XPath's fn:string-length counts them. */
export function codePointLength(text: string): number {
  let length = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // A high surrogate followed by a low one is one character written with two units.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) { length--; i++; }
    }
  }
  return length;
}
