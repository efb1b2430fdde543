/**
 * A thread writing some of the dumps' files (and counting the statistics, if asked): it reads
 * the batches of canonical lines the dump worker sends back into subject groups, gives them to
 * its writers in order, says when each batch is written (the dump worker waits when it is far
 * ahead), and at the end closes its files and answers with their sizes, counts and SHA-256.
 * See writer-threads.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { GroupReader, writersHere, type WriterThreadCommand, type WriterThreadInput, type WriterThreadMessage } from './writer-threads.js';

const port = parentPort;
if (!port) throw new Error('writer-thread must run in a worker thread');

const { dir, baseIRI, files, statistics } = workerData as WriterThreadInput;
const writers = writersHere(dir, baseIRI, files, statistics);
const post = (message: WriterThreadMessage) => port.postMessage(message);
const reader = new GroupReader();
let failed = false;
let work = Promise.resolve();

const run = async (command: WriterThreadCommand): Promise<void> => {
  if (command.type === 'groups') {
    for (const group of reader.groups(command.text)) writers.consume(group);
    await writers.drained();
    post({ type: 'written' });
  } else {
    const closed = await writers.close(command.distinctObjects);
    // The dump worker stops this thread once it has the answer.
    post({ type: 'closed', files: closed.files, ...(statistics ? { statistics: closed.statistics } : {}) });
  }
};

port.on('message', (command: WriterThreadCommand) => {
  work = work.then(() => (failed ? undefined : run(command))).catch((error: Error) => {
    failed = true;
    post({ type: 'failed', message: error.stack ?? error.message });
  });
});
