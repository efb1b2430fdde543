/**
 * The one edge where RDF text enters the service: Turtle, TriG, N-Triples and N-Quads, read in
 * chunks so that memory stays flat whatever the file's size, with syntax errors that name the
 * file, line and column.
 */
import { EventEmitter } from 'node:events';
import { createReadStream } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Parser } from 'n3';
import { createHash } from 'node:crypto';
import { formatOfFile, type ParsedMediaType } from './formats.js';
import { createLeanFactory, type Quad } from './terms.js';

/** A syntax error located in its source, as `file:line:column: message`. */
export class RdfSyntaxError extends Error {
  constructor(readonly file: string, readonly line: number, readonly column: number, readonly detail: string) {
    super(`${file}:${line}:${column}: syntax error: ${detail}`);
    this.name = 'RdfSyntaxError';
  }
}

/** Where a quad was read: the source's name and the line the parser had reached. */
export interface QuadBatch {
  readonly quads: Quad[];
  /** lines[i] is the line of quads[i] in the source (0 when the parser cannot tell). */
  readonly lines: number[];
}

export interface ParseOptions {
  baseIRI: string;
  format: ParsedMediaType;
  /** Called once per chunk with the number of bytes consumed so far. */
  onProgress?: (bytesRead: number) => void;
}

interface N3Token { line?: number; start?: number; end?: number }
interface N3ErrorContext { token?: N3Token; previousToken?: N3Token; line?: number }
interface LexerWithLine { _line?: unknown }

const BATCH_SIZE = 4096;

/**
 * Parses a sequence of byte chunks (a file being read, or slices of bytes already in memory)
 * and hands the quads over in batches. The event loop gets a turn between chunks, so a server
 * that parses at start-up keeps answering.
 */
export async function parseRdfChunks(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  sourceName: string,
  options: ParseOptions,
  onBatch: (batch: QuadBatch) => void,
): Promise<number> {
  const input = new EventEmitter();
  // Blank node labels depend only on the source, so that two parses of it agree on them.
  const prefix = `b${createHash('sha1').update(sourceName).digest('hex').slice(0, 8)}_`;
  const parser = new Parser({
    baseIRI: options.baseIRI,
    format: options.format,
    blankNodePrefix: prefix,
    factory: createLeanFactory(`${prefix}anon`) as never,
  });
  const lexer = (parser as unknown as { _lexer?: LexerWithLine })._lexer;
  const currentLine = (): number => (typeof lexer?._line === 'number' ? lexer._line : 0);
  let quads: Quad[] = [];
  let lines: number[] = [];
  let count = 0;
  let failure: RdfSyntaxError | undefined;
  let finished = false;

  const flush = (): void => {
    if (quads.length === 0) return;
    onBatch({ quads, lines });
    quads = [];
    lines = [];
  };

  // The parser builds its terms with the lean factory, so its callback receives our lean quads.
  const parseWithLeanTerms = parser.parse.bind(parser) as unknown as (
    source: EventEmitter,
    callback: (error: (Error & { context?: N3ErrorContext }) | null, quad: Quad | null) => void,
  ) => void;
  parseWithLeanTerms(input, (error, quad) => {
    if (failure) return;
    if (error) {
      failure = toSyntaxError(sourceName, error);
      return;
    }
    if (quad) {
      quads.push(quad);
      lines.push(currentLine());
      count++;
      if (quads.length >= BATCH_SIZE) flush();
    } else {
      finished = true;
    }
  });

  let bytesRead = 0;
  for await (const chunk of chunks) {
    input.emit('data', chunk);
    if (failure) throw failure;
    flush();
    bytesRead += chunk.length;
    options.onProgress?.(bytesRead);
    await nextTurn();
  }
  input.emit('end');
  if (failure) throw failure;
  flush();
  if (!finished) throw new RdfSyntaxError(sourceName, currentLine(), 1, 'unexpected end of file');
  return count;
}

/** Parses one file, read in 1 MiB chunks. */
export async function parseRdfFile(
  file: string,
  options: Omit<ParseOptions, 'format'> & { format?: ParsedMediaType },
  onBatch: (batch: QuadBatch) => void,
): Promise<number> {
  const format = options.format ?? formatOfFile(file).mediaType;
  const stream = createReadStream(file, { highWaterMark: 1 << 20 });
  try {
    return await parseRdfChunks(stream, file, { ...options, format }, onBatch);
  } finally {
    stream.destroy();
  }
}

/** Splits bytes already in memory into chunks for `parseRdfChunks`. */
export function* chunksOf(bytes: Uint8Array, chunkSize = 1 << 20): Generator<Uint8Array> {
  for (let offset = 0; offset < bytes.length; offset += chunkSize) {
    yield bytes.subarray(offset, Math.min(bytes.length, offset + chunkSize));
  }
}

function toSyntaxError(sourceName: string, error: Error & { context?: N3ErrorContext }): RdfSyntaxError {
  const context = error.context ?? {};
  const detail = error.message.replace(/ on line \d+\.?$/, '');
  // The lexer reports token columns from 0; people count from 1. Without a token the error sits
  // just after the previous one (an unterminated string, say).
  const token = context.token;
  const previous = context.previousToken;
  const line = token?.line ?? context.line ?? previous?.line ?? 0;
  const column = token?.start !== undefined ? token.start + 1
    : previous?.end !== undefined && previous.line === line ? previous.end + 2 : 1;
  return new RdfSyntaxError(sourceName, line, column, detail);
}

/** N-Triples already in memory (a store's or a remote engine's answer), as lean quads. */
export function parseNTriples(text: string, blankNodePrefix = 'b'): Quad[] {
  const parser = new Parser({ format: 'application/n-triples', factory: createLeanFactory(blankNodePrefix) as never });
  return parser.parse(text) as unknown as Quad[];
}
