import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatOfFile, UnsupportedFileTypeError } from '../../src/rdf/formats.js';
import { chunksOf, parseRdfChunks, parseRdfFile, RdfSyntaxError } from '../../src/rdf/parse.js';
import type { Quad } from '../../src/rdf/terms.js';
import { BASE, FIXTURES } from '../helpers.js';

async function parseText(text: string, name = 'inline.ttl'): Promise<Quad[]> {
  const quads: Quad[] = [];
  await parseRdfChunks(chunksOf(new TextEncoder().encode(text), 7), name, { baseIRI: BASE, format: 'text/turtle' }, (b) => quads.push(...b.quads));
  return quads;
}

describe('parsing', () => {
  it('resolves relative IRIs, prefixes included, against the base IRI', async () => {
    const [quad] = await parseText('@prefix citego: <ontology#> .\n<id/document/a> a citego:Analysis .');
    expect(quad!.subject.value).toBe('http://localhost:3000/id/document/a');
    expect(quad!.object.value).toBe('http://localhost:3000/ontology#Analysis');
  });

  it('reads text split in chunks that cut characters and tokens in half', async () => {
    const quads = await parseText('<id/a> <http://purl.org/dc/terms/title> "Économie sociale et solidaire à Medellín"@fr .');
    expect(quads[0]!.object.value).toBe('Économie sociale et solidaire à Medellín');
  });

  it('names the file, line and column of an unterminated string', async () => {
    const file = join(FIXTURES, 'syntax', 'unterminated-string.ttl');
    const error = await parseRdfFile(file, { baseIRI: BASE }, () => {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RdfSyntaxError);
    const syntax = error as RdfSyntaxError;
    expect(syntax.file).toBe(file);
    expect(syntax.line).toBe(3);
    expect(syntax.column).toBeGreaterThan(30);
    expect(syntax.message).toMatch(/unterminated-string\.ttl:3:\d+: syntax error/);
  });

  it('names the file, line and column of an undefined prefix', async () => {
    const file = join(FIXTURES, 'syntax', 'undefined-prefix.ttl');
    const error = (await parseRdfFile(file, { baseIRI: BASE }, () => {}).catch((e: unknown) => e)) as RdfSyntaxError;
    expect(error).toBeInstanceOf(RdfSyntaxError);
    expect([error.line, error.column]).toEqual([4, 5]);
    expect(error.detail).toContain('dcterms');
  });

  it('reports a file cut short', async () => {
    const error = await parseText('<id/a> <http://purl.org/dc/terms/title> "x"@fr ;', 'cut.ttl').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RdfSyntaxError);
    expect((error as RdfSyntaxError).file).toBe('cut.ttl');
  });

  it('knows formats by extension and refuses the others by name', () => {
    expect(formatOfFile('a/b.TTL').mediaType).toBe('text/turtle');
    expect(formatOfFile('b.nt').mediaType).toBe('application/n-triples');
    expect(() => formatOfFile('notes.txt')).toThrow(UnsupportedFileTypeError);
    expect(() => formatOfFile('notes.txt')).toThrow(/notes\.txt: unsupported file type "\.txt"/);
  });

  it('gives the same blank node labels when a source is parsed twice', async () => {
    const text = '<id/a> <http://ex/p> [ <http://ex/q> 1 ] ; <http://ex/r> _:x .';
    const first = await parseText(text);
    const second = await parseText(text);
    expect(first.map((q) => q.object.value)).toEqual(second.map((q) => q.object.value));
  });
});
