/**
 * A worker thread building a part of the search index (indexing.ts, IndexPart) from the texts of
 * a run of sheets given as its workerData: it says how far it is, then gives its counts; told
 * where, it writes its postings into the index's shared arrays, and gives the sheets it posted.
 * Its arrays are moved rather than copied.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { IndexPart, type IndexWorkerMessage, type PartTargets, type SheetTexts } from './indexing.js';

const say = (message: IndexWorkerMessage, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(message, transfer);
const part = new IndexPart(workerData as SheetTexts, (done) => say({ type: 'progress', done }));
parentPort!.once('message', (targets: PartTargets) => {
  const posted = part.write(targets);
  say({ type: 'written', posted }, Object.values(posted).flatMap((fields) => [fields.titles.buffer, fields.abstracts.buffer] as ArrayBuffer[]));
});
const counts = part.counts();
say({ type: 'counted', counts }, Object.values(counts).flatMap((group) => [group.titles.buffer, group.abstracts.buffer] as ArrayBuffer[]));
