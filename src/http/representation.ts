/**
 * Sending prepared bytes the way caches and clients expect: a strong ETag computed from the
 * bytes, 304 on If-None-Match (or If-Modified-Since), HEAD, and br or gzip when asked, each
 * coding compressed once and kept with the representation.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { negotiateCoding, type Coding } from './negotiation.js';

type Compression = Exclude<Coding, 'identity'>;

export class Representation {
  readonly body: Buffer;
  private readonly encoded = new Map<Compression, Buffer>();
  private validator: string | undefined;
  /** Told of the bytes a new coding adds, so that a cache holding this representation keeps its budget. */
  private growthListener: ((addedBytes: number) => void) | undefined;

  constructor(
    body: string | Buffer,
    readonly mediaType: string,
    readonly options: {
      readonly cacheControl: string;
      readonly lastModified?: Date;
      readonly headers?: Readonly<Record<string, string>>;
      /** False for answers no cache may keep (POST results): they need no validator. */
      readonly validated?: boolean;
    },
  ) {
    this.body = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  }

  /** Strong validator of the identity-coded bytes, quoted; computed on first use. */
  get etag(): string {
    this.validator ??= `"${createHash('sha256').update(this.body).digest('base64url').slice(0, 27)}"`;
    return this.validator;
  }

  /** The bytes in a content coding, compressed on first use. */
  bytesIn(coding: Coding): Buffer {
    if (coding === 'identity') return this.body;
    let bytes = this.encoded.get(coding);
    if (!bytes) {
      bytes = coding === 'br'
        ? brotliCompressSync(this.body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_SIZE_HINT]: this.body.length } })
        : gzipSync(this.body, { level: 6 });
      this.encoded.set(coding, bytes);
      this.growthListener?.(bytes.length);
    }
    return bytes;
  }

  /** Follows the growth of this representation (one listener: the cache that holds it). */
  onGrowth(listener: ((addedBytes: number) => void) | undefined): void {
    this.growthListener = listener;
  }

  /** Each coding is its own representation, so it has its own strong ETag. */
  etagIn(coding: Coding): string {
    return coding === 'identity' ? this.etag : `${this.etag.slice(0, -1)}-${coding}"`;
  }

  /** Bytes held, for caches that count their size. */
  get size(): number {
    let size = this.body.length;
    for (const bytes of this.encoded.values()) size += bytes.length;
    return size;
  }
}

/** Below this size compression saves less than it costs (unless the client refuses the bytes as they are). */
const COMPRESS_FROM = 1024;
const COMPRESSIBLE = /^(text\/|application\/(json|ld\+json|sparql-results|n-triples|n-quads|trig|rdf\+xml|xml|javascript|xhtml))/;

function matchesAny(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  // If-None-Match compares weakly: a W/ prefix does not prevent a match.
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}

/** Adds a field to Vary, once. */
export function addVary(res: ServerResponse, field: string): void {
  const current = res.getHeader('Vary');
  const fields = typeof current === 'string' ? current.split(',').map((f) => f.trim()).filter(Boolean) : [];
  if (!fields.some((f) => f.toLowerCase() === field.toLowerCase())) res.setHeader('Vary', [...fields, field].join(', '));
}

/**
 * Sends a representation with node's own request and response objects (express's extend them),
 * so that the dereferencing hot path can answer without any middleware.
 */
export function sendRepresentation(req: IncomingMessage, res: ServerResponse, representation: Representation): void {
  const compressible = COMPRESSIBLE.test(representation.mediaType);
  const coding = compressible ? negotiateCoding(req, representation.body.length >= COMPRESS_FROM) : 'identity';
  const { cacheControl, lastModified, headers, validated = true } = representation.options;
  const etag = validated ? representation.etagIn(coding) : undefined;
  if (etag) res.setHeader('ETag', etag);
  res.setHeader('Cache-Control', cacheControl);
  if (lastModified) res.setHeader('Last-Modified', lastModified.toUTCString());
  if (compressible) addVary(res, 'Accept-Encoding');
  if (headers) for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);

  const ifNoneMatch = req.headers['if-none-match'];
  const ifModifiedSince = req.headers['if-modified-since'];
  const notModified = ifNoneMatch !== undefined
    ? etag !== undefined && matchesAny(ifNoneMatch, etag)
    : lastModified !== undefined && ifModifiedSince !== undefined && Math.floor(lastModified.getTime() / 1000) <= Math.floor(Date.parse(ifModifiedSince) / 1000);
  if (notModified && (req.method === 'GET' || req.method === 'HEAD')) {
    res.statusCode = 304;
    res.end();
    return;
  }
  const bytes = representation.bytesIn(coding);
  res.setHeader('Content-Type', representation.mediaType);
  if (coding !== 'identity') res.setHeader('Content-Encoding', coding);
  res.setHeader('Content-Length', bytes.length);
  if (req.method === 'HEAD') res.end();
  else res.end(bytes);
}
