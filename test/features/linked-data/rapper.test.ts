/**
 * Every format of every thing read by a parser that is not ours: rapper (Debian's
 * raptor2-utils) must read the Turtle, N-Triples and RDF/XML of each description, and of the
 * ontology and shapes, into the same graph as the JSON-LD expands to. .ci/run installs
 * rapper and sets CITEGO_INTEGRATION=require so that this cannot be skipped there.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import jsonld from 'jsonld';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextLoader, publishedContext } from '../../../src/rdf/jsonld.js';
import { BASE } from '../../helpers.js';
import { startService, type RunningService } from '../../service-harness.js';
import { canonical, parseRdf } from '../../support/rdf-formats.js';

const REQUIRED = process.env.CITEGO_INTEGRATION === 'require';
const RAPPER = '/usr/bin/rapper';
const RAPPER_SYNTAX = { ttl: 'turtle', nt: 'ntriples', rdf: 'rdfxml' } as const;

let running: RunningService;
let descriptions: string[];

beforeAll(async () => {
  running = await startService();
  const rows = await running.store.select(`SELECT DISTINCT ?s WHERE { ?s ?p ?o FILTER(isIRI(?s) && STRSTARTS(STR(?s), "${BASE}id/")) } ORDER BY ?s`);
  descriptions = rows.map((row) => `/doc/${row.s!.value.slice(`${BASE}id/`.length)}`);
});

afterAll(async () => {
  await running.close();
});

/** N-Triples from rapper, which fails (non-zero exit) on anything it cannot parse. */
function rapper(body: string, syntax: string, base: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(RAPPER, ['-q', '-i', syntax, '-o', 'ntriples', '-', base], { maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => (error ? reject(new Error(`rapper -i ${syntax} ${base}: ${stderr || error.message}`)) : resolve(stdout)));
    child.stdin!.end(body);
  });
}

async function graphsOf(path: string): Promise<Record<string, string[]>> {
  const graphs: Record<string, string[]> = {};
  for (const [extension, syntax] of Object.entries(RAPPER_SYNTAX)) {
    const response = await fetch(`${running.origin}${path}.${extension}`);
    expect(response.status, `${path}.${extension}`).toBe(200);
    const ntriples = await rapper(await response.text(), syntax, `${BASE}${path.slice(1)}.${extension}`);
    graphs[extension] = canonical(await parseRdf(ntriples, 'application/n-triples'));
  }
  const compacted = await (await fetch(`${running.origin}${path}.jsonld`)).text();
  const documentLoader = contextLoader(publishedContext(BASE));
  const expanded = await jsonld.expand(JSON.parse(compacted) as jsonld.JsonLdDocument, { documentLoader: documentLoader as never });
  graphs.jsonld = canonical(await parseRdf(JSON.stringify(expanded), 'application/ld+json'));
  return graphs;
}

describe.runIf(existsSync(RAPPER) || REQUIRED)('rapper (raptor2-utils)', () => {
  it('reads every description in Turtle, N-Triples and RDF/XML into the graph its JSON-LD expands to', async () => {
    expect(descriptions.length).toBeGreaterThan(250);
    for (const path of descriptions) {
      const graphs = await graphsOf(path);
      expect(graphs.ttl!.length, path).toBeGreaterThan(3);
      expect(graphs.nt, `${path}: N-Triples`).toEqual(graphs.ttl);
      expect(graphs.rdf, `${path}: RDF/XML`).toEqual(graphs.ttl);
      expect(graphs.jsonld, `${path}: JSON-LD`).toEqual(graphs.ttl);
    }
  }, 120_000);

  it('reads the ontology and the shapes in every format', async () => {
    for (const path of ['/ontology', '/shapes']) {
      const graphs = await graphsOf(path);
      expect(graphs.ttl!.length, path).toBeGreaterThan(100);
      expect(graphs.nt, path).toEqual(graphs.ttl);
      expect(graphs.rdf, path).toEqual(graphs.ttl);
      expect(graphs.jsonld, path).toEqual(graphs.ttl);
    }
  });
});
