/**
 * The dumps of the version being served: written once per version in a worker thread, into a
 * directory of their own named after the version, and kept there across restarts (the same data
 * finds its dumps already written, byte for byte). A version's files are written in a temporary
 * directory that is renamed into place only when complete: a half-written file is never served.
 * Older versions' directories are removed once the new one is in place.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { basename, join } from 'node:path';
import type { SourceFile } from '../../build/build.js';
import type { ReadyStatus } from '../../build/state.js';
import type { QueryCatalogue } from '../../queries/catalogue.js';
import type { ParsedMediaType } from '../../rdf/formats.js';
import { siblingModule, workerTask } from '../../store/worker-start.js';
import type { DumpInput, DumpManifest, DumpProgress, DumpSource } from './dump.js';
import { sliceOf, type PublishedSlice } from './published.js';
import { WRITING_YOUNG_MB } from './writer-threads.js';

export type DumpsStatus =
  | { readonly phase: 'preparing'; readonly version: string; readonly progress?: DumpProgress }
  | { readonly phase: 'ready'; readonly version: string; readonly dir: string; readonly manifest: DumpManifest }
  | { readonly phase: 'failed'; readonly version: string; readonly reason: string };

/** What the dump worker says: its progress, a request for blocks of the published graph, its end. */
export type WorkerMessage =
  | { type: 'progress'; progress: DumpProgress }
  | { type: 'blocks'; indices: Int32Array }
  | { type: 'done'; manifest: DumpManifest }
  | { type: 'failed'; message: string };

/** What the dump worker is told after it starts: blocks it asked for, and the store's answers as they come. */
export type ParentMessage =
  | { type: 'blocks'; slice: PublishedSlice }
  | { type: 'blank-node-quads'; results: readonly Uint8Array[] }
  | { type: 'distinct-objects'; count: number };

/** What the dump worker starts with: its input, and the things of the published graph whose blocks it may ask for. */
export interface WorkerInput {
  readonly input: DumpInput;
  readonly things?: readonly string[];
}

/** The published graph of a version, thing by thing: each thing with its block of N-Triples. */
export type PublishedGraph = readonly (readonly [thing: string, block: string])[];

export interface DumpSettings {
  readonly root: string;
  readonly baseIRI: string;
  readonly dataset: string;
  readonly licence: { readonly iri: string; readonly title: string };
  readonly queries: QueryCatalogue;
  /** The published graph as a version (a sourcesVersion) was built from, while the publisher still holds it. */
  readonly publishedGraph?: (version: string) => PublishedGraph | undefined;
}

/**
 * What the files are written with beyond the data: bumped when a change to the writers changes
 * the bytes of the same data, so that dumps kept from an older release are written again.
 */
const DUMP_LAYOUT = 3;

/** The directory of a version's dumps: the data's version, and what else goes into the files. */
export function dumpDirectoryName(version: string, settings: DumpSettings): string {
  const extra = createHash('sha256').update(`${DUMP_LAYOUT}\n${settings.licence.iri}\n${settings.licence.title}`).digest('base64url').slice(0, 8);
  return `${version}-${extra}`;
}

/** The date a version's files carry: when the data last changed, to the second. */
export function versionDate(ready: ReadyStatus): string {
  return ready.dataModified.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * A version's dumps to write: their input, the published graph they take the data from (if
 * any), and the store's answers that the writing waits for only when it needs them: the quads
 * holding blank nodes, and the count of distinct objects.
 */
export interface DumpJob {
  readonly input: DumpInput;
  readonly published?: PublishedGraph;
  readonly blankNodeQuads: Promise<readonly Uint8Array[]>;
  readonly distinctObjects: Promise<number>;
}

/**
 * Writes a version's dumps into `input.dir` in a worker thread; resolves with the manifest. The
 * worker asks for the published graph's blocks a slice at a time, and is told the store's count
 * of distinct objects when the store has it. `signal` stops the worker.
 */
