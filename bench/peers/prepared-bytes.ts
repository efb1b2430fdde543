/**
 * The ceilings of dereferencing: servers that only send bytes prepared in advance (the very
 * descriptions our service sent), found by path. `express` is a trivial express route, the
 * ceiling of the framework we build on: express's defaults, except that it does not hash every
 * body it sends into an ETag (that would lower the ceiling); `node-http` is node:http alone.
 *
 *   node dist/bench/peers/prepared-bytes.js <express|node-http> <representations.json>
 *
 * The file holds [{ path, contentType, body }]; the server prints "listening on port N".
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import express from 'express';

export interface PreparedRepresentation {
  readonly path: string;
  readonly contentType: string;
  readonly body: string;
}

interface Prepared { readonly contentType: string; readonly body: Buffer }

function expressServer(prepared: ReadonlyMap<string, Prepared>): Server {
  const app = express();
  app.set('etag', false);
  app.get(/^\/doc\//, (req, res) => {
    const found = prepared.get(req.originalUrl);
    if (!found) {
      res.sendStatus(404);
      return;
    }
    res.type(found.contentType).send(found.body);
  });
  return createServer(app);
}

function nodeHttpServer(prepared: ReadonlyMap<string, Prepared>): Server {
  return createServer((req, res) => {
    const found = req.method === 'GET' ? prepared.get(req.url ?? '') : undefined;
    if (!found) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': found.contentType, 'Content-Length': found.body.length });
    res.end(found.body);
  });
}

const SERVERS = { express: expressServer, 'node-http': nodeHttpServer } as const;

const [kind, file] = process.argv.slice(2);
if (!kind || !(kind in SERVERS) || !file) {
  process.stderr.write(`usage: prepared-bytes.js <${Object.keys(SERVERS).join('|')}> <representations.json>\n`);
  process.exit(2);
}
const prepared = new Map<string, Prepared>();
for (const r of JSON.parse(readFileSync(file, 'utf8')) as PreparedRepresentation[]) {
  prepared.set(r.path, { contentType: r.contentType, body: Buffer.from(r.body) });
}
const server = SERVERS[kind as keyof typeof SERVERS](prepared);
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening on port ${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
