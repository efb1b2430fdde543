/**
 * The RDF dumps, each written as the canonical form is read, subject by subject: N-Triples and
 * N-Quads (gzip), Turtle and JSON-LD. Nothing is held but the subject being written, so memory
 * stays flat whatever the size; the same canonical form gives the same bytes.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { constants, createGzip } from 'node:zlib';
import { prefixedName } from '../../rdf/namespaces.js';
import { literalParts, termValue } from './canonical.js';
import type { SubjectGroup } from './statistics.js';

const FLUSH_AT = 1 << 20;

/** A file written in large blocks, gzip-compressed or not, waiting when the disk falls behind. */
export class FileSink {
  private readonly file: WriteStream;
  private readonly head: NodeJS.WritableStream;
  private parts: string[] = [];
  private size = 0;
  private blocked: Promise<unknown> | undefined;

  constructor(path: string, gzip: boolean) {
    this.file = createWriteStream(path);
    if (gzip) {
      // A fixed level and no name or time in the header: the same text gives the same bytes.
      const compressor = createGzip({ level: constants.Z_BEST_COMPRESSION });
      compressor.pipe(this.file);
      this.head = compressor;
    } else {
      this.head = this.file;
    }
  }

  write(text: string): void {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= FLUSH_AT) this.flush();
  }

  private flush(): void {
    if (this.parts.length === 0) return;
    const ok = this.head.write(this.parts.join(''));
    this.parts = [];
    this.size = 0;
    if (!ok) this.blocked ??= once(this.head, 'drain').finally(() => { this.blocked = undefined; });
  }

  /** Waits while the file's buffers are full. */
  async drained(): Promise<void> {
    if (this.blocked) await this.blocked;
  }

  async close(): Promise<void> {
    this.flush();
    const finished = once(this.file, 'close');
    this.head.end();
    await finished;
  }
}

/** A dump being written: it sees every subject group in order, then is closed. */
export interface DumpWriter {
  readonly file: string;
  /** What it holds, counted as it is written: triples, or rows for a table. */
  readonly count: () => number;
  consume(group: SubjectGroup): void;
  drained(): Promise<void>;
  close(): Promise<void>;
}

/** N-Triples (the default graph) or N-Quads (every graph), one line per triple, gzip-compressed. */
export function lineWriter(file: string, path: string, withGraphs: boolean): DumpWriter {
  const sink = new FileSink(path, true);
  let count = 0;
  return {
    file,
    count: () => count,
    consume: (group) => {
      if (group.graph !== '' && !withGraphs) return;
      const tail = group.graph === '' ? ' .\n' : ` ${group.graph} .\n`;
      let text = '';
      for (const r of group.records) text += `${r.subject} ${r.predicate} ${r.object}${tail}`;
      count += group.records.length;
      sink.write(text);
    },
    drained: () => sink.drained(),
    close: () => sink.close(),
  };
}

const RDF_TYPE = '<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>';

/** Turtle of the default graph: prefixes, then one block per subject, its predicates grouped. */
export function turtleWriter(file: string, path: string, prefixes: Readonly<Record<string, string>>): DumpWriter {
  const sink = new FileSink(path, false);
  const names = Object.entries(prefixes).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  sink.write(names.map(([prefix, namespace]) => `@prefix ${prefix}: <${namespace}> .\n`).join(''));
  sink.write('\n');
  const shorten = (term: string): string => {
    if (!term.startsWith('<')) return term;
    const name = prefixedName(term.slice(1, -1), prefixes);
    // A local part may not start with '-' or '.', nor end with '.' (which would end the statement).
    return name && !/:[.-]|\.$/.test(name) ? name : term;
  };
  const shortenLiteral = (term: string): string => {
    const at = term.lastIndexOf('"^^<');
    return at < 0 ? term : `${term.slice(0, at + 3)}${shorten(term.slice(at + 3))}`;
  };
  let count = 0;
  return {
    file,
    count: () => count,
    consume: (group) => {
      if (group.graph !== '') return;
      const lines: string[] = [];
      let predicate = '';
      let objects: string[] = [];
      const end = () => { if (predicate) lines.push(`    ${predicate === RDF_TYPE ? 'a' : shorten(predicate)} ${objects.join(' , ')}`); };
      for (const r of group.records) {
        if (r.predicate !== predicate) {
          end();
          predicate = r.predicate;
          objects = [];
        }
        objects.push(r.object.startsWith('"') ? shortenLiteral(r.object) : shorten(r.object));
      }
      end();
      count += group.records.length;
      sink.write(`${shorten(group.subject)}\n${lines.join(' ;\n')} .\n\n`);
    },
    drained: () => sink.drained(),
    close: () => sink.close(),
  };
}

/** A canonical object as a JSON-LD value object. */
function jsonLdValue(object: string): Record<string, string> {
  if (object.startsWith('<') || object.startsWith('_:')) return { '@id': termValue(object) };
  const { value, language, datatype } = literalParts(object);
  if (language) return { '@value': value, '@language': language };
  return datatype === 'http://www.w3.org/2001/XMLSchema#string' ? { '@value': value } : { '@value': value, '@type': datatype };
}

/**
 * JSON-LD of the default graph, flattened: one node object per subject in a `@graph`, with full
 * IRIs for nodes and types and prefixed names (declared in the context) for properties.
 */
export function jsonLdWriter(file: string, path: string, prefixes: Readonly<Record<string, string>>): DumpWriter {
  const sink = new FileSink(path, false);
  sink.write(`{\n  "@context": ${JSON.stringify(Object.fromEntries(Object.entries(prefixes).sort((a, b) => (a[0] < b[0] ? -1 : 1))))},\n  "@graph": [`);
  let first = true;
  let count = 0;
  return {
    file,
    count: () => count,
    consume: (group) => {
      if (group.graph !== '') return;
      const node: Record<string, unknown> = { '@id': termValue(group.subject) };
      for (const r of group.records) {
        if (r.predicate === RDF_TYPE && r.object.startsWith('<')) {
          ((node['@type'] ??= []) as string[]).push(termValue(r.object));
          continue;
        }
        const iri = termValue(r.predicate);
        const key = prefixedName(iri, prefixes) ?? iri;
        ((node[key] ??= []) as unknown[]).push(jsonLdValue(r.object));
      }
      count += group.records.length;
      sink.write(`${first ? '' : ','}\n    ${JSON.stringify(node)}`);
      first = false;
    },
    drained: () => sink.drained(),
    close: async () => {
      sink.write('\n  ]\n}\n');
      await sink.close();
    },
  };
}