export function writeDumpsInWorker(job: DumpJob, onProgress?: (progress: DumpProgress) => void, signal?: AbortSignal): Promise<DumpManifest> {
  const workerInput: WorkerInput = { input: job.input, things: job.published?.map(([thing]) => thing) };
  const task = workerTask<DumpManifest, WorkerMessage>(siblingModule(import.meta.url, 'dump-worker'), workerInput, {
    name: 'the dump worker', signal, workerOptions: { resourceLimits: { maxYoungGenerationSizeMb: WRITING_YOUNG_MB } },
    onMessage: (message, task) => {
      switch (message.type) {
        case 'progress': return onProgress?.(message.progress);
        case 'blocks': return task.tell({ type: 'blocks', slice: sliceOf(Array.from(message.indices, (i) => job.published![i]![1])) } satisfies ParentMessage);
        case 'done': return task.finish(message.manifest);
        case 'failed': return task.fail(new Error(message.message));
      }
    },
  });
  job.blankNodeQuads.then((results) => task.tell({ type: 'blank-node-quads', results } satisfies ParentMessage), task.fail);
  job.distinctObjects.then((count) => task.tell({ type: 'distinct-objects', count } satisfies ParentMessage), task.fail);
  return task.answer;
}

/** Runs a query of the catalogue on the version's store; its answer as SPARQL JSON results in shared memory. */
async function resultBytes(ready: ReadyStatus, query: string): Promise<Uint8Array> {
  const result = await ready.store.query(query, { solutions: 'application/sparql-results+json', graph: 'application/n-triples' }, { asBytes: true, timeoutMs: 600_000 });
  if (!result.bytes) throw new Error('the store did not answer as bytes');
  return result.bytes;
}

/** Formats that hold triples only: data read from them is all in the default graph, as the published graph holds it. */
const TRIPLE_FORMATS: ReadonlySet<ParsedMediaType> = new Set<ParsedMediaType>(['text/turtle', 'application/n-triples']);

/** The data the publisher keeps as its published graph: what the store was loaded with in the default graph, but the computed parts. */
const isData = (source: SourceFile) => source.graph === undefined && !source.computed;

/**
 * The dump job of a version: everything the store was loaded with (the data taken from the
 * published graph when the publisher still holds the version's and it was read from triples
 * only, else parsed again), and the store's answers, asked for at once and given to the writing
 * as they come: the quads holding blank nodes as the store holds them (read only from the graphs
 * the build found blank nodes in), and the count of distinct objects, which the store gives
 * faster than text can be compared.
 */
export function dumpJob(ready: ReadyStatus, settings: DumpSettings, dir: string): DumpJob {
  const distinctObjects = ready.store.select(settings.queries.get('distinct-objects'), { timeoutMs: 600_000 })
    .then(([row]) => Number(row?.objects?.value ?? 0));
  const graphs = ready.build.blankNodeGraphs;
  const named = graphs.filter((g) => g !== '');
  const blankNodeQuads = Promise.all([
    ...(graphs.includes('') ? [resultBytes(ready, settings.queries.get('blank-node-quads'))] : []),
    // A graph named by a blank node has no name to ask for: then every graph is read.
    ...(named.length > 0 ? [resultBytes(ready, settings.queries.get('blank-node-quads-in-graphs').replace(/VALUES \?g \{ <urn:x-citego:graphs> \}/,
      named.includes('*') ? '' : `VALUES ?g { ${named.map((g) => `<${g}>`).join(' ')} }`))] : []),
  ]);
  // A failure is reported by the writing that waits for the answer; until then it is not unhandled.
  for (const answer of [distinctObjects, blankNodeQuads]) answer.catch(() => {});
  const published = ready.sources.filter(isData).every((s) => TRIPLE_FORMATS.has(s.format)) ? settings.publishedGraph?.(ready.sourcesVersion) : undefined;
  const loaded = new Set(ready.sources);
  const reading = (source: SourceFile): DumpSource['reading'] =>
    (source.canonical ? 'canonical' : source.computed ? 'lines' : published && isData(source) ? 'counted' : 'parse');
  const input: DumpInput = {
    sources: [
      ...ready.sources.map((s): DumpSource => ({
        name: s.name, bytes: s.bytes, format: s.format, graph: s.graph, reading: reading(s), statements: s.statements,
        publishedAs: ready.dataFiles.includes(s) ? basename(s.name) : undefined,
      })),
      // A version built from the published graph was loaded from it, not from the files: they are published as read.
      ...ready.dataFiles.filter((f) => !loaded.has(f)).map((f): DumpSource => ({
        name: f.name, bytes: f.bytes, format: f.format, reading: 'counted', statements: f.statements, publishedAs: basename(f.name),
      })),
    ],
    baseIRI: settings.baseIRI, dataset: settings.dataset, licence: settings.licence, modified: versionDate(ready), dir,
  };
  return { input, published, blankNodeQuads, distinctObjects };
}

