/**
 * A worker thread that owns one in-memory Oxigraph store. Oxigraph's queries are synchronous and
 * cannot be interrupted, so each store lives in a thread of its own: the HTTP server never
 * waits on it, and a runaway query is stopped by terminating the thread.
 *
 * Its heap holds little besides the store, which keeps loading linear: V8 walks the whole heap
 * each time the WebAssembly memory grows.
 *
 * A store that traps (its memory ceiling reached, its stack overflowed, a panic) is left in an
 * unknown state: Rust's destructors did not run, locks may be held, memory may be overwritten.
 * It must not answer again. The worker reports the failure as fatal, answers every later request
 * the same way, and the embedded store ends the thread and loads a fresh replica.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type oxigraphModule from 'oxigraph';
import { queryForm } from '../queries/query-form.js';
import { importWithBoundedMemory, wasmApi } from './bounded-wasm.js';
import type { FatalReason, WorkerLoadSource, WorkerRequest, WorkerResponse, WorkerSettings } from './worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('oxigraph-worker must run in a worker thread');

function reply(message: WorkerResponse): void {
  port!.postMessage(message);
}

// What the store prints (a panic's message goes to console.error) is for the operator's log.
let printed: string[] = [];
console.error = (...parts: unknown[]) => {
  const message = parts.map(String).join(' ');
  printed.push(message);
  reply({ type: 'log', message });
};

const settings = workerData as WorkerSettings;
const { module: oxigraph, memory } = await importWithBoundedMemory(
  async () => (await import('oxigraph')).default,
  settings.memoryLimitBytes,
);
const store = new oxigraph.Store();
const LOAD_CHUNK = 1 << 20;
let broken: { reason: FatalReason; message: string } | undefined;

/** Errors that mean the store itself failed, not the request: a WebAssembly trap, or the stack. */
function fatalReason(error: unknown): FatalReason | undefined {
  if (error instanceof RangeError) return 'stack';
  if (!(error instanceof wasmApi.RuntimeError)) return undefined;
  if (printed.some((line) => /panicked/.test(line))) return 'panic';
  if (/out of bounds/.test(error.message)) return 'stack';
  // A panic prints its message first; an allocation that failed (memory at its ceiling) aborts without one.
  if (/unreachable/.test(error.message)) return 'memory';
  return 'trap';
}

/** Runs one request's work; a fatal failure marks the store broken and is reported as such. */
function guarded(id: number, work: () => void, onError: (error: Error) => void): void {
  if (broken) {
    reply({ type: 'fatal', id, reason: broken.reason, message: broken.message, memoryBytes: memory() });
    return;
  }
  printed = [];
  try {
    work();
  } catch (error) {
    const reason = fatalReason(error);
    if (reason) {
      broken = { reason, message: [(error as Error).message, ...printed].join(' | ') };
      reply({ type: 'fatal', id, reason, message: broken.message, memoryBytes: memory() });
    } else {
      onError(error as Error);
    }
  }
}

function* chunks(id: number, source: WorkerLoadSource): Generator<Uint8Array> {
  const { bytes } = source;
  for (let offset = 0; offset < bytes.length; offset += LOAD_CHUNK) {
    yield bytes.subarray(offset, Math.min(bytes.length, offset + LOAD_CHUNK));
    reply({ type: 'progress', id, source: source.name, bytesLoaded: Math.min(bytes.length, offset + LOAD_CHUNK), bytesTotal: bytes.length });
  }
}

function load(id: number, sources: readonly WorkerLoadSource[]): void {
  let current = sources[0]?.name ?? 'data';
  guarded(id, () => {
    for (const source of sources) {
      current = source.name;
      store.load(chunks(id, source), {
        format: source.format,
        base_iri: source.baseIRI,
        to_graph_name: source.graph ? oxigraph.namedNode(source.graph) : oxigraph.defaultGraph(),
      });
    }
    reply({ type: 'result', id, value: store.size, memoryBytes: memory() });
  }, (error) => reply({ type: 'error', id, kind: 'load', source: current, message: error.message }));
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
  guarded(request.id, () => {
    // Inside the guard: an IRI the store refuses (a graph's name) is the request's error, not the worker's end.
    const options: Parameters<oxigraphModule.Store['query']>[1] = { results_format: mediaType };
    if (request.baseIRI) options.base_iri = request.baseIRI;
    if (request.defaultGraphs?.length) options.default_graph = request.defaultGraphs.map((iri) => oxigraph.namedNode(iri));
    if (request.namedGraphs?.length) options.named_graphs = request.namedGraphs.map((iri) => oxigraph.namedNode(iri));
    const body = store.query(request.query, options) as string;
    // A string's length in UTF-16 units bounds its UTF-8 size within a factor of three.
    if (request.maxResultBytes !== undefined && body.length > request.maxResultBytes) {
      reply({ type: 'error', id: request.id, kind: 'too-large', message: 'result too large', limit: request.maxResultBytes });
      return;
    }
    const kind = isGraph ? 'graph' : form === 'ASK' ? 'boolean' : 'solutions';
    const value = request.asBytes ? { kind, mediaType, body: '', bytes: sharedBytes(body) } : { kind, mediaType, body };
    reply({ type: 'result', id: request.id, value, memoryBytes: memory() });
  }, (error) => reply({ type: 'error', id: request.id, kind: SYNTAX_ERROR.test(error.message) ? 'syntax' : 'evaluation', message: error.message }));
}

port.on('message', (request: WorkerRequest) => {
  switch (request.type) {
    case 'load': return load(request.id, request.sources);
    case 'query': return query(request);
    case 'update':
      return guarded(request.id, () => {
        store.update(request.update, request.baseIRI ? { base_iri: request.baseIRI } : undefined);
        reply({ type: 'result', id: request.id, value: store.size, memoryBytes: memory() });
      }, (error) => reply({ type: 'error', id: request.id, kind: 'evaluation', message: error.message }));
    case 'dump':
      return guarded(request.id, () => {
        // Graph formats hold one graph: the default graph, where the published data lives.
        const isDataset = request.format === 'application/n-quads' || request.format === 'application/trig';
        const options = isDataset ? { format: request.format } : { format: request.format, from_graph_name: oxigraph.defaultGraph() };
        reply({ type: 'result', id: request.id, value: store.dump(options), memoryBytes: memory() });
      }, (error) => reply({ type: 'error', id: request.id, kind: 'evaluation', message: error.message }));
    case 'size':
      return guarded(request.id, () => reply({ type: 'result', id: request.id, value: store.size, memoryBytes: memory() }), () => {});
  }
});
reply({ type: 'ready', memoryBytes: memory() });
