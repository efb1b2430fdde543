/**
 * Sending a large file from disk the way download tools expect: Content-Length, a strong ETag
 * and Last-Modified given by the caller (they come from the file's checksum and the data's date,
 * so they stay the same across restarts), 304 on a match, single byte ranges (206, or 416 when
 * the range lies outside the file) honoured only while the file is unchanged (If-Range), HEAD,
 * and gzip or br compression on the fly for text when the client asks and no range is asked.
 */
import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { constants, createBrotliCompress, createGzip } from 'node:zlib';
import { negotiateCoding } from './negotiation.js';
import { addVary } from './representation.js';

export interface FileToSend {
  readonly path: string;
  readonly size: number;
  readonly mediaType: string;
  /** Quoted strong validator of the identity bytes. */
  readonly etag: string;
  readonly lastModified: Date;
  readonly cacheControl: string;
  /** Text worth compressing in transit (already-compressed files are not). */
  readonly compressible: boolean;
  readonly headers?: Readonly<Record<string, string>>;
}

function matches(header: string, etag: string): boolean {
  return header.trim() === '*' || header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}

/** The one range asked for, clamped to the file; 'unsatisfiable', or undefined for the whole file. */
function byteRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  let start: number;
  let end: number;
  if (match[1] === '') {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(size - 1, Number(match[2]));
  }
  return start > end || start >= size ? 'unsatisfiable' : { start, end };
}

export async function sendFile(req: IncomingMessage, res: ServerResponse, file: FileToSend): Promise<void> {
  res.setHeader('Accept-Ranges', 'bytes');
  res.setHeader('Cache-Control', file.cacheControl);
  res.setHeader('Last-Modified', file.lastModified.toUTCString());
  for (const [name, value] of Object.entries(file.headers ?? {})) res.setHeader(name, value);
  if (file.compressible) addVary(res, 'Accept-Encoding');

  const ifRange = req.headers['if-range'];
  const rangeAllowed = ifRange === undefined || ifRange === file.etag || ifRange === file.lastModified.toUTCString();
  const range = rangeAllowed ? byteRange(req.headers.range, file.size) : undefined;
  const coding = file.compressible && range === undefined ? negotiateCoding(req, true) : 'identity';
  const etag = coding === 'identity' ? file.etag : `${file.etag.slice(0, -1)}-${coding}"`;
  res.setHeader('ETag', etag);

  const ifNoneMatch = req.headers['if-none-match'];
  const ifModifiedSince = req.headers['if-modified-since'];
  const notModified = ifNoneMatch !== undefined ? matches(ifNoneMatch, etag)
    : ifModifiedSince !== undefined && Math.floor(file.lastModified.getTime() / 1000) <= Math.floor(Date.parse(ifModifiedSince) / 1000);
  if (notModified) {
    res.statusCode = 304;
    res.end();
    return;
  }
  res.setHeader('Content-Type', file.mediaType);
  if (range === 'unsatisfiable') {
    res.statusCode = 416;
    res.setHeader('Content-Range', `bytes */${file.size}`);
    res.end();
    return;
  }
  if (range) {
    res.statusCode = 206;
    res.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${file.size}`);
    res.setHeader('Content-Length', range.end - range.start + 1);
  } else if (coding === 'identity') {
    res.setHeader('Content-Length', file.size);
  } else {
    res.setHeader('Content-Encoding', coding);
  }
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const source = createReadStream(file.path, range ? { start: range.start, end: range.end } : {});
  try {
    if (coding === 'identity') await pipeline(source, res);
    else if (coding === 'gzip') await pipeline(source, createGzip({ level: 6 }), res);
    else await pipeline(source, createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }), res);
  } catch {
    // The client went away: nothing more to send.
    res.destroy();
  }
}
