/**
 * `npm run dump -- --out DIR` as an operator runs it: it shows its progress, writes every file
 * with the manifest and prints each file's SHA-256 (the files' own), writes the same bytes when
 * run again, says how to call it when called wrongly (exit 2), and prints the gate's report
 * without writing anything when the data does not conform (exit 1).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BASE, demoDataWith, ROOT } from '../helpers.js';

const dirs: string[] = [];
const temporary = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function dump(args: string[], env: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/dump.ts'), ...args], {
      cwd: ROOT, env: { ...process.env, BASE_IRI: BASE, LANG: 'C', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('npm run dump', () => {
  it('writes every file with its checksum, showing its progress, and the same bytes when run again', async () => {
    const [first, second] = [temporary('citego-dump-cli-'), temporary('citego-dump-cli-')];
    const [one, two] = await Promise.all([dump(['--out', first]), dump(['--out', second])]);
    expect(one.status, one.stderr).toBe(0);
    expect(two.status, two.stderr).toBe(0);
    expect(one.stderr).toMatch(/loading data/);
    expect(one.stderr).toMatch(/sorting/);
    expect(one.stderr).toMatch(/writing: [\d,]+ subjects/);
    const manifest = JSON.parse(readFileSync(join(first, 'manifest.json'), 'utf8')) as { files: { file: string; sha256: string; count?: number }[] };
    for (const file of ['citego.nt.gz', 'citego.nq.gz', 'citego.ttl', 'citego.jsonld', 'csv/documents.csv', 'csv/relations.csv', 'sources/documents.ttl']) {
      const entry = manifest.files.find((f) => f.file === file);
      expect(entry, file).toBeDefined();
      const bytes = readFileSync(join(first, file));
      expect(createHash('sha256').update(bytes).digest('hex'), file).toBe(entry!.sha256);
      expect(one.stdout).toContain(`${entry!.sha256}  ${file}`);
      expect(readFileSync(join(second, file)).equals(bytes), file).toBe(true);
    }
    expect(one.stdout).toMatch(/wrote \d+ files to .* in [\d.]+ s \([\d,]+ triples\)/);
    expect(readFileSync(join(second, 'manifest.json'), 'utf8')).toBe(readFileSync(join(first, 'manifest.json'), 'utf8'));
  }, 180_000);

  it('says how to call it when called without a directory', async () => {
    const result = await dump(['--to', 'somewhere']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('usage: npm run dump -- --out DIR');
  }, 60_000);

  it('prints the report and writes nothing when the data does not conform', async () => {
    const data = demoDataWith();
    dirs.push(data);
    writeFileSync(join(data, 'broken.ttl'), '@prefix citego: <ontology#> .\n<id/document/sans-titre> a citego:Analysis .\n');
    const out = join(temporary('citego-dump-cli-'), 'out');
    const result = await dump(['--out', out], { DATA_DIR: data });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/sans-titre/);
    expect(existsSync(join(out, 'manifest.json'))).toBe(false);
  }, 120_000);
});
