/**
 * A second SPARQL endpoint started by a test on loopback: Oxigraph behind node:http, enough of
 * the protocol for federation (GET and POST, JSON and XML results), recording what it was asked.
 */
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import oxigraph from 'oxigraph';

export interface RemoteEndpoint {
  readonly url: string;
  /** The queries received, in order. */
  readonly received: string[];
  /** Make every further request fail with this HTTP status (0: answer normally). */
  failWith(status: number): void;
  /** Answer every further request only after this many milliseconds. */
  delay(ms: number): void;
  close(): Promise<void>;
}

export async function startRemoteEndpoint(ntriplesFile: string): Promise<RemoteEndpoint> {
  const store = new oxigraph.Store();
  store.load(readFileSync(ntriplesFile, 'utf8'), { format: 'application/n-triples' });
  const received: string[] = [];
  let failure = 0;
  let delayMs = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => setTimeout(() => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const body = Buffer.concat(chunks).toString('utf8');
      const type = req.headers['content-type'] ?? '';
      const query = url.searchParams.get('query')
        ?? (type.includes('application/sparql-query') ? body : new URLSearchParams(body).get('query'));
      if (!query) {
        res.writeHead(200, { 'content-type': 'text/turtle' }).end('');
        return;
      }
      received.push(query);
      if (failure) {
        res.writeHead(failure, { 'content-type': 'text/plain' }).end('the remote endpoint is out of order');
        return;
      }
      const accept = req.headers.accept ?? '';
      const isGraph = /^\s*(PREFIX[^\n]*\n\s*)*(CONSTRUCT|DESCRIBE)/i.test(query);
      const format = isGraph ? 'application/n-triples'
        : accept.includes('sparql-results+json') || !accept.includes('xml') ? 'application/sparql-results+json' : 'application/sparql-results+xml';
      try {
        const result = store.query(query, { results_format: format }) as string;
        res.writeHead(200, { 'content-type': format }).end(result);
      } catch (error) {
        res.writeHead(400, { 'content-type': 'text/plain' }).end((error as Error).message);
      }
    }, delayMs));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/sparql`,
    received,
    failWith: (status) => { failure = status; },
    delay: (ms) => { delayMs = ms; },
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
