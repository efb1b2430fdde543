/**
 * Every example of the workbench's gallery runs on the demo data and returns results, as the
 * workbench sends it (with its BASE declaration). The federated example joins Wikidata: here a
 * second endpoint serving Wikidata-shaped data stands in for it, through SPARQL_SERVICE_REDIRECTS.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readExamples, withBase } from '../../../src/features/sparql/examples.js';
import { BASE, FIXTURES, ROOT } from '../../helpers.js';
import { startService, type RunningService } from '../../service-harness.js';
import { startRemoteEndpoint, type RemoteEndpoint } from '../../support/remote-endpoint.js';

const examples = readExamples(join(ROOT, 'sparql', 'examples'));
let running: RunningService;
let wikidata: RemoteEndpoint;

beforeAll(async () => {
  wikidata = await startRemoteEndpoint(join(FIXTURES, 'wikidata-sample.nt'));
  running = await startService({ env: { SPARQL_SERVICE_REDIRECTS: `https://query.wikidata.org/sparql=${wikidata.url}` } });
});

afterAll(async () => {
  await running.close();
  await wikidata.close();
});

describe('example queries', () => {
  it('there are at least twelve, each titled and explained in French and English', () => {
    expect(examples.length).toBeGreaterThanOrEqual(12);
    for (const example of examples) {
      expect(example.title.fr.length).toBeGreaterThan(10);
      expect(example.description.en.length).toBeGreaterThan(40);
    }
    expect(examples.some((e) => e.federated && e.text.includes('https://query.wikidata.org/sparql'))).toBe(true);
  });

  it.each(examples.map((e) => [e.id, e] as const))('%s returns results on the demo data', async (_id, example) => {
    const isGraph = example.form === 'CONSTRUCT' || example.form === 'DESCRIBE';
    const response = await fetch(`${running.origin}/sparql`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/sparql-query', Accept: isGraph ? 'application/n-triples' : 'application/sparql-results+json' },
      body: withBase(example, BASE),
    });
    const text = await response.text();
    expect(response.status, text).toBe(200);
    if (isGraph) {
      expect(text.trim().split('\n').length).toBeGreaterThan(10);
    } else if (example.form === 'ASK') {
      expect((JSON.parse(text) as { boolean: boolean }).boolean).toBe(true);
    } else {
      const rows = (JSON.parse(text) as { results: { bindings: unknown[] } }).results.bindings;
      expect(rows.length).toBeGreaterThan(0);
    }
  });

  it('the federated example joins the places with the populations of the remote endpoint', async () => {
    const example = examples.find((e) => e.federated)!;
    const before = wikidata.received.length;
    const response = await fetch(`${running.origin}/sparql?query=${encodeURIComponent(withBase(example, BASE))}`, { headers: { Accept: 'text/csv' } });
    const csv = await response.text();
    expect(response.status, csv).toBe(200);
    expect(wikidata.received.length).toBeGreaterThan(before);
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('place,name,item,population');
    // Mexico City has the largest population of the sample; Paris is there with its own.
    expect(lines[1]).toBe('http://localhost:3000/id/place/mexico,Mexico,http://www.wikidata.org/entity/Q1489,9209944');
    expect(lines).toContain('http://localhost:3000/id/place/paris,Paris,http://www.wikidata.org/entity/Q90,2102650');
  });
});
