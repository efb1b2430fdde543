/**
 * The canonical form of a version, from which every dump is written: each quad as one line of
 * canonical N-Triples (one spelling per term, the graph in front), sorted and without duplicates.
 * The same data therefore always gives the same lines in the same order, and the same bytes in
 * every format. Terms are spelt as the store writes them (RDF 1.2 canonical N-Triples), so that
 * the parts the store computed are taken line by line, and a triple stated twice is one line.
 * Blank nodes get the labels of RDF Dataset Canonicalization (RDFC-1.0), which depend only on
 * the data (see blank-nodes.ts).
 *
 * Sorting is external: lines are gathered into runs of bounded size, each sorted and written to a
 * temporary file, then merged, so memory stays flat whatever the size of the data.
 */
import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { RDF_LANG_STRING, STANDARD_PREFIXES, XSD_STRING } from '../../rdf/namespaces.js';
import { flattened, type Quad, type Term } from '../../rdf/terms.js';
import { KEPT_AS_WRITTEN } from '../../store/literal-spelling.js';

/** One quad of the canonical form, in the subject group that holds it. */
export interface CanonicalRecord {
  /** The predicate, `<iri>`. */
  readonly predicate: string;
  /** The object in canonical N-Triples. */
  readonly object: string;
  /** `subject predicate object`, as an N-Triples line says it (without ` .`). */
  readonly statement: string;
}

/** The triples of one subject in one graph, consecutive in the canonical order. */
export interface SubjectGroup {
  /** '' for the default graph (the data), else `<iri>` of a named graph. */
  readonly graph: string;
  readonly subject: string;
  readonly records: readonly CanonicalRecord[];
}

