/**
 * `npm run validate` as a curator uses it: the report names the faulty resource, where it is,
 * the property, the value and what to do, in the curator's language; the exit status says
 * whether the data can be published.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA_DIR, demoDataWith, FIXTURES, ROOT } from '../helpers.js';

interface Run { status: number; stdout: string; stderr: string }

function validate(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/validate.ts'), ...args],
      { cwd: ROOT, env: { ...process.env, LANG: 'C', LC_ALL: '', ...env } },
      (error, stdout, stderr) => resolve({ status: error ? (error.code as number) : 0, stdout, stderr }));
  });
}

const context = [join(DATA_DIR, 'atlas-matrix.ttl'), join(FIXTURES, 'context.ttl')];
const scratch = mkdtempSync(join(tmpdir(), 'citego-validate-'));

function inScratch(name: string, content: string | Uint8Array): string {
  const file = join(scratch, name);
  writeFileSync(file, content);
  return file;
}

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

  it('names the file, line and column of a syntax error and says what is wrong, with exit status 1', async () => {
    const fixture = join(FIXTURES, 'syntax', 'undefined-prefix.ttl');
    const run = await validate([fixture]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${fixture}:4:5: syntax error: the prefix "dcterms:" is not declared: add @prefix dcterms: <http://purl.org/dc/terms/> .`);
    const french = await validate([fixture], { LANG: 'fr_FR.UTF-8' });
    expect(french.stderr).toContain(`${fixture}:4:5: erreur de syntaxe : le préfixe « dcterms: » n'est pas déclaré`);
  });

  it('says that an IRI cannot contain a space, where it is cut', async () => {
    const file = inScratch('space.ttl', '@prefix dct: <http://purl.org/dc/terms/> .\n\n<id/document/a> dct:source <https://www.citego.org/bdf fiche.html> .\n');
    const run = await validate(['--lang', 'en', file]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${file}:3:28: syntax error: an IRI cannot contain a space: <https://www.citego.org/bdf… is cut by one.`);
  });

  it('refuses a file that is not UTF-8, with its first offending byte, and publishes nothing of it', async () => {
    const latin1 = Buffer.from('@prefix dct: <http://purl.org/dc/terms/> .\n<id/document/a> dct:title "Un march\u00e9"@fr .\n', 'latin1');
    const file = inScratch('latin-1.ttl', latin1);
    const run = await validate(['--lang', 'en', file]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${file}:2:36: syntax error: the file is not UTF-8: byte 0xE9 (at byte offset 78)`);
    expect(run.stdout).toBe('');
  });

  it('suggests the nearest class of the model for a misspelt one', async () => {
    const dir = demoDataWith();
    const documents = join(dir, 'documents.ttl');
    writeFileSync(documents, readFileSync(documents, 'utf8').replace('a citego:Analysis ;', 'a citego:Analyse ;'));
    const run = await validate(['--lang', 'en', dir]);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/\[violation\] type \(rdf:type\) : value citego:Analyse\n.*Did you mean citego:Analysis\?/);
    const json = JSON.parse((await validate(['--format', 'json', dir])).stdout) as { results: { value: string; suggestion?: string }[] };
    expect(json.results.find((r) => r.value.endsWith('#Analyse'))?.suggestion).toBe('http://localhost:3000/ontology#Analysis');
  });

  it('reads a file named twice once', async () => {
    const run = await validate([DATA_DIR, join(DATA_DIR, 'documents.ttl')]);
    expect(run.stdout).toMatch(/^CONFORMS: No problem found\./m);
    expect(run.status).toBe(0);
  });

  it('says why the reference engine gave up on a cycle of classes, without a stack trace, with exit status 3', async () => {
    const cycle = inScratch('cycle.ttl', '@prefix citego: <ontology#> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n' +
      '<id/class/A> rdfs:subClassOf <id/class/B> , citego:Document .\n<id/class/B> rdfs:subClassOf <id/class/A> .\n');
    const run = await validate(['--engine', 'reference', DATA_DIR, cycle]);
    expect(run.status).toBe(3);
    expect(run.stderr).toContain('validate: the reference engine (rdf-validate-shacl) ran out of stack, as it does on a cycle of rdfs:subClassOf');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    const compiled = await validate(['--engine', 'compiled', DATA_DIR, cycle]);
    expect(compiled.status).toBe(0);
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
