/**
 * Cross-origin access, one policy for every route: the data is open, so any origin may read it
 * with the methods the service accepts (GET and HEAD, and POST for the SPARQL protocol) and read
 * the headers a client needs to follow links and revalidate. The service applies it to every
 * request before any route sees it, so a preflight is answered whatever the path, including the
 * routes still to come.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

const METHODS = 'GET, HEAD, POST, OPTIONS';
const EXPOSED = 'ETag, Last-Modified, Link, Content-Location, Vary, Retry-After, Location, Server-Timing';

/** Sets the CORS headers; answers an OPTIONS request itself (true), else lets the routes answer (false). */
export function applyCors(req: IncomingMessage, res: ServerResponse): boolean {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Expose-Headers', EXPOSED);
  if (req.method !== 'OPTIONS') return false;
  res.setHeader('Allow', METHODS);
  if (req.headers['access-control-request-method'] !== undefined) {
    res.setHeader('Access-Control-Allow-Methods', METHODS);
    res.setHeader('Access-Control-Allow-Headers', req.headers['access-control-request-headers'] ?? 'Accept, Content-Type, If-None-Match');
    res.setHeader('Access-Control-Max-Age', '86400');
  }
  res.statusCode = 204;
  res.end();
  return true;
}