const ESCAPED = /["\\\u0000-\u001f\u007f]/;
const ESCAPES: Readonly<Record<string, string>> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

/** A string as the body of a literal: quotes, backslashes and control characters escaped, as the store does. */
function escapeLiteral(value: string): string {
  if (!ESCAPED.test(value)) return value;
  return value.replace(/["\\\u0000-\u001f\u007f]/g, (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
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

/** A quad's statement in canonical N-Triples: subject, predicate and object (its graph is kept beside). */
export function statementOf(quad: Quad): string {
  return `${canonicalTerm(quad.subject)} <${quad.predicate.value}> ${canonicalTerm(quad.object)}`;
}

/** A quad's statement up to its object, which is then spelt elsewhere. */
export function statementHead(quad: Quad): string {
  return `${canonicalTerm(quad.subject)} <${quad.predicate.value}> `;
}

/**
 * What may keep a line of N-Triples from being canonical as it is written: a control character
 * left unescaped, an escape other than \" \\ \n \r (the canonical form writes \t \b \f and
 * \uXXXX for other control characters only: a line holding any of them is sent the long way too),
 * an upper-case language tag, or a literal typed in XSD or RDF, which the store may spell
 * otherwise. Each is looked for on its own: one expression with all of them is several times
 * slower than these scans for a character or a string.
 */
// Written as what is not a line end nor printable: a quarter faster to look for than the control characters.
const CONTROL = /[^\n\u0020-\u007E\u0080-\uFFFF]/;
const OTHER_ESCAPE = /\\[^"\\nr]/;
const UPPER_CASE_TAG = /"@[^ "]*[A-Z]/;
const W3C_DATATYPE = '"^^<http://www.w3.org/';
const { xsd: XSD, rdf: RDF } = STANDARD_PREFIXES;

/** Whether a text holds what cannot be canonical: a control character, an unusual escape, an upper-case language tag. */
function holdsNonCanonical(text: string): boolean {
  return CONTROL.test(text) || (text.indexOf('\\') >= 0 && OTHER_ESCAPE.test(text)) || (text.indexOf('"@') >= 0 && UPPER_CASE_TAG.test(text));
}

/**
 * Whether a statement (`s p o`) the service or the store wrote has its object spelt as the store
 * spells it, if that object is a literal typed in XSD or RDF: its datatype written (never
 * xsd:string nor rdf:langString) and its form one the store keeps. A literal's text starts at the
 * statement's first quotation mark, since an IRI holds none, and ends at its last.
 */
function typedLiteralKept(statement: string): boolean {
  if (statement.indexOf(W3C_DATATYPE) < 0) return true;
  const end = statement.lastIndexOf('"');
  // The datatype named inside a literal's text, not after it.
  if (!statement.startsWith('"^^<', end)) return true;
  const datatype = statement.slice(end + 4, statement.length - 1);
  if (!datatype.startsWith(XSD) && !datatype.startsWith(RDF)) return true;
  if (datatype === XSD_STRING || datatype === RDF_LANG_STRING) return false;
  return KEPT_AS_WRITTEN[datatype]?.test(statement.slice(statement.indexOf('"') + 1, end)) ?? false;
}

/**
 * Whether a line of N-Triples that the service or the store wrote (`s p o .`, one space between
 * terms, absolute IRIs) is in the canonical form as it is, so that it can be taken without
 * parsing. A line said not to be may still be: it is then parsed and spelt again, which gives
 * the same line.
 */
export function isCanonicalLine(line: string): boolean {
  return !holdsNonCanonical(line) && typedLiteralKept(line.slice(0, -2));
}

/**
 * The statements of N-Triples the service or the store wrote, each line ended by a line end (an
 * empty string may come between them). Each line ends with ' .' (one space before the dot, as
 * they write it): cut at ' .\n', a text gives its statements at once, unless an empty line is in
 * the way.
 */
export function statementsOf(text: string): string[] {
  if (!text.startsWith('\n') && !text.includes('\n\n')) return text.split(' .\n');
  return text.split('\n').filter((line) => line.length > 0).map((line) => line.slice(0, -2));
}

/** What a text of N-Triples may hold that keeps some of its lines from being taken as they are (see linesToLookAt). */
export const NON_CANONICAL = 1;
export const W3C_TYPED = 2;
export const BLANK_NODE = 4;

/**
 * What in a text of N-Triples the service or the store wrote keeps some of its lines from being
 * taken as they are, found in the text as a whole: NON_CANONICAL (see holdsNonCanonical), a
 * literal typed in XSD or RDF, a blank node; 0 when every line can be.
 */
export function linesToLookAt(text: string): number {
  return (holdsNonCanonical(text) ? NON_CANONICAL : 0) | (text.indexOf(W3C_DATATYPE) >= 0 ? W3C_TYPED : 0) | (text.indexOf('_:') >= 0 ? BLANK_NODE : 0);
}

/**
 * The lines of a text of N-Triples the service or the store wrote, each ended by a line end:
 * the statement (`s p o`) of each canonical line goes to `canonical`, every other line but those
 * holding a blank node to `other`. The text is looked at as a whole first (unless `look` says
 * already what it holds: see linesToLookAt): most texts need no look at each of their lines, and
 * most others only one kind of look.
 */
export function sortLines(text: string, canonical: (statement: string) => void, other: (line: string) => void, look = linesToLookAt(text)): void {
  const statements = statementsOf(text);
  if (look === 0) {
    for (const statement of statements) if (statement.length > 0) canonical(statement);
    return;
  }
  const odd = (look & NON_CANONICAL) !== 0;
  const typed = (look & W3C_TYPED) !== 0;
  const blank = (look & BLANK_NODE) !== 0;
  for (const statement of statements) {
    if (statement.length === 0) continue;
    if (blank && holdsBlankNodeTerm(statement)) continue;
    if ((odd && holdsNonCanonical(statement)) || (typed && !typedLiteralKept(statement))) other(`${statement} .`);
    else canonical(statement);
  }
}

/** A record from its statement (`s p o`), whose subject is `subjectLength` characters long. */
export function recordOf(statement: string, subjectLength = statement.indexOf(' ')): CanonicalRecord {
  const predicateEnd = statement.indexOf(' ', subjectLength + 1);
  return { predicate: statement.slice(subjectLength + 1, predicateEnd), object: statement.slice(predicateEnd + 1), statement };
}

/** Whether a statement or a line of N-Triples has a blank node for subject or object (an IRI predicate holds no space). */
export function holdsBlankNodeTerm(line: string): boolean {
  if (line.startsWith('_:')) return true;
  const predicateEnd = line.indexOf(' ', line.indexOf(' ') + 1);
  return line.startsWith('_:', predicateEnd + 1);
}

/** The value of an IRI or blank node term, without its brackets; of a literal, its lexical form. */
export function termValue(term: string): string {
  if (term.startsWith('<')) return term.slice(1, -1);
  if (term.startsWith('_:')) return term;
  return literalParts(term).value;
}

const UNESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '"': '"', '\\': '\\' };

/** A canonical literal's lexical form (unescaped), language and datatype. */
export function literalParts(term: string): { value: string; language: string; datatype: string } {
  const end = term.lastIndexOf('"');
  const raw = term.slice(1, end);
  const value = raw.includes('\\')
    ? raw.replace(/\\(?:u([0-9A-F]{4})|(.))/g, (_, hex: string | undefined, c: string) => (hex ? String.fromCharCode(parseInt(hex, 16)) : UNESCAPES[c] ?? c))
    : raw;
  const rest = term.slice(end + 1);
  if (rest.startsWith('@')) return { value, language: rest.slice(1), datatype: RDF_LANG_STRING };
  return { value, language: '', datatype: rest.startsWith('^^<') ? rest.slice(3, -1) : XSD_STRING };
}

/** The lines of text given in blocks, a line cut at a block's end kept for the next block. */
export class LineSplitter {
  /** Keeps a multi-byte character cut at a block's end for the next block. */
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';

  /** The complete lines of this block and those before it. */
  push(block: Uint8Array): string[] {
    const text = this.pending + this.decoder.write(block);
    const cut = text.lastIndexOf('\n');
    if (cut < 0) {
      this.pending = text;
      return [];
    }
    this.pending = text.slice(cut + 1);
    return text.slice(0, cut).split('\n');
  }

  /** The complete lines of this block and those before it, as one text, each line ended. */
  pushText(block: Uint8Array): string {
    const text = this.pending + this.decoder.write(block);
    const cut = text.lastIndexOf('\n') + 1;
    this.pending = text.slice(cut);
    return text.slice(0, cut);
  }

  /** The last line, when the text does not end with a line end. */
  end(): string[] {
    const rest = this.pending + this.decoder.end();
    this.pending = '';
    return rest ? [rest] : [];
  }
}

/** Reads a run file line by line, in blocks. */
class RunReader {
  private readonly fd: number;
  private readonly buffer = Buffer.alloc(1 << 20);
  private readonly splitter = new LineSplitter();
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
        this.lines = this.splitter.end();
      } else {
        this.lines = this.splitter.push(this.buffer.subarray(0, read));
      }
      this.index = 0;
    }
    this.current = this.index < this.lines.length ? this.lines[this.index++] : undefined;
    if (this.current === undefined) closeSync(this.fd);
  }
}

