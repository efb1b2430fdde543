/**
 * The RDF dumps, each written as the canonical form is read, subject by subject: N-Triples and
 * N-Quads (gzip), Turtle and JSON-LD. Nothing is held but the subject being written, so memory
 * stays flat whatever the size; the same canonical form gives the same bytes.
 */
import { copyFileSync, createReadStream, createWriteStream, rmSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import { gzip } from 'node:zlib';
import { promisify } from 'node:util';
import { prefixedNames } from '../../rdf/namespaces.js';
import { literalParts, termValue, type CanonicalRecord, type SubjectGroup } from './canonical.js';

/** The text, in bytes of UTF-8, written or compressed at once. */
const FLUSH_AT = 1 << 20;
/** How much text may wait for a file or its compressor before the writer waits for them. */
const QUEUED = 16 << 20;

/**
 * The compression level of the gzip dumps: fixed, so that the same text gives the same bytes.
 * Measured on N-Triples of generated data: level 9 makes files 3 % smaller than 6 in twice the
 * time, and 4 files 6 % larger than 6 in four fifths of it.
 */
export const GZIP_LEVEL = 4;
/** Blocks of text compressed at once, on as many threads of zlib's pool. */
const COMPRESSING = 3;
/**
 * The output zlib gives back at once, room enough for a compressed member of N-Triples (a
 * sixth to an eighth of its text). zlib's default (16 kB) hands a member's output back in many
 * pieces, and compresses the next piece only once the thread that writes, busy with the next
 * subjects, has taken the last: compression then waited on the writing. Measured at 1M triples,
 * the writer waited for the compressors a quarter as long with this. The bytes are the same.
 */
const MEMBER_OUTPUT = 1 << 18;
/** The buffer a member's text is encoded into: room for FLUSH_AT bytes and the text that goes past them. */
const MEMBER_BYTES = FLUSH_AT + (FLUSH_AT >> 2);

const gzipped = promisify(gzip);

/**
 * A file written in large blocks, gzip-compressed or not, waiting when the disk falls behind.
 * Compressed, each block of text is a gzip member of its own, compressed on a thread of zlib's
 * pool while the next blocks are written and compressed, and the members are written in order:
 * a file of members one after the other is one gzip file (RFC 1952, 2.2), which every reader of
 * gzip reads whole, as pigz writes them. One compressor on one thread could not keep pace with
 * the writing. Blocks are cut at the same places for the same text: the same bytes again.
 */
export class FileSink {
  private readonly file: WriteStream;
  /**
   * The block being filled (a gzip member, or bytes to write as they are), as UTF-8: text is
   * encoded into it as it comes, rather than joined and encoded again (a third faster, measured
   * on N-Triples a group at a time), and `used` of its bytes are.
   */
  private member: Buffer | undefined;
  private used = 0;
  /**
   * Blocks' buffers whose bytes are compressed or written, to fill again: a new buffer for each
   * block made V8 count a megabyte more of memory outside its heap each time, and collect its
   * young objects for it every few blocks (a twentieth of the dump's time at 1M triples).
   */
  private readonly spare: Buffer[] = [];
  private blocked: Promise<unknown> | undefined;
  /** For each member not yet written, in order, when it is: each waits for the one before. */
  private readonly members: Promise<void>[] = [];
  private written: Promise<void> = Promise.resolve();
  private failure: Error | undefined;

  constructor(readonly path: string, private readonly gzip: boolean) {
    // Text waits for the disk up to QUEUED bytes before the writer waits: the writer goes on
    // with the next subjects meanwhile.
    this.file = createWriteStream(path, { highWaterMark: QUEUED });
  }

  write(text: string): void {
    // A UTF-16 code unit takes at most three bytes in UTF-8 (a pair of them, four).
    const room = 3 * text.length;
    if (this.member && this.used + room > this.member.length) this.flush();
    this.member ??= room <= MEMBER_BYTES ? this.spare.pop() ?? Buffer.allocUnsafe(MEMBER_BYTES) : Buffer.allocUnsafe(room);
    this.used += this.member.write(text, this.used);
    if (this.used >= FLUSH_AT) this.flush();
  }

  private flush(): void {
    if (!this.member || this.used === 0) return;
    const member = this.member;
    const bytes = member.subarray(0, this.used);
    const reused = member.length === MEMBER_BYTES;
    this.member = undefined;
    this.used = 0;
    if (!this.gzip) {
      const accepted = this.file.write(bytes, (error) => {
        if (error) this.failure ??= error;
        else if (reused) this.spare.push(member);
      });
      if (!accepted) this.blocked ??= once(this.file, 'drain').finally(() => { this.blocked = undefined; });
      return;
    }
    // zlib's options say no name and no time: the same text gives the same bytes.
    const compressed = gzipped(bytes, { level: GZIP_LEVEL, chunkSize: MEMBER_OUTPUT });
    if (reused) compressed.then(() => this.spare.push(member), () => {});
    this.written = this.written.then(async () => {
      const bytes = await compressed;
      if (!this.file.write(bytes)) await once(this.file, 'drain');
    }).catch((error: Error) => { this.failure ??= error; });
    this.members.push(this.written);
  }

  /** Waits while the file's buffers, or the blocks being compressed, are full. */
  async drained(): Promise<void> {
    if (this.blocked) await this.blocked;
    while (this.members.length >= COMPRESSING) await this.members.shift();
    if (this.failure) throw this.failure;
  }

  async close(): Promise<void> {
    this.flush();
    await this.written;
    if (this.failure) throw this.failure;
    const finished = once(this.file, 'close');
    this.file.end();
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

/**
 * A dump written into one file: `write` gives a subject group's text (or '' to skip it) and
 * what it counts; `last` ends the file.
 */
export function sinkWriter(file: string, sink: FileSink, write: (group: SubjectGroup) => { text: string; count: number } | undefined,
  last = ''): DumpWriter {
  let count = 0;
  let closed: Promise<void> | undefined;
  return {
    file,
    count: () => count,
    consume: (group) => {
      const written = write(group);
      if (!written) return;
      count += written.count;
      if (written.text) sink.write(written.text);
    },
    drained: () => sink.drained(),
    // Closed once, however many wait for it (the N-Quads writer waits for the N-Triples one).
    close: () => closed ??= (async () => {
      if (last) sink.write(last);
      await sink.close();
    })(),
  };
}

/** The lines of a group in N-Triples (the default graph) or N-Quads (`graph` given): its statements joined, each ended. */
function lines(group: SubjectGroup, graph: string): { text: string; count: number } {
  const tail = graph ? ` ${graph} .\n` : ' .\n';
  const statements = new Array<string>(group.records.length + 1);
  for (let i = 0; i < group.records.length; i++) statements[i] = group.records[i]!.statement;
  statements[group.records.length] = '';
  return { text: statements.join(tail), count: group.records.length };
}

/** N-Triples of the default graph, gzip-compressed. */
export function nTriplesWriter(file: string, path: string): DumpWriter & { readonly path: string } {
  return { ...sinkWriter(file, new FileSink(path, true), (group) => (group.graph === '' ? lines(group, '') : undefined)), path };
}

/**
 * N-Quads of every graph, gzip-compressed in two members, which gzip reads as one text (RFC
 * 1952): the default graph, then the named graphs. When the N-Triples dump is written too, it is
 * the first member, byte for byte: the data is compressed once.
 */
export function nQuadsWriter(file: string, path: string, nTriples?: DumpWriter & { readonly path: string }): DumpWriter {
  const own = nTriples ? undefined : nTriplesWriter(file, `${path}.default`);
  const named = sinkWriter(file, new FileSink(`${path}.named`, true), (group) => (group.graph === '' ? undefined : lines(group, group.graph)));
  const defaultGraph = nTriples ?? own!;
  let closed: Promise<void> | undefined;
  return {
    file,
    count: () => defaultGraph.count() + named.count(),
    consume: (group) => {
      own?.consume(group);
      named.consume(group);
    },
    drained: async () => { await Promise.all([own?.drained(), named.drained()]); },
    close: () => closed ??= (async () => {
      await Promise.all([own?.close(), named.close()]);
      // The N-Triples writer is closed beside this one: its file is complete once it is.
      if (nTriples) await nTriples.close();
      copyFileSync(defaultGraph.path, path);
      await pipeline(createReadStream(`${path}.named`), createWriteStream(path, { flags: 'a' }));
      rmSync(`${path}.named`);
      if (own) rmSync(own.path);
    })(),
  };
}

const RDF_TYPE = '<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>';

/**
 * Prefixed names for IRI terms (`<iri>`): `vocabulary` for the vocabularies' terms (properties,
 * datatypes), few and recurring, remembered once shortened; `object` for any IRI an object may
 * be, things of the data mostly, which are known to be outside every namespace from their
 * namespace alone (the IRI up to its last '/' or '#', looked up among the few namespaces).
 */
function termShortener(prefixes: Readonly<Record<string, string>>, valid: (name: string) => boolean): {
  vocabulary: (term: string) => string; object: (term: string) => string; any: (term: string) => string } {
  const prefixed = prefixedNames(prefixes);
  const shorten = (term: string): string => {
    const name = prefixed(term.slice(1, -1));
    return name !== undefined && valid(name) ? name : term;
  };
  // As prefixedNames: only namespaces ending in '/' or '#' allow the look-up by namespace.
  const namespaces = Object.values(prefixes).every((ns) => ns.endsWith('/') || ns.endsWith('#')) ? new Set(Object.values(prefixes)) : undefined;
  // An IRI's namespace (up to its last '/' or '#') is looked for among the namespaces of its
  // length, comparing a character before the whole: V8's lastIndexOf, slice and look-up of the
  // namespace took a twentieth of the Turtle dump's time, for objects that are mostly things of
  // the data, in no namespace.
  const byLength: string[][] = [];
  for (const namespace of namespaces ?? []) (byLength[namespace.length] ??= []).push(namespace);
  const namespaced = (term: string): boolean => {
    // `end` is the index of the namespace's last character in the term (after its '<'): its length.
    let end = term.length - 1;
    for (let c = term.charCodeAt(end); end > 0 && c !== 47 /* / */ && c !== 35 /* # */; c = term.charCodeAt(--end));
    const candidates = byLength[end];
    if (candidates) for (const namespace of candidates) if (term.charCodeAt(end - 1) === namespace.charCodeAt(end - 2) && term.startsWith(namespace, 1)) return true;
    return false;
  };
  const known = new Map<string, string>();
  const vocabulary = (term: string): string => {
    let name = known.get(term);
    if (name === undefined) {
      name = shorten(term);
      // Bounded: terms of the namespaces are the vocabularies' mostly, but may be as many as the data holds.
      if (known.size < 100_000) known.set(term, name);
    }
    return name;
  };
  return {
    vocabulary,
    object: (term) => (namespaces && !namespaced(term) ? term : vocabulary(term)),
    any: (term) => (term.startsWith('<') ? shorten(term) : term),
  };
}

/** Turtle of the default graph: prefixes, then one block per subject, its predicates grouped. */
export function turtleWriter(file: string, path: string, prefixes: Readonly<Record<string, string>>): DumpWriter {
  const sink = new FileSink(path, false);
  const names = Object.entries(prefixes).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  sink.write(`${names.map(([prefix, namespace]) => `@prefix ${prefix}: <${namespace}> .\n`).join('')}\n`);
  // A local part may not start with '-' or '.', nor end with '.' (which would end the statement).
  const shorten = termShortener(prefixes, (name) => !/:[.-]|\.$/.test(name));
  const object = (term: string): string => {
    if (term.startsWith('<')) return shorten.object(term);
    const at = term.startsWith('"') ? term.lastIndexOf('"^^<') : -1;
    return at < 0 ? term : `${term.slice(0, at + 3)}${shorten.vocabulary(term.slice(at + 3))}`;
  };
  return sinkWriter(file, sink, (group) => {
    if (group.graph !== '') return undefined;
    let text = shorten.any(group.subject);
    let predicate = '';
    for (const r of group.records) {
      if (r.predicate === predicate) {
        text += ` , ${object(r.object)}`;
      } else {
        text += `${predicate ? ' ;' : ''}\n    ${r.predicate === RDF_TYPE ? 'a' : shorten.vocabulary(r.predicate)} ${object(r.object)}`;
        predicate = r.predicate;
      }
    }
    return { text: `${text} .\n\n`, count: group.records.length };
  });
}

/**
 * An IRI or blank node term's value as a JSON string. An IRI the store holds has no quotation
 * mark, backslash or control character (it refuses them), nor has a blank node label: the value
 * is put between quotation marks as it is, unless it holds one of the first two.
 */
function jsonNodeString(term: string): string {
  const value = termValue(term);
  return value.includes('"') || value.includes('\\') ? JSON.stringify(value) : `"${value}"`;
}

/**
 * A canonical literal's text, quotation marks included, as the JSON string of its value: the
 * escapes of canonical N-Triples (\\" \\\\ \\n \\r \\t \\b \\f) are JSON's, and JSON.stringify escapes
 * nothing else a canonical literal holds as it is, so the text serves unless it holds \\u
 * (written in capitals, and for DEL too, which JSON leaves as it is).
 */
function jsonLiteralString(object: string, end: number): string {
  const text = object.slice(0, end + 1);
  return text.includes('\\u') ? JSON.stringify(literalParts(object).value) : text;
}

/** A canonical object as the text of a JSON-LD value object (as JSON.stringify writes one). */
function jsonLdValue(object: string): string {
  if (object.startsWith('<') || object.startsWith('_:')) return `{"@id":${jsonNodeString(object)}}`;
  const end = object.lastIndexOf('"');
  const value = jsonLiteralString(object, end);
  // After the text: nothing (xsd:string), a language tag (letters, digits, hyphens), or a datatype IRI.
  if (end === object.length - 1) return `{"@value":${value}}`;
  if (object.charCodeAt(end + 1) === 64 /* @ */) return `{"@value":${value},"@language":"${object.slice(end + 2)}"}`;
  return `{"@value":${value},"@type":${jsonNodeString(object.slice(end + 3))}}`;
}

/**
 * JSON-LD of the default graph, flattened: one node object per subject in a `@graph`, with full
 * IRIs for nodes and types and prefixed names (declared in the context) for properties. Each
 * node is written as JSON.stringify writes the object of its keys: `@id`, then each key in the
 * order of its first value (`@type` where the first type is), but without making the object. A
 * key's values are consecutive (the records are sorted by property) unless two properties share
 * a key, or types that are not IRIs come between those that are: such nodes are gathered first.
 */
export function jsonLdWriter(file: string, path: string, prefixes: Readonly<Record<string, string>>): DumpWriter {
  const sink = new FileSink(path, false);
  sink.write(`{\n  "@context": ${JSON.stringify(Object.fromEntries(Object.entries(prefixes).sort((a, b) => (a[0] < b[0] ? -1 : 1))))},\n  "@graph": [`);
  const keyOf = termShortener(prefixes, () => true).vocabulary;
  const TYPE_KEY = { key: '@type', json: '"@type"' };
  const keys = new Map<string, { key: string; json: string }>();
  /** A record's key: `@type` for a type that is an IRI, else its property's. */
  const keyOfRecord = ({ predicate, object }: CanonicalRecord): { key: string; json: string } => {
    if (predicate === RDF_TYPE && object.startsWith('<')) return TYPE_KEY;
    let key = keys.get(predicate);
    if (!key) {
      const name = keyOf(predicate);
      const value = name.startsWith('<') ? termValue(name) : name;
      keys.set(predicate, key = { key: value, json: JSON.stringify(value) });
    }
    return key;
  };
  const valueOf = (object: string, key: { key: string }) => (key === TYPE_KEY ? jsonNodeString(object) : jsonLdValue(object));
  /** A node whose values come in runs of their keys. */
  const inRuns = (group: SubjectGroup): string | undefined => {
    const seen: string[] = [];
    let text = '';
    for (const record of group.records) {
      const key = keyOfRecord(record);
      const value = valueOf(record.object, key);
      if (key.key === seen[seen.length - 1]) {
        text += `,${value}`;
      } else {
        if (seen.includes(key.key)) return undefined;
        text += `${seen.length > 0 ? ']' : ''},${key.json}:[${value}`;
        seen.push(key.key);
      }
    }
    return seen.length > 0 ? `${text}]` : text;
  };
  /** A node whose values of a key are gathered from wherever they are. */
  const gathered = (group: SubjectGroup): string => {
    const values = new Map<string, { json: string; values: string[] }>();
    for (const record of group.records) {
      const key = keyOfRecord(record);
      const entry = values.get(key.key);
      if (entry) entry.values.push(valueOf(record.object, key));
      else values.set(key.key, { json: key.json, values: [valueOf(record.object, key)] });
    }
    return [...values.values()].map(({ json, values: list }) => `,${json}:[${list.join(',')}]`).join('');
  };
  let first = true;
  return sinkWriter(file, sink, (group) => {
    if (group.graph !== '') return undefined;
    const text = `${first ? '' : ','}\n    {"@id":${jsonNodeString(group.subject)}${inRuns(group) ?? gathered(group)}}`;
    first = false;
    return { text, count: group.records.length };
  }, '\n  ]\n}\n');
}
