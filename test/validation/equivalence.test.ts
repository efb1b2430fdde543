/**
 * The compiled validator is only worth having if it says what the specification says. Here the
 * demo data is damaged at random (deleted triples, lost language tags, wrong kinds of values,
 * typos in predicates, removed types, triples written twice, classes declared in the data,
 * odd literals…), written in its own order or shuffled, split into files read in any order,
 * and both engines must report the same results, one for one, except where a known deviation
 * of the reference engine from the specification explains the difference.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Literal, Quad, Term } from '../../src/rdf/terms.js';
import type { Gate } from '../../src/validation/gate.js';
import type { ShapesModel } from '../../src/validation/shapes-model.js';
import { bothEngines, ntriplesSource, projectRules, resultKeys, seededRandom } from '../helpers.js';
import {
  blank, CITEGO, demoFiles, named, pick, RDF_TYPE, RDFS, shuffle, sourcesOfParts, splitRandomly, text, typed, XSD,
} from './quad-edits.js';
import { compareEngines, valuesIn } from './reference-deviations.js';

const demo: Quad[] = [];
let compiled: Gate;
let reference: Gate;
let shapes: ShapesModel;

beforeAll(async () => {
  ({ compiled, reference } = await bothEngines());
  shapes = (await projectRules()).shapes;
  for (const file of await demoFiles()) demo.push(...file.quads);
});

type Mutation = (quads: Quad[], random: () => number) => void;

const withObject = (q: Quad, object: Term): Quad => ({ ...q, object });
const indexWhere = (quads: Quad[], test: (q: Quad) => boolean, random: () => number): number => {
  const candidates = quads.flatMap((q, i) => (test(q) ? [i] : []));
  return candidates.length ? pick(candidates, random) : -1;
};
const at = (quads: Quad[], random: () => number): number => Math.floor(random() * (quads.length + 1));

/** Literals at the edges of their datatypes, by datatype: some the reference engine misjudges. */
const ODD_TYPED: Readonly<Record<string, readonly string[]>> = {
  date: ['2013-02-30', '2017-02-29', '2016-02-29', '1900-02-29', '2000-02-29', '2013-04-31', '0000-01-01', '2013-1-05'],
  gYear: ['0000', '-0001', '10000', '201'],
  decimal: ['54,5260', '--8.7832', '90.00000000000000001', '-90.00000000000000001', '1e2', '+.5', '090', '180.0'],
  integer: ['01', '+1', '1.0', '-0'],
  string: ['', '  ', 'a\u0000b', 'x\ny', '\u0085', '𠀀', 'p', '\u00a0', 'Zoé'],
};
const ODD_LANGUAGES = ['fra', 'frr', 'fr-CA', 'FR', 'EN', 'en-GB'];

