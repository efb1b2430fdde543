/**
 * The thread that writes a version's dumps: reading and sorting run here, and the writing on
 * threads this one starts (see writer-threads.ts), so that the server's thread keeps answering
 * and its heap stays small. It receives the sources (views on
 * shared memory, not copies), asks for the published graph's blocks a slice at a time (the
 * server's thread holds them), is given the store's answers (the quads holding blank nodes, the
 * count of distinct objects) when the store has them, reports its progress, and answers with the
 * manifest.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { writeDumps } from './dump.js';
import type { ParentMessage, WorkerInput, WorkerMessage } from './dumps.js';
import { blocksInOrder, type PublishedSlice } from './published.js';

const port = parentPort;
if (!port) throw new Error('dump-worker must run in a worker thread');

const { input, things } = workerData as WorkerInput;
const post = (message: WorkerMessage) => port.postMessage(message);
const waiting: ((slice: PublishedSlice) => void)[] = [];
let countedByStore: (count: number) => void = () => {};
const distinctObjects = new Promise<number>((resolve) => { countedByStore = resolve; });
let answeredByStore: (results: readonly Uint8Array[]) => void = () => {};
const blankNodeQuads = new Promise<readonly Uint8Array[]>((resolve) => { answeredByStore = resolve; });
port.on('message', (message: ParentMessage) => {
  switch (message.type) {
    case 'blocks': return waiting.shift()?.(message.slice);
    case 'blank-node-quads': return answeredByStore(message.results);
    case 'distinct-objects': return countedByStore(message.count);
  }
});
const published = things && blocksInOrder(things, (indices) => new Promise((resolve) => {
  waiting.push(resolve);
  post({ type: 'blocks', indices });
}));

writeDumps(input, { published, blankNodeQuads, distinctObjects, onProgress: (progress) => post({ type: 'progress', progress }) }).then(
  (manifest) => post({ type: 'done', manifest }),
  (error: Error) => post({ type: 'failed', message: error.stack ?? error.message }),
);
