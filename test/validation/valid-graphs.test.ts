/**
 * A property of the gate: a valid graph conforms however it is written. The graphs are the demo
 * data and datasets the generator makes (valid by construction, of sizes and seeds fast-check
 * picks); each is written in random order, split across random files, each file in Turtle or in
 * N-Triples, with some triples written twice, and the compiled engine must find nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/generate/generator.js';
import { allPrefixes } from '../../src/rdf/namespaces.js';
import { parseRdfFile } from '../../src/rdf/parse.js';
import { serializeQuads } from '../../src/rdf/rdfjs.js';
import type { Quad } from '../../src/rdf/terms.js';
import { bytesSource, type Gate } from '../../src/validation/gate.js';
import { BASE, bothEngines, seededRandom } from '../helpers.js';
import { demoFiles, shuffle, splitRandomly } from './quad-edits.js';

const scratch = mkdtempSync(join(tmpdir(), 'citego-valid-graphs-'));
const generated = new Map<string, Quad[]>();
let demo: Quad[];
let compiled: Gate;

beforeAll(async () => {
  ({ compiled } = await bothEngines());
  demo = (await demoFiles()).flatMap((f) => [...f.quads]);
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A generated dataset's triples, made once for each size and seed. */
async function generatedGraph(documents: number, seed: number): Promise<Quad[]> {
  const key = `${documents}-${seed}`;
  const known = generated.get(key);
  if (known) return known;
  const result = generate({ documents, seed, outDir: join(scratch, key) });
  const quads: Quad[] = [];
  for (const file of result.files) await parseRdfFile(file.path, { baseIRI: BASE }, (batch) => { quads.push(...batch.quads); });
  generated.set(key, quads);
  return quads;
}

const FORMATS = ['text/turtle', 'application/n-triples'] as const;

const writing = fc.record({
  graph: fc.oneof(fc.constant('demo' as const), fc.record({ documents: fc.integer({ min: 3, max: 40 }), seed: fc.integer({ min: 1, max: 1_000_000 }) })),
  order: fc.integer(),
  files: fc.integer({ min: 1, max: 6 }),
  formats: fc.array(fc.constantFrom(...FORMATS), { minLength: 6, maxLength: 6 }),
  repeated: fc.integer({ min: 0, max: 40 }),
});

describe('a valid graph', () => {
  it('conforms in any order, split across any files, in Turtle or N-Triples, with triples written twice', async () => {
    await fc.assert(fc.asyncProperty(writing, async ({ graph, order, files, formats, repeated }) => {
      const quads = graph === 'demo' ? demo : await generatedGraph(graph.documents, graph.seed);
      const random = seededRandom(order);
      const written = shuffle([...quads, ...Array.from({ length: repeated }, () => quads[Math.floor(random() * quads.length)]!)], random);
      const sources = await Promise.all(splitRandomly(written, files, random).map(async (part, i) => {
        const format = formats[i]!;
        const text = await serializeQuads(part, { format, prefixes: format === 'text/turtle' ? allPrefixes(BASE) : undefined });
        return bytesSource(`part-${i + 1}.${format === 'text/turtle' ? 'ttl' : 'nt'}`, new TextEncoder().encode(text), format, BASE);
      }));
      const outcome = await compiled.validate(sources);
      expect(outcome.results).toEqual([]);
      expect(outcome.conforms).toBe(true);
    }), { numRuns: 30 });
  });
});
