/**
 * A worker thread building a part of the search index (indexing.ts, indexPart) from the texts
 * of a run of sheets given as its workerData; it says how far it is, then gives the part, its
 * arrays moved rather than copied.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { indexPart, type IndexWorkerMessage, type SheetTexts } from './indexing.js';

const say = (message: IndexWorkerMessage, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(message, transfer);
const part = indexPart(workerData as SheetTexts, (done) => say({ type: 'progress', done }));
say({ type: 'done', part }, Object.values(part).flatMap((group) => [group.titles, group.abstracts].flatMap((p) => [p.starts.buffer, p.sheets.buffer, p.posted.buffer] as ArrayBuffer[])));
