/**
 * XSD datatypes as SHACL's sh:datatype needs them: is a literal's lexical form well formed, and
 * how do two literals compare for sh:minInclusive and its siblings.
 *
 * Dates and times are checked for their form, as the reference engine (rdf-validate-datatype)
 * checks them, so that both engines give the same verdicts; impossible months and days are
 * caught by the shapes' own sh:pattern.
 */
import { STANDARD_PREFIXES } from '../rdf/namespaces.js';
import type { Literal } from '../rdf/terms.js';

const XSD = STANDARD_PREFIXES.xsd;

const TIMEZONE = '(?:Z|[+-]\\d{2}:\\d{2})?';
const YEAR = '-?(?:[1-9]\\d{3,}|0\\d{3})';
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const INTEGER = /^[+-]?\d+$/;
const FLOAT = /^(?:[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|-?INF|NaN)$/;
const DATE = new RegExp(`^${YEAR}-\\d{2}-\\d{2}${TIMEZONE}$`);
const CLOCK = '\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?';
const DATE_TIME = new RegExp(`^${YEAR}-\\d{2}-\\d{2}T${CLOCK}${TIMEZONE}$`);
const DATE_TIME_STAMP = new RegExp(`^${YEAR}-\\d{2}-\\d{2}T${CLOCK}(?:Z|[+-]\\d{2}:\\d{2})$`);
const TIME = new RegExp(`^${CLOCK}${TIMEZONE}$`);
const G_YEAR = new RegExp(`^${YEAR}${TIMEZONE}$`);
const G_YEAR_MONTH = new RegExp(`^${YEAR}-\\d{2}${TIMEZONE}$`);
const G_MONTH = new RegExp(`^--\\d{2}${TIMEZONE}$`);
const G_DAY = new RegExp(`^---\\d{2}${TIMEZONE}$`);
const G_MONTH_DAY = new RegExp(`^--\\d{2}-\\d{2}${TIMEZONE}$`);
const DURATION = /^-?P(?=\d|T\d)(?:\d+Y)?(?:\d+M)?(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?$/;
const LANGUAGE = /^[a-zA-Z]{1,8}(?:-[a-zA-Z0-9]{1,8})*$/;
const HEX_BINARY = /^(?:[0-9a-fA-F]{2})*$/;
const BASE64 = /^(?:(?:[A-Za-z0-9+/] ?){4})*(?:(?:[A-Za-z0-9+/] ?){3}[A-Za-z0-9+/]|(?:[A-Za-z0-9+/] ?){2}[AEIMQUYcgkosw048] ?=|[A-Za-z0-9+/] ?[AQgw] ?= ?=)?$/;

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

const LEXICAL_CHECKS = new Map<string, LexicalCheck>([
  ['boolean', (v) => v === 'true' || v === 'false' || v === '1' || v === '0'],
  ['decimal', (v) => DECIMAL.test(v)],
  ['float', (v) => FLOAT.test(v)],
  ['double', (v) => FLOAT.test(v)],
  ['date', (v) => DATE.test(v)],
  ['dateTime', (v) => DATE_TIME.test(v)],
  ['dateTimeStamp', (v) => DATE_TIME_STAMP.test(v)],
  ['time', (v) => TIME.test(v)],
  ['gYear', (v) => G_YEAR.test(v)],
  ['gYearMonth', (v) => G_YEAR_MONTH.test(v)],
  ['gMonth', (v) => G_MONTH.test(v)],
  ['gDay', (v) => G_DAY.test(v)],
  ['gMonthDay', (v) => G_MONTH_DAY.test(v)],
  ['duration', (v) => DURATION.test(v)],
  ['language', (v) => LANGUAGE.test(v)],
  ['hexBinary', (v) => HEX_BINARY.test(v)],
  ['base64Binary', (v) => BASE64.test(v)],
  ['normalizedString', (v) => !/[\n\r\t]/.test(v)],
  ['token', (v) => !/[\n\r\t]/.test(v) && !v.startsWith(' ') && !v.endsWith(' ') && !v.includes('  ')],
  ...Object.entries(INTEGER_RANGES).map(([name, [min, max]]): [string, LexicalCheck] => [name, (v) => {
    if (!INTEGER.test(v)) return false;
    const n = BigInt(v);
    return (min === null || n >= min) && (max === null || n <= max);
  }]),
]);

/** Whether a literal's lexical form is valid for its datatype; unknown datatypes are accepted. */
export function isWellFormed(literal: Literal): boolean {
  const datatype = literal.datatype.value;
  if (!datatype.startsWith(XSD)) return true;
  const check = LEXICAL_CHECKS.get(datatype.slice(XSD.length));
  return check ? check(literal.value) : true;
}

const NUMERIC = new Set(['decimal', 'float', 'double', ...Object.keys(INTEGER_RANGES)]);

/**
 * A literal's value in a form that orders like the value space, or undefined when the literal
 * has no order we know (then a range constraint fails, as SHACL says for incomparable values).
 */
function orderedValue(literal: Literal): { kind: string; value: number | string } | undefined {
  const datatype = literal.datatype.value;
  const local = datatype.startsWith(XSD) ? datatype.slice(XSD.length) : '';
  if (NUMERIC.has(local)) {
    if (!isWellFormed(literal)) return undefined;
    const value = Number(literal.value.replace(/^\+/, '').replace(/INF$/, 'Infinity'));
    return Number.isNaN(value) ? undefined : { kind: 'number', value };
  }
  if (local === 'date' || local === 'dateTime' || local === 'dateTimeStamp') {
    if (!isWellFormed(literal)) return undefined;
    const hasZone = /(Z|[+-]\d{2}:\d{2})$/.test(literal.value);
    const value = Date.parse(local === 'date' ? literal.value.replace(/(Z|[+-]\d{2}:\d{2})?$/, (tz) => `T00:00:00${tz || 'Z'}`)
      : hasZone ? literal.value : `${literal.value}Z`);
    return Number.isNaN(value) ? undefined : { kind: `time/${hasZone ? 'zoned' : 'local'}`, value };
  }
  if (local === 'string' || datatype === `${STANDARD_PREFIXES.rdf}langString`) return { kind: 'string', value: literal.value };
  return undefined;
}

/** Negative, zero or positive as `a` sorts before, with or after `b`; undefined if incomparable. */
export function compareLiterals(a: Literal, b: Literal): number | undefined {
  const left = orderedValue(a);
  const right = orderedValue(b);
  if (!left || !right || left.kind !== right.kind) return undefined;
  if (typeof left.value === 'number' && typeof right.value === 'number') return left.value - right.value;
  return String(left.value) < String(right.value) ? -1 : String(left.value) > String(right.value) ? 1 : 0;
}
