import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import datasetFactory from '@rdfjs/dataset';
import { Parser, type Quad } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArgumentError, parseArguments } from '../src/cli/generate.js';
import { GENERATED_FILES, generate, sizesFor, type GenerateResult } from '../src/generate/generator.js';
import { REAL_PLACE_COUNT } from '../src/generate/places.js';
import { Random, SkewedChooser, ZipfSampler } from '../src/generate/random.js';

const ROOT = join(import.meta.dirname, '..');
const BASE = 'http://localhost:3000/';
const FILES = Object.values(GENERATED_FILES);
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const DCT = 'http://purl.org/dc/terms/';
const SKOS = 'http://www.w3.org/2004/02/skos/core#';
const CITEGO = `${BASE}ontology#`;
const SHEET_TYPES = ['ExperienceRecord', 'Analysis', 'Proposal', 'ResourceSheet', 'DossierIntroduction'].map((t) => CITEGO + t);

const scratch = mkdtempSync(join(tmpdir(), 'citego-generate-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function run(documents: number, seed: number, name: string): GenerateResult {
  return generate({ documents, seed, outDir: join(scratch, name) });
}

function parseFile(path: string): Quad[] {
  return new Parser({ baseIRI: BASE }).parse(readFileSync(path, 'utf8'));
}

function parseDir(dir: string): Quad[] {
  return FILES.flatMap((file) => parseFile(join(dir, file)));
}

/** subject → predicate → objects (terms' values), for quick structural checks. */
function index(quads: readonly Quad[]): Map<string, Map<string, Quad['object'][]>> {
  const bySubject = new Map<string, Map<string, Quad['object'][]>>();
  for (const quad of quads) {
    const properties = bySubject.get(quad.subject.value) ?? new Map<string, Quad['object'][]>();
    const objects = properties.get(quad.predicate.value) ?? [];
    objects.push(quad.object);
    properties.set(quad.predicate.value, objects);
    bySubject.set(quad.subject.value, properties);
  }
  return bySubject;
}

function ofType(graph: ReturnType<typeof index>, types: readonly string[]): [string, Map<string, Quad['object'][]>][] {
  return [...graph].filter(([, props]) => (props.get(RDF_TYPE) ?? []).some((t) => types.includes(t.value)));
}

function words(text: string): number {
  return text.split(/\s+/).filter((token) => /[\p{L}\p{N}]/u.test(token)).length;
}

describe('seeded randomness', () => {
  it('gives the same stream for the same seed, label and index, and different ones otherwise', () => {
    const draw = (r: Random) => Array.from({ length: 8 }, () => r.nextUint32());
    expect(draw(Random.stream(7, 'sheet', 3))).toEqual(draw(Random.stream(7, 'sheet', 3)));
    expect(draw(Random.stream(7, 'sheet', 3))).not.toEqual(draw(Random.stream(7, 'sheet', 4)));
    expect(draw(Random.stream(7, 'sheet', 3))).not.toEqual(draw(Random.stream(8, 'sheet', 3)));
    expect(draw(Random.stream(7, 'sheet', 3))).not.toEqual(draw(Random.stream(7, 'person', 3)));
    expect(draw(Random.stream(2 ** 40, 'x'))).not.toEqual(draw(Random.stream(0, 'x')));
  });

  it('keeps int() within bounds and covers them', () => {
    const random = Random.stream(1, 'bounds');
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const value = random.int(2, 6);
      expect(value).toBeGreaterThanOrEqual(2);
      expect(value).toBeLessThanOrEqual(6);
      seen.add(value);
    }
    expect([...seen].sort()).toEqual([2, 3, 4, 5, 6]);
  });

  it('draws Zipf ranks with the expected head: rank 1 about 1/H(n, s) of the mass', () => {
    const zipf = new ZipfSampler(1000, 1.1);
    const random = Random.stream(3, 'zipf');
    const counts = new Array<number>(1000).fill(0);
    const draws = 100_000;
    for (let i = 0; i < draws; i++) counts[zipf.rank(random)]!++;
    let harmonic = 0;
    for (let k = 1; k <= 1000; k++) harmonic += 1 / k ** 1.1;
    expect(counts[0]! / draws).toBeCloseTo(1 / harmonic, 2);
    expect(counts[0]!).toBeGreaterThan(counts[1]!);
    expect(counts[1]!).toBeGreaterThan(counts[9]!);
  });

  it('chooses distinct indexes, keeping those already chosen', () => {
    const chooser = new SkewedChooser(10, 1.1, Random.stream(1, 'perm'));
    const random = Random.stream(1, 'distinct');
    const chosen = chooser.chooseDistinct(random, 4, [7]);
    expect(chosen).toHaveLength(5);
    expect(chosen[0]).toBe(7);
    expect(new Set(chosen).size).toBe(5);
    expect(chooser.chooseDistinct(random, 50)).toHaveLength(10);
  });
});

