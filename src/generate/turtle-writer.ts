/**
 * Writes a Turtle file one subject block at a time, through a buffer flushed with writeSync
 * once it passes about a megabyte: memory stays flat however many blocks are written, and the
 * number of system calls stays small. Terms are passed already in Turtle form (see
 * src/rdf/turtle-text.ts); the writer only lays them out and counts the triples.
 *
 * The file is written under a temporary name and renamed when closed, so an interrupted run
 * never leaves a truncated file under the real name.
 */
import { closeSync, openSync, renameSync, writeSync } from 'node:fs';

const FLUSH_THRESHOLD = 1 << 20;

export class TurtleFileWriter {
  private readonly partialPath: string;
  private readonly descriptor: number;
  private buffer = '';
  private block = '';
  private inBlock = false;
  /** The open block has no property yet (its subject was given without a type). */
  private pendingFirst = false;
  private closed = false;
  private written = 0;
  /** Triples written so far (every object of every property, types included). */
  triples = 0;

  /**
   * `prefixes` maps prefix to namespace (relative namespaces resolve against the base IRI of
   * whoever loads the file); `header` is a comment, one line per array element.
   */
  constructor(readonly path: string, header: readonly string[], prefixes: readonly (readonly [string, string])[]) {
    this.partialPath = `${path}.partial`;
    this.descriptor = openSync(this.partialPath, 'w');
    let head = '';
    for (const line of header) head += line === '' ? '#\n' : `# ${line}\n`;
    if (header.length > 0) head += '\n';
    for (const [prefix, namespace] of prefixes) head += `@prefix ${prefix}: <${namespace}> .\n`;
    if (head !== '') this.write(`${head}\n`);
  }

  /** Raw text, e.g. a comment between sections, or a whole file copied verbatim. */
  write(text: string): void {
    this.buffer += text;
    if (this.buffer.length >= FLUSH_THRESHOLD) this.flush();
  }

  /** Opens a subject block: `<subject> a type1 , type2`. */
  subject(subject: string, ...types: string[]): this {
    if (this.inBlock) throw new Error(`block for ${subject} opened before the previous one was ended`);
    this.inBlock = true;
    this.block = types.length > 0 ? `${subject} a ${types.join(' , ')}` : subject;
    this.pendingFirst = types.length === 0;
    this.triples += types.length;
    return this;
  }

  /** Adds `predicate object1 , object2 …` to the open block; nothing if there is no object. */
  property(predicate: string, ...objects: string[]): this {
    return this.values(predicate, objects);
  }

  values(predicate: string, objects: readonly string[]): this {
    if (!this.inBlock) throw new Error(`property ${predicate} outside a subject block`);
    if (objects.length === 0) return this;
    const separator = this.pendingFirst ? ' ' : ' ;\n    ';
    this.pendingFirst = false;
    this.block += `${separator}${predicate} ${objects.join(' , ')}`;
    this.triples += objects.length;
    return this;
  }

  /** Closes the block with " ." and a blank line. */
  end(): void {
    if (!this.inBlock) throw new Error('no block to end');
    if (this.pendingFirst) throw new Error(`subject block without any triple: ${this.block}`);
    this.inBlock = false;
    this.write(`${this.block} .\n\n`);
    this.block = '';
  }

  /** Adds triples counted elsewhere (a file copied verbatim). */
  countTriples(count: number): void {
    this.triples += count;
  }

  private flush(): void {
    if (this.buffer.length === 0) return;
    const bytes = Buffer.from(this.buffer, 'utf8');
    this.buffer = '';
    // writeSync may write less than asked (a full disk, a pipe): loop until all of it is out.
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(this.descriptor, bytes, offset, bytes.length - offset);
    this.written += bytes.length;
  }

  /** Flushes, closes and gives the file its real name; returns its size in bytes. */
  close(): number {
    if (this.closed) throw new Error(`${this.path} already closed`);
    if (this.inBlock) throw new Error(`${this.path}: closed with a block still open`);
    this.flush();
    closeSync(this.descriptor);
    renameSync(this.partialPath, this.path);
    this.closed = true;
    return this.written;
  }
}
