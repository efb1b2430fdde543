/**
 * The compiled validator is only worth having if it says what the reference engine says. Here
 * the demo data is damaged at random (deleted triples, lost language tags, wrong kinds of
 * values, typos in predicates, removed types…), written in its own order or shuffled, and both
 * engines must report the same results, one for one.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseRdfFile } from '../../src/rdf/parse.js';
import type { Literal, NamedNode, Quad, Term } from '../../src/rdf/terms.js';
import { rdfFilesIn, type Gate } from '../../src/validation/gate.js';
import { BASE, bothEngines, DATA_DIR, ntriplesSource, resultKeys, seededRandom } from '../helpers.js';

const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const demo: Quad[] = [];
let compiled: Gate;
let reference: Gate;

beforeAll(async () => {
  ({ compiled, reference } = await bothEngines());
  for (const file of await rdfFilesIn(DATA_DIR)) {
    await parseRdfFile(file, { baseIRI: BASE }, (batch) => { demo.push(...batch.quads); });
  }
});

type Mutation = (quads: Quad[], random: () => number) => void;

const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)]!;
const named = (value: string): NamedNode => ({ termType: 'NamedNode', value });
const literal = (value: string, language = '', datatype = 'http://www.w3.org/2001/XMLSchema#string'): Literal =>
  ({ termType: 'Literal', value, language, datatype: named(language ? 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString' : datatype) });
const withObject = (q: Quad, object: Term): Quad => ({ ...q, object });
const indexWhere = (quads: Quad[], test: (q: Quad) => boolean, random: () => number): number => {
  const candidates = quads.flatMap((q, i) => (test(q) ? [i] : []));
  return candidates.length ? pick(candidates, random) : -1;
};

const MUTATIONS: Record<string, Mutation> = {
  deleteTriple: (quads, random) => { quads.splice(Math.floor(random() * quads.length), 1); },
  dropLanguageTag: (quads, random) => {
    const i = indexWhere(quads, (q) => q.object.termType === 'Literal' && q.object.language !== '', random);
    if (i >= 0) quads[i] = withObject(quads[i]!, literal(quads[i]!.object.value));
  },
  repeatLanguage: (quads, random) => {
    const i = indexWhere(quads, (q) => q.object.termType === 'Literal' && q.object.language !== '', random);
    if (i >= 0) quads.push(withObject(quads[i]!, literal(`${quads[i]!.object.value} (bis)`, (quads[i]!.object as Literal).language)));
  },
  swapReference: (quads, random) => {
    const subjects = quads.filter((q) => q.subject.termType === 'NamedNode').map((q) => q.subject);
    const i = indexWhere(quads, (q) => q.object.termType === 'NamedNode' && q.predicate.value !== RDF_TYPE, random);
    if (i >= 0) quads[i] = withObject(quads[i]!, pick(subjects, random));
  },
  referenceAsText: (quads, random) => {
    const i = indexWhere(quads, (q) => q.object.termType === 'NamedNode' && q.predicate.value !== RDF_TYPE, random);
    if (i >= 0) quads[i] = withObject(quads[i]!, literal(quads[i]!.object.value));
  },
  garbleTypedValue: (quads, random) => {
    const i = indexWhere(quads, (q) => q.object.termType === 'Literal' && q.object.language === '' && !q.object.datatype.value.endsWith('#string'), random);
    if (i >= 0) quads[i] = withObject(quads[i]!, literal('n/a', '', (quads[i]!.object as Literal).datatype.value));
  },
  dropType: (quads, random) => {
    const i = indexWhere(quads, (q) => q.predicate.value === RDF_TYPE, random);
    if (i >= 0) quads.splice(i, 1);
  },
  changeType: (quads, random) => {
    const types = [...new Set(quads.filter((q) => q.predicate.value === RDF_TYPE).map((q) => q.object.value))];
    const i = indexWhere(quads, (q) => q.predicate.value === RDF_TYPE, random);
    if (i >= 0) quads[i] = withObject(quads[i]!, named(pick(types, random)));
  },
  misspellPredicate: (quads, random) => {
    const i = Math.floor(random() * quads.length);
    quads[i] = { ...quads[i]!, predicate: named(`${quads[i]!.predicate.value}x`) };
  },
  repeatValue: (quads, random) => {
    const i = Math.floor(random() * quads.length);
    const q = quads[i]!;
    if (q.object.termType === 'Literal') quads.push(withObject(q, { ...q.object, value: `${q.object.value}2` }));
    else quads.push(withObject(q, pick(quads, random).subject));
  },
};

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

async function compare(quads: Quad[]) {
  const source = await ntriplesSource('mutated.nt', quads);
  const [fast, slow] = await Promise.all([compiled.validate([source]), reference.validate([source])]);
  return { fast, slow };
}

describe('the compiled validator agrees with the reference engine', () => {
  it('on the demo data, which conforms', async () => {
    const { fast, slow } = await compare([...demo]);
    expect(demo.length).toBeGreaterThan(3000);
    expect(resultKeys(fast)).toEqual(resultKeys(slow));
    expect(fast.conforms).toBe(true);
  });

  it('on the demo data shuffled triple by triple (every resource scattered)', async () => {
    const { fast, slow } = await compare(shuffle([...demo], seededRandom(7)));
    expect(resultKeys(fast)).toEqual(resultKeys(slow));
    expect(fast.conforms).toBe(true);
  });

  const rounds = Array.from({ length: 24 }, (_, round) => round);
  it.each(rounds)('on damaged demo data, round %i', async (round) => {
    const random = seededRandom(1000 + round);
    const quads = [...demo];
    const names = Object.keys(MUTATIONS);
    for (let n = 0; n < 25; n++) MUTATIONS[pick(names, random)]!(quads, random);
    // Half the rounds keep the file order, half scatter every resource.
    const ordered = round % 2 === 0 ? quads : shuffle(quads, random);
    const { fast, slow } = await compare(ordered);
    expect(slow.results.length).toBeGreaterThan(0);
    expect(resultKeys(fast)).toEqual(resultKeys(slow));
    expect(fast.conforms).toBe(slow.conforms);
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
