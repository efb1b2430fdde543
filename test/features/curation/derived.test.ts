/**
 * What is derived from the data follows a curator's write: a write changes the store by an
 * update, without the standard types the build materialises, and the dumps keep the version
 * they were written for; a few seconds after the last write the store is rebuilt, and the new
 * sheet then has its standard types at the endpoint and in its description, and is in the dumps.
 */
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { REBUILD_AFTER_WRITES_MS } from '../../../src/build/versions/publisher.js';
import { BASE } from '../../helpers.js';
import { curatedServiceForTheseTests, TOKENS } from '../../support/curated-service.js';

const service = curatedServiceForTheseTests();
const origin = (): string => service().running.origin;

const EXISTING = `${BASE}id/document/relocaliser-alimentation-question-gouvernance`;
const WRITTEN = `${BASE}id/document/written-by-a-curator`;
const CREATIVE_WORK = 'http://schema.org/CreativeWork';
/** The rebuild after the last write, and the dumps written after it, on a loaded machine. */
const BOUND_MS = REBUILD_AFTER_WRITES_MS + 60_000;

async function isCreativeWork(): Promise<boolean> {
  const query = `ASK { <${WRITTEN}> a <${CREATIVE_WORK}> }`;
  const response = await fetch(`${origin()}/sparql?query=${encodeURIComponent(query)}`, { headers: { Accept: 'application/sparql-results+json' } });
  expect(response.status).toBe(200);
  return ((await response.json()) as { boolean: boolean }).boolean;
}

/** The N-Triples dump of the version served, or undefined while it is being written. */
async function ntriplesDump(): Promise<string | undefined> {
  const response = await fetch(`${origin()}/download/citego.nt.gz`);
  if (response.status === 503) return undefined;
  expect(response.status).toBe(200);
  return gunzipSync(Buffer.from(await response.arrayBuffer())).toString('utf8');
}

async function within<T>(ms: number, probe: () => Promise<T | undefined>): Promise<T | undefined> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = await probe();
    if (found !== undefined || Date.now() > deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('a curator\'s write', () => {
  it('is followed by its standard types at the endpoint and in its description, and by the dumps', async () => {
    // The dumps of the first version, before any write.
    const before = await within(BOUND_MS, ntriplesDump);
    expect(before).toBeDefined();
    expect(before).not.toContain(`<${WRITTEN}>`);

    const existing = await fetch(`${origin()}/things/document/relocaliser-alimentation-question-gouvernance`, { headers: { Accept: 'text/turtle' } });
    expect(existing.status).toBe(200);
    const body = (await existing.text()).split(EXISTING).join(WRITTEN);
    const written = await fetch(`${origin()}/things/document/written-by-a-curator`, {
      method: 'PUT', body, headers: { 'Content-Type': 'text/turtle', 'If-None-Match': '*', Authorization: `Bearer ${TOKENS.alice}` },
    });
    expect(written.status, await written.text()).toBe(201);

    // Until the store is rebuilt, the dumps stay those of the version they were written for:
    // never a file named for the new version that lacks the write.
    const meanwhile = await ntriplesDump();
    if (meanwhile !== undefined && !meanwhile.includes(`<${WRITTEN}>`)) expect(meanwhile).toBe(before);

    expect(await within(BOUND_MS, async () => ((await isCreativeWork()) ? true : undefined))).toBe(true);
    const description = await fetch(`${origin()}/doc/document/written-by-a-curator`, { headers: { Accept: 'application/n-triples' } });
    expect(description.status).toBe(200);
    expect(await description.text()).toContain(`<${WRITTEN}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <${CREATIVE_WORK}> .`);

    const after = await within(BOUND_MS, async () => {
      const dump = await ntriplesDump();
      return dump?.includes(`<${WRITTEN}>`) ? dump : undefined;
    });
    expect(after).toBeDefined();
    expect(after).toContain(`<${WRITTEN}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <${CREATIVE_WORK}> .`);
  }, 3 * BOUND_MS);
});
