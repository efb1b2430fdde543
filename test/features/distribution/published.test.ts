/**
 * The dumps taken from the published graph and from the lines the service wrote, without
 * parsing them: a line the service or the store writes, of any triple, gives the canonical line
 * that parsing it gives; dumps written from the published graph are byte-identical to dumps
 * written from the files parsed again (demo data, with texts to escape, blank nodes, and
 * literals the store spells otherwise); and the publisher gives a version's graph only while it
 * holds it unchanged.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import oxigraph from 'oxigraph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetIri } from '../../../src/build/materialise.js';
import { publish } from '../../../src/build/publish.js';
import { ServiceState, type ReadyStatus } from '../../../src/build/state.js';
import { ntriplesLine } from '../../../src/build/versions/thing-graph.js';
import { loadConfig } from '../../../src/config.js';
import { sortLines } from '../../../src/features/distribution/canonical.js';
import { DUMP_FILES, TABLE_DESCRIPTIONS, TABLE_FILES, type DumpManifest } from '../../../src/features/distribution/dump.js';
import { dumpJob, writeDumpsInWorker, type DumpSettings } from '../../../src/features/distribution/dumps.js';
import { QuadSpeller } from '../../../src/features/distribution/published.js';
import { QueryCatalogue } from '../../../src/queries/catalogue.js';
import { parseNTriples } from '../../../src/rdf/parse.js';
import type { Literal, Quad } from '../../../src/rdf/terms.js';
import { EmbeddedStore } from '../../../src/store/embedded-store.js';
import { BASE, demoDataWith, projectRules, ROOT } from '../../helpers.js';

const XSD = 'http://www.w3.org/2001/XMLSchema#';
const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';

/** The canonical lines (`\tstatement`) of N-Triples text, parsed and spelt as the store spells it. */
function parsedLines(text: string): string[] {
  const lines: string[] = [];
  const spelt = new QuadSpeller((graph, statement) => lines.push(`${graph}\t${statement}`));
  for (const quad of parseNTriples(text)) spelt.add(quad, '');
  spelt.flush();
  return lines.sort();
}

/** The same, taking canonical lines as they are and parsing only the others. */
function takenLines(text: string): string[] {
  const lines: string[] = [];
  const others: string[] = [];
  sortLines(text, (statement) => lines.push(`\t${statement}`), (line) => others.push(line));
  lines.push(...parsedLines(others.join('\n')));
  return lines.sort();
}

const literal = (value: string, language: string, datatype: string): Literal =>
  ({ termType: 'Literal', value, language, datatype: { termType: 'NamedNode', value: language ? `${RDF}langString` : datatype } });

/** Literals of every kind: texts with any character, language tags in either case, values of XSD datatypes in usual and unusual forms. */
const literals = fc.oneof(
  fc.tuple(fc.string({ unit: 'binary', maxLength: 12 }), fc.constantFrom('', 'fr', 'en-gb', 'EN-GB'), fc.constantFrom(`${XSD}string`, 'http://e.test/type', `${RDF}HTML`))
    .map(([value, language, datatype]) => literal(value, language, datatype)),
  fc.tuple(fc.constantFrom('1', '01', '+1', '-0', '1.50', '1.5', '0.0', '2014', '2014-05', '2014-05-12', '2014-05-12Z', '2014-05-12+02:00',
    '2014-05-12T10:00:00Z', '2014-05-12T10:00:00.000Z', '2014-05-12T10:00:00+01:00', 'true', '1e3', 'abc', ' 1', 'a"b\\c'),
  fc.constantFrom('integer', 'decimal', 'double', 'boolean', 'date', 'dateTime', 'gYear', 'gYearMonth', 'int', 'anyURI'))
    .map(([value, type]) => literal(value, '', `${XSD}${type}`)),
);

const quads = fc.array(fc.tuple(fc.constantFrom('http://e.test/a', 'http://e.test/b'), fc.constantFrom('http://e.test/p', `${RDF}type`),
  fc.oneof(literals, fc.constantFrom('http://e.test/c', 'http://e.test/é').map((value) => ({ termType: 'NamedNode', value }) as const))))
  .map((triples) => triples.map(([s, p, o]): Quad => ({
    subject: { termType: 'NamedNode', value: s }, predicate: { termType: 'NamedNode', value: p }, object: o, graph: { termType: 'DefaultGraph', value: '' },
  })));

describe('lines the service wrote', () => {
  it('give, taken as they are where they are canonical, the lines that parsing them gives', () => {
    fc.assert(fc.property(quads, (triples) => {
      // As the published graph writes them (only what N-Triples requires escaped, literals as read)…
      const published = triples.map((quad) => `${ntriplesLine(quad)}\n`).join('');
      expect(takenLines(published)).toEqual(parsedLines(published));
      // …and as the store writes them (canonical already).
      const store = new oxigraph.Store();
      store.load(published, { format: 'application/n-triples' });
      const written = store.dump({ format: 'application/n-triples', from_graph_name: oxigraph.defaultGraph() });
      expect(takenLines(written)).toEqual(parsedLines(written));
      expect(takenLines(written)).toEqual([...new Set(takenLines(published))]);
    }), { numRuns: 300 });
  });

  it('leave out the lines holding blank nodes, which are read from the store', () => {
    const text = '_:b0 <http://e.test/p> "x" .\n<http://e.test/a> <http://e.test/p> _:b1 .\n<http://e.test/a> <http://e.test/p> "_:b2" .\n';
    expect(takenLines(text)).toEqual(['\t<http://e.test/a> <http://e.test/p> "_:b2"']);
  });
});