/**
 * Gathers statements by graph and subject into runs of at most `runChars` characters, each
 * written sorted to a file when full, then gives them back as the subject groups of the
 * canonical order, without duplicates. A run is kept as statements by subject rather than as
 * lines to sort: sorting a run's subjects, then each subject's few statements, compares far
 * fewer and far shorter strings than sorting its lines, whose long common beginnings (the
 * subject) each comparison would read again. Most data fits one run, which is never written.
 */
export class ExternalSorter {
  private run = new Map<string, Map<string, string[]>>();
  private chars = 0;
  private readonly runs: string[] = [];

  constructor(private readonly tmpDir: string, private readonly runChars = 128_000_000) {}

  /** The last subject added, with its graph and statements: the next statement often shares it (the parts the store computed come so). */
  private lastGraph = '';
  private lastSubject = '';
  private lastStatements: string[] | undefined;

  /** A statement (`s p o`, canonical) of a graph ('' for the default graph, else its term). */
  add(graph: string, statement: string): void {
    // Only the statement stays in memory until it is written, not the texts it was spelt from.
    flattened(statement);
    // The space after the subject is looked at first: most statements of another subject fail
    // there, and startsWith is slow to fail on subjects that share a long beginning (measured).
    if (this.lastStatements && statement.charCodeAt(this.lastSubject.length) === 32 && graph === this.lastGraph && statement.startsWith(this.lastSubject)) {
      this.lastStatements.push(statement);
    } else {
      const subject = statement.slice(0, statement.indexOf(' '));
      let subjects = this.run.get(graph);
      if (!subjects) this.run.set(graph, subjects = new Map());
      let statements = subjects.get(subject);
      if (statements) statements.push(statement);
      else subjects.set(subject, statements = [statement]);
      this.lastGraph = graph;
      this.lastSubject = subject;
      this.lastStatements = statements;
    }
    this.chars += statement.length + graph.length + 2;
    if (this.chars >= this.runChars) this.spill();
  }

