/**
 * The dumps' writers on threads of their own: given groups enough for many batches (the reading
 * waiting for the threads between them), split among two threads, they write the same bytes, the
 * same counts and the same statistics as the writers on the one thread; a thread that cannot
 * write its file makes the writing fail with the reason, rather than wait for it.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { recordOf, type SubjectGroup } from '../../../src/features/distribution/canonical.js';
import { DUMP_FILES, TABLE_FILES } from '../../../src/features/distribution/dump.js';
import { writerThreads, writersHere, type GroupConsumers } from '../../../src/features/distribution/writer-threads.js';

const BASE = 'http://example.test/';
const DCT = 'http://purl.org/dc/terms/';
const FILES = [...DUMP_FILES, ...TABLE_FILES];
const dirs: string[] = [];

function directory(): string {
  const dir = mkdtempSync(join(tmpdir(), 'citego-writer-threads-'));
  mkdirSync(join(dir, 'csv'));
  dirs.push(dir);
  return dir;
}

/** Documents in the canonical order, with long texts (a few megabytes in all), then a named graph. */
function groups(): SubjectGroup[] {
  const list: SubjectGroup[] = [];
  const subjects = Array.from({ length: 6000 }, (_, i) => `<${BASE}id/document/d${i}>`).sort();
  for (const [i, subject] of subjects.entries()) {
    const statements = [
      `${subject} <${DCT}title> "Sheet ${i}: ${'gouvernance territoriale, '.repeat(i % 40)}é\\n"@fr`,
      `${subject} <${DCT}issued> "${2000 + (i % 20)}"^^<http://www.w3.org/2001/XMLSchema#gYear>`,
      `${subject} <${DCT}subject> <${BASE}id/descriptor/x${i % 50}>`,
      `${subject} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <${BASE}ontology#Document>`,
    ].sort();
    list.push({ graph: '', subject, records: statements.map((s) => recordOf(s, subject.length)) });
  }
  const ontology = `<${BASE}ontology#Document>`;
  list.push({ graph: `<${BASE}ontology>`, subject: ontology, records: [recordOf(`${ontology} <http://www.w3.org/2000/01/rdf-schema#label> "Document"@en`)] });
  return list;
}

async function written(consumers: GroupConsumers, list: readonly SubjectGroup[]) {
  for (const [i, group] of list.entries()) {
    consumers.consume(group);
    if (i % 500 === 0) await consumers.drained();
  }
  return consumers.close(Promise.resolve(1234));
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the writer threads', () => {
  it('write the same bytes, counts and statistics as the writers on the one thread, across many batches', async () => {
    const list = groups();
    const [hereDir, apartDir] = [directory(), directory()];
    const here = await written(writersHere(hereDir, BASE, FILES), list);
    const apart = await written(writerThreads(apartDir, BASE, [['citego.ttl', 'citego.jsonld'], FILES.filter((f) => !f.startsWith('citego.t') && !f.endsWith('.jsonld'))], true), list);
    expect(apart.statistics).toEqual(here.statistics);
    expect(here.statistics?.distinctObjects).toBe(1234);
    expect(here.statistics?.triples).toBe(24_000);
    expect(new Set(apart.files)).toEqual(new Set(here.files));
    for (const { file } of here.files) expect(readFileSync(join(apartDir, file)).equals(readFileSync(join(hereDir, file))), file).toBe(true);
  }, 120_000);

  it('fail with the reason when a thread cannot write its file', async () => {
    const dir = join(directory(), 'missing');
    await expect(written(writerThreads(dir, BASE, [['citego.ttl']], false), groups().slice(0, 10))).rejects.toThrow(/ENOENT/);
  }, 60_000);
});
