import { Parser } from 'n3';
import { describe, expect, it } from 'vitest';
import { turtleIri, turtleLiteral, turtleString } from '../../src/rdf/turtle-text.js';

/** Parses one triple whose object is `object` and returns that object term. */
function parseObject(object: string) {
  const quads = new Parser({ baseIRI: 'http://localhost:3000/' }).parse(
    `@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n<s> <p> ${object} .\n`,
  );
  expect(quads).toHaveLength(1);
  return quads[0]!.object;
}

describe('turtleString', () => {
  it('leaves ordinary text, accents and apostrophes alone', () => {
    expect(turtleString("L'économie « sociale »")).toBe('"L\'économie « sociale »"');
  });

  it('escapes what the short string form forbids', () => {
    expect(turtleString('say "hi"')).toBe('"say \\"hi\\""');
    expect(turtleString('a\\b')).toBe('"a\\\\b"');
    expect(turtleString('line 1\nline 2\r\n')).toBe('"line 1\\nline 2\\r\\n"');
    expect(turtleString('tab\there')).toBe('"tab\\there"');
    expect(turtleString('bell\u0007')).toBe('"bell\\u0007"');
  });

  it.each([
    'plain',
    'quotes " and \\ backslash',
    'multi\nline\r\ntext\twith tab',
    'controls \u0000 \u0001 \u001f \u007f \b \f',
    'astral 😀 and ideographs 亚洲',
    '"' + '\\'.repeat(5) + '"',
    '',
  ])('round-trips through a Turtle parser: %j', (value) => {
    const term = parseObject(turtleLiteral(value, { lang: 'fr' }));
    expect(term.termType).toBe('Literal');
    expect(term.value).toBe(value);
  });

  it('replaces a lone surrogate, which UTF-8 cannot carry, by U+FFFD', () => {
    expect(turtleString('a\ud800b')).toBe('"a\ufffdb"');
    expect(turtleString('z\udc00')).toBe('"z\ufffd"');
  });
});

describe('turtleLiteral', () => {
  it('writes language tags, datatype IRIs, prefixed datatypes and plain strings', () => {
    expect(turtleLiteral('Lyon', { lang: 'fr' })).toBe('"Lyon"@fr');
    expect(turtleLiteral('Lyon', { lang: 'pt-BR' })).toBe('"Lyon"@pt-BR');
    expect(turtleLiteral('2014', { datatype: 'http://www.w3.org/2001/XMLSchema#gYear' }))
      .toBe('"2014"^^<http://www.w3.org/2001/XMLSchema#gYear>');
    expect(turtleLiteral('2014-05-12', { datatypeName: 'xsd:date' })).toBe('"2014-05-12"^^xsd:date');
    expect(turtleLiteral('x')).toBe('"x"');
  });

  it('gives the parser the right language and datatype', () => {
    const tagged = parseObject(turtleLiteral('Gestion "partagée"', { lang: 'fr' }));
    expect(tagged.termType === 'Literal' && tagged.language).toBe('fr');
    const dated = parseObject(turtleLiteral('2014-05-12', { datatypeName: 'xsd:date' }));
    expect(dated.termType === 'Literal' && dated.datatype.value).toBe('http://www.w3.org/2001/XMLSchema#date');
  });

  it('rejects malformed language tags and datatype names', () => {
    expect(() => turtleLiteral('x', { lang: 'fr fr' })).toThrow(/language tag/);
    expect(() => turtleLiteral('x', { lang: '' })).toThrow(/language tag/);
    expect(() => turtleLiteral('x', { datatypeName: 'date' })).toThrow(/datatype name/);
    expect(() => turtleLiteral('x', { datatype: 'http://example.org/a b' })).toThrow(/not allowed/);
  });
});

describe('turtleIri', () => {
  it('brackets absolute and relative IRIs', () => {
    expect(turtleIri('id/document/s1')).toBe('<id/document/s1>');
    expect(turtleIri('https://www.citego.org/bdf_fiche-document-1_fr.html')).toBe('<https://www.citego.org/bdf_fiche-document-1_fr.html>');
  });

  it('refuses characters that IRIREF forbids', () => {
    for (const bad of ['a b', 'a<b', 'a>b', 'a"b', 'a{b', 'a|b', 'a\\b', 'a^b', 'a`b', 'a\nb']) {
      expect(() => turtleIri(bad), bad).toThrow(/not allowed/);
    }
  });
});
