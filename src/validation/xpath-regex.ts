/**
 * sh:pattern speaks XPath's regular expressions (SHACL 4.4.3, via SPARQL's REGEX and XPath's
 * fn:matches), not JavaScript's. Most patterns read the same in both, but not all: `\p{Cc}`
 * (a control character) means the letters "p{Cc}" to a JavaScript regular expression without
 * the `u` flag, `\d` is any Unicode digit in XPath and only 0–9 in JavaScript, `.` stops at
 * fewer line ends in XPath. This module translates an XPath pattern into an equivalent
 * JavaScript one, and refuses by name what it cannot translate (so that the caller can fall
 * back on another engine instead of reading the pattern wrong).
 */

export class UnsupportedPatternError extends Error {
  constructor(readonly pattern: string, reason: string) {
    super(`cannot translate the XPath regular expression "${pattern}": ${reason}`);
    this.name = 'UnsupportedPatternError';
  }
}

/** XPath's \s: only space, tab, line feed and carriage return (JavaScript's \s has many more). */
const SPACE_CLASS = ' \\t\\n\\r';
/** XPath's \w: every character but punctuation, separators and "other" (XSD 1.1, G.4.2.5). */
const WORD_EXCLUDED = '\\p{P}\\p{Z}\\p{C}';

/** Unicode's category Cc, which its stability policy fixes: C0, DEL and C1. */
const CONTROL_RANGES = '\\u0000-\\u001F\\u007F-\\u009F';

/** Multi-character escapes outside a character class. */
const ESCAPES_OUTSIDE: Readonly<Record<string, string>> = {
  d: '\\p{Nd}', D: '\\P{Nd}',
  s: `[${SPACE_CLASS}]`, S: `[^${SPACE_CLASS}]`,
  w: `[^${WORD_EXCLUDED}]`, W: `[${WORD_EXCLUDED}]`,
};
/** The same escapes inside a character class, where only the positive ones can be spelt out. */
const ESCAPES_INSIDE: Readonly<Record<string, string>> = {
  d: '\\p{Nd}', s: SPACE_CLASS, W: WORD_EXCLUDED,
};
/** Characters XPath lets a backslash escape, which JavaScript (with `u`) reads the same way. */
const SINGLE_CHARACTER_ESCAPES = new Set([...'nrt\\|.?*+(){}[]^$']);

const XPATH_FLAGS = new Set([...'smixq']);

/**
 * A JavaScript RegExp that matches what the XPath pattern matches, with SHACL's sh:flags
 * (`s`, `m`, `i`, `x`, `q`). Throws UnsupportedPatternError for XPath it does not translate:
 * block escapes (`\p{IsBasicLatin}`), name escapes (`\i`, `\c`) and class subtraction.
 */
export function compileXPathRegex(pattern: string, flags = ''): RegExp {
  for (const flag of flags) {
    if (!XPATH_FLAGS.has(flag)) throw new UnsupportedPatternError(pattern, `"${flag}" is not a flag of fn:matches`);
  }
  const jsFlags = `u${flags.includes('i') ? 'i' : ''}${flags.includes('m') ? 'm' : ''}${flags.includes('s') ? 's' : ''}`;
  if (flags.includes('q')) return new RegExp(pattern.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&'), jsFlags);
  const source = flags.includes('x') ? withoutWhitespace(pattern) : pattern;
  try {
    return new RegExp(translate(source, pattern, flags.includes('s')), jsFlags);
  } catch (error) {
    if (error instanceof UnsupportedPatternError) throw error;
    throw new UnsupportedPatternError(pattern, (error as Error).message);
  }
}

/** The `x` flag: whitespace is removed, except inside character classes (XPath 3.1, 5.6.1). */
function withoutWhitespace(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') { out += c + (pattern[++i] ?? ''); continue; }
    if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    if (inClass || !/[\t\n\r ]/.test(c)) out += c;
  }
  return out;
}

function translate(source: string, original: string, dotAll: boolean): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      const next = source[++i];
      if (next === undefined) throw new UnsupportedPatternError(original, 'it ends with a lone backslash');
      out += translateEscape(next, source, i, inClass, original);
      if (next === 'p' || next === 'P') i = source.indexOf('}', i);
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      else if (c === '-' && source[i + 1] === '[') throw new UnsupportedPatternError(original, 'character class subtraction is not supported');
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      // A leading "^" or "]" belongs to the class syntax; copy it so it is not read as the end.
      if (source[i + 1] === '^') out += source[++i];
    } else if (c === '.') {
      // XPath's "." excludes only \n and \r (unless the s flag); JavaScript's also U+2028, U+2029.
      out += dotAll ? '.' : '[^\\n\\r]';
    } else if (c === '(' && source[i + 1] === '?') {
      if (source[i + 2] !== ':') throw new UnsupportedPatternError(original, '"(?" other than a non-capturing group is not XPath');
      out += c;
    } else {
      out += c;
    }
  }
  if (inClass) throw new UnsupportedPatternError(original, 'a character class is not closed');
  return out;
}

function translateEscape(next: string, source: string, at: number, inClass: boolean, original: string): string {
  if (next === 'p' || next === 'P') {
    const end = source.indexOf('}', at);
    const name = source[at + 1] === '{' && end > at ? source.slice(at + 2, end) : '';
    // JavaScript knows Unicode's general categories; XPath's "Is…" block names it does not.
    if (!/^[A-Z][a-z]?$/.test(name)) throw new UnsupportedPatternError(original, `\\${next}{${name}} is not a general category JavaScript knows`);
    // The control characters are a fixed set, which a plain class scans faster than a property.
    if (name === 'Cc' && next === 'p') return inClass ? CONTROL_RANGES : `[${CONTROL_RANGES}]`;
    if (name === 'Cc' && !inClass) return `[^${CONTROL_RANGES}]`;
    return `\\${next}{${name}}`;
  }
  if (next === '-') return inClass ? '\\-' : '-';
  if (SINGLE_CHARACTER_ESCAPES.has(next)) return `\\${next}`;
  if (/\d/.test(next)) return inClass ? fail(original, 'a back-reference inside a class') : `\\${next}`;
  const table = inClass ? ESCAPES_INSIDE : ESCAPES_OUTSIDE;
  const translated = table[next];
  if (translated !== undefined) return translated;
  return fail(original, `the escape \\${next} is not supported${'iIcC'.includes(next) ? ' (XML name characters)' : ''}`);
}

function fail(original: string, reason: string): never {
  throw new UnsupportedPatternError(original, reason);
}