const MUTATIONS: Record<string, Mutation> = {
  deleteTriple: (quads, random) => { quads.splice(Math.floor(random() * quads.length), 1); },
  dropLanguageTag: (quads, random) => {
    const i = indexWhere(quads, (q) => q.object.termType === 'Literal' && q.object.language !== '', random);
    if (i >= 0) quads[i] = withObject(quads[i]!, text(quads[i]!.object.value));
  },
  repeatLanguage: (quads, random) => {
    const i = indexWhere(quads, (q) => q.object.termType === 'Literal' && q.object.language !== '', random);
    if (i >= 0) quads.push(withObject(quads[i]!, text(`${quads[i]!.object.value} (bis)`, (quads[i]!.object as Literal).language)));
  },
  swapReference: (quads, random) => {
    const subjects = quads.filter((q) => q.subject.termType === 'NamedNode').map((q) => q.subject);
    const i = indexWhere(quads, (q) => q.object.termType === 'NamedNode' && q.predicate.value !== RDF_TYPE, random);
    if (i >= 0) quads[i] = withObject(quads[i]!, pick(subjects, random));
  },
  referenceAsText: (quads, random) => {
    const i = indexWhere(quads, (q) => q.object.termType === 'NamedNode' && q.predicate.value !== RDF_TYPE, random);
    if (i >= 0) quads[i] = withObject(quads[i]!, text(quads[i]!.object.value));
  },
  garbleTypedValue: (quads, random) => {
    const i = indexWhere(quads, (q) => q.object.termType === 'Literal' && q.object.language === '' && !q.object.datatype.value.endsWith('#string'), random);
    if (i >= 0) quads[i] = withObject(quads[i]!, typed('n/a', (quads[i]!.object as Literal).datatype.value));
  },
  dropType: (quads, random) => {
    const i = indexWhere(quads, (q) => q.predicate.value === RDF_TYPE, random);
    if (i >= 0) quads.splice(i, 1);
  },
  changeType: (quads, random) => {
    const types = [...new Set(quads.filter((q) => q.predicate.value === RDF_TYPE && q.object.termType === 'NamedNode').map((q) => q.object.value))];
    const i = indexWhere(quads, (q) => q.predicate.value === RDF_TYPE, random);
    if (i >= 0) quads[i] = withObject(quads[i]!, named(pick(types, random)));
  },
  misspellPredicate: (quads, random) => {
    const i = Math.floor(random() * quads.length);
    quads[i] = { ...quads[i]!, predicate: named(`${quads[i]!.predicate.value}x`) };
  },
  misspellClass: (quads, random) => {
    const i = indexWhere(quads, (q) => q.predicate.value === RDF_TYPE && q.object.termType === 'NamedNode', random);
    if (i >= 0) quads[i] = withObject(quads[i]!, named(`${quads[i]!.object.value.slice(0, -1)}e`));
  },
  repeatValue: (quads, random) => {
    const i = Math.floor(random() * quads.length);
    const q = quads[i]!;
    if (q.object.termType === 'Literal') quads.push(withObject(q, { ...q.object, value: `${q.object.value}2` }));
    else quads.push(withObject(q, pick(quads, random).subject));
  },
  // A graph is a set: the same triple again, anywhere, changes nothing.
  duplicateTriple: (quads, random) => { quads.splice(at(quads, random), 0, pick(quads, random)); },
  // A class the data declares a subclass of one the shapes target (through a chain of one to
  // three classes, named or blank, declared anywhere) now types one of that class's instances.
  declareSubclass: (quads, random) => {
    const i = indexWhere(quads, (q) => q.predicate.value === RDF_TYPE && q.object.value.startsWith(CITEGO), random);
    if (i < 0) return;
    const chain = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, n) =>
      (random() < 0.3 ? blank(`declared${i}x${n}`) : named(`${CITEGO.replace('ontology#', 'id/class/')}k${i}x${n}`)));
    const typing = quads[i]!;
    quads[i] = withObject(typing, chain[chain.length - 1]!);
    chain.forEach((subclass, n) => {
      quads.splice(at(quads, random), 0, { ...typing, subject: subclass, predicate: named(`${RDFS}subClassOf`), object: n === 0 ? typing.object : chain[n - 1]! });
    });
  },
  oddLiteral: (quads, random) => {
    const i = indexWhere(quads, (q) => q.object.termType === 'Literal', random);
    if (i < 0) return;
    const old = quads[i]!.object as Literal;
    const local = old.datatype.value.startsWith(XSD) ? old.datatype.value.slice(XSD.length) : 'string';
    const pool = ODD_TYPED[local] ?? ODD_TYPED.string!;
    const value = old.language === '' || random() < 0.6 ? pick(pool, random) : old.value;
    const replacement = old.language ? text(value, random() < 0.5 ? old.language : pick(ODD_LANGUAGES, random))
      : typed(value, old.datatype.value);
    quads[i] = withObject(quads[i]!, replacement);
  },
};

async function compare(quads: Quad[], files: number, random: () => number) {
  const parts = files === 1 ? [quads] : splitRandomly(quads, files, random);
  const sources = await sourcesOfParts(parts);
  const [fast, slow] = await Promise.all([compiled.validate(sources), reference.validate(sources)]);
  return { fast, slow, comparison: compareEngines(fast, slow, shapes, valuesIn(quads)) };
}

describe('the compiled validator agrees with the reference engine', () => {
  it('on the demo data, which conforms', async () => {
    const { fast, slow } = await compare([...demo], 1, seededRandom(1));
    expect(demo.length).toBeGreaterThan(3000);
    expect(resultKeys(fast)).toEqual(resultKeys(slow));
    expect(fast.conforms).toBe(true);
  });

  it('on the demo data shuffled triple by triple (every resource scattered) across five files', async () => {
    const random = seededRandom(7);
    const { fast, slow } = await compare(shuffle([...demo], random), 5, random);
    expect(resultKeys(fast)).toEqual(resultKeys(slow));
    expect(fast.conforms).toBe(true);
  });

  it('on the demo data with every triple written twice, the copies in other files', async () => {
    const random = seededRandom(8);
    const { fast, slow } = await compare(shuffle([...demo, ...demo], random), 3, random);
    expect(resultKeys(fast)).toEqual([]);
    expect(resultKeys(slow)).toEqual([]);
  });

  const rounds = Array.from({ length: 24 }, (_, round) => round);
  it.each(rounds)('on damaged demo data, round %i', async (round) => {
    const random = seededRandom(1000 + round);
    const quads = [...demo];
    const names = Object.keys(MUTATIONS);
    for (let n = 0; n < 25; n++) MUTATIONS[pick(names, random)]!(quads, random);
    // A third of the rounds keep the file order, the others scatter every resource; some split
    // the data into files read in any order.
    const ordered = round % 3 === 0 ? quads : shuffle(quads, random);
    const { fast, slow, comparison } = await compare(ordered, 1 + (round % 4), random);
    expect(slow.results.length).toBeGreaterThan(0);
    expect(comparison.unexplained).toEqual([]);
    if (comparison.deviations.size === 0) expect(fast.conforms).toBe(slow.conforms);
  });
});

describe('bounded results', () => {
  it('stops at the result limit and says the data does not conform', async () => {
    const broken = demo.filter((q) => q.predicate.value !== 'http://purl.org/dc/terms/title');
    const outcome = await compiled.validate([await ntriplesSource('untitled.nt', broken)], { maxResults: 10 });
    expect(outcome.truncated).toBe(true);
    expect(outcome.results).toHaveLength(10);
    expect(outcome.conforms).toBe(false);
  });
});
