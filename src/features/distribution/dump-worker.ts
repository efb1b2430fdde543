/**
 * The thread that writes a version's dumps: parsing, sorting and writing run here, so that the
 * server's thread keeps answering and its heap stays small. It receives the sources (views on
 * shared memory, not copies), reports its progress, and answers with the manifest.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { writeDumps, type DumpInput } from './dump.js';

const port = parentPort;
if (!port) throw new Error('dump-worker must run in a worker thread');

writeDumps(workerData as DumpInput, (progress) => port.postMessage({ type: 'progress', progress })).then(
  (manifest) => port.postMessage({ type: 'done', manifest }),
  (error: Error) => port.postMessage({ type: 'failed', message: error.stack ?? error.message }),
);
