/**
 * `npm run validate -- FILE…`: validates RDF files (or every RDF file of a directory) against
 * the shapes, together with the ontology, and prints a report a curator can act on.
 * Exit status: 0 when the data conforms (warnings allowed), 1 when it does not or cannot be
 * read as RDF, 2 when the command itself is misused, 3 when the engine could not decide.
 */
import { realpath, stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { UnsupportedFileTypeError } from '../rdf/formats.js';
import { RdfSyntaxError } from '../rdf/parse.js';
import { createGate, fileSource, loadValidationRules, rdfFilesIn, type EngineName } from '../validation/gate.js';
import { ReferenceEngineError } from '../validation/reference-validator.js';
import { formatJsonReport, formatTextReport, languageFromEnvironment, type ReportLanguage } from '../validation/report.js';
import { createProgress, megabytes } from './progress.js';

const USAGE = `usage: npm run validate -- [options] FILE|DIRECTORY…

Validates the files together (with the ontology) against the SHACL shapes.

options:
  --lang fr|en            language of the report (default: from LANG)
  --format text|json      report format (default: text)
  --engine compiled|reference
                          SHACL engine (default: compiled, reference if the shapes need it)
  --max-results N         how many results to print in detail (default: 200)
  --base IRI              base IRI of relative IRIs (default: BASE_IRI or http://localhost:3000/)`;

class UsageError extends Error {}

/** Below this many bytes validation is quick, and shows no progress. */
const PROGRESS_FROM_BYTES = 8e6;

/** The files named, directories expanded; a file named twice (or within a directory named too) is read once. */
async function expandInputs(inputs: string[]): Promise<string[]> {
  const files: string[] = [];
  const seen = new Set<string>();
  for (const input of inputs) {
    let info;
    try {
      info = await stat(input);
    } catch {
      throw new UsageError(`${input}: no such file or directory`);
    }
    const found = info.isDirectory() ? await rdfFilesIn(input) : [input];
    if (found.length === 0) throw new UsageError(`${input}: no RDF file (.ttl, .trig, .nt, .nq) in this directory`);
    for (const file of found) {
      const real = await realpath(file);
      if (seen.has(real)) continue;
      seen.add(real);
      files.push(file);
    }
  }
  return files;
}

interface CommandLine {
  readonly inputs: string[];
  readonly language: ReportLanguage;
  readonly format: 'text' | 'json';
  readonly engine: EngineName | 'auto';
  readonly maxResults: number;
  readonly base: string | undefined;
}

function parseCommandLine(argv: string[]): CommandLine | undefined {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        lang: { type: 'string' },
        format: { type: 'string', default: 'text' },
        engine: { type: 'string', default: 'auto' },
        'max-results': { type: 'string', default: '200' },
        base: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return undefined;
  if (positionals.length === 0) throw new UsageError('no file to validate');
  const language = values.lang ?? languageFromEnvironment();
  if (language !== 'fr' && language !== 'en') throw new UsageError(`--lang must be fr or en, not "${language}"`);
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json, not "${values.format}"`);
  if (!['auto', 'compiled', 'reference'].includes(values.engine)) throw new UsageError(`--engine must be compiled or reference, not "${values.engine}"`);
  const maxResults = Number(values['max-results']);
  if (!Number.isInteger(maxResults) || maxResults < 0) throw new UsageError(`--max-results must be a whole number, not "${values['max-results']}"`);
  return {
    inputs: positionals,
    language,
    format: values.format,
    engine: values.engine as EngineName | 'auto',
    maxResults,
    base: values.base,
  };
}

async function main(argv: string[]): Promise<number> {
  const options = parseCommandLine(argv);
  if (!options) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const config = loadConfig(options.base ? { ...process.env, BASE_IRI: options.base } : process.env);
  const files = await expandInputs(options.inputs);
  const rules = await loadValidationRules(config);
  const gate = createGate(rules, options.engine);
  if (gate.fallbackReason) process.stderr.write(`note: using the reference engine: ${gate.fallbackReason}\n`);

  const sizes = await Promise.all(files.map(async (f) => (await stat(f)).size));
  const total = sizes.reduce((a, b) => a + b, 0);
  const progress = createProgress('validating', total, { unit: megabytes, minTotal: PROGRESS_FROM_BYTES });
  // Each file's progress starts where the files before it end.
  const offsets = sizes.map((_, i) => sizes.slice(0, i).reduce((a, b) => a + b, 0));
  const sources = files.map((file, i) => fileSource(file, config.baseIRI, (read) => progress.update(offsets[i]! + read)));
  const started = performance.now();
  let outcome;
  try {
    outcome = await gate.validate(sources, { maxResults: Math.max(100_000, options.maxResults) });
  } catch (error) {
    if (!(error instanceof RdfSyntaxError)) throw error;
    // The progress line stops where the error was found; the error goes on a line of its own.
    const progressShown = process.stderr.isTTY && total >= PROGRESS_FROM_BYTES;
    process.stderr.write(`${progressShown ? '\n' : ''}${error.describe(options.language)}\n`);
    return 1;
  }
  progress.finish(`${((performance.now() - started) / 1000).toFixed(1)} s`);

  const report = options.format === 'json'
    ? formatJsonReport(outcome, rules.shapes, options.language)
    : formatTextReport(outcome, rules.shapes, { language: options.language, baseIRI: config.baseIRI, maxShown: options.maxResults });
  process.stdout.write(`${report}\n`);
  return outcome.conforms ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (status) => { process.exitCode = status; },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`validate: ${error.message}\n\n${USAGE}\n`);
      process.exitCode = 2;
    } else if (error instanceof RdfSyntaxError) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 1;
    } else if (error instanceof ReferenceEngineError) {
      process.stderr.write(`validate: ${error.message}\n`);
      process.exitCode = 3;
    } else if (error instanceof UnsupportedFileTypeError || error instanceof ConfigError) {
      process.stderr.write(`validate: ${error.message}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`validate: ${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = 3;
    }
  },
);
