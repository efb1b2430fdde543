/**
 * Cross-origin access: the data is open, so any origin may read it, with the headers a client
 * needs to follow links and revalidate.
 */
import type { NextFunction, Request, Response } from 'express';

const EXPOSED = 'ETag, Last-Modified, Link, Content-Location, Vary, Retry-After, Location';

export function openCors(methods: readonly string[]) {
  const allowed = [...new Set([...methods, 'OPTIONS'])].join(', ');
  return (req: Request, res: Response, next: NextFunction): void => {
    res.set('Access-Control-Allow-Origin', '*');
    res.set('Access-Control-Expose-Headers', EXPOSED);
    if (req.method === 'OPTIONS') {
      res.set('Access-Control-Allow-Methods', allowed);
      res.set('Access-Control-Allow-Headers', req.get('access-control-request-headers') ?? 'Accept, Content-Type, If-None-Match');
      res.set('Access-Control-Max-Age', '86400');
      res.status(204).end();
      return;
    }
    next();
  };
}
