/**
 * `npm run export -- --templates DIR` or `--turtle DIR`: writes the published state (the
 * journal's latest version when the service keeps one, else the files of the data directory)
 * back as filled spreadsheet templates, or as Turtle files by kind of thing. It reads the journal
 * without taking it from the running service. Written into the data directory, the Turtle makes
 * the files agree with the journal again.
 * Exit status: 0 when written (triples no template holds are listed: use --turtle for them), 2
 * when the command is misused.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Writer } from 'n3';
import { SpreadsheetMapping } from '../build/spreadsheets/csvw.js';
import { exportSpreadsheets } from '../build/spreadsheets/spreadsheets.js';
import { FileJournal } from '../build/versions/journal.js';
import { BlockCollector, quadsOf } from '../build/versions/thing-graph.js';
import { ConfigError, loadConfig, projectRoot } from '../config.js';
import { allPrefixes } from '../rdf/namespaces.js';
import { parseRdfFile } from '../rdf/parse.js';
import { toRdfJsQuad } from '../rdf/rdfjs.js';
import type { Quad } from '../rdf/terms.js';
import { rdfFilesIn } from '../validation/gate.js';

const USAGE = `usage: npm run export -- --templates DIR | --turtle DIR [options]

Writes the published state as filled spreadsheet templates, or as Turtle files by kind.

options:
  --state DIR      the journal (default: STATE_DIR, or .journal in the data directory)
  --data DIR       the files, read when there is no journal (default: DATA_DIR or data/)
  --mapping FILE   the CSVW metadata (default: templates/citego.csv-metadata.json)`;

async function publishedState(stateDir: string, dataDir: string, baseIRI: string): Promise<{ things: Map<string, Quad[]>; from: string }> {
  const recovered = new FileJournal(stateDir, { readOnly: true }).recover();
  if (recovered) {
    const version = recovered.entries[recovered.entries.length - 1]?.version ?? 0;
    return { things: new Map([...recovered.graph.entries()].map(([thing, block]) => [thing, quadsOf(block)])), from: `the journal in ${stateDir} (version ${version})` };
  }
  const collector = new BlockCollector();
  for (const file of await rdfFilesIn(dataDir)) await parseRdfFile(file, { baseIRI }, (batch) => collector.add(batch.quads, file, batch.lines));
  return { things: new Map([...collector.blocks()].map(([thing, block]) => [thing, quadsOf(block)])), from: `the files of ${dataDir}` };
}

function turtle(quads: readonly Quad[], baseIRI: string): Promise<string> {
  const writer = new Writer({ format: 'text/turtle', prefixes: allPrefixes(baseIRI), baseIRI });
  for (const quad of quads) writer.addQuad(toRdfJsQuad(quad));
  return new Promise((resolve, reject) => writer.end((error, result: string) => (error ? reject(error) : resolve(result))));
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ options: { templates: { type: 'string' }, turtle: { type: 'string' }, state: { type: 'string' }, data: { type: 'string' }, mapping: { type: 'string' } } });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values } = parsed;
  if (!values.templates === !values.turtle) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const config = loadConfig({ ...process.env, ...(values.data ? { DATA_DIR: values.data } : {}), ...(values.state ? { STATE_DIR: values.state } : {}) });
  const { things, from } = await publishedState(config.stateDir, config.dataDir, config.baseIRI);
  if (values.turtle) {
    mkdirSync(values.turtle, { recursive: true });
    const byKind = new Map<string, Quad[]>();
    for (const [thing, quads] of [...things].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const kind = thing.startsWith(`${config.baseIRI}id/`) ? thing.slice(config.baseIRI.length + 3).split('/')[0]! : 'other';
      byKind.set(kind, [...(byKind.get(kind) ?? []), ...quads]);
    }
    for (const [kind, quads] of byKind) writeFileSync(join(values.turtle, `${kind}.ttl`), await turtle(quads, config.baseIRI));
    process.stdout.write(`${things.size} things from ${from} written to ${values.turtle}/ (${[...byKind.keys()].map((k) => `${k}.ttl`).join(', ')})\n`);
    return 0;
  }
  const mapping = SpreadsheetMapping.read(values.mapping ?? join(projectRoot(), 'templates', 'citego.csv-metadata.json'), config.baseIRI);
  const { files, uncovered } = exportSpreadsheets(things, mapping);
  mkdirSync(values.templates!, { recursive: true });
  for (const [name, text] of files) writeFileSync(join(values.templates!, name), text);
  process.stdout.write(`${things.size} things from ${from} written to ${values.templates}/ (${[...files.keys()].join(', ')})\n`);
  if (uncovered.length > 0) {
    process.stderr.write(`${uncovered.length} triples fit no template column (export --turtle keeps them):\n`);
    for (const quad of uncovered.slice(0, 20)) process.stderr.write(`  <${quad.subject.value}> <${quad.predicate.value}> ${quad.object.termType === 'Literal' ? JSON.stringify(quad.object.value) : `<${quad.object.value}>`}\n`);
  }
  return 0;
}

main().then((code) => { process.exitCode = code; }, (error: unknown) => {
  process.stderr.write(error instanceof ConfigError ? `configuration error: ${error.message}\n` : `${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = error instanceof ConfigError ? 2 : 1;
});
