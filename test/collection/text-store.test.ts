/**
 * The text store holds a long text as its place in the source the parser read it from, when the
 * source spells it as it is and is held in shared memory, and as a copy otherwise: either way the
 * text read back is the literal's value.
 */
import { describe, expect, it } from 'vitest';
import { storedSpan, TextStore, type Text } from '../../src/collection/facts.js';
import { formatOfFile } from '../../src/rdf/formats.js';
import { chunksOf, parseRdfChunks } from '../../src/rdf/parse.js';
import { textInSharedMemory } from '../../src/build/build.js';
import { BASE } from '../helpers.js';

const TURTLE = `@prefix dct: <http://purl.org/dc/terms/> .
<${BASE}id/document/a> dct:abstract "Une gouvernance à l'échelle des territoires, écrite telle quelle."@fr ,
    "Governance written as it is, 城市 and 😀 included."@en .
# A comment between two sheets.
<${BASE}id/document/b> dct:abstract "Des \\"guillemets\\" échappés."@fr ;
  dct:abstract "\\u00c9crite avec un \\u00e9chappement."@fr ;
  dct:abstract """Sur deux
lignes, sans échappement."""@fr ;
  dct:abstract "Une gouvernance à l'échelle des territoires, écrite telle quelle."@es .
`;

/** The abstracts of a source, stored as the collection's gathering stores them, with the literals' values. */
async function stored(bytes: Uint8Array, chunkSize: number, store = new TextStore()): Promise<{ text: Text; value: string }[]> {
  const found: { text: Text; value: string }[] = [];
  await parseRdfChunks(chunksOf(bytes, chunkSize), 'abstracts.ttl', { baseIRI: BASE, format: formatOfFile('abstracts.ttl').mediaType, source: bytes }, (batch) => {
    for (const quad of batch.quads) {
      if (quad.object.termType === 'Literal') found.push({ text: store.add(quad.object.value, quad.object.language, batch.chunk), value: quad.object.value });
    }
  });
  return found;
}

const inSource = (text: Text, bytes: Uint8Array): boolean => storedSpan(text)?.block === bytes;

describe('the text store', () => {
  it.each([7, 64, 1 << 16])('holds a text the source spells as it is as its place in the source, read in chunks of %i bytes', async (chunkSize) => {
    const bytes = textInSharedMemory(TURTLE);
    const found = await stored(bytes, chunkSize);
    expect(found).toHaveLength(6);
    for (const { text, value } of found) expect(text.value).toBe(value);
    expect(found.map(({ text }) => inSource(text, bytes))).toEqual([true, true, false, false, true, true]);
  });

  it('finds the texts again when the same source is read a second time', async () => {
    const bytes = textInSharedMemory(TURTLE);
    const store = new TextStore();
    await stored(bytes, 64, store);
    const again = await stored(bytes, 64, store);
    expect(again.map(({ text }) => inSource(text, bytes))).toEqual([true, true, false, false, true, true]);
    for (const { text, value } of again) expect(text.value).toBe(value);
  });

  it('copies the texts of a source that is not in shared memory', async () => {
    const bytes = new TextEncoder().encode(TURTLE);
    const found = await stored(bytes, 64);
    expect(found.some(({ text }) => inSource(text, bytes))).toBe(false);
    for (const { text, value } of found) expect(text.value).toBe(value);
  });
});
