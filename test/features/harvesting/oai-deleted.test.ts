/**
 * OAI-PMH's deleted records, read from the change log: a sheet a curator deletes stays a record
 * of the repository, marked deleted and dated by its deletion, so that a harvester that asks
 * what changed since its last harvest learns of it; the repository declares that it keeps
 * deletions persistently, since its journal is on disk.
 */
import { existsSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE } from '../../helpers.js';
import { startCuratedService, TOKENS } from '../../support/curated-service.js';
import { schemaErrors } from '../../support/xmllint.js';
import type { RunningService } from '../../service-harness.js';

let running: RunningService;
let cleanup: string[] = [];
/** A sheet nothing links to, which a curator may therefore delete. */
let sheet: string;
const responses: string[] = [];

beforeAll(async () => {
  const started = await startCuratedService();
  running = started.running;
  cleanup = [started.dataDir, started.stateDir];
  const rows = await running.store.select(`SELECT ?sheet WHERE {
      GRAPH <${BASE}ontology> { ?type <http://www.w3.org/2000/01/rdf-schema#subClassOf> <${BASE}ontology#Document> } ?sheet a ?type .
      FILTER NOT EXISTS { ?other ?link ?sheet } } ORDER BY ?sheet LIMIT 1`);
  sheet = rows[0]!.sheet!.value;
}, 180_000);

afterAll(async () => {
  await running?.close();
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

async function oai(query: string): Promise<string> {
  const response = await fetch(`${running.origin}/oai?${query}`);
  expect(response.status).toBe(200);
  const body = await response.text();
  responses.push(body);
  return body;
}

/** The header of an identifier in a list, or undefined. */
const headerOf = (xml: string, identifier: string) =>
  [...xml.matchAll(/<header(?: status="deleted")?>[\s\S]*?<\/header>/g)].map((m) => m[0]).find((h) => h.includes(`<identifier>${identifier}</identifier>`));

describe('a sheet deleted by a curator', () => {
  it('was a live record before its deletion, and is a deleted one after it, dated by the deletion', async () => {
    expect(await oai('verb=Identify')).toContain('<deletedRecord>persistent</deletedRecord>');
    const before = await oai(`verb=GetRecord&metadataPrefix=oai_dc&identifier=${encodeURIComponent(sheet)}`);
    expect(before).toContain('<metadata>');
    expect(before).not.toContain('status="deleted"');

    const path = `/things/document/${sheet.slice(sheet.lastIndexOf('/') + 1)}`;
    const current = await fetch(`${running.origin}${path}`, { headers: { Accept: 'text/turtle' } });
    const etag = current.headers.get('etag')!;
    const deletedAt = new Date();
    const deletion = await fetch(`${running.origin}${path}`, { method: 'DELETE', headers: { 'If-Match': etag, Authorization: `Bearer ${TOKENS.alice}` } });
    expect(deletion.status).toBe(200);

    const record = await oai(`verb=GetRecord&metadataPrefix=oai_dc&identifier=${encodeURIComponent(sheet)}`);
    expect(record).toContain('<header status="deleted">');
    expect(record).not.toContain('<metadata>');
    const stamp = /<datestamp>([^<]+)<\/datestamp>/.exec(record)![1]!;
    expect(Math.abs(Date.parse(stamp) - deletedAt.getTime())).toBeLessThan(60_000);

    // Harvesting what changed since just before the deletion brings the deletion, and only it.
    const since = `${new Date(deletedAt.getTime() - 1000).toISOString().slice(0, 19)}Z`;
    const changed = await oai(`verb=ListIdentifiers&metadataPrefix=oai_dc&from=${since}`);
    expect(headerOf(changed, sheet)).toContain('status="deleted"');
    expect([...changed.matchAll(/<header/g)].length).toBe(1);
    const records = await oai(`verb=ListRecords&metadataPrefix=rdf&from=${since}`);
    expect(headerOf(records, sheet)).toContain('status="deleted"');
    expect(records).not.toContain('<metadata>');
  });

  it('is not in a set any more: its sets went with its description', async () => {
    const typed = await oai('verb=ListIdentifiers&metadataPrefix=oai_dc&set=type');
    expect(headerOf(typed, sheet)).toBeUndefined();
  });
});

describe.runIf(existsSync('/usr/bin/xmllint') || process.env.CITEGO_INTEGRATION === 'require')('every response with a deleted record', () => {
  it('validates against the OAI-PMH schemas', async () => {
    expect(responses.length).toBeGreaterThan(4);
    expect(await schemaErrors(responses)).toBe('');
  }, 60_000);
});