describe('sizes', () => {
  it('follows the formulas of the brief', () => {
    expect(sizesFor(100_000)).toMatchObject({ descriptors: 6000, places: 4000, persons: 35_000, organisations: 4000, dossiers: 833 });
    expect(sizesFor(300)).toMatchObject({ descriptors: 693, places: 40, organisations: 20, dossiers: 5 });
    expect(sizesFor(2).descriptors).toBe(90);
    expect(() => sizesFor(0)).toThrow(RangeError);
    expect(() => sizesFor(1.5)).toThrow(RangeError);
  });
});

describe('a small dataset (300 documents)', () => {
  let first: GenerateResult;
  let quads: Quad[];
  let graph: ReturnType<typeof index>;

  beforeAll(() => {
    first = run(300, 1, 'small-a');
    run(300, 1, 'small-b');
    run(300, 2, 'small-c');
    quads = parseDir(join(scratch, 'small-a'));
    graph = index(quads);
  });

  it('writes the six files in dependency order', () => {
    expect(first.files.map((f) => f.name)).toEqual(FILES);
    expect(readdirSync(join(scratch, 'small-a')).sort()).toEqual([...FILES].sort());
    expect(readFileSync(join(scratch, 'small-a', GENERATED_FILES.matrix), 'utf8')).toBe(readFileSync(join(ROOT, 'data', 'atlas-matrix.ttl'), 'utf8'));
  });

  it('is byte-identical for the same seed and different for another seed', () => {
    for (const file of FILES) {
      const a = readFileSync(join(scratch, 'small-a', file));
      expect(a.equals(readFileSync(join(scratch, 'small-b', file))), file).toBe(true);
    }
    for (const file of FILES.slice(1)) {
      expect(readFileSync(join(scratch, 'small-a', file)).equals(readFileSync(join(scratch, 'small-c', file))), file).toBe(false);
    }
  });

  it('counts exactly the triples a parser reads back', () => {
    for (const file of first.files) expect(parseFile(file.path), file.name).toHaveLength(file.triples);
    expect(first.triples).toBe(quads.length);
  });

  it('uses relative IRIs only, and no blank nodes', () => {
    for (const file of FILES) {
      const text = readFileSync(join(scratch, 'small-a', file), 'utf8');
      expect(text, file).not.toContain('localhost');
      expect(text, file).not.toMatch(/_:|\[\s*\]/);
    }
    expect(quads.some((q) => q.subject.termType === 'BlankNode' || q.object.termType === 'BlankNode')).toBe(false);
  });

  it('passes the SHACL shapes with the reference engine, without a single result', async () => {
    const shapes = datasetFactory.dataset(parseFile(join(ROOT, 'shapes', 'citego-shapes.ttl')));
    const data = datasetFactory.dataset([...parseFile(join(ROOT, 'ontology', 'citego.ttl')), ...quads]);
    const report = await new SHACLValidator(shapes).validate(data);
    const summary = report.results.slice(0, 5).map((r) => `${r.focusNode?.value} ${r.path?.value} ${r.message[0]?.value}`);
    expect(summary).toEqual([]);
    expect(report.conforms).toBe(true);
  });

  it('indexes every sheet with 2 to 6 descriptors and writes long French abstracts', () => {
    const sheets = ofType(graph, SHEET_TYPES);
    expect(sheets).toHaveLength(first.sizes.documents);
    for (const [iri, props] of sheets) {
      const subjects = props.get(`${DCT}subject`) ?? [];
      expect(subjects.length, iri).toBeGreaterThanOrEqual(2);
      expect(subjects.length, iri).toBeLessThanOrEqual(6);
      const abstracts = props.get(`${DCT}abstract`) ?? [];
      const french = abstracts.filter((a) => a.termType === 'Literal' && a.language === 'fr');
      expect(french, iri).toHaveLength(1);
      expect(words(french[0]!.value), iri).toBeGreaterThanOrEqual(80);
      expect(words(french[0]!.value), iri).toBeLessThanOrEqual(250);
      // dct:language says which languages the abstracts are in, no more, no less.
      const codes = { fr: 'FRA', en: 'ENG', es: 'SPA', pt: 'POR' } as Record<string, string>;
      const declared = (props.get(`${DCT}language`) ?? []).map((l) => l.value.slice(-3)).sort();
      const written = abstracts.map((a) => (a.termType === 'Literal' ? codes[a.language] : '?')).sort();
      expect(declared, iri).toEqual(written);
    }
  });

  it('builds a symmetric lattice: broader/narrower and related both ways, 2 to 5 neighbours', () => {
    const descriptors = ofType(graph, [`${CITEGO}Descriptor`]);
    expect(descriptors).toHaveLength(sizesFor(300).descriptors);
    const has = (s: string, p: string, o: string) => (graph.get(s)?.get(p) ?? []).some((t) => t.value === o);
    let latticeNodes = 0;
    for (const [iri, props] of descriptors) {
      for (const b of props.get(`${SKOS}broader`) ?? []) expect(has(b.value, `${SKOS}narrower`, iri)).toBe(true);
      for (const n of props.get(`${SKOS}narrower`) ?? []) expect(has(n.value, `${SKOS}broader`, iri)).toBe(true);
      const related = props.get(`${SKOS}related`) ?? [];
      expect(related.length, iri).toBeGreaterThanOrEqual(2);
      expect(related.length, iri).toBeLessThanOrEqual(5);
      for (const r of related) expect(has(r.value, `${SKOS}related`, iri)).toBe(true);
      if ((props.get(`${SKOS}broader`) ?? []).length > 1) latticeNodes++;
      const scale = props.get(`${CITEGO}scale`)?.[0]?.value ?? '';
      expect(scale.endsWith('general') === (props.get(`${SKOS}broader`) === undefined), iri).toBe(true);
    }
    expect(latticeNodes).toBeGreaterThan(20);
  });

  it('links only the real places to Wikidata, and contains places in earlier ones', () => {
    const places = ofType(graph, [`${DCT}Location`]);
    const number = (iri: string) => Number(iri.slice(iri.lastIndexOf('/p') + 2));
    let linked = 0;
    for (const [iri, props] of places) {
      const sameAs = props.get('http://www.w3.org/2002/07/owl#sameAs') ?? [];
      if (sameAs.length > 0) {
        linked++;
        expect(sameAs[0]!.value).toMatch(/^http:\/\/www\.wikidata\.org\/entity\/Q\d+$/);
        expect(number(iri)).toBeLessThanOrEqual(REAL_PLACE_COUNT);
      }
      for (const parent of props.get('http://schema.org/containedInPlace') ?? []) expect(number(parent.value)).toBeLessThan(number(iri));
    }
    expect(linked).toBe(REAL_PLACE_COUNT);
    expect(places).toHaveLength(sizesFor(300).places);
  });
});

