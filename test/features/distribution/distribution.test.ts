/**
 * Open data for reusers, over the demo data: rapper reads every RDF dump and its counts equal
 * the VoID figures and the endpoint's; the dumps are byte-identical when written again, and after
 * a restart; the catalogue conforms to the official DCAT-AP 3.0.1 shapes; a SKOS consumer finds
 * the whole atlas without inference; the files answer ranges, 304s and compression; the licence
 * is on the dataset, every description and every page.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import rdfDataset from '@rdfjs/dataset';
import jsonld from 'jsonld';
import { Parser } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers.js';
import { startService, type RunningService } from '../../service-harness.js';

const REQUIRED = process.env.CITEGO_INTEGRATION === 'require';
const RAPPER = '/usr/bin/rapper';
const VOID = 'http://rdfs.org/ns/void#';
const SKOS = 'http://www.w3.org/2004/02/skos/core#';
const DCAT_AP = join(ROOT, 'test', 'fixtures', 'standards', 'dcat-ap-3.0.1');

let running: RunningService;
let dumpDir: string;

/** Waits for the dumps of the version being served (they are written in the background). */
async function manifestOf(origin: string): Promise<{ files: { file: string; bytes: number; count?: number; sha256: string }[]; modified: string }> {
  for (let i = 0; i < 600; i++) {
    const response = await fetch(`${origin}/download/citego.nt.gz`, { method: 'HEAD' });
    if (response.status === 200) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const versions = readdirSync(dumpDir).filter((name) => !name.startsWith('.'));
  return JSON.parse(readFileSync(join(dumpDir, versions[0]!, 'manifest.json'), 'utf8'));
}

beforeAll(async () => {
  dumpDir = mkdtempSync(join(tmpdir(), 'citego-dumps-test-'));
  running = await startService({ replicas: 1, env: { DUMP_DIR: dumpDir } });
  await manifestOf(running.origin);
}, 120_000);

afterAll(async () => {
  await running.close();
});

async function bytesOf(path: string, init?: RequestInit): Promise<Buffer> {
  const response = await fetch(`${running.origin}${path}`, init);
  expect(response.status, path).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

function turtleQuads(text: string, baseIRI = running.service.config.baseIRI) {
  return new Parser({ baseIRI }).parse(text);
}

async function voidFigures(): Promise<Map<string, string>> {
  const quads = turtleQuads((await bytesOf('/.well-known/void', { headers: { Accept: 'text/turtle' } })).toString('utf8'));
  const dataset = `${running.service.config.baseIRI}.well-known/void#dataset`;
  return new Map(quads.filter((q) => q.subject.value === dataset && q.predicate.value.startsWith(VOID)).map((q) => [q.predicate.value.slice(VOID.length), q.object.value]));
}

async function endpointCount(query: string): Promise<number> {
  const [row] = await running.store.select(query);
  return Number(row!.n!.value);
}

function rapperCount(path: string, syntax: string): Promise<number> {
  return new Promise((resolve, reject) => {
    execFile(RAPPER, ['-c', '-i', syntax, path], (error, _stdout, stderr) => {
      if (error) return reject(new Error(`rapper ${path}: ${stderr || error.message}`));
      const match = /returned (\d+) (?:triples|statements)/.exec(stderr);
      return match ? resolve(Number(match[1])) : reject(new Error(`rapper said: ${stderr}`));
    });
  });
}

describe('dumps', () => {
  it.runIf(existsSync(RAPPER) || REQUIRED)('are read by rapper, whose counts equal VoID\'s and the endpoint\'s', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'citego-rapper-'));
    const figures = await voidFigures();
    const triples = await endpointCount('SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }');
    const quads = await endpointCount('SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }');
    expect(Number(figures.get('triples'))).toBe(triples);
    const { writeFileSync } = await import('node:fs');
    for (const [file, syntax, expected] of [['citego.nt.gz', 'ntriples', triples], ['citego.nq.gz', 'nquads', quads], ['citego.ttl', 'turtle', triples]] as const) {
      let bytes = await bytesOf(`/download/${file}`);
      if (file.endsWith('.gz')) bytes = gunzipSync(bytes);
      const path = join(dir, file.replace(/\.gz$/, ''));
      writeFileSync(path, bytes);
      expect(await rapperCount(path, syntax), file).toBe(expected);
    }
    const manifest = await manifestOf(running.origin);
    expect(manifest.files.find((f) => f.file === 'citego.nt.gz')?.count).toBe(triples);
    expect(Number(figures.get('distinctSubjects'))).toBe(await endpointCount('SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }'));
    expect(Number(figures.get('distinctObjects'))).toBe(await endpointCount('SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?s ?p ?o }'));
    expect(Number(figures.get('properties'))).toBe(await endpointCount('SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?s ?p ?o }'));
    expect(Number(figures.get('classes'))).toBe(await endpointCount('SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?s a ?c }'));
  });

  it('JSON-LD holds the same triples as N-Triples', async () => {
    const document = JSON.parse((await bytesOf('/download/citego.jsonld')).toString('utf8')) as object;
    const nquads = await jsonld.toRDF(document, { format: 'application/n-quads' }) as unknown as string;
    const fromJsonLd = new Set(nquads.trim().split('\n'));
    const fromNt = gunzipSync(await bytesOf('/download/citego.nt.gz')).toString('utf8').trim().split('\n');
    expect(fromJsonLd.size).toBe(fromNt.length);
  });

  it('give CSV tables with their CSVW metadata and README', async () => {
    const documents = (await bytesOf('/download/csv/documents.csv')).toString('utf8').split('\r\n');
    expect(documents[0]).toMatch(/^iri,types,title_fr,/);
    const sheets = await endpointCount(`SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a <${running.service.config.baseIRI}ontology#Document> }`);
    expect(documents.filter(Boolean).length - 1).toBe(sheets);
    const metadata = JSON.parse((await bytesOf('/download/csv/csv-metadata.json')).toString('utf8')) as { tables: { url: string; tableSchema: { columns: { name: string }[] } }[] };
    expect(metadata.tables.map((t) => t.url)).toEqual(['documents.csv', 'actors.csv', 'places.csv', 'descriptors.csv', 'relations.csv']);
    expect(metadata.tables[0]!.tableSchema.columns.map((c) => c.name)).toEqual(documents[0]!.split(','));
    expect((await bytesOf('/download/csv/README.md')).toString('utf8')).toContain('## descriptors.csv');
  });

  it('are byte-identical when written again, and after a restart', async () => {
    const before = await manifestOf(running.origin);
    const nt = await bytesOf('/download/citego.nt.gz');
    const otherDir = mkdtempSync(join(tmpdir(), 'citego-dumps-again-'));
    const again = await startService({ replicas: 1, env: { DUMP_DIR: otherDir } });
    try {
      for (let i = 0; i < 600 && (await fetch(`${again.origin}/download/citego.nt.gz`, { method: 'HEAD' })).status !== 200; i++) await new Promise((r) => setTimeout(r, 100));
      const response = await fetch(`${again.origin}/download/citego.nt.gz`);
      expect(Buffer.from(await response.arrayBuffer()).equals(nt)).toBe(true);
      const versions = readdirSync(otherDir).filter((name) => !name.startsWith('.'));
      const manifest = JSON.parse(readFileSync(join(otherDir, versions[0]!, 'manifest.json'), 'utf8')) as typeof before;
      expect(manifest).toEqual(before);
    } finally {
      await again.close();
    }
    // A restart on the same directory finds the files already written, and serves them as they are.
    const restarted = await startService({ replicas: 1, env: { DUMP_DIR: dumpDir } });
    try {
      const response = await fetch(`${restarted.origin}/download/citego.nt.gz`);
      expect(response.status).toBe(200);
      expect(Buffer.from(await response.arrayBuffer()).equals(nt)).toBe(true);
    } finally {
      await restarted.close();
    }
  }, 120_000);

  it('answer ranges, 304s and compression, with their size, checksum and date', async () => {
    const whole = await fetch(`${running.origin}/download/citego.ttl`, { headers: { 'Accept-Encoding': 'identity' } });
    const body = Buffer.from(await whole.arrayBuffer());
    const etag = whole.headers.get('etag')!;
    expect(Number(whole.headers.get('content-length'))).toBe(body.length);
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(whole.headers.get('last-modified')).toBeTruthy();
    const manifest = await manifestOf(running.origin);
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(body).digest('hex')).toBe(manifest.files.find((f) => f.file === 'citego.ttl')!.sha256);

    const part = await fetch(`${running.origin}/download/citego.ttl`, { headers: { Range: 'bytes=10-99', 'Accept-Encoding': 'identity' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 10-99/${body.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(body.subarray(10, 100))).toBe(true);
    const beyond = await fetch(`${running.origin}/download/citego.ttl`, { headers: { Range: `bytes=${body.length + 5}-` } });
    expect(beyond.status).toBe(416);
    await beyond.arrayBuffer();

    const notModified = await fetch(`${running.origin}/download/citego.ttl`, { headers: { 'If-None-Match': etag, 'Accept-Encoding': 'identity' } });
    expect(notModified.status).toBe(304);
    const compressed = await fetch(`${running.origin}/download/citego.ttl`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(compressed.headers.get('content-encoding')).toBe('gzip');
    expect(Buffer.from(await compressed.arrayBuffer()).equals(body)).toBe(true);
    const missing = await fetch(`${running.origin}/download/nothing.csv`);
    expect(missing.status).toBe(404);
    await missing.arrayBuffer();
  });

  it('are listed on the download page with their checksums and licence, linked from the home page', async () => {
    const home = (await bytesOf('/')).toString('utf8');
    // The home page's links keep the reader's language.
    for (const path of ['/download', '/catalog', '/.well-known/void']) expect(home).toContain(`href="${path}?lang=fr"`);
    const page = (await bytesOf('/download?lang=en')).toString('utf8');
    const manifest = await manifestOf(running.origin);
    for (const file of manifest.files) expect(page).toContain(file.sha256);
    expect(page).toContain(`rel="license" href="${running.service.config.dataLicence.iri}"`);
  });
});

describe('standard types and links, without inference', () => {
  it('let a SKOS consumer find the whole atlas', async () => {
    const atlas = `${running.service.config.baseIRI}id/scheme/atlas`;
    const descriptors = await endpointCount(`SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a <${running.service.config.baseIRI}ontology#Descriptor> }`);
    expect(descriptors).toBeGreaterThan(50);
    expect(await endpointCount(`SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a <${SKOS}Concept> ; <${SKOS}inScheme> <${atlas}> }`)).toBe(descriptors);
    const tops = await endpointCount(`SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c <${SKOS}topConceptOf> <${atlas}> }`);
    expect(await endpointCount(`SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { <${atlas}> <${SKOS}hasTopConcept> ?c }`)).toBe(tops);
    expect(await running.store.ask(`ASK { <${atlas}> a <${SKOS}ConceptScheme> }`)).toBe(true);
    for (const type of ['http://xmlns.com/foaf/0.1/Organization', 'http://www.w3.org/ns/org#Organization', 'http://schema.org/Organization',
      'http://schema.org/CreativeWork', 'http://xmlns.com/foaf/0.1/Document', 'http://schema.org/Place']) {
      expect(await endpointCount(`SELECT (COUNT(*) AS ?n) WHERE { ?s a <${type}> }`), type).toBeGreaterThan(0);
    }
    // The ontology is a named graph of its own, not mixed with the data.
    expect(await running.store.ask('ASK { ?c <http://www.w3.org/2000/01/rdf-schema#subClassOf> ?d }')).toBe(false);
  });

  it('give every record its provenance and modification date, and every description its licence', async () => {
    const base = running.service.config.baseIRI;
    expect(await endpointCount(`SELECT (COUNT(*) AS ?n) WHERE { ?s <http://purl.org/dc/terms/source> ?o FILTER NOT EXISTS { ?s <http://www.w3.org/ns/prov#wasDerivedFrom> ?o } }`)).toBe(0);
    expect(await endpointCount(`SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?t FILTER(STRSTARTS(STR(?s), "${base}id/")) FILTER NOT EXISTS { ?s <http://purl.org/dc/terms/modified> ?m } }`)).toBe(0);
    expect(await endpointCount(`SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?t FILTER(STRSTARTS(STR(?s), "${base}id/")) FILTER NOT EXISTS { ?s <http://www.w3.org/ns/prov#wasDerivedFrom> ?from } }`)).toBe(0);
    // A record without an original page comes from the file it was read from, published as it was read.
    const [derived] = await running.store.select(`SELECT ?from WHERE { <${base}id/actor/claire-dumontel> <http://www.w3.org/ns/prov#wasDerivedFrom> ?from }`);
    expect(derived!.from!.value).toBe(`${base}download/sources/actors.ttl`);
    expect((await bytesOf('/download/sources/actors.ttl')).equals(readFileSync(join(ROOT, 'data', 'actors.ttl')))).toBe(true);
    expect(await endpointCount(`SELECT (COUNT(*) AS ?n) WHERE { ?s <http://purl.org/dc/terms/source> ?page ; <http://www.w3.org/ns/prov#wasDerivedFrom> ?file FILTER(STRSTARTS(STR(?file), "${base}download/")) }`)).toBe(0);
    const description = await fetch(`${running.origin}/doc/place/paris.ttl`);
    const quads = turtleQuads(await description.text());
    expect(quads.some((q) => q.predicate.value === 'http://purl.org/dc/terms/license' && q.object.value === running.service.config.dataLicence.iri)).toBe(true);
    const page = await (await fetch(`${running.origin}/doc/place/paris.html`)).text();
    expect(page).toContain(`rel="license" href="${running.service.config.dataLicence.iri}"`);
  });

  it('give descriptions the thing\'s own modification date, the same across restarts', async () => {
    const first = await fetch(`${running.origin}/doc/document/relocaliser-alimentation-question-gouvernance.ttl`);
    expect(first.headers.get('last-modified')).toBe(new Date(Date.UTC(2015, 0, 20)).toUTCString());
    // The ontology and the shapes are as new as their files, not as the service's start.
    const model = await Promise.all(['/ontology.ttl', '/shapes.ttl'].map((path) => fetch(`${running.origin}${path}`)));
    const modified = (dir: string) => new Date(Math.floor(Math.max(...readdirSync(join(ROOT, dir)).map((f) => statSync(join(ROOT, dir, f)).mtimeMs)) / 1000) * 1000).toUTCString();
    expect(model.map((r) => r.headers.get('last-modified'))).toEqual([modified('ontology'), modified('shapes')]);
    const restarted = await startService({ replicas: 1 });
    try {
      const again = await fetch(`${restarted.origin}/doc/document/relocaliser-alimentation-question-gouvernance.ttl`);
      expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
      expect(again.headers.get('last-modified')).toBe(first.headers.get('last-modified'));
      for (const [index, path] of ['/ontology.ttl', '/shapes.ttl'].entries()) {
        const modelAgain = await fetch(`${restarted.origin}${path}`);
        expect(modelAgain.headers.get('etag'), path).toBe(model[index]!.headers.get('etag'));
        expect(modelAgain.headers.get('last-modified'), path).toBe(model[index]!.headers.get('last-modified'));
      }
    } finally {
      await restarted.close();
    }
  }, 120_000);
});

describe('the DCAT-AP catalogue', () => {
  it('conforms to the official DCAT-AP 3.0.1 shapes, in every syntax', async () => {
    const shapes = rdfDataset.dataset([
      ...new Parser().parse(readFileSync(join(DCAT_AP, 'dcat-ap-SHACL.ttl'), 'utf8')),
      ...new Parser().parse(readFileSync(join(DCAT_AP, 'ranges.ttl'), 'utf8')),
    ]);
    const turtle = (await bytesOf('/catalog', { headers: { Accept: 'text/turtle' } })).toString('utf8');
    const data = rdfDataset.dataset(turtleQuads(turtle));
    const report = await new SHACLValidator(shapes).validate(data);
    const problems = report.results.map((r) => `${r.focusNode?.value} ${r.path?.value}: ${r.message.map((m) => m.value).join(' ')}`);
    expect(problems).toEqual([]);
    for (const needed of ['http://purl.org/dc/terms/identifier', 'http://purl.org/dc/terms/title', 'http://purl.org/dc/terms/license', 'http://spdx.org/rdf/terms#checksumValue', 'http://www.w3.org/ns/dcat#byteSize']) {
      expect(turtle).toContain(needed.split(/[#/]/).pop()!);
    }
    const expanded = JSON.parse((await bytesOf('/catalog.jsonld')).toString('utf8')) as object;
    const fromJsonLd = await jsonld.toRDF(expanded, { format: 'application/n-quads' }) as unknown as string;
    expect(fromJsonLd.trim().split('\n').length).toBe(data.size);
    expect((await bytesOf('/catalog.rdf')).toString('utf8')).toContain('<rdf:RDF');
  });
});
