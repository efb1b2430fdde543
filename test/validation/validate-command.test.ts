/**
 * `npm run validate` as a curator uses it: the report names the faulty resource, where it is,
 * the property, the value and what to do, in the curator's language; the exit status says
 * whether the data can be published.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA_DIR, FIXTURES, ROOT } from '../helpers.js';

interface Run { status: number; stdout: string; stderr: string }

function validate(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/validate.ts'), ...args],
      { cwd: ROOT, env: { ...process.env, LANG: 'C', LC_ALL: '', ...env } },
      (error, stdout, stderr) => resolve({ status: error ? (error.code as number) : 0, stdout, stderr }));
  });
}

const context = [join(DATA_DIR, 'atlas-matrix.ttl'), join(FIXTURES, 'context.ttl')];

describe('npm run validate', () => {
  it('accepts the demo data (a directory) with exit status 0', async () => {
    const run = await validate([DATA_DIR]);
    expect(run.stdout).toMatch(/^CONFORMS: No problem found\. \([\d,]+ triples validated\)/m);
    expect(run.status).toBe(0);
  });

  it('reports a title without language tag in French, from LANG, with exit status 1', async () => {
    const fixture = join(FIXTURES, 'invalid', 'title-without-language-tag.ttl');
    const run = await validate([...context, fixture], { LANG: 'fr_FR.UTF-8' });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`${fixture}:13  <id/document/fixture-sheet>  (Fiche)`);
    expect(run.stdout).toContain('[violation] titre (dct:title) : valeur "Un marché de producteurs à Rennes"');
    expect(run.stdout).toContain('Le titre doit porter une étiquette de langue');
    expect(run.stdout).toMatch(/NON CONFORME: 1 violation sur 1 ressource/);
  });

  it('reports in English when asked, naming the faulty value', async () => {
    const run = await validate(['--lang', 'en', ...context, join(FIXTURES, 'invalid', 'subject-is-a-place.ttl')]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('[violation] descriptor (dct:subject) : value <id/place/fixture-rennes>');
    expect(run.stdout).toContain('This subject is not a descriptor of the relational atlas');
  });

  it('lets warnings through with exit status 0', async () => {
    const run = await validate(['--lang', 'en', ...context, join(FIXTURES, 'invalid', 'abstract-missing.ttl')]);
    expect(run.stdout).toContain('[warning] abstract (dct:abstract)');
    expect(run.stdout).toMatch(/^CONFORMS: 0 violations, 1 warning/m);
    expect(run.status).toBe(0);
  });

  it('gives results as JSON for programs', async () => {
    const run = await validate(['--format', 'json', '--lang', 'en', ...context, join(FIXTURES, 'invalid', 'person-without-name.ttl')]);
    const report = JSON.parse(run.stdout) as { conforms: boolean; results: { focusNode: string; sourceConstraintComponent: string; message: string }[] };
    expect(report.conforms).toBe(false);
    expect(report.results).toHaveLength(1);
    expect(report.results[0]).toMatchObject({
      focusNode: 'http://localhost:3000/id/actor/fixture-bad',
      sourceConstraintComponent: 'http://www.w3.org/ns/shacl#MinCountConstraintComponent',
      message: 'A person must have a display name (foaf:name).',
    });
  });

  it('names the file, line and column of a syntax error, with exit status 1', async () => {
    const fixture = join(FIXTURES, 'syntax', 'undefined-prefix.ttl');
    const run = await validate([fixture]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${fixture}:4:5: syntax error: Undefined prefix "dcterms:"`);
  });

  it('explains its misuse with exit status 2', async () => {
    const none = await validate([]);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('validate: no file to validate');
    expect(none.stderr).toContain('usage: npm run validate');
    const missing = await validate(['nowhere.ttl']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('nowhere.ttl: no such file or directory');
    const language = await validate(['--lang', 'de', DATA_DIR]);
    expect(language.status).toBe(2);
    expect(language.stderr).toContain('--lang must be fr or en, not "de"');
  });
});
