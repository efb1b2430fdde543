/**
 * A subject whose triples are scattered over the sources is validated whole in a second pass.
 * That pass reads again only the sources that hold part of such a subject: reading all of them
 * again doubled the time of a build whose ontology describes a class in two places.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { QuadSource } from '../../src/validation/compiled-validator.js';
import type { Gate } from '../../src/validation/gate.js';
import { BASE, bothEngines, resultKeys } from '../helpers.js';
import { CITEGO, DCT, demoFiles, named, quad, RDF_TYPE, sourcesOfParts, text, type DemoFile } from './quad-edits.js';

/** The sources, each counting how many times it is read. */
function counted(sources: readonly QuadSource[]): { sources: QuadSource[]; reads: Map<string, number> } {
  const reads = new Map<string, number>();
  return {
    reads,
    sources: sources.map((source) => ({
      name: source.name,
      read: (onBatch) => {
        reads.set(source.name, (reads.get(source.name) ?? 0) + 1);
        return source.read(onBatch);
      },
    })),
  };
}

describe('the second pass of the compiled engine', () => {
  let gates: { compiled: Gate; reference: Gate };
  let demo: DemoFile[];
  beforeAll(async () => {
    gates = await bothEngines();
    demo = await demoFiles();
  });

  it('reads again only the sources that hold part of a scattered subject, with the verdict of the whole', async () => {
    const sheet = named(new URL('id/document/scattered', BASE).href);
    // Its type in the first part, its title in the last one: neither half alone is the sheet.
    const first = [quad(sheet, RDF_TYPE, named(`${CITEGO}Analysis`))];
    const last = [quad(sheet, `${DCT}title`, text('Une fiche en deux morceaux', 'fr'))];
    const parts = [first, ...demo.map((file) => file.quads), last];
    const { sources, reads } = counted(await sourcesOfParts(parts));

    const compiled = await gates.compiled.validate(sources);
    const reference = await gates.reference.validate(await sourcesOfParts(parts));

    expect(resultKeys(compiled)).toEqual(resultKeys(reference));
    expect(compiled.conforms).toBe(false);
    const readTwice = [...reads].filter(([, n]) => n === 2).map(([name]) => name);
    expect(readTwice).toEqual(['part-1.nt', `part-${parts.length}.nt`]);
    expect([...reads.values()].every((n) => n === 1 || n === 2)).toBe(true);
  });
});
