/**
 * Blank nodes, with the demo data and a file of inline neighbours beside it (two of them
 * look-alikes): what the build adds about them is about the data's own blank nodes, in the store
 * and in the dumps, and two services over the same data, whose stores name the blank nodes
 * differently, write byte-identical dumps with canonical labels.
 */
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDataWith } from '../../helpers.js';
import { startService, type RunningService } from '../../service-harness.js';

const SKOS = 'http://www.w3.org/2004/02/skos/core#';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const FILES = ['citego.nt.gz', 'citego.nq.gz', 'citego.ttl', 'citego.jsonld', 'csv/descriptors.csv'];

let first: RunningService;
let second: RunningService;

async function dumpsReady(running: RunningService): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    const response = await fetch(`${running.origin}/download/citego.nt.gz`, { method: 'HEAD' });
    if (response.status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the dumps were not written in two minutes');
}

async function bytesOf(running: RunningService, file: string): Promise<Buffer> {
  const response = await fetch(`${running.origin}/download/${file}`, { headers: { 'Accept-Encoding': 'identity' } });
  expect(response.status, file).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

async function count(running: RunningService, where: string): Promise<number> {
  const [row] = await running.store.select(`SELECT (COUNT(*) AS ?n) WHERE { ${where} }`);
  return Number(row!.n!.value);
}

beforeAll(async () => {
  const dataDir = demoDataWith('blank-nodes/blank-nodes.ttl');
  first = await startService({ replicas: 2, env: { DATA_DIR: dataDir } });
  second = await startService({ replicas: 1, env: { DATA_DIR: dataDir } });
  await Promise.all([dumpsReady(first), dumpsReady(second)]);
}, 240_000);

afterAll(async () => {
  await first?.close();
  await second?.close();
});

describe('blank nodes', () => {
  it('get their standard types and the other direction of their links in the store, not copies of them', async () => {
    const sobriete = `<${first.service.config.baseIRI}id/descriptor/sobriete>`;
    // Three inline neighbours: each a skos:Concept, related both ways, with its own label.
    expect(await count(first, `?b a <${SKOS}Concept> ; <${SKOS}prefLabel> ?label ; <${SKOS}related> ${sobriete} FILTER(isBlank(?b) && LANG(?label) = "fr")`)).toBe(3);
    expect(await count(first, `${sobriete} <${SKOS}related> ?b FILTER(isBlank(?b))`)).toBe(3);
    expect(await count(first, `?s <${SKOS}narrower> ?b ; ^<${SKOS}broader> ?b FILTER(isBlank(?b))`)).toBe(1);
    // No blank node holds only what the build added.
    expect(await count(first, `?b a <${SKOS}Concept> FILTER(isBlank(?b)) FILTER NOT EXISTS { ?b <${SKOS}prefLabel> ?label }`)).toBe(0);
  });

  it('have canonical labels in the dumps, the same for the store\'s own triples and for what the build added', async () => {
    const lines = gunzipSync(await bytesOf(first, 'citego.nt.gz')).toString('utf8').trim().split('\n');
    expect(lines.length).toBe(await count(first, '?s ?p ?o'));
    const blank = lines.filter((line) => line.includes('_:'));
    expect(blank.length).toBe(await count(first, '?s ?p ?o FILTER(isBlank(?s) || isBlank(?o))'));
    expect(blank.every((line) => [...line.matchAll(/_:(\S+)/g)].every((m) => /^c14n\d+$/.test(m[1]!)))).toBe(true);
    // Each neighbour's label, type, entailed type and both directions of its link share one label.
    const labels = new Set(blank.filter((line) => line.includes(`<${SKOS}prefLabel>`)).map((line) => line.split(' ')[0]));
    expect(labels.size).toBe(3);
    for (const label of labels) {
      expect(lines, label).toContain(`${label} <${RDF_TYPE}> <${SKOS}Concept> .`);
      expect(lines.some((line) => line.startsWith(`${label} <${SKOS}related> `))).toBe(true);
      expect(lines.some((line) => line.endsWith(`<${SKOS}related> ${label} .`))).toBe(true);
    }
  });

  it('give byte-identical dumps from stores that named them differently', async () => {
    for (const file of FILES) expect((await bytesOf(second, file)).equals(await bytesOf(first, file)), file).toBe(true);
    // The stores did name them differently: the labels of the endpoint are not the dumps'.
    const [row] = await first.store.select('SELECT ?b WHERE { ?b ?p ?o FILTER(isBlank(?b)) } LIMIT 1');
    expect(row!.b!.value).not.toMatch(/^c14n/);
  });
});
