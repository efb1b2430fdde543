import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { serializeQuads } from '../src/rdf/rdfjs.js';
import { termKey, type Quad } from '../src/rdf/terms.js';
import type { QuadSource } from '../src/validation/compiled-validator.js';
import { bytesSource, createGate, fileSource, loadValidationRules, type Gate, type ValidationRules } from '../src/validation/gate.js';
import type { ValidationOutcome } from '../src/validation/results.js';

export const BASE = 'http://localhost:3000/';
export const ROOT = join(import.meta.dirname, '..');
export const FIXTURES = join(ROOT, 'test', 'fixtures');
export const DATA_DIR = join(ROOT, 'data');

/** A copy of the demo data with more files beside it (paths under test/fixtures), to publish in a test. */
export function demoDataWith(...fixtures: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'citego-data-'));
  cpSync(DATA_DIR, dir, { recursive: true });
  for (const fixture of fixtures) cpSync(join(FIXTURES, fixture), join(dir, basename(fixture)));
  return dir;
}

let rules: Promise<ValidationRules> | undefined;

/** The project's shapes and ontology, read once per test file. */
export function projectRules(): Promise<ValidationRules> {
  const config = loadConfig({ BASE_IRI: BASE });
  rules ??= loadValidationRules(config);
  return rules;
}

/** The compiled engine and the reference engine over the project's rules, to compare them. */
export async function bothEngines(): Promise<{ compiled: Gate; reference: Gate }> {
  const rules = await projectRules();
  return { compiled: createGate(rules, 'compiled'), reference: createGate(rules, 'reference') };
}

export function sourcesOf(files: readonly string[]): QuadSource[] {
  return files.map((file) => fileSource(file, BASE));
}

export async function ntriplesSource(name: string, quads: readonly Quad[]): Promise<QuadSource> {
  const text = await serializeQuads(quads, { format: 'application/n-triples' });
  return bytesSource(name, new TextEncoder().encode(text), 'application/n-triples', BASE);
}

/** A result reduced to what SHACL defines, to compare engines (messages aside). */
export function resultKeys(outcome: ValidationOutcome): string[] {
  return outcome.results.map((r) => [
    termKey(r.focusNode), r.path ?? '', r.value ? termKey(r.value) : '', r.sourceShape, r.component, r.severity,
  ].join(' | ')).sort();
}

/** The `# expect: <focus> ShapeName` lines of a fixture, as [focus IRI, shape IRI] pairs. */
export function expectationsOf(file: string): string[] {
  return readFileSync(file, 'utf8').split('\n')
    .filter((line) => line.startsWith('# expect:'))
    .map((line) => {
      const [, focus, shape] = /^# expect: <([^>]+)> (\S+)$/.exec(line) ?? [];
      if (!focus || !shape) throw new Error(`${file}: malformed expectation "${line}"`);
      return `${new URL(focus, BASE).href} ${new URL(`shapes#${shape}`, BASE).href}`;
    })
    .sort();
}

/** A deterministic random generator for the tests (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
