/**
 * Each fixture of test/fixtures/invalid holds one kind of mistake a curator makes, with the
 * results it must raise in its `# expect:` lines. Both engines must raise exactly those, and
 * agree with each other result for result, unless the fixture names (`# reference deviation:`)
 * a known departure of the reference engine from the specification: then the compiled engine
 * must raise them and the reference engine must still disagree.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseRdfFile } from '../../src/rdf/parse.js';
import type { Quad } from '../../src/rdf/terms.js';
import type { Gate } from '../../src/validation/gate.js';
import { BASE, bothEngines, DATA_DIR, expectationsOf, FIXTURES, projectRules, resultKeys, sourcesOf } from '../helpers.js';
import { compareEngines, valuesIn } from './reference-deviations.js';

const CONTEXT = [join(DATA_DIR, 'atlas-matrix.ttl'), join(FIXTURES, 'context.ttl')];
const invalidFixtures = readdirSync(join(FIXTURES, 'invalid')).filter((f) => f.endsWith('.ttl')).sort();

let compiled: Gate;
let reference: Gate;

beforeAll(async () => {
  ({ compiled, reference } = await bothEngines());
});

describe('the context the fixtures build on', () => {
  it('conforms, with no result at all', async () => {
    const outcome = await compiled.validate(sourcesOf(CONTEXT));
    expect(resultKeys(outcome)).toEqual([]);
    expect(outcome.conforms).toBe(true);
  });
});

describe('invalid fixtures', () => {
  it('there is a fixture for each kind of mistake the issue names, and more', () => {
    expect(invalidFixtures.length).toBeGreaterThanOrEqual(30);
  });

  it.each(invalidFixtures)('%s raises exactly its expected results, in both engines', async (name) => {
    const file = join(FIXTURES, 'invalid', name);
    const expected = expectationsOf(file);
    expect(expected.length).toBeGreaterThan(0);
    const sources = sourcesOf([...CONTEXT, file]);
    const [fast, slow] = await Promise.all([compiled.validate(sources), reference.validate(sources)]);
    const raised = [...new Set(fast.results.map((r) => `${r.focusNode.value} ${r.sourceShape}`))].sort();
    expect(raised).toEqual([...new Set(expected)]);
    const declared = [...readFileSync(file, 'utf8').matchAll(/^# reference deviation: (\S+)$/gm)].map((m) => m[1]!);
    const quads: Quad[] = [];
    for (const f of [...CONTEXT, file]) await parseRdfFile(f, { baseIRI: BASE }, (batch) => { quads.push(...batch.quads); });
    const comparison = compareEngines(fast, slow, (await projectRules()).shapes, valuesIn(quads));
    expect(comparison.unexplained).toEqual([]);
    expect([...comparison.deviations].sort()).toEqual(declared.sort());
    const warningsOnly = fast.results.every((r) => r.severity !== 'Violation');
    expect(fast.conforms).toBe(warningsOnly);
  });
});

describe('valid fixtures', () => {
  it('a sheet scattered through its file, with a descriptor defined after it, conforms', async () => {
    const sources = sourcesOf([...CONTEXT, join(FIXTURES, 'valid', 'scattered-and-forward.ttl')]);
    const [fast, slow] = await Promise.all([compiled.validate(sources), reference.validate(sources)]);
    expect(resultKeys(fast)).toEqual([]);
    expect(resultKeys(slow)).toEqual([]);
  });
});
