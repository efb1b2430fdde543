/**
 * The thread that writes a version's dumps: reading, sorting and writing run here, so that the
 * server's thread keeps answering and its heap stays small. It receives the sources (views on
 * shared memory, not copies), asks for the published graph's blocks a slice at a time (the
 * server's thread holds them), is told the store's count of distinct objects when the store has
 * it, reports its progress, and answers with the manifest.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { writeDumps } from './dump.js';
import type { ParentMessage, WorkerInput, WorkerMessage } from './dumps.js';
import { blocksInOrder } from './published.js';

const port = parentPort;
if (!port) throw new Error('dump-worker must run in a worker thread');

const { input, things } = workerData as WorkerInput;
const post = (message: WorkerMessage) => port.postMessage(message);
const waiting: ((blocks: readonly string[]) => void)[] = [];
let countedByStore: (count: number) => void = () => {};
const distinctObjects = new Promise<number>((resolve) => { countedByStore = resolve; });
port.on('message', (message: ParentMessage) => {
  if (message.type === 'blocks') waiting.shift()?.(message.blocks);
  else countedByStore(message.count);
});
const published = things && blocksInOrder(things, (indices) => new Promise((resolve) => {
  waiting.push(resolve);
  post({ type: 'blocks', indices });
}));

writeDumps(input, { published, distinctObjects, onProgress: (progress) => post({ type: 'progress', progress }) }).then(
  (manifest) => post({ type: 'done', manifest }),
  (error: Error) => post({ type: 'failed', message: error.stack ?? error.message }),
);
