/**
 * The files' writers and the statistics, on threads of their own beside the thread that reads,
 * sorts and merges the canonical form. Measured at 1M triples, writing a format (spelling the
 * text, encoding it, hashing the file) and counting the statistics took two fifths of the one
 * thread's time while the machine's other core waited; now the reading thread sends the groups'
 * statements in batches of whole groups (see GroupReader), and each writer thread reads them
 * back into the same groups, in the same order, which its writers and the statistics consume as
 * they did on the one thread: the same bytes. The reading waits while a thread has more than a
 * few batches to write, so memory stays bounded. Each thread hashes its own files once they are
 * complete.
 */
import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { join } from 'node:path';
import { allPrefixes, citegoNamespaces } from '../../rdf/namespaces.js';
import { siblingModule, workerTask, type WorkerTask } from '../../store/worker-start.js';
import { recordOf, type CanonicalRecord, type SubjectGroup } from './canonical.js';
import { tableWriters } from './csv-tables.js';
import { jsonLdWriter, nQuadsWriter, nTriplesWriter, turtleWriter, type DumpWriter } from './rdf-writers.js';
import { StatisticsCollector, type DatasetStatistics } from './statistics.js';

/**
 * The young generation, where V8 puts new objects, of the threads that read and write the dumps:
 * writing makes a few short-lived strings and records per triple, while the groups of a slice
 * and the text waiting for the disk stay alive a moment; with V8's default (16 MB semi-spaces)
 * each collection of it copied much of that, and collections took a quarter of the dump's time
 * at 1M triples. 384 MB (128 MB semi-spaces) made them a third as long; the memory is the same
 * whatever the size of the data.
 */
export const WRITING_YOUNG_MB = 384;

/** A file written, as the manifest lists it. */
export interface DumpFile {
  /** Its path under the download directory, e.g. `citego.nt.gz`, `csv/documents.csv`, `sources/actors.ttl`. */
  readonly file: string;
  readonly bytes: number;
  /** Triples (RDF), rows (tables); absent for descriptions of the tables. */
  readonly count?: number;
  readonly sha256: string;
}

/** What the dumps' groups are given to: the writers of the files asked for, and the statistics. */
export interface GroupConsumers {
  consume(group: SubjectGroup): void;
  /** Waits while the writing has fallen behind. */
  drained(): Promise<void>;
  /** Ends the files: each with its size, count and SHA-256; and the statistics, if counted here. */
  close(distinctObjects: Promise<number> | number): Promise<{ files: DumpFile[]; statistics?: DatasetStatistics }>;
  /** Stops the writing after a failure elsewhere. */
  stop(): void;
}

export async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** A complete file's summary; `count` when it counts something. */
export async function writtenFile(dir: string, file: string, count?: number): Promise<DumpFile> {
  const path = join(dir, file);
  return { file, bytes: statSync(path).size, ...(count === undefined ? {} : { count }), sha256: await sha256Of(path) };
}

/** The writers of the files asked for among the dumps and the tables, into `dir` (its csv/ directory made). */
export function dumpWriters(dir: string, baseIRI: string, files: readonly string[]): DumpWriter[] {
  const path = (file: string) => join(dir, file);
  const wanted = (file: string) => files.includes(file);
  const prefixes = allPrefixes(baseIRI);
  const nTriples = wanted('citego.nt.gz') ? nTriplesWriter('citego.nt.gz', path('citego.nt.gz')) : undefined;
  return [
    ...(nTriples ? [nTriples] : []),
    ...(wanted('citego.nq.gz') ? [nQuadsWriter('citego.nq.gz', path('citego.nq.gz'), nTriples)] : []),
    ...(wanted('citego.ttl') ? [turtleWriter('citego.ttl', path('citego.ttl'), prefixes)] : []),
    ...(wanted('citego.jsonld') ? [jsonLdWriter('citego.jsonld', path('citego.jsonld'), prefixes)] : []),
    ...tableWriters((file) => path(`csv/${file}`), citegoNamespaces(baseIRI).citego, thingSpaceOf(baseIRI), prefixes).filter((w) => wanted(w.file)),
  ];
}

/** The namespace of the things of the data. */
export const thingSpaceOf = (baseIRI: string) => new URL('id/', baseIRI).href;

export const statisticsCollector = (baseIRI: string) => new StatisticsCollector(new URL('id/scheme/atlas', baseIRI).href, thingSpaceOf(baseIRI));

/**
 * The writers and the statistics (unless `counting` is false: they are counted elsewhere) on
 * this thread: the reference the writer threads give the same bytes as.
 */
export function writersHere(dir: string, baseIRI: string, files: readonly string[], counting = true): GroupConsumers {
  const writers = dumpWriters(dir, baseIRI, files);
  const statistics = statisticsCollector(baseIRI);
  return {
    consume: (group) => {
      if (counting) statistics.consume(group);
      for (const writer of writers) writer.consume(group);
    },
    drained: async () => { await Promise.all(writers.map((w) => w.drained())); },
    close: async (distinctObjects) => {
      await Promise.all(writers.map((w) => w.close()));
      const written = await Promise.all(writers.map((w) => writtenFile(dir, w.file, w.count())));
      return { files: written, ...(counting ? { statistics: statistics.result(await distinctObjects) } : {}) };
    },
    stop: () => {},
  };
}

/** The files written, in the order of `files`. */
export const orderedAs = (files: readonly string[], written: readonly DumpFile[]) =>
  files.flatMap((file) => written.filter((w) => w.file === file));

/** What a writer thread starts with: where and which files it writes, and whether it counts the statistics. */
export interface WriterThreadInput {
  readonly dir: string;
  readonly baseIRI: string;
  readonly files: readonly string[];
  readonly statistics: boolean;
}