describe('dumps written from the published graph', () => {
  const settings = (dir: string, config: ReturnType<typeof loadConfig>, queries: QueryCatalogue): DumpSettings =>
    ({ root: dir, baseIRI: config.baseIRI, dataset: datasetIri(config.baseIRI), licence: config.dataLicence, queries });
  let store: EmbeddedStore;
  let state: ServiceState;
  let ready: ReadyStatus;
  let config: ReturnType<typeof loadConfig>;
  let queries: QueryCatalogue;
  const dirs: string[] = [];

  beforeAll(async () => {
    const dataDir = demoDataWith('harvesting/escapes-sheet.ttl', 'blank-nodes/blank-nodes.ttl', 'dumps/spellings.ttl');
    const stateDir = mkdtempSync(join(tmpdir(), 'citego-published-state-'));
    dirs.push(dataDir, stateDir);
    config = loadConfig({ BASE_IRI: BASE, DATA_DIR: dataDir });
    queries = QueryCatalogue.load(join(ROOT, 'sparql', 'service'));
    store = new EmbeddedStore({ replicas: 1 });
    state = new ServiceState();
    ready = await publish({ rules: await projectRules(), queries, dataDir, store, state, stateDir });
  }, 120_000);

  afterAll(async () => {
    await state.publisher?.close();
    await store.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  async function written(published: boolean, inOneThread = false): Promise<{ manifest: DumpManifest; dir: string }> {
    const dir = mkdtempSync(join(tmpdir(), 'citego-published-dumps-'));
    dirs.push(dir);
    const job = dumpJob(ready, { ...settings(dir, config, queries), publishedGraph: published ? (version) => state.publisher?.publishedGraph(version) : undefined }, dir);
    expect(job.published !== undefined).toBe(published);
    return { manifest: await writeDumpsInWorker({ ...job, input: { ...job.input, inOneThread } }), dir };
  }

  it('are byte-identical written on writer threads of their own and on the one thread that reads', async () => {
    const [apart, together] = await Promise.all([written(true), written(true, true)]);
    expect(apart.manifest).toEqual(together.manifest);
    expect(apart.manifest.files.map((f) => f.file)).toEqual([...DUMP_FILES, ...TABLE_FILES, ...TABLE_DESCRIPTIONS,
      ...apart.manifest.files.filter((f) => f.file.startsWith('sources/')).map((f) => f.file)]);
    for (const file of apart.manifest.files) {
      expect(readFileSync(join(apart.dir, file.file)).equals(readFileSync(join(together.dir, file.file))), file.file).toBe(true);
    }
  }, 120_000);

  it('are byte-identical to the dumps written from the files parsed again', async () => {
    const [fromGraph, parsed] = await Promise.all([written(true), written(false)]);
    expect(fromGraph.manifest).toEqual(parsed.manifest);
    for (const file of fromGraph.manifest.files) {
      expect(readFileSync(join(fromGraph.dir, file.file)).equals(readFileSync(join(parsed.dir, file.file))), file.file).toBe(true);
    }
    // The spellings the store gives: a decimal without its sign and trailing zeros, a tag in small letters, a tab escaped.
    const turtle = readFileSync(join(fromGraph.dir, 'citego.ttl'), 'utf8');
    expect(turtle).toContain('"48.85"^^xsd:decimal');
    expect(turtle).toContain('@en-gb');
    expect(turtle).toContain('Colonnes\\tséparées');
    expect(fromGraph.manifest.files.find((f) => f.file === 'sources/spellings.ttl')?.count).toBe(10);
  }, 120_000);

  it('are taken from the published graph only while the publisher holds the version\'s unchanged', async () => {
    const publisher = state.publisher!;
    const version = ready.sourcesVersion;
    expect(publisher.publishedGraph(version)?.length).toBeGreaterThan(100);
    const thing = `${config.baseIRI}id/place/saint-nazaire-de-la-cote`;
    const quads = parseNTriples(`<${thing}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://purl.org/dc/terms/Location> .\n`
      + `<${thing}> <http://www.w3.org/2004/02/skos/core#prefLabel> "Saint-Nazaire"@fr .\n<${thing}> <http://schema.org/containedInPlace> <${config.baseIRI}id/place/france> .\n`);
    const outcome = await publisher.write({ thing, quads, ifMatch: ['*'], agent: 'test' });
    expect(outcome.kind).toBe('done');
    // The store serves the write by an update; its sources, and the graph they were built from, are the version before.
    expect(publisher.publishedGraph(version)).toBeUndefined();
    // Once the store is rebuilt from the graph, the new version's graph is given.
    for (let i = 0; i < 300 && (state.status as ReadyStatus).sourcesVersion === version; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    const rebuilt = state.status as ReadyStatus;
    expect(rebuilt.sourcesVersion).not.toBe(version);
    expect(publisher.publishedGraph(rebuilt.sourcesVersion)?.find(([t]) => t === thing)?.[1]).toContain('"Saint-Nazaire"@fr');
  }, 120_000);
});
