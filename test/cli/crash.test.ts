/**
 * Crashes: the service (`npm start`'s entry point, in a process of its own) is killed with
 * SIGKILL at random moments during a stream of writes, then started again on the same journal.
 * Every acknowledged write must be there, and the write in flight either whole or absent: each
 * write gives a place two labels with the same number, so half a write would show.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tokenHash } from '../../src/features/curation/auth.js';
import { DATA_DIR, ROOT, seededRandom } from '../helpers.js';

const TOKEN = 'crash-test-curator-token';
const BASE = 'http://localhost:3000/';
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

async function startService(dataDir: string, stateDir: string, env: Record<string, string> = {}): Promise<{ child: ChildProcess; origin: string; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/start.ts')], {
    cwd: ROOT,
    env: {
      ...process.env, PORT: '0', HOST: '127.0.0.1', BASE_IRI: BASE, DATA_DIR: dataDir, STATE_DIR: stateDir, STORE_REPLICAS: '1', WATCH_DATA: 'false',
      CURATOR_TOKENS: `crash=sha256:${tokenHash(TOKEN)}`, LANG: 'C', ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  for (let i = 0; i < 1200; i++) {
    const port = /listening on port (\d+)/.exec(output)?.[1];
    if (port && /ready: /.test(output)) return { child, origin: `http://127.0.0.1:${port}`, output: () => output };
    if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode}: ${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the service did not get ready: ${output}`);
}

const LABEL = 'http://www.w3.org/2004/02/skos/core#prefLabel';

/** The numbers a place's two labels carry now (two equal numbers, unless a write was torn). */
async function labelsOf(origin: string, slug: string): Promise<string[]> {
  const text = await (await fetch(`${origin}/things/place/${slug}`, { headers: { Accept: 'application/n-triples' } })).text();
  return [...text.matchAll(new RegExp(`<${LABEL}> "${slug} (\\d+)"@(fr|en)`, 'g'))].map((m) => `${m[2]}:${m[1]}`).sort();
}

interface Stream { slug: string; acknowledged: number; inFlight?: number; writes: number }

/** Writes numbered labels to a place one after the other until the process dies. */
async function writeUntilKilled(origin: string, stream: Stream, next: () => number): Promise<void> {
  for (;;) {
    let current: Response;
    try {
      current = await fetch(`${origin}/things/place/${stream.slug}`, { headers: { Accept: 'application/n-triples' } });
    } catch {
      return;
    }
    const thing = `${BASE}id/place/${stream.slug}`;
    const kept = (await current.text()).split('\n').filter((line) => line && !line.includes(`<${LABEL}>`));
    const n = next();
    const body = [...kept, `<${thing}> <${LABEL}> "${stream.slug} ${n}"@fr .`, `<${thing}> <${LABEL}> "${stream.slug} ${n}"@en .`].join('\n');
    stream.inFlight = n;
    try {
      const response = await fetch(`${origin}/things/place/${stream.slug}`, {
        method: 'PUT', body, headers: { 'Content-Type': 'application/n-triples', 'If-Match': current.headers.get('etag')!, Authorization: `Bearer ${TOKEN}` },
      });
      if (response.status !== 200) throw new Error(`write ${n} answered ${response.status}: ${await response.text()}`);
      stream.acknowledged = n;
      stream.inFlight = undefined;
      stream.writes++;
    } catch (error) {
      if ((error as Error).message.startsWith('write ')) throw error;
      return;
    }
  }
}

async function waitFor(output: () => string, pattern: RegExp): Promise<void> {
  for (let i = 0; i < 600 && !pattern.test(output()); i++) await new Promise((r) => setTimeout(r, 50));
  expect(output()).toMatch(pattern);
}

describe('npm start reads the files again', () => {
  it('when they change, and on SIGHUP, publishing each change as a version', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'citego-reload-data-'));
    cpSync(DATA_DIR, dataDir, { recursive: true, filter: (source) => !source.includes('.journal') });
    const { child, origin, output } = await startService(dataDir, mkdtempSync(join(tmpdir(), 'citego-reload-state-')), { WATCH_DATA: 'true' });
    const places = join(dataDir, 'places.ttl');
    appendFileSync(places, '\n<id/place/annecy> a <http://purl.org/dc/terms/Location> ; <http://www.w3.org/2004/02/skos/core#prefLabel> "Annecy"@fr .\n');
    await waitFor(output, /reload \(files changed\): version 2 published, 1 things changed/);
    expect((await fetch(`${origin}/id/place/annecy`, { redirect: 'manual' })).status).toBe(303);
    child.kill('SIGHUP');
    await waitFor(output, /reload \(SIGHUP\): the files hold no change to publish/);
  }, 60_000);
});

describe('a crash during writes', () => {
  it('loses no acknowledged write and leaves no write half done', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'citego-crash-data-'));
    cpSync(DATA_DIR, dataDir, { recursive: true, filter: (source) => !source.includes('.journal') });
    const stateDir = mkdtempSync(join(tmpdir(), 'citego-crash-state-'));
    const random = seededRandom(11);
    const streams: Stream[] = ['lyon', 'rennes', 'nantes'].map((slug) => ({ slug, acknowledged: 0, writes: 0 }));
    let counter = 0;

    for (let round = 0; round < 3; round++) {
      const { child, origin } = await startService(dataDir, stateDir);
      // Everything acknowledged before the last crash is there, and nothing is torn.
      for (const stream of streams) {
        const labels = await labelsOf(origin, stream.slug);
        if (stream.acknowledged === 0 && stream.inFlight === undefined) continue;
        const [fr, en] = [labels.find((l) => l.startsWith('en:')), labels.find((l) => l.startsWith('fr:'))];
        expect(labels, `${stream.slug} after crash ${round}`).toHaveLength(2);
        expect(fr!.slice(3), `${stream.slug}: both labels of one write`).toBe(en!.slice(3));
        const found = Number(fr!.slice(3));
        expect([stream.acknowledged, stream.inFlight].filter((n) => n !== undefined), `${stream.slug} after crash ${round}`).toContain(found);
        stream.acknowledged = found;
        stream.inFlight = undefined;
      }
      const writing = Promise.all(streams.map((stream) => writeUntilKilled(origin, stream, () => ++counter)));
      await new Promise((r) => setTimeout(r, 400 + Math.floor(random() * 1600)));
      child.kill('SIGKILL');
      await writing;
      await new Promise<void>((resolve) => { if (child.exitCode !== null || child.signalCode !== null) resolve(); else child.once('exit', () => resolve()); });
    }

    const { origin } = await startService(dataDir, stateDir);
    for (const stream of streams) {
      const labels = await labelsOf(origin, stream.slug);
      expect(labels).toHaveLength(2);
      expect([stream.acknowledged, stream.inFlight]).toContain(Number(labels[0]!.slice(3)));
    }
    // The writes were many: the crashes fell in the middle of a stream, not before it.
    const acknowledgedInAll = streams.reduce((sum, s) => sum + s.writes, 0);
    expect(acknowledgedInAll).toBeGreaterThan(10);
    // The feed holds one entry per acknowledged write at least.
    const feed = await (await fetch(`${origin}/changes`)).json() as { totalItems: number };
    expect(feed.totalItems).toBeGreaterThan(328 + acknowledgedInAll - 1);
  }, 180_000);
});
