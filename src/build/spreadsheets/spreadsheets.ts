/**
 * Spreadsheets in and out: filled templates read into triples and validated with the shapes
 * (together with the data they refer to), each problem placed in its file, row and column; and
 * the published graph written out as filled templates.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Quad } from '../../rdf/terms.js';
import { chunksOf, parseRdfChunks } from '../../rdf/parse.js';
import { createGate, rdfFilesIn, type ValidationRules } from '../../validation/gate.js';
import type { ValidationOutcome, ValidationResult } from '../../validation/results.js';
import { readSources } from '../build.js';
import { BlockCollector, quadsOf } from '../versions/thing-graph.js';
import { memorySource } from '../versions/write-check.js';
import { CsvSyntaxError, parseCsv, writeCsv } from './csv.js';
import type { CellLocation, CellProblem, SpreadsheetMapping, TableDescription } from './csvw.js';

export interface ImportResult {
  readonly quads: Quad[];
  /** The things the spreadsheets describe, with the file and row of each. */
  readonly things: Map<string, CellLocation>;
  /** Problems in the cells themselves (unknown columns, dates that are not dates…). */
  readonly problems: CellProblem[];
  /** The shapes' verdict on the imported things with the data they refer to (when the cells were sound). */
  readonly outcome?: ValidationOutcome;
  /** Where each result of the outcome is: a cell, or a file and line of the data directory. */
  readonly locate: (result: ValidationResult) => CellLocation | { file: string; line: number } | undefined;
}

export async function importSpreadsheets(files: readonly string[], mapping: SpreadsheetMapping, rules: ValidationRules,
  options: { dataDir?: string } = {}): Promise<ImportResult> {
  const quads: Quad[] = [];
  const cells = new Map<string, CellLocation>();
  const things = new Map<string, CellLocation>();
  const problems: CellProblem[] = [];
  const perFile: { name: string; quads: Quad[]; rows: number[] }[] = [];
  for (const file of files) {
    const name = basename(file);
    let rows;
    try {
      rows = parseCsv(readFileSync(file, 'utf8'));
    } catch (error) {
      if (error instanceof CsvSyntaxError) {
        problems.push({ kind: 'syntax', file: name, row: error.line });
        continue;
      }
      throw error;
    }
    const table = mapping.tableFor(name, rows[0]?.cells ?? []);
    if (!table) {
      problems.push({ kind: 'unknown-table', file: name, row: 1 });
      continue;
    }
    const mapped = mapping.rowsToQuads(table, rows, name);
    problems.push(...mapped.problems);
    mapped.quads.forEach((quad, i) => {
      quads.push(quad);
      cells.set(tripleKey(quad.subject.value, quad.predicate.value, quad.object.value), mapped.locations[i]!);
    });
    for (const [thing, row] of mapped.subjects) {
      if (things.has(thing)) problems.push({ kind: 'duplicate', file: name, row, value: thing });
      else things.set(thing, { file: name, row });
    }
    perFile.push({ name, quads: mapped.quads, rows: mapped.locations.map((l) => l.row) });
  }
  const elsewhere = new BlockCollector();
  const locate = (result: ValidationResult) => {
    const focus = result.focusNode.value;
    const thing = things.get(focus);
    if (!thing) {
      const seen = elsewhere.firstSeen.get(focus);
      return seen ? { file: seen.source, line: seen.line } : undefined;
    }
    const exact = result.path && result.value ? cells.get(tripleKey(focus, result.path, result.value.value)) : undefined;
    if (exact) return exact;
    const column = result.path ? mapping.columnFor(tableOf(mapping, focus), result.path) : undefined;
    return { ...thing, column };
  };
  if (problems.length > 0) return { quads, things, problems, locate };

  // The data the imported things refer to, less what the spreadsheets describe again.
  const context: Quad[] = [];
  if (options.dataDir) {
    for (const file of readSources(await rdfFilesIn(options.dataDir))) {
      await parseRdfChunks(chunksOf(file.bytes), file.name, { baseIRI: rules.baseIRI, format: file.format }, (batch) => elsewhere.add(batch.quads, file.name, batch.lines));
    }
    for (const [thing, block] of elsewhere.blocks()) if (!things.has(thing)) context.push(...quadsOf(block));
  }
  const gate = createGate(rules);
  const outcome = await gate.validate([...perFile.map((f) => memorySource(f.name, f.quads, f.rows)), memorySource('data directory', context)]);
  return { quads, things, problems, outcome, locate };
}

function tableOf(mapping: SpreadsheetMapping, thing: string): TableDescription | undefined {
  return mapping.tables.find((t) => mapping.fits(t, thing));
}

function tripleKey(subject: string, predicate: string, object: string): string {
  return `${subject}\u0000${predicate}\u0000${object}`;
}

/** The graph (things and their triples) as filled templates: file name → CSV text; and what no column holds. */
export function exportSpreadsheets(bySubject: ReadonlyMap<string, readonly Quad[]>, mapping: SpreadsheetMapping): { files: Map<string, string>; uncovered: Quad[] } {
  const { tables, uncovered } = mapping.quadsToRows(bySubject);
  const files = new Map<string, string>();
  for (const [table, rows] of tables) files.set(table.url, writeCsv(rows));
  return { files, uncovered };
}