/** What a writer thread is told: a batch of groups' lines, or that they have all come. */
export type WriterThreadCommand =
  | { type: 'groups'; text: string }
  | { type: 'close'; distinctObjects: number };

/** What a writer thread says: a batch written, its end, or its failure. */
export type WriterThreadMessage =
  | { type: 'written' }
  | { type: 'closed'; files: DumpFile[]; statistics?: DatasetStatistics }
  | { type: 'failed'; message: string };

/**
 * The groups' text read back as groups, batch after batch: each line a statement (`s p o`) of
 * the graph named by the last line starting with a tab (`<TAB>graph`; the default graph until
 * one comes); consecutive statements of the same subject and graph are a group. Cheaper to
 * write than a graph on every line: the reading thread only joins the statements it holds.
 */
export class GroupReader {
  private graph = '';

  *groups(text: string): Generator<SubjectGroup> {
    const lines = text.split('\n');
    let subject = '';
    let records: CanonicalRecord[] = [];
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (line.charCodeAt(0) === 9 /* tab */) {
        if (records.length > 0) yield { graph: this.graph, subject, records };
        records = [];
        subject = '';
        this.graph = line.slice(1);
        continue;
      }
      // A subject is an IRI or a blank node label: neither holds a space.
      const subjectLength = line.indexOf(' ');
      // Taken out and compared whole: faster than startsWith (measured), and a new group keeps it.
      const lineSubject = line.slice(0, subjectLength);
      if (lineSubject !== subject) {
        if (records.length > 0) yield { graph: this.graph, subject, records };
        records = [];
        subject = lineSubject;
      }
      records.push(recordOf(line, subjectLength));
    }
    if (records.length > 0) yield { graph: this.graph, subject, records };
  }
}

/** Characters of lines sent to the writer threads at once, always whole groups. */
const BATCH_CHARS = 1 << 20;
/** Batches a thread may have to write before the reading waits for it. */
const BATCHES_AHEAD = 4;

interface WriterThread {
  readonly task: WorkerTask<Extract<WriterThreadMessage, { type: 'closed' }>>;
  ahead: number;
}

/**
 * The writers and the statistics (if `counting`, on the first) on threads of their own, one per
 * part of `parts` (the files it writes): every thread is sent every group.
 */
export function writerThreads(dir: string, baseIRI: string, parts: readonly (readonly string[])[], counting: boolean): GroupConsumers {
  let failure: Error | undefined;
  let wake: () => void = () => {};
  const fail = (error: Error) => {
    failure ??= error;
    wake();
  };
  const threads = parts.map((files, index): WriterThread => {
    const input: WriterThreadInput = { dir, baseIRI, files, statistics: counting && index === 0 };
    const thread: WriterThread = {
      ahead: 0,
      task: workerTask(siblingModule(import.meta.url, 'writer-thread'), input, {
        name: 'a dump writer thread', workerOptions: { resourceLimits: { maxYoungGenerationSizeMb: WRITING_YOUNG_MB } },
        onMessage: (message: WriterThreadMessage, task) => {
          if (message.type === 'written') {
            thread.ahead--;
            wake();
          } else if (message.type === 'closed') {
            task.finish(message);
          } else {
            task.fail(new Error(message.message));
          }
        },
      }),
    };
    // A failure is reported by the reading, which waits for the threads.
    thread.task.answer.catch(fail);
    return thread;
  });
  let lines: string[] = [];
  let chars = 0;
  let lastGraph = '';
  const send = () => {
    if (lines.length === 0) return;
    const command: WriterThreadCommand = { type: 'groups', text: lines.join('\n') };
    lines = [];
    chars = 0;
    for (const thread of threads) {
      thread.ahead++;
      thread.task.tell(command);
    }
  };
  const stop = () => { for (const thread of threads) thread.task.fail(new Error('the dump\'s writing was stopped')); };
  return {
    consume: (group) => {
      const { graph, records } = group;
      if (graph !== lastGraph) lines.push(`\t${lastGraph = graph}`);
      for (let i = 0; i < records.length; i++) {
        const statement = records[i]!.statement;
        lines.push(statement);
        chars += statement.length;
      }
      if (chars >= BATCH_CHARS) send();
    },
    drained: async () => {
      while (!failure && threads.some((t) => t.ahead > BATCHES_AHEAD)) await new Promise<void>((resolve) => { wake = resolve; });
      if (failure) throw failure;
    },
    close: async (distinctObjects) => {
      send();
      const command: WriterThreadCommand = { type: 'close', distinctObjects: await distinctObjects };
      for (const thread of threads) thread.task.tell(command);
      const closed = await Promise.all(threads.map((t) => t.task.answer));
      const statistics = closed[0]?.statistics;
      return { files: closed.flatMap((c) => c.files), ...(statistics ? { statistics } : {}) };
    },
    stop,
  };
}

/** Both consumers of the groups, each given every group: the writers here and those on threads, say. */
export function bothConsumers(first: GroupConsumers, second: GroupConsumers): GroupConsumers {
  return {
    consume: (group) => {
      first.consume(group);
      second.consume(group);
    },
    drained: async () => { await Promise.all([first.drained(), second.drained()]); },
    close: async (distinctObjects) => {
      const [a, b] = await Promise.all([first.close(distinctObjects), second.close(distinctObjects)]);
      const statistics = a.statistics ?? b.statistics;
      return { files: [...a.files, ...b.files], ...(statistics ? { statistics } : {}) };
    },
    stop: () => {
      first.stop();
      second.stop();
    },
  };
}