describe('proportions (2,000 documents)', () => {
  let result: GenerateResult;
  let graph: ReturnType<typeof index>;
  let sheets: [string, Map<string, Quad['object'][]>][];

  beforeAll(() => {
    result = run(2000, 11, 'proportions');
    graph = index(parseDir(join(scratch, 'proportions')));
    sheets = ofType(graph, SHEET_TYPES);
  });

  it('gives a few descriptors most of the indexing (Zipf-like popularity)', () => {
    const uses = new Map<string, number>();
    for (const [, props] of sheets) for (const s of props.get(`${DCT}subject`) ?? []) uses.set(s.value, (uses.get(s.value) ?? 0) + 1);
    const descriptorCount = ofType(graph, [`${CITEGO}Descriptor`]).length;
    expect(descriptorCount).toBe(sizesFor(2000).descriptors);
    const counts = [...uses.values()].sort((a, b) => b - a);
    const total = counts.reduce((sum, c) => sum + c, 0);
    const top = counts.slice(0, Math.round(descriptorCount * 0.1)).reduce((sum, c) => sum + c, 0);
    expect(top / total).toBeGreaterThan(0.4);
    // …and a long tail: most descriptors index at most a couple of sheets.
    const rare = descriptorCount - counts.filter((c) => c > 2).length;
    expect(rare / descriptorCount).toBeGreaterThan(0.5);
  });

  it('has realistic shares of sheet types, languages and dossier membership', () => {
    const share = (test: (props: Map<string, Quad['object'][]>) => boolean) => sheets.filter(([, p]) => test(p)).length / sheets.length;
    const typed = (type: string) => share((p) => (p.get(RDF_TYPE) ?? []).some((t) => t.value === CITEGO + type));
    expect(typed('ExperienceRecord')).toBeGreaterThan(0.4);
    expect(typed('ExperienceRecord')).toBeLessThan(0.55);
    expect(typed('Analysis')).toBeGreaterThan(0.18);
    expect(typed('Analysis')).toBeLessThan(0.28);
    expect(typed('Proposal')).toBeGreaterThan(0.09);
    expect(typed('Proposal')).toBeLessThan(0.16);
    expect(typed('ResourceSheet')).toBeGreaterThan(0.12);
    expect(typed('ResourceSheet')).toBeLessThan(0.19);
    expect(typed('DossierIntroduction')).toBeCloseTo(sizesFor(2000).dossiers / 2000, 5);
    const inLanguage = (lang: string) => share((p) => (p.get(`${DCT}abstract`) ?? []).some((a) => a.termType === 'Literal' && a.language === lang));
    expect(inLanguage('en')).toBeGreaterThan(0.4);
    expect(inLanguage('en')).toBeLessThan(0.5);
    expect(inLanguage('es')).toBeGreaterThan(0.16);
    expect(inLanguage('es')).toBeLessThan(0.24);
    expect(inLanguage('pt')).toBeGreaterThan(0.03);
    expect(inLanguage('pt')).toBeLessThan(0.08);
    const titledEn = share((p) => (p.get(`${DCT}title`) ?? []).some((a) => a.termType === 'Literal' && a.language === 'en'));
    expect(titledEn).toBeGreaterThan(0.45);
    expect(titledEn).toBeLessThan(0.55);
    expect(share((p) => p.has(`${DCT}isPartOf`))).toBeCloseTo(0.7, 2);
  });

  it('dates sheets between 2005 and 2025, dossier sheets before atlas-era ones', () => {
    for (const [iri, props] of sheets) {
      const issued = props.get(`${DCT}issued`)?.[0]?.value ?? '';
      const year = Number(issued.slice(0, 4));
      expect(year, iri).toBeGreaterThanOrEqual(2005);
      expect(year, iri).toBeLessThanOrEqual(2025);
      if (props.has(`${DCT}isPartOf`)) expect(year, iri).toBeLessThanOrEqual(2015);
      else expect(year, iri).toBeGreaterThanOrEqual(2016);
      const modified = props.get(`${DCT}modified`)?.[0]?.value;
      if (modified !== undefined) expect(modified > issued, iri).toBe(true);
    }
  });

  it('scales to 1–2 million triples for 100,000 documents', () => {
    // Everything but the atlas grows with the number of documents; the atlas is capped at 6,000.
    const triplesOf = (name: string) => result.files.find((f) => f.name === name)?.triples ?? 0;
    const perDocument = [GENERATED_FILES.places, GENERATED_FILES.actors, GENERATED_FILES.dossiers, GENERATED_FILES.documents].reduce((sum, f) => sum + triplesOf(f), 0) / 2000;
    const perDescriptor = triplesOf(GENERATED_FILES.descriptors) / sizesFor(2000).descriptors;
    const projected = perDocument * 100_000 + perDescriptor * 6000 + triplesOf(GENERATED_FILES.matrix);
    expect(triplesOf(GENERATED_FILES.documents) / 2000).toBeGreaterThan(12);
    expect(triplesOf(GENERATED_FILES.documents) / 2000).toBeLessThan(17);
    expect(projected).toBeGreaterThan(1_000_000);
    expect(projected).toBeLessThan(2_000_000);
  });
});

