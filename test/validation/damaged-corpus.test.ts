/**
 * The damaged corpus (damaged-corpus.ts) through both engines: the compiled engine must give
 * the specification's verdict on every variant; the reference engine must give it too, except
 * where the variant names a known deviation, and then that deviation, and only it, must show.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Gate } from '../../src/validation/gate.js';
import type { ShapesModel } from '../../src/validation/shapes-model.js';
import { bothEngines, projectRules } from '../helpers.js';
import { buildDamagedCorpus, judgeVariant, type DamagedVariant } from './damaged-corpus.js';
import { REFERENCE_DEVIATIONS } from './reference-deviations.js';

const corpus: DamagedVariant[] = await buildDamagedCorpus();
let engines: { compiled: Gate; reference: Gate };
let shapes: ShapesModel;

beforeAll(async () => {
  engines = await bothEngines();
  shapes = (await projectRules()).shapes;
});

describe('the damaged corpus', () => {
  it('has at least 80 variants of the demo data, each named once, of every kind of damage', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(80);
    expect(new Set(corpus.map((v) => v.name)).size).toBe(corpus.length);
    expect(new Set(corpus.map((v) => v.kind))).toEqual(new Set(['set semantics', 'class axioms', 'literals', 'texts', 'escapes', 'links', 'dates', 'syntax', 'encoding']));
  });

  it('names every known deviation of the reference engine at least once', () => {
    const shown = new Set(corpus.flatMap((v) => v.referenceDeviations));
    expect([...shown].sort()).toEqual(Object.keys(REFERENCE_DEVIATIONS).sort());
  });

  it.each(corpus.map((v) => [v.name, v] as const))('%s: the specification\'s verdict, and only known deviations', async (_, variant) => {
    const report = await judgeVariant(variant, engines, shapes);
    expect(report.compiled, 'the compiled engine departs from the specification').toBeUndefined();
    expect(report.reference.unexplained, 'the reference engine departs from the specification in a way no known deviation explains').toEqual([]);
    expect(report.reference.deviations).toEqual([...variant.referenceDeviations].sort());
  });
});
