/**
 * A worker thread that owns one in-memory Oxigraph store. Oxigraph's queries are synchronous and
 * cannot be interrupted, so each store lives in a thread of its own: the HTTP server never
 * waits on it, and a runaway query is stopped by terminating the thread.
 *
 * Its heap holds little besides the store, which keeps loading linear: V8 walks the whole heap
 * each time the WebAssembly memory grows.
 */
import { parentPort } from 'node:worker_threads';
import oxigraph from 'oxigraph';
import { queryForm } from '../queries/query-form.js';
import type { SnapshotPart, WorkerLoadSource, WorkerRequest, WorkerResponse } from './worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('oxigraph-worker must run in a worker thread');

const store = new oxigraph.Store();
const LOAD_CHUNK = 1 << 20;

function reply(message: WorkerResponse): void {
  port!.postMessage(message);
}

function* chunks(id: number, source: WorkerLoadSource): Generator<Uint8Array> {
  const { bytes } = source;
  for (let offset = 0; offset < bytes.length; offset += LOAD_CHUNK) {
    yield bytes.subarray(offset, Math.min(bytes.length, offset + LOAD_CHUNK));
    reply({ type: 'progress', id, source: source.name, bytesLoaded: Math.min(bytes.length, offset + LOAD_CHUNK), bytesTotal: bytes.length });
  }
}

function load(id: number, parts: readonly SnapshotPart[]): void {
  for (const source of parts) {
    try {
      // Oxigraph gives the blank nodes of every load fresh labels: what links to the data's
      // blank nodes is added by an update, which sees them as they are.
      if ('update' in source) {
        store.update(source.update, { base_iri: source.baseIRI });
        continue;
      }
      store.load(chunks(id, source), {
        format: source.format,
        base_iri: source.baseIRI,
        to_graph_name: source.graph ? oxigraph.namedNode(source.graph) : oxigraph.defaultGraph(),
      });
    } catch (error) {
      reply({ type: 'error', id, kind: 'load', source: source.name, message: (error as Error).message });
      return;
    }
  }
  reply({ type: 'result', id, value: store.size });
}

/** A string's UTF-8 bytes in shared memory: posted to the main thread without a copy on its heap. */
function sharedBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(new SharedArrayBuffer(Buffer.byteLength(text, 'utf8')));
  Buffer.from(bytes.buffer, 0, bytes.length).write(text, 'utf8');
  return bytes;
}

/** Oxigraph reports syntax errors as "error at line:column: …". */
const SYNTAX_ERROR = /^error at \d+:\d+/;

function query(request: Extract<WorkerRequest, { type: 'query' }>): void {
  const form = queryForm(request.query);
  const isGraph = form === 'CONSTRUCT' || form === 'DESCRIBE';
  const mediaType = isGraph ? request.graphFormat : request.solutionsFormat;
  const options: Parameters<oxigraph.Store['query']>[1] = { results_format: mediaType };
  if (request.baseIRI) options.base_iri = request.baseIRI;
  if (request.defaultGraphs?.length) options.default_graph = request.defaultGraphs.map((iri) => oxigraph.namedNode(iri));
  if (request.namedGraphs?.length) options.named_graphs = request.namedGraphs.map((iri) => oxigraph.namedNode(iri));
  try {
    const body = store.query(request.query, options) as string;
    // A string's length in UTF-16 units bounds its UTF-8 size within a factor of three.
    if (request.maxResultBytes !== undefined && body.length > request.maxResultBytes) {
      reply({ type: 'error', id: request.id, kind: 'too-large', message: 'result too large', limit: request.maxResultBytes });
      return;
    }
    const kind = isGraph ? 'graph' : form === 'ASK' ? 'boolean' : 'solutions';
    if (request.asBytes) {
      reply({ type: 'result', id: request.id, value: { kind, mediaType, body: '', bytes: sharedBytes(body) } });
      return;
    }
    reply({ type: 'result', id: request.id, value: { kind, mediaType, body } });
  } catch (error) {
    const message = (error as Error).message;
    reply({ type: 'error', id: request.id, kind: SYNTAX_ERROR.test(message) ? 'syntax' : 'evaluation', message });
  }
}

port.on('message', (request: WorkerRequest) => {
  switch (request.type) {
    case 'load': return load(request.id, request.sources);
    case 'query': return query(request);
    case 'dump':
      try {
        // Graph formats hold one graph: the default graph, where the published data lives.
        const isDataset = request.format === 'application/n-quads' || request.format === 'application/trig';
        const options = isDataset ? { format: request.format } : { format: request.format, from_graph_name: oxigraph.defaultGraph() };
        return reply({ type: 'result', id: request.id, value: store.dump(options) });
      } catch (error) {
        return reply({ type: 'error', id: request.id, kind: 'evaluation', message: (error as Error).message });
      }
    case 'size': return reply({ type: 'result', id: request.id, value: store.size });
  }
});
reply({ type: 'ready' });