  /** The run's groups in the canonical order (the default graph first), emptying it. */
  private *runGroups(): Generator<SubjectGroup> {
    const run = this.run;
    this.run = new Map();
    this.lastStatements = undefined;
    this.chars = 0;
    // Sorting strings without a comparator compares their UTF-16 code units, as `<` does, and faster.
    for (const graph of [...run.keys()].sort()) {
      const subjects = run.get(graph)!;
      for (const subject of [...subjects.keys()].sort()) {
        const statements = subjects.get(subject)!;
        if (statements.length > 1) statements.sort();
        const records: CanonicalRecord[] = [];
        for (let i = 0; i < statements.length; i++) {
          if (i === 0 || statements[i] !== statements[i - 1]) records.push(recordOf(statements[i]!, subject.length));
        }
        yield { graph, subject, records };
      }
    }
  }

  private spill(): void {
    const path = join(this.tmpDir, `run-${this.runs.length}.txt`);
    const fd = openSync(path, 'w');
    try {
      // Written a few thousand groups at a time: one string of the whole run would double its memory.
      let lines: string[] = [];
      const write = () => {
        if (lines.length > 0) writeSync(fd, `${lines.join('\n')}\n`);
        lines = [];
      };
      for (const group of this.runGroups()) {
        for (const record of group.records) lines.push(`${group.graph}\t${record.statement}`);
        if (lines.length >= 20_000) write();
      }
      write();
    } finally {
      closeSync(fd);
    }
    this.runs.push(path);
  }

  /** The subject groups of everything added, in the canonical order; run files are removed once read. */
  *groups(): Generator<SubjectGroup> {
    if (this.runs.length === 0) {
      yield* this.runGroups();
      return;
    }
    if (this.chars > 0) this.spill();
    const readers = this.runs.map((path) => new RunReader(path));
    function* merged(): Generator<string> {
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
    }
    yield* subjectGroups(merged());
    for (const path of this.runs) rmSync(path, { force: true });
  }
}

/** The sorted lines as subject groups: consecutive records of the same graph and subject. */
function* subjectGroups(lines: Iterable<string>): Generator<SubjectGroup> {
  let key = '';
  let graph = '';
  let subject = '';
  let records: CanonicalRecord[] = [];
  for (const line of lines) {
    const tab = line.indexOf('\t');
    // A subject is an IRI or a blank node label: neither holds a space.
    const afterSubject = line.indexOf(' ', tab + 1);
    const lineKey = line.slice(0, afterSubject);
    if (lineKey !== key) {
      if (records.length > 0) yield { graph, subject, records };
      key = lineKey;
      graph = line.slice(0, tab);
      subject = line.slice(tab + 1, afterSubject);
      records = [];
    }
    records.push(recordOf(line.slice(tab + 1), afterSubject - tab - 1));
  }
  if (records.length > 0) yield { graph, subject, records };
}
