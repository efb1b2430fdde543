/**
 * The versions module on its own: things as blocks, what changed in the files against the
 * baseline (and the conflicts with curators' writes), the change log's order and search by
 * time, and the journal: recovery from snapshot and entries, a torn last line dropped, a lock.
 */
import { appendFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChangeLog } from '../../src/build/versions/change-log.js';
import { FileJournal, JournalLockedError, type JournalEntry } from '../../src/build/versions/journal.js';
import { blockOf, changesFromFiles, hashesOf, hashOf, ThingGraph, type ThingChange } from '../../src/build/versions/thing-graph.js';
import { parseNTriples } from '../../src/rdf/parse.js';

const A = 'http://x.test/id/place/a';
const B = 'http://x.test/id/place/b';
const C = 'http://x.test/id/place/c';
const label = (thing: string, text: string) => `<${thing}> <http://www.w3.org/2004/02/skos/core#prefLabel> "${text}"@fr .\n`;
const link = (from: string, to: string) => `<${from}> <http://schema.org/containedInPlace> <${to}> .\n`;
const block = (...lines: string[]) => blockOf(parseNTriples(lines.join('')));

function entry(version: number, changes: ThingChange[], extra: Partial<JournalEntry> = {}): JournalEntry {
  return { version, id: `v${version}`, at: new Date(Date.UTC(2026, 0, version)).toISOString(), source: 'curator', agent: 'alice', changes, ...extra };
}

describe('things as blocks', () => {
  it('writes a canonical block whatever the order and duplicates, escaping what N-Triples requires', () => {
    const text = `<${A}> <http://purl.org/dc/terms/description> "line one\\nline \\"two\\" \\\\ é"@fr .\n`;
    const one = block(label(A, 'Z'), text, label(A, 'Z'));
    const two = block(text, label(A, 'Z'));
    expect(one).toBe(two);
    expect(one.split('\n').filter(Boolean)).toHaveLength(2);
    expect(parseNTriples(one).map((q) => q.object.value)).toContain('line one\nline "two" \\ é');
    expect(hashOf(one)).toBe(hashOf(two));
  });

  it('knows which things point to a thing, and follows changes', () => {
    const graph = new ThingGraph([[A, block(label(A, 'a'), link(A, C))], [B, block(label(B, 'b'), link(B, C))], [C, block(label(C, 'c'))]]);
    expect([...graph.referrersOf(C)].sort()).toEqual([A, B]);
    expect(graph.triples).toBe(5);
    graph.apply([{ thing: A, action: 'update', block: block(label(A, 'a2')) }, { thing: B, action: 'delete' }]);
    expect(graph.referrersOf(C)).toEqual([]);
    expect(graph.triples).toBe(2);
    expect(new TextDecoder().decode(graph.serialize([{ thing: C, action: 'delete' }]))).toBe(block(label(A, 'a2')));
  });
});

describe('what changed in the files', () => {
  const original = new Map([[A, block(label(A, 'a'))], [B, block(label(B, 'b'))]]);

  it('applies what a person changed in the files, keeps what they did not touch, and names conflicts', () => {
    const graph = new ThingGraph(original);
    const baseline = hashesOf(original);
    // A curator changed A and created C since the files were read.
    graph.apply([{ thing: A, action: 'update', block: block(label(A, 'curated')) }, { thing: C, action: 'create', block: block(label(C, 'new')) }]);
    // The files untouched: nothing to publish, the curator's writes stay.
    expect(changesFromFiles(graph, baseline, original)).toEqual({ changes: [], conflicts: [] });
    // The files change B and A, and drop nothing else.
    const files = new Map([[A, block(label(A, 'edited'))], [B, block(label(B, 'b2'))]]);
    const { changes, conflicts } = changesFromFiles(graph, baseline, files);
    expect(changes.map((c) => [c.thing, c.action])).toEqual([[A, 'update'], [B, 'update']]);
    expect(conflicts).toEqual([A]);
    // A thing removed from the files is deleted; C, never in the files, stays.
    const removed = changesFromFiles(graph, baseline, new Map([[A, original.get(A)!]]));
    expect(removed.changes.map((c) => [c.thing, c.action])).toEqual([[B, 'delete']]);
  });
});

