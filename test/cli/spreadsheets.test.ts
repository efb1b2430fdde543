/**
 * Spreadsheets: the demo data exported to the templates and imported again gives the same graph;
 * the templates shipped are the mapping's headers; `npm run import` reports each problem at its
 * file, row and column in the curator's language, writes nothing then, and writes Turtle that
 * conforms otherwise; `npm run export` writes the journal's state back.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/build/spreadsheets/csv.js';
import { SpreadsheetMapping } from '../../src/build/spreadsheets/csvw.js';
import { exportSpreadsheets, importSpreadsheets } from '../../src/build/spreadsheets/spreadsheets.js';
import { blockOf, BlockCollector, quadsOf } from '../../src/build/versions/thing-graph.js';
import { parseRdfFile } from '../../src/rdf/parse.js';
import type { Quad } from '../../src/rdf/terms.js';
import { rdfFilesIn } from '../../src/validation/gate.js';
import { BASE, DATA_DIR, projectRules, ROOT } from '../helpers.js';

const TEMPLATES = join(ROOT, 'templates');
const mapping = SpreadsheetMapping.read(join(TEMPLATES, 'citego.csv-metadata.json'), BASE);

async function demoGraph(): Promise<Map<string, Quad[]>> {
  const collector = new BlockCollector();
  for (const file of await rdfFilesIn(DATA_DIR)) await parseRdfFile(file, { baseIRI: BASE }, (batch) => collector.add(batch.quads, file, batch.lines));
  return new Map([...collector.blocks()].map(([thing, block]) => [thing, quadsOf(block)]));
}

function run(command: 'import' | 'export', args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, `src/cli/${command}.ts`), ...args], {
    cwd: ROOT, env: { ...process.env, BASE_IRI: BASE, DATA_DIR, LANG: 'C', ...env }, encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the spreadsheet templates', () => {
  it('round-trip the demo data: exported and imported again, the same graph, valid', async () => {
    const graph = await demoGraph();
    const { files, uncovered } = exportSpreadsheets(graph, mapping);
    expect(uncovered).toEqual([]);
    const dir = mkdtempSync(join(tmpdir(), 'citego-sheets-'));
    for (const [name, text] of files) writeFileSync(join(dir, name), text);
    const imported = await importSpreadsheets([...files.keys()].map((name) => join(dir, name)), mapping, await projectRules());
    expect(imported.problems).toEqual([]);
    expect(imported.outcome?.conforms).toBe(true);
    expect(blockOf(imported.quads)).toBe(blockOf([...graph.values()].flat()));
    expect(imported.things.size).toBe(graph.size);
  });

  it('are shipped as the mapping\'s headers, one file per table', () => {
    const shipped = readdirSync(TEMPLATES).filter((f) => f.endsWith('.csv')).sort();
    expect(shipped).toEqual(mapping.tables.map((t) => t.url).sort());
    for (const table of mapping.tables) {
      const header = parseCsv(readFileSync(join(TEMPLATES, table.url), 'utf8'))[0]!.cells;
      expect(header).toEqual(table.tableSchema.columns.filter((c) => !c.virtual).map((c) => c.name));
      for (const column of table.tableSchema.columns.filter((c) => !c.virtual)) expect(column['dc:description'], `${table.url} ${column.name}`).toBeTruthy();
    }
  });
});

describe('npm run import', () => {
  const sheets = `id;type;title_fr;languages;issued;descriptors;authors;places
jardins-test;ExperienceRecord;Des jardins partagés;FRA;2024-02-30;jardins-partages;claire-dumontel;lille
cantine-test;Analysis;Une cantine;FRA;2024-02-03;paris;claire-dumontel;lille
`;

  it('reports each problem at its file, row and column, in French, and writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'citego-import-'));
    writeFileSync(join(dir, 'sheets-partners.csv'), sheets);
    const out = join(dir, 'out.ttl');
    const dates = run('import', ['--lang', 'fr', '--out', out, join(dir, 'sheets-partners.csv')]);
    expect(dates.status).toBe(1);
    expect(dates.stdout).toContain('sheets-partners.csv, ligne 2, colonne « issued » : « 2024-02-30 » n\'est pas une date AAAA-MM-JJ');
    expect(dates.stdout).toContain('Rien n\'a été écrit.');
    expect(() => readFileSync(out)).toThrow();

    writeFileSync(join(dir, 'sheets-partners.csv'), sheets.replace('2024-02-30', '2024-02-28'));
    const shapes = run('import', ['--lang', 'fr', '--out', out, join(dir, 'sheets-partners.csv')]);
    expect(shapes.status).toBe(1);
    expect(shapes.stdout).toMatch(/sheets-partners\.csv, ligne 3, colonne « descriptors » : \[violation\] .*descripteur.*\(valeur id\/descriptor\/paris\)/);
    expect(shapes.stdout).not.toMatch(/ligne 2.*\[violation\]/);
    expect(shapes.stdout).toContain('ligne 2, colonne « abstract_fr » : [avertissement]');
  });

  it('writes Turtle that the gate accepts when everything conforms, referring to the data directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'citego-import-'));
    writeFileSync(join(dir, 'sheets.csv'), sheets.replace('2024-02-30', '2024-02-28').replace(';paris;', ';restauration-collective;'));
    const out = join(dir, 'out.ttl');
    const result = run('import', ['--lang', 'en', '--out', out, join(dir, 'sheets.csv')]);
    expect(result.stdout).toContain('CONFORMS: 2 things');
    expect(result.status).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('Des jardins partagés');
    const validate = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/validate.ts'), DATA_DIR, out], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, LANG: 'C' } });
    expect(validate.status).toBe(0);
  });
});

describe('npm run export', () => {
  it('writes the files\' state as templates, and as Turtle by kind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'citego-export-'));
    const templates = run('export', ['--templates', join(dir, 'templates'), '--state', join(dir, 'no-journal')]);
    expect(templates.status).toBe(0);
    expect(templates.stderr).toBe('');
    expect(readFileSync(join(dir, 'templates', 'places.csv'), 'utf8')).toContain('paris,Paris,');
    const turtle = run('export', ['--turtle', join(dir, 'turtle'), '--state', join(dir, 'no-journal')]);
    expect(turtle.status).toBe(0);
    expect(readdirSync(join(dir, 'turtle')).sort()).toContain('document.ttl');
    expect(readFileSync(join(dir, 'turtle', 'place.ttl'), 'utf8')).toContain('<id/place/paris>');
    expect(run('export', []).status).toBe(2);
  });
});
