/**
 * sh:pattern is XPath's regular expression language; these tests pin down where it reads
 * differently from JavaScript's, and that what cannot be translated is refused by name.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from 'n3';
import { describe, expect, it } from 'vitest';
import { compileXPathRegex, UnsupportedPatternError } from '../../src/validation/xpath-regex.js';
import { ROOT } from '../helpers.js';

const matches = (pattern: string, value: string, flags?: string): boolean => compileXPathRegex(pattern, flags).test(value);

describe('XPath regular expressions in JavaScript', () => {
  it('reads \\p{…} and \\P{…} as Unicode categories', () => {
    expect(matches('\\p{Cc}', 'a\u0000b')).toBe(true);
    expect(matches('\\p{Cc}', 'p{Cc}')).toBe(false);
    expect(matches('^\\P{Cc}*$', 'Zoé 𠀀')).toBe(true);
    expect(matches('^\\P{Cc}*$', 'a\u007fb')).toBe(false);
    expect(matches('[^\\s\\p{Z}]', '\u00a0\u2003 ')).toBe(false);
    expect(matches('[^\\s\\p{Z}]', ' x ')).toBe(true);
  });

  it('gives \\d, \\s, \\w their XPath meanings', () => {
    expect(matches('^\\d+$', '٣٤')).toBe(true);
    expect(matches('\\s', '\u00a0')).toBe(false);
    expect(matches('^\\S$', '\u00a0')).toBe(true);
    expect(matches('^\\s+$', ' \t\n\r')).toBe(true);
    expect(matches('^\\w+$', 'é𠀀')).toBe(true);
    expect(matches('\\w', '.')).toBe(false);
    expect(matches('^[\\d\\s]+$', '1 ٣')).toBe(true);
  });

  it('lets "." stop only at line feeds and carriage returns, unless the s flag is given', () => {
    expect(matches('^.$', '\u2028')).toBe(true);
    expect(matches('^.$', '𠀀')).toBe(true);
    expect(matches('^a.b$', 'a\nb')).toBe(false);
    expect(matches('^a.b$', 'a\nb', 's')).toBe(true);
    expect(matches('^a[.]b$', 'axb')).toBe(false);
  });

  it('takes the flags of fn:matches', () => {
    expect(matches('^abc$', 'ABC', 'i')).toBe(true);
    expect(matches('^ a b c $', 'abc', 'x')).toBe(true);
    expect(matches('^[ ]$', ' ', 'x')).toBe(true);
    expect(matches('a.c', 'xa.cx', 'q')).toBe(true);
    expect(matches('a.c', 'abc', 'q')).toBe(false);
    expect(matches('^b$', 'a\nb', 'm')).toBe(true);
  });

  it('keeps escapes, groups and quantifiers that mean the same in both', () => {
    expect(matches('^https?://', 'https://www.citego.org/')).toBe(true);
    expect(matches('^#[0-9a-fA-F]{6}$', '#2e7d32')).toBe(true);
    expect(matches('^a\\-b\\.c$', 'a-b.c')).toBe(true);
    expect(matches('^[a\\-z]$', '-')).toBe(true);
    expect(matches('^(?:ab)+$', 'abab')).toBe(true);
    expect(matches('^(a)\\1$', 'aa')).toBe(true);
  });

  it('refuses by name what it does not translate', () => {
    for (const [pattern, flags] of [['\\p{IsBasicLatin}', ''], ['\\i\\c*', ''], ['[a-z-[aeiou]]', ''], ['(?=a)', ''], ['[\\S]', ''], ['a', 'g'], ['[ab', ''], ['a\\', '']]) {
      expect(() => compileXPathRegex(pattern!, flags), pattern).toThrow(UnsupportedPatternError);
    }
  });

  it('translates every pattern of the project\'s shapes', () => {
    const shapes = new Parser({ baseIRI: 'http://localhost:3000/' }).parse(readFileSync(join(ROOT, 'shapes', 'citego-shapes.ttl'), 'utf8'));
    const patterns = shapes.filter((q) => q.predicate.value === 'http://www.w3.org/ns/shacl#pattern').map((q) => q.object.value);
    expect(patterns.length).toBeGreaterThan(5);
    for (const pattern of patterns) expect(() => compileXPathRegex(pattern), pattern).not.toThrow();
  });
});
