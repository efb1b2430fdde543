/**
 * npm run generate -- --documents N [--seed S] [--out DIR]
 *
 * Writes a synthetic CITEGO dataset (see src/generate/generator.ts). Progress goes to stderr,
 * one summary line to stdout, so the output can be piped or logged. Exit codes: 0 done,
 * 1 generation failed, 2 bad arguments.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generate, type GenerateResult } from '../generate/generator.js';

export const USAGE = 'usage: npm run generate -- --documents N [--seed S] [--out DIR]';

export interface GenerateArguments {
  readonly documents: number;
  readonly seed: number;
  readonly outDir: string;
}

export class ArgumentError extends Error {
  override readonly name = 'ArgumentError';
}

const INTEGER = /^\d+$/;

function parseCount(flag: string, text: string | undefined, minimum: number): number {
  if (text === undefined || text.startsWith('--')) throw new ArgumentError(`${flag} needs a value`);
  if (!INTEGER.test(text)) {
    throw new ArgumentError(`${flag} must be ${minimum > 0 ? 'a positive' : 'a non-negative'} integer, got "${text}"`);
  }
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new ArgumentError(`${flag} is too large: ${text}`);
  if (value < minimum) throw new ArgumentError(`${flag} must be at least ${minimum}, got ${text}`);
  return value;
}

/** Parses the arguments after the script name; throws ArgumentError with a one-line message. */
export function parseArguments(args: readonly string[]): GenerateArguments | 'help' {
  let documents: number | undefined;
  let seed = 1;
  let outDir = 'generated';
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const equals = arg.indexOf('=');
    const flag = arg.startsWith('--') && equals > 0 ? arg.slice(0, equals) : arg;
    const inline = arg.startsWith('--') && equals > 0 ? arg.slice(equals + 1) : undefined;
    const value = (): string | undefined => inline ?? args[++i];
    switch (flag) {
      case '--help':
      case '-h':
        return 'help';
      case '--documents':
        documents = parseCount('--documents', value(), 1);
        break;
      case '--seed':
        seed = parseCount('--seed', value(), 0);
        break;
      case '--out': {
        const dir = value();
        if (dir === undefined || dir === '' || dir.startsWith('--')) throw new ArgumentError('--out needs a directory');
        outDir = dir;
        break;
      }
      default:
        throw new ArgumentError(arg.startsWith('-') ? `unknown option ${arg}` : `unexpected argument "${arg}"`);
    }
  }
  if (documents === undefined) throw new ArgumentError('--documents is required');
  return { documents, seed, outDir };
}

function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

export function summaryLine(result: GenerateResult, outDir: string, seconds: number): string {
  const perFile = result.files.map((file) => `${file.name} ${formatCount(file.triples)}`).join(', ');
  return `wrote ${result.files.length} files to ${outDir}: ${perFile}; total ${formatCount(result.triples)} triples in ${seconds.toFixed(1)} s`;
}

export function main(args: readonly string[]): number {
  let parsed: GenerateArguments | 'help';
  try {
    parsed = parseArguments(args);
  } catch (error) {
    if (error instanceof ArgumentError) {
      process.stderr.write(`generate: ${error.message}\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
  if (parsed === 'help') {
    process.stdout.write(`${USAGE}\n  --documents N  number of sheets (required)\n  --seed S       random seed (default 1)\n  --out DIR      output directory (default generated/)\n`);
    return 0;
  }
  const outDir = resolve(parsed.outDir);
  const started = performance.now();
  let lastReport = started;
  let lastDone = 0;
  try {
    const result = generate({
      documents: parsed.documents,
      seed: parsed.seed,
      outDir,
      onProgress: ({ done, total }) => {
        const now = performance.now();
        const rate = ((done - lastDone) / Math.max(1e-3, now - lastReport)) * 1000;
        lastReport = now;
        lastDone = done;
        const percent = Math.round((done / total) * 100);
        process.stderr.write(`documents: ${String(percent).padStart(3)}% (${formatCount(done)}/${formatCount(total)}), ${formatCount(Math.round(rate))} documents/s\n`);
      },
    });
    process.stdout.write(`${summaryLine(result, outDir, (performance.now() - started) / 1000)}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`generate: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = main(process.argv.slice(2));
}