describe('command line', () => {
  it('parses flags, with defaults for the seed and the output directory', () => {
    expect(parseArguments(['--documents', '10'])).toEqual({ documents: 10, seed: 1, outDir: 'generated' });
    expect(parseArguments(['--documents=5', '--seed', '0', '--out', '/tmp/x'])).toEqual({ documents: 5, seed: 0, outDir: '/tmp/x' });
    expect(parseArguments(['--help'])).toBe('help');
  });

  it.each([
    [['--documents', 'abc'], /--documents must be a positive integer, got "abc"/],
    [['--documents', '-5'], /--documents must be a positive integer, got "-5"/],
    [['--documents', '1.5'], /--documents must be a positive integer/],
    [['--documents', '0'], /--documents must be at least 1/],
    [['--documents', '10', '--seed', '-1'], /--seed must be a non-negative integer/],
    [['--documents'], /--documents needs a value/],
    [['--documents', '10', '--verbose'], /unknown option --verbose/],
    [['--seed', '3'], /--documents is required/],
  ])('rejects %j', (args, message) => {
    expect(() => parseArguments(args)).toThrow(ArgumentError);
    expect(() => parseArguments(args)).toThrow(message);
  });

  const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');
  const cli = join(ROOT, 'src', 'cli', 'generate.ts');

  it('exits with 2 and one clear line on bad arguments', () => {
    for (const args of [['--documents', 'many'], ['--documents', '-3'], ['--frobnicate']]) {
      const child = spawnSync(tsx, [cli, ...args], { encoding: 'utf8', cwd: scratch });
      expect(child.status, args.join(' ')).toBe(2);
      const [first] = child.stderr.split('\n');
      expect(first).toMatch(/^generate: (--documents must be a positive integer|unknown option --frobnicate)/);
      expect(child.stdout).toBe('');
    }
  });

  it('writes the files, reports progress on stderr and one summary line on stdout', () => {
    const out = join(scratch, 'cli');
    const child = spawnSync(tsx, [cli, '--documents', '40', '--seed', '5', '--out', out], { encoding: 'utf8', cwd: scratch });
    expect(child.status, child.stderr).toBe(0);
    expect(child.stdout.trim().split('\n')).toHaveLength(1);
    expect(child.stdout).toMatch(/^wrote 6 files to .*: 1-atlas-matrix\.ttl [\d,]+, .*6-documents\.ttl [\d,]+; total [\d,]+ triples in \d+\.\d s\n$/);
    expect(child.stderr).toMatch(/documents: 100% \(40\/40\)/);
    expect(readdirSync(out).sort()).toEqual([...FILES].sort());
  });
});
