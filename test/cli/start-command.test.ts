/**
 * `npm start` end to end: it serves the demo data and says when it is ready; given invalid data
 * it refuses to publish, prints the report and exits with status 1.
 */
import type { ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATA_DIR, FIXTURES } from '../helpers.js';
import { startProcess } from '../support/start-process.js';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGTERM');
});

function start(env: Record<string, string>) {
  const started = startProcess(env, children);
  const waitFor = (pattern: RegExp): Promise<RegExpExecArray> => started.waitFor((stdout) => pattern.exec(stdout) ?? undefined);
  return { waitFor, exited: started.exited, output: started.output };
}

describe('npm start', () => {
  it('serves the demo data and logs when it is ready', async () => {
    const run = start({ DATA_DIR });
    const [, port] = await run.waitFor(/listening on port (\d+)/);
    await run.waitFor(/ready: http:\/\/localhost:\d+\/ serves [\d,]+ triples/);
    expect(run.output().stdout).toMatch(/validated 6 files \([\d,]+ triples, compiled SHACL engine\)/);
    const home = await fetch(`http://127.0.0.1:${port}/?lang=en`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('<th scope="row">Sheets</th>');
  });

  it('refuses invalid data with the report and exit status 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'citego-start-'));
    copyFileSync(join(DATA_DIR, 'atlas-matrix.ttl'), join(dir, 'atlas-matrix.ttl'));
    copyFileSync(join(FIXTURES, 'context.ttl'), join(dir, 'context.ttl'));
    copyFileSync(join(FIXTURES, 'invalid', 'descriptor-without-french-label.ttl'), join(dir, 'descriptor.ttl'));
    const run = start({ DATA_DIR: dir });
    expect(await run.exited).toBe(1);
    const { stdout, stderr } = run.output();
    expect(stderr).toContain('<id/descriptor/fixture-bad>  (Descriptor)');
    expect(stderr).toContain('The French label is missing');
    expect(stdout).toContain('refused to publish: the data does not conform to the shapes');
  });

  it('explains a bad configuration with exit status 2', async () => {
    const run = start({ PORT: 'eighty' });
    expect(await run.exited).toBe(2);
    expect(run.output().stderr).toContain('configuration error: PORT must be an integer between 0 and 65535, not "eighty"');
    const cache = start({ DESCRIPTION_CACHE_MB: '0.5' });
    expect(await cache.exited).toBe(2);
    expect(cache.output().stderr).toContain('configuration error: DESCRIPTION_CACHE_MB must be a positive integer, not "0.5"');
  });
});
