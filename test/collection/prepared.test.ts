/**
 * The collection a build prepares from the quads its gate reads is the one read back from the
 * published store, fact for fact and in the same order: on the demo data (with blank nodes and
 * scattered subjects, read twice by the gate), on generated data, and with facts only
 * materialising adds, facts the store spells otherwise than the files (canonical literals,
 * lower-case language tags), blank-node values and another named graph. After a curator's write, which changes the store by an update, the
 * version is read from the store, not taken from the build.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { materialisedModel } from '../../src/build/materialise.js';
import { publish } from '../../src/build/publish.js';
import { ServiceState, type ReadyStatus } from '../../src/build/state.js';
import { Collection } from '../../src/collection/collection.js';
import { CollectionSource } from '../../src/collection/current.js';
import { PropertyReader } from '../../src/collection/read.js';
import { generate } from '../../src/generate/generator.js';
import { QueryCatalogue } from '../../src/queries/catalogue.js';
import { EmbeddedStore } from '../../src/store/embedded-store.js';
import { BASE, demoDataWith, projectRules, ROOT } from '../helpers.js';

const queries = QueryCatalogue.load(join(ROOT, 'sparql', 'service'));
const scratch = mkdtempSync(join(tmpdir(), 'citego-collection-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Everything a collection holds, in its order (the class labels, a lookup table, by IRI), as JSON gives it (a text stored as bytes as its value). */
function contents(collection: Collection): unknown {
  return JSON.parse(JSON.stringify({
    documents: collection.documents, documentTypes: collection.documentTypes,
    descriptors: [...collection.descriptors], actors: [...collection.actors], places: [...collection.places], dossiers: [...collection.dossiers],
    components: collection.components, angles: collection.angles, scales: collection.scales,
    classLabels: [...collection.classLabels].sort(([a], [b]) => (a < b ? -1 : 1)),
  }));
}

/** Publishes a data directory with a tap on its build, and runs `use` with the version published and the tapping source. */
async function withPublished<T>(dataDir: string, use: (status: ReadyStatus, source: CollectionSource) => Promise<T>): Promise<T> {
  const rules = await projectRules();
  const state = new ServiceState();
  const source = new CollectionSource(queries, BASE, materialisedModel(rules));
  state.tapBuilds((store) => source.prepare(store));
  const store = new EmbeddedStore({ replicas: 1 });
  try {
    return await use(await publish({ rules, queries, dataDir, store, state }), source);
  } finally {
    await store.close();
  }
}

/** The collection prepared as a data directory was published, and the one read from the store after. */
function bothWays(dataDir: string): Promise<{ prepared: Collection; read: Collection }> {
  return withPublished(dataDir, async (status, source) => ({
    prepared: (await source.prepared(status.store))!,
    read: await Collection.read(status.store, new PropertyReader(queries, BASE), BASE),
  }));
}

describe('the collection prepared from the build', () => {
  it('is the one read from the store, on the demo data with blank nodes and scattered subjects', async () => {
    const { prepared, read } = await bothWays(demoDataWith('blank-nodes/blank-nodes.ttl', 'valid/scattered-and-forward.ttl'));
    expect(prepared).toBeInstanceOf(Collection);
    expect(read.documents.length).toBeGreaterThan(20);
    // What materialising adds is there: a narrower link written only as its broader.
    expect([...read.descriptors.values()].some((d) => d.narrower.length > 0)).toBe(true);
    expect(contents(prepared)).toEqual(contents(read));
  });

  it('is the one read from the store, on generated data', async () => {
    const dir = join(scratch, 'generated');
    generate({ documents: 400, seed: 7, outDir: dir });
    const { prepared, read } = await bothWays(dir);
    expect(read.actors.size).toBeGreaterThan(50);
    expect(contents(prepared)).toEqual(contents(read));
  });

  it('adds what materialising adds, spells values as the store does, and leaves blank nodes and other graphs aside', async () => {
    const { prepared, read } = await bothWays(demoDataWith('collection/spelt-by-the-store.trig'));
    const added = `${BASE}id/descriptor/fixture-only-broader`;
    expect(read.descriptors.get(`${BASE}id/descriptor/foncier`)!.narrower).toContain(added);
    expect(read.descriptors.get(`${BASE}id/descriptor/circuits-courts`)!.related).toContain(added);
    const labels = read.classLabels.get(`${BASE}id/note/spelt`)!.map((t) => `${t.value}@${t.language}`);
    expect(labels).toEqual(expect.arrayContaining(['7@', '1.5@', 'true@', '2014-05-12T10:00:00Z@', 'Note@fr-ca']));
    expect(labels).toHaveLength(5);
    expect(read.descriptors.get(`${BASE}id/descriptor/foncier`)!.altLabels.map((t) => t.value)).not.toContain('Seulement dans un graphe nommé');
    expect(contents(prepared)).toEqual(contents(read));
  });
});

describe('a version changed by a write', () => {
  it('is read from the store rather than taken from the build', async () => {
    await withPublished(demoDataWith(), async (status, source) => {
      const asBuilt = await source.of(status);
      expect(asBuilt).toBe(await source.prepared(status.store));
      const sheet = asBuilt.documents[0]!;
      await status.store.update(`DELETE WHERE { <${sheet.iri}> <http://purl.org/dc/terms/title> ?title }`);
      const written = await source.of({ ...status, dataVersion: `${status.dataVersion}-written` });
      expect(written).not.toBe(asBuilt);
      expect(written.documents.find((d) => d.iri === sheet.iri)!.titles).toEqual([]);
    });
  });
});