export class Dumps {
  private current: DumpsStatus | undefined;
  /** Stops the writing under way when the service closes. */
  private readonly closing = new AbortController();

  constructor(private readonly settings: DumpSettings) {}

  /** Stops writing: the files under way are left out, and nothing more is written. */
  close(): void {
    this.closing.abort(new Error('the service is closing'));
  }

  /**
   * The dumps of this version's sources: ready, or being prepared (started here on the first
   * call). Keyed on sourcesVersion: a curator's write leaves them as they are until the store is
   * rebuilt with it, rather than write files that would not hold it.
   */
  of(ready: ReadyStatus): DumpsStatus {
    if (this.current?.version !== ready.sourcesVersion) this.prepare(ready);
    return this.current!;
  }

  private prepare(ready: ReadyStatus): void {
    const version = ready.sourcesVersion;
    const name = dumpDirectoryName(version, this.settings);
    const dir = join(this.settings.root, name);
    const manifestPath = join(dir, 'manifest.json');
    if (existsSync(manifestPath)) {
      this.current = { phase: 'ready', version, dir, manifest: JSON.parse(readFileSync(manifestPath, 'utf8')) as DumpManifest };
      this.removeOthers(name);
      return;
    }
    this.current = { phase: 'preparing', version };
    mkdirSync(this.settings.root, { recursive: true });
    const partial = join(this.settings.root, `.${name}.${process.pid}.${Date.now()}`);
    const { signal } = this.closing;
    Promise.resolve().then(() => writeDumpsInWorker(dumpJob(ready, this.settings, partial), (progress) => {
      if (this.current?.version === version && this.current.phase === 'preparing') this.current = { phase: 'preparing', version, progress };
    }, signal)).then((manifest) => {
      // Another process serving the same data may have put the same files in place first.
      if (existsSync(manifestPath)) rmSync(partial, { recursive: true, force: true });
      else renameSync(partial, dir);
      if (this.current?.version === version) this.current = { phase: 'ready', version, dir, manifest };
      this.removeOthers(name);
    }, (error: Error) => {
      rmSync(partial, { recursive: true, force: true });
      // A service that closes stops its writing (and its store): that is no failure to report.
      if (signal.aborted) return;
      console.error(`the dumps of version ${version} could not be written:`, error);
      if (this.current?.version === version) this.current = { phase: 'failed', version, reason: error.message };
    });
  }

  /** Removes the directories of other versions, left complete by this service before. */
  private removeOthers(kept: string): void {
    for (const name of readdirSync(this.settings.root)) {
      if (name === kept || name.startsWith('.')) continue;
      if (existsSync(join(this.settings.root, name, 'manifest.json'))) rmSync(join(this.settings.root, name), { recursive: true, force: true });
    }
  }
}
