/**
 * The canonical form of a version, from which every dump is written: each quad as one line of
 * canonical N-Triples (one spelling per term, the graph in front), sorted and without duplicates.
 * The same data therefore always gives the same lines in the same order, and the same bytes in
 * every format. Blank nodes keep the labels the parser gives them, which depend only on the
 * source's name and the label in it, so the same files give the same labels.
 *
 * Sorting is external: lines are gathered into runs of bounded size, each sorted and written to a
 * temporary file, then merged, so memory stays flat whatever the size of the data.
 */
import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { RDF_LANG_STRING, XSD_STRING } from '../../rdf/namespaces.js';
import type { Quad, Term } from '../../rdf/terms.js';

/** One quad of the canonical form: its graph ('' for the default graph) and its N-Triples terms. */
export interface CanonicalRecord {
  /** '' for the default graph (the data), else `<iri>` of a named graph. */
  readonly graph: string;
  readonly subject: string;
  readonly predicate: string;
  readonly object: string;
}

const ESCAPES: Readonly<Record<string, string>> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A string as the body of an N-Triples literal: quotes, backslashes and line ends escaped. */
function escapeLiteral(value: string): string {
  return /["\\\n\r\t]/.test(value) ? value.replace(/["\\\n\r\t]/g, (c) => ESCAPES[c]!) : value;
}

/** A term in canonical N-Triples. */
export function canonicalTerm(term: Term): string {
  switch (term.termType) {
    case 'NamedNode': return `<${term.value}>`;
    case 'BlankNode': return `_:${term.value.replace(/[^A-Za-z0-9_]/g, '_')}`;
    case 'Literal': {
      const body = `"${escapeLiteral(term.value)}"`;
      if (term.language) return `${body}@${term.language}`;
      return term.datatype.value === XSD_STRING || term.datatype.value === RDF_LANG_STRING ? body : `${body}^^<${term.datatype.value}>`;
    }
  }
}

/** The line a quad sorts by: graph, tab, subject, predicate and object. */
export function recordLine(quad: Quad, graph: string): string {
  return `${graph}\t${canonicalTerm(quad.subject)} <${quad.predicate.value}> ${canonicalTerm(quad.object)}`;
}

export function parseRecord(line: string): CanonicalRecord {
  const tab = line.indexOf('\t');
  const afterSubject = line.indexOf(' ', tab + 1);
  const afterPredicate = line.indexOf(' ', afterSubject + 1);
  return {
    graph: line.slice(0, tab),
    subject: line.slice(tab + 1, afterSubject),
    predicate: line.slice(afterSubject + 1, afterPredicate),
    object: line.slice(afterPredicate + 1),
  };
}

/** The value of an IRI or blank node term, without its brackets; of a literal, its lexical form. */
export function termValue(term: string): string {
  if (term.startsWith('<')) return term.slice(1, -1);
  if (term.startsWith('_:')) return term;
  return literalParts(term).value;
}

/** A canonical literal's lexical form (unescaped), language and datatype. */
export function literalParts(term: string): { value: string; language: string; datatype: string } {
  const end = term.lastIndexOf('"');
  const raw = term.slice(1, end);
  const value = raw.includes('\\') ? raw.replace(/\\(["\\nrt])/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t' } as Record<string, string>)[c] ?? c) : raw;
  const rest = term.slice(end + 1);
  if (rest.startsWith('@')) return { value, language: rest.slice(1), datatype: RDF_LANG_STRING };
  return { value, language: '', datatype: rest.startsWith('^^<') ? rest.slice(3, -1) : XSD_STRING };
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Sorted lines without duplicates. */
function sortedUnique(lines: string[]): string[] {
  lines.sort(compare);
  let kept = 0;
  for (let i = 0; i < lines.length; i++) if (i === 0 || lines[i] !== lines[kept - 1]) lines[kept++] = lines[i]!;
  lines.length = kept;
  return lines;
}

/** Reads a run file line by line, in blocks. */
class RunReader {
  private readonly fd: number;
  private readonly buffer = Buffer.alloc(1 << 20);
  /** Keeps a multi-byte character cut at a block's end for the next block. */
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';
  private lines: string[] = [];
  private index = 0;
  private done = false;
  current: string | undefined;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'r');
    this.advance();
  }

  advance(): void {
    while (this.index >= this.lines.length && !this.done) {
      const read = readSync(this.fd, this.buffer, 0, this.buffer.length, null);
      if (read === 0) {
        this.done = true;
        this.lines = this.pending ? [this.pending] : [];
        this.pending = '';
      } else {
        const text = this.pending + this.decoder.write(this.buffer.subarray(0, read));
        const cut = text.lastIndexOf('\n');
        this.lines = cut < 0 ? [] : text.slice(0, cut).split('\n');
        this.pending = text.slice(cut + 1);
      }
      this.index = 0;
    }
    this.current = this.index < this.lines.length ? this.lines[this.index++] : undefined;
    if (this.current === undefined) closeSync(this.fd);
  }
}

/**
 * Gathers lines into sorted runs of at most `runChars` characters, then merges them into one
 * sorted sequence without duplicates.
 */
export class ExternalSorter {
  private lines: string[] = [];
  private chars = 0;
  private readonly runs: string[] = [];

  constructor(private readonly tmpDir: string, private readonly runChars = 48_000_000) {}

  add(line: string): void {
    this.lines.push(line);
    this.chars += line.length + 1;
    if (this.chars >= this.runChars) this.spill();
  }

  private spill(): void {
    const path = join(this.tmpDir, `run-${this.runs.length}.txt`);
    const fd = openSync(path, 'w');
    try {
      const lines = sortedUnique(this.lines);
      // Written in slices: one string of the whole run would double its memory.
      for (let i = 0; i < lines.length; i += 10_000) writeSync(fd, `${lines.slice(i, i + 10_000).join('\n')}\n`);
    } finally {
      closeSync(fd);
    }
    this.runs.push(path);
    this.lines = [];
    this.chars = 0;
  }

  /** The sorted, unique lines; run files are removed once read. */
  *sorted(): Generator<string> {
    if (this.runs.length === 0) {
      yield* sortedUnique(this.lines);
      this.lines = [];
      return;
    }
    if (this.lines.length > 0) this.spill();
    const readers = this.runs.map((path) => new RunReader(path));
    let previous: string | undefined;
    for (;;) {
      let best: RunReader | undefined;
      for (const reader of readers) if (reader.current !== undefined && (!best || reader.current < best.current!)) best = reader;
      if (!best) break;
      const line = best.current!;
      best.advance();
      if (line !== previous) yield line;
      previous = line;
    }
    for (const path of this.runs) rmSync(path, { force: true });
  }
}