describe('the change log', () => {
  it('numbers entries in order, finds the first after a time, and knows what was deleted', () => {
    const log = new ChangeLog();
    log.append({ number: 1, id: 'a', at: new Date('2026-01-01T00:00:00Z'), source: 'files' }, [{ thing: A, action: 'create' }, { thing: B, action: 'create' }]);
    log.append({ number: 2, id: 'b', at: new Date('2026-01-02T00:00:00Z'), source: 'curator', agent: 'alice' }, [{ thing: A, action: 'delete' }]);
    log.append({ number: 3, id: 'c', at: new Date('2026-01-03T00:00:00Z'), source: 'curator', agent: 'bob' }, [{ thing: B, action: 'update' }]);
    expect(log.entries(0, 10).map((e) => `${e.position} ${e.version} ${e.action}`)).toEqual(['0 1 create', '1 1 create', '2 2 delete', '3 3 update']);
    expect(log.positionAfter(new Date('2025-12-31T00:00:00Z'))).toBe(0);
    expect(log.positionAfter(new Date('2026-01-01T00:00:00Z'))).toBe(2);
    expect(log.positionAfter(new Date('2026-01-05T00:00:00Z'))).toBe(4);
    expect([...log.deleted()].map((e) => e.thing)).toEqual([A]);
    expect(log.version(2)).toMatchObject({ agent: 'alice', firstEntry: 2, entries: 1 });
    expect(() => log.append({ number: 3, id: 'd', at: new Date(), source: 'files' }, [])).toThrow(/comes after/);
  });
});

describe('the journal', () => {
  it('recovers the snapshot and the versions after it, and drops a last line cut short by a crash', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'citego-journal-'));
    const journal = new FileJournal(dir);
    expect(journal.recover()).toBeUndefined();
    const graph = new ThingGraph([[A, block(label(A, 'a'))], [B, block(label(B, 'b'))]]);
    const baseline = hashesOf(new Map(graph.entries()));
    const first = entry(1, [{ thing: A, action: 'create' }, { thing: B, action: 'create' }], { source: 'files' });
    await journal.snapshot(graph, 1, baseline, first);
    await journal.append(entry(2, [{ thing: A, action: 'update', block: block(label(A, 'a2')), hash: hashOf(block(label(A, 'a2'))) }]));
    await journal.append(entry(3, [{ thing: B, action: 'delete' }]));
    journal.close();
    // A crash in the middle of the next append.
    appendFileSync(join(dir, 'journal.ndjson'), '{"version":4,"id":"v4","at":"2026-01-04T00:00:00.000Z","source":"curator","changes":[{"thing":"http://x.test/id/pl');

    const reopened = new FileJournal(dir);
    const recovered = reopened.recover()!;
    expect(recovered.entries.map((e) => e.version)).toEqual([1, 2, 3]);
    expect([...recovered.graph.entries()]).toEqual([[A, block(label(A, 'a2'))]]);
    expect(recovered.baseline).toEqual(baseline);
    expect(readFileSync(join(dir, 'journal.ndjson'), 'utf8').endsWith('\n')).toBe(true);
    // Appends go on line by line after the cut.
    await reopened.append(entry(4, [{ thing: C, action: 'create', block: block(label(C, 'c')) }]));

    // Compaction: a snapshot of version 4; the journal keeps every entry, without triples.
    recovered.graph.apply([{ thing: C, action: 'create', block: block(label(C, 'c')) }]);
    await reopened.snapshot(recovered.graph, 4, baseline);
    expect(readdirSync(dir).filter((f) => f.startsWith('snapshot-'))).toEqual(['snapshot-4.nt']);
    expect(readFileSync(join(dir, 'journal.ndjson'), 'utf8')).not.toContain('"block"');
    reopened.close();
    const again = new FileJournal(dir).recover()!;
    expect(again.entries.map((e) => e.version)).toEqual([1, 2, 3, 4]);
    expect([...again.graph.entries()].sort()).toEqual([[A, block(label(A, 'a2'))], [C, block(label(C, 'c'))]]);
  });

  it('belongs to one process at a time, and is taken over from a process that died', () => {
    const dir = mkdtempSync(join(tmpdir(), 'citego-journal-'));
    const journal = new FileJournal(dir);
    // Another live process's lock (this test's parent, which is alive).
    journal.close();
    writeFileSync(join(dir, 'journal.lock'), String(process.ppid));
    expect(() => new FileJournal(dir)).toThrow(JournalLockedError);
    writeFileSync(join(dir, 'journal.lock'), '999999999');
    expect(() => new FileJournal(dir).close()).not.toThrow();
  });
});
