/**
 * The build publishes a store only when every file conforms; otherwise it says why, and the
 * caller discards the store it was filling.
 */
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildKnowledgeGraph, InvalidDataError, modelGraphs, NoDataError, type BuildProgress } from '../../src/build/build.js';
import { RdfSyntaxError } from '../../src/rdf/parse.js';
import { EmbeddedStore } from '../../src/store/embedded-store.js';
import { BASE, DATA_DIR, FIXTURES, projectRules } from '../helpers.js';

const stores: EmbeddedStore[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
});

function newStore(): EmbeddedStore {
  const store = new EmbeddedStore({ replicas: 1 });
  stores.push(store);
  return store;
}

function dataDirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'citego-build-'));
  for (const [name, source] of Object.entries(files)) copyFileSync(source, join(dir, name));
  return dir;
}

describe('build', () => {
  it('validates and loads the demo data, reporting both', async () => {
    const store = newStore();
    const progress: BuildProgress[] = [];
    const report = await buildKnowledgeGraph({ rules: await projectRules(), dataDir: DATA_DIR, store, onProgress: (p) => progress.push(p) });
    expect(report.outcome.conforms).toBe(true);
    expect(report.engine).toBe('compiled');
    expect(report.files.map((f) => f.name).sort()).toContain('data/documents.ttl');
    const size = await store.size();
    expect(size).toBeGreaterThan(3000);
    // Validation counts the ontology it reads with the data; the store holds both too, and the
    // shapes, each of the model's parts in its named graph.
    expect(size).toBe(report.outcome.triples + (await projectRules()).shapesQuads.length);
    const graphs = modelGraphs(BASE);
    expect(report.sources.filter((s) => s.graph).map((s) => s.graph).sort()).toEqual([graphs.ontology, graphs.shapes]);
    const [row] = await store.select(`SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${graphs.ontology}> { ?s ?p ?o } }`);
    expect(Number(row!.n!.value)).toBe((await projectRules()).ontologyQuads.length);
    expect(progress.some((p) => p.phase === 'validate' && p.bytesDone === p.bytesTotal)).toBe(true);
    expect(progress.some((p) => p.phase === 'load' && p.bytesDone === p.bytesTotal)).toBe(true);
  });

  it('refuses data that does not conform, with the validation outcome', async () => {
    const dir = dataDirWith({
      'atlas-matrix.ttl': join(DATA_DIR, 'atlas-matrix.ttl'),
      'context.ttl': join(FIXTURES, 'context.ttl'),
      'sheet.ttl': join(FIXTURES, 'invalid', 'author-is-a-descriptor.ttl'),
    });
    const error = await buildKnowledgeGraph({ rules: await projectRules(), dataDir: dir, store: newStore() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidDataError);
    const outcome = (error as InvalidDataError).outcome;
    expect(outcome.violations).toBe(1);
    expect(outcome.results[0]!.sourceShape).toBe('http://localhost:3000/shapes#Document-creator-actor');
  });

  it('refuses a file with a syntax error, naming it', async () => {
    const dir = dataDirWith({ 'broken.ttl': join(FIXTURES, 'syntax', 'unterminated-string.ttl') });
    const error = await buildKnowledgeGraph({ rules: await projectRules(), dataDir: dir, store: newStore() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RdfSyntaxError);
    expect((error as RdfSyntaxError).message).toMatch(/broken\.ttl:3:\d+: syntax error/);
  });

  it('refuses an empty data directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'citego-empty-'));
    writeFileSync(join(dir, 'README.txt'), 'not RDF');
    await expect(buildKnowledgeGraph({ rules: await projectRules(), dataDir: dir, store: newStore() })).rejects.toBeInstanceOf(NoDataError);
  });
});
