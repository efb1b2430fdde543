/**
 * A worker thread building a part of the search index (indexing.ts, IndexPart) from the texts of
 * a run of sheets given as its workerData: it says how far it is, then gives its counts; told
 * where, it writes its postings into the index's shared arrays, and gives the sheets it posted.
 * Its arrays are moved rather than copied.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { IndexPart, type Fields, type IndexWorkerMessage, type PartTargets, type SheetTexts } from './indexing.js';

const say = (message: IndexWorkerMessage, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(message, transfer);
/** The buffers of each group's arrays, moved with the message. */
const buffersOf = (groups: Record<string, Fields<Int32Array>>): ArrayBuffer[] => Object.values(groups).flatMap((fields) => [fields.titles.buffer, fields.abstracts.buffer] as ArrayBuffer[]);
const part = new IndexPart(workerData as SheetTexts, (done) => say({ type: 'progress', done }));
parentPort!.once('message', (targets: PartTargets) => {
  const posted = part.write(targets);
  say({ type: 'written', posted }, buffersOf(posted));
});
const counts = part.counts();
say({ type: 'counted', counts }, buffersOf(counts));
