/**
 * `npm run import -- FILE.csv…`: reads filled spreadsheet templates (templates/), turns them into
 * RDF with the templates' CSVW mapping, and validates the result with the shapes, together with
 * the data directory's things they refer to (the spreadsheets' things replace theirs). Every
 * problem is reported at its file, row and column, in the curator's language. Nothing is written
 * unless everything conforms: then `--out FILE.ttl` receives the Turtle, which the service
 * publishes once the file is in its data directory.
 * Exit status: 0 when the spreadsheets conform, 1 when they do not, 2 when the command is misused.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SpreadsheetMapping, type CellProblem } from '../build/spreadsheets/csvw.js';
import { importSpreadsheets } from '../build/spreadsheets/spreadsheets.js';
import { ConfigError, loadConfig, projectRoot } from '../config.js';
import { allPrefixes } from '../rdf/namespaces.js';
import { serializeQuads } from '../rdf/rdfjs.js';
import { loadValidationRules } from '../validation/gate.js';
import { formatJsonReport, languageFromEnvironment, type ReportLanguage } from '../validation/report.js';

const USAGE = `usage: npm run import -- [options] FILE.csv…

Turns filled spreadsheet templates into RDF and validates it with the shapes.

options:
  --out FILE.ttl     write the Turtle there when everything conforms (else: only validate)
  --data DIR         the data the spreadsheets refer to (default: DATA_DIR or data/; "none" for none)
  --lang fr|en       language of the report (default: from LANG)
  --mapping FILE     the CSVW metadata (default: templates/citego.csv-metadata.json)`;

const WORDS = {
  fr: {
    where: (p: { file: string; row: number; column?: string }) => `${p.file}, ligne ${p.row}${p.column ? `, colonne « ${p.column} »` : ''}`,
    'unknown-column': () => 'colonne inconnue : vérifiez son titre dans le modèle',
    'missing-column': () => 'colonne obligatoire absente',
    required: () => 'cellule obligatoire vide',
    datatype: (p: CellProblem) => `« ${p.value} » n'est pas ${EXPECTED.fr[p.expected ?? 'string'] ?? p.expected}`,
    duplicate: (p: CellProblem) => `« ${p.value} » est déjà décrit plus haut`,
    'unknown-table': () => 'ce fichier ne correspond à aucun modèle (nom de fichier ou ligne d\'en-tête)',
    syntax: () => 'une cellule entre guillemets n\'est jamais refermée',
    cardinality: () => 'une seule valeur est permise ici',
    value: 'valeur',
    severity: { Violation: 'violation', Warning: 'avertissement', Info: 'note' },
    conforms: (things: number, triples: number) => `CONFORME : ${things} choses (${triples} triplets)`,
    notConforming: (n: number) => `NON CONFORME : ${n} problème${n > 1 ? 's' : ''}. Rien n'a été écrit.`,
    written: (file: string) => `Turtle écrit dans ${file} : placez-le dans le répertoire des données pour le publier.`,
    dryRun: 'Rien n\'a été écrit (--out FICHIER.ttl pour écrire le Turtle).',
  },
  en: {
    where: (p: { file: string; row: number; column?: string }) => `${p.file}, row ${p.row}${p.column ? `, column "${p.column}"` : ''}`,
    'unknown-column': () => 'unknown column: check its title in the template',
    'missing-column': () => 'a required column is missing',
    required: () => 'a required cell is empty',
    datatype: (p: CellProblem) => `"${p.value}" is not ${EXPECTED.en[p.expected ?? 'string'] ?? p.expected}`,
    duplicate: (p: CellProblem) => `"${p.value}" is already described above`,
    'unknown-table': () => 'this file matches no template (file name or header row)',
    syntax: () => 'a quoted cell is never closed',
    cardinality: () => 'only one value is allowed here',
    value: 'value',
    severity: { Violation: 'violation', Warning: 'warning', Info: 'info' },
    conforms: (things: number, triples: number) => `CONFORMS: ${things} things (${triples} triples)`,
    notConforming: (n: number) => `DOES NOT CONFORM: ${n} problem${n === 1 ? '' : 's'}. Nothing was written.`,
    written: (file: string) => `Turtle written to ${file}: put it in the data directory to publish it.`,
    dryRun: 'Nothing was written (--out FILE.ttl writes the Turtle).',
  },
} as const;

const EXPECTED: Record<ReportLanguage, Record<string, string>> = {
  fr: { date: 'une date AAAA-MM-JJ', gYear: 'une année AAAA', decimal: 'un nombre décimal (avec un point : 45.76)', integer: 'un nombre entier', anyURI: 'une adresse' },
  en: { date: 'a date YYYY-MM-DD', gYear: 'a year YYYY', decimal: 'a decimal number (with a point: 45.76)', integer: 'a whole number', anyURI: 'an address' },
};

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ allowPositionals: true, options: { out: { type: 'string' }, data: { type: 'string' }, lang: { type: 'string' }, mapping: { type: 'string' }, help: { type: 'boolean' } } });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) {
    process.stderr.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  if (values.lang !== undefined && values.lang !== 'fr' && values.lang !== 'en') {
    process.stderr.write(`--lang takes fr or en, not "${values.lang}"\n`);
    return 2;
  }
  const language: ReportLanguage = (values.lang) ?? languageFromEnvironment();
  const words = WORDS[language];
  const config = loadConfig();
  const rules = await loadValidationRules(config);
  const mapping = SpreadsheetMapping.read(values.mapping ?? join(projectRoot(), 'templates', 'citego.csv-metadata.json'), config.baseIRI);
  const dataDir = values.data === 'none' ? undefined : values.data ?? config.dataDir;
  const result = await importSpreadsheets(positionals, mapping, rules, { dataDir });

  const colon = language === 'fr' ? ' : ' : ': ';
  const lines: string[] = [];
  for (const problem of result.problems) lines.push(`${words.where(problem)}${colon}${words[problem.kind](problem)}`);
  let violations = result.problems.length;
  if (result.outcome) {
    const report = JSON.parse(formatJsonReport(result.outcome, rules.shapes, language)) as { results: { severity: string; path?: string; value?: string; message?: string; focusNode: string }[] };
    result.outcome.results.forEach((r, i) => {
      const described = report.results[i]!;
      if (r.severity === 'Violation') violations++;
      const place = result.locate(r);
      const where = !place ? `<${described.focusNode}>` : 'row' in place ? words.where(place) : `${place.file}:${place.line}`;
      const value = described.value && described.value !== described.focusNode ? ` (${words.value} ${described.value.replace(config.baseIRI, '')})` : '';
      lines.push(`${where}${colon}[${words.severity[r.severity]}] ${described.message ?? r.component}${value}`);
    });
  }
  if (lines.length) process.stdout.write(`${lines.join('\n')}\n\n`);
  if (violations > 0) {
    process.stdout.write(`${words.notConforming(violations)}\n`);
    return 1;
  }
  process.stdout.write(`${words.conforms(result.things.size, result.quads.length)}\n`);
  if (values.out) {
    const turtle = await serializeQuads(result.quads, { format: 'text/turtle', prefixes: allPrefixes(config.baseIRI) });
    writeFileSync(values.out, turtle);
    process.stdout.write(`${words.written(values.out)}\n`);
  } else {
    process.stdout.write(`${words.dryRun}\n`);
  }
  return 0;
}

main().then((code) => { process.exitCode = code; }, (error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`configuration error: ${error.message}\n`);
    process.exitCode = 2;
    return;
  }
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
