/**
 * Writing every dump of a version in one streamed pass. The canonical form (canonical.ts) is
 * gathered from what the store was loaded with: the data as the publisher holds it (the
 * published graph, thing by thing, already in the canonical order of its subjects: see
 * published.ts), or, when it cannot give that version's any more, the data files parsed again;
 * the ontology and the shapes in their graphs; the parts the build computed and the audit trail,
 * taken line by line; and the quads holding blank nodes, as the store holds them. All but the
 * published graph are sorted externally; the published graph's groups are then merged with them
 * as they come, and each subject group goes to each format's writer and to the statistics, on
 * threads of their own (see writer-threads.ts). The data files are published too, byte for byte,
 * under sources/: what the records without an original page were derived from. Files are written into a directory that the caller renames
 * into place once complete, with a manifest giving each file's size, count, SHA-256 and date.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { chunksOf, parseRdfChunks } from '../../rdf/parse.js';
import type { ParsedMediaType } from '../../rdf/formats.js';
import { allPrefixes, citegoNamespaces } from '../../rdf/namespaces.js';
import { blankNodeStatements, holdsBlankNode } from './blank-nodes.js';
import { canonicalTerm, ExternalSorter, LineSplitter, statementsOf, type SubjectGroup } from './canonical.js';
import { csvwMetadata, tablesReadme } from './csv-tables.js';
import { mergedRecords, publishedGroups, QuadSpeller, ServiceLines, type PublishedSlice } from './published.js';
import type { DatasetStatistics } from './statistics.js';
import { bothConsumers, orderedAs, writerThreads, writersHere, writtenFile, type DumpFile, type GroupConsumers } from './writer-threads.js';

export interface DumpSource {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly format: ParsedMediaType;
  /** The named graph, or undefined for the default graph (quads keep their own graphs then). */
  readonly graph?: string;
  /**
   * How its triples reach the dumps: parsed; taken line by line (`lines`: N-Triples the service
   * wrote, one triple a line, absolute IRIs: see ServiceLines; `canonical`: N-Triples the store
   * wrote, or of IRIs only, canonical as written); or not read at all (`counted`: its triples
   * come from elsewhere, the published graph or what the store was loaded with, and it is read
   * only to count them if it is published and they are not known).
   */
  readonly reading: 'parse' | 'lines' | 'canonical' | 'counted';
  /** The statements it holds, when the build counted them. */
  readonly statements?: number;
  /** A data file, published as it is under sources/ with this name. */
  readonly publishedAs?: string;
}

export interface DumpInput {
  readonly sources: readonly DumpSource[];
  readonly baseIRI: string;
  readonly dataset: string;
  readonly licence: { readonly iri: string; readonly title: string };
  /** The date every file is given: when the data last changed. */
  readonly modified: string;
  /** Where the files go (created if missing). */
  readonly dir: string;
  /** Only these dumps (by file name), for the benchmark; all of them when absent. */
  readonly only?: readonly string[];
  /**
   * Writes the files on the thread that reads the sources, not on writer threads of their own
   * (see writer-threads.ts): the reference they are tested against.
   */
  readonly inOneThread?: boolean;
}

/** What the dumps are written from besides their input. */
export interface DumpOptions {
  /**
   * The data of the default graph as the published graph holds it: its things' blocks of
   * N-Triples, in the canonical order of their subjects (see publishedOrder), a slice at a time.
   * The sources it replaces are only `counted`.
   */
  readonly published?: AsyncIterable<PublishedSlice>;
  /**
   * The store's answers (SPARQL JSON results) to blank-node-quads.rq and its kin: every quad
   * holding a blank node. They may come while the other sources are read.
   */
  readonly blankNodeQuads: readonly Uint8Array[] | Promise<readonly Uint8Array[]>;
  /** Distinct objects of the data, as the store counts them: the count may come while the files are written. */
  readonly distinctObjects: number | Promise<number>;
  readonly onProgress?: (progress: DumpProgress) => void;
}

export type { DumpFile } from './writer-threads.js';

export interface DumpManifest {
  readonly modified: string;
  readonly files: readonly DumpFile[];
  readonly statistics: DatasetStatistics;
}

export type DumpProgress = { readonly phase: 'sort' | 'write'; readonly done: number; readonly total: number };

/** The files of a dump, in the order they are listed. */
export const DUMP_FILES = ['citego.nt.gz', 'citego.nq.gz', 'citego.ttl', 'citego.jsonld'] as const;
export const TABLE_FILES = ['csv/documents.csv', 'csv/actors.csv', 'csv/places.csv', 'csv/descriptors.csv', 'csv/relations.csv'] as const;
export const TABLE_DESCRIPTIONS = ['csv/csv-metadata.json', 'csv/README.md'] as const;
export const SOURCES_DIR = 'sources';

/** The bytes of a source read at a time for the dump, as its throughput was measured with. */
const DUMP_CHUNK_BYTES = 1 << 20;

/** A source's text, a block of complete lines at a time; progress in bytes read. */
async function readLines(source: DumpSource, add: (text: string) => void, onRead: (bytes: number) => void): Promise<void> {
  const splitter = new LineSplitter();
  let read = 0;
  for (const chunk of chunksOf(source.bytes, DUMP_CHUNK_BYTES)) {
    add(splitter.pushText(chunk));
    onRead(read += chunk.length);
    await nextTurn();
  }
  for (const line of splitter.end()) add(`${line}\n`);
}

/**
 * The canonical statements of every source read, and of the quads holding blank nodes, into the
 * sorter; progress in bytes read. Returns the number of statements of each published source.
 */
async function sortSources(input: DumpInput, blankNodeQuads: DumpOptions['blankNodeQuads'], sorter: ExternalSorter,
  onProgress: (p: DumpProgress) => void): Promise<Map<string, number>> {
  const unread = (source: DumpSource) => source.reading === 'counted' && (!source.publishedAs || source.statements !== undefined);
  const total = input.sources.reduce((sum, s) => sum + (unread(s) ? 0 : s.bytes.length), 0);
  const counts = new Map<string, number>();
  // Literals the store writes otherwise than a file may ("01" as "1"…) are spelt as it does.
  const spelt = new QuadSpeller((graph, statement) => sorter.add(graph, statement));
  let offset = 0;
  for (const source of input.sources) {
    if (unread(source)) {
      if (source.publishedAs) counts.set(source.name, source.statements!);
      continue;
    }
    const graph = source.graph ? `<${source.graph}>` : undefined;
    const onRead = (read: number) => onProgress({ phase: 'sort', done: offset + read, total });
    const parse = (onBatch: Parameters<typeof parseRdfChunks>[3]) =>
      parseRdfChunks(chunksOf(source.bytes), basename(source.name), { baseIRI: input.baseIRI, format: source.format, onProgress: onRead }, onBatch);
    if (source.reading === 'counted') {
      counts.set(source.name, await parse(() => {}));
    } else if (source.reading === 'lines') {
      const lines = new ServiceLines(graph ?? '', (g, statement) => sorter.add(g, statement), spelt);
      await readLines(source, (text) => lines.add(text), onRead);
      lines.end();
    } else if (source.reading === 'canonical') {
      await readLines(source, (text) => {
        for (const statement of statementsOf(text)) if (statement.length > 0) sorter.add(graph ?? '', statement);
      }, onRead);
    } else {
      counts.set(source.name, await parse((batch) => {
        for (const quad of batch.quads) {
          if (holdsBlankNode(quad)) continue;
          spelt.add(quad, graph ?? (quad.graph.termType === 'DefaultGraph' ? '' : canonicalTerm(quad.graph)));
        }
      }));
    }
    offset += source.bytes.length;
  }
  spelt.flush();
  for (const [graph, statement] of await blankNodeStatements(await blankNodeQuads)) sorter.add(graph, statement);
  return counts;
}

/**
 * Each subject group of the canonical form, in order, to `emit`: the sorted groups, with the
 * published graph's groups merged in as they come (a group of the same subject in both is one
 * group). `pace` is awaited after each slice of the published graph, and every 2,000 groups
 * after it; between them, groups are given one after the other without a turn of the event loop.
 */
async function forEachGroup(others: Iterator<SubjectGroup>, published: AsyncIterable<PublishedSlice> | undefined,
  emit: (group: SubjectGroup) => void, pace: () => Promise<void>): Promise<void> {
  let other = others.next();
  if (published) {
    for await (const slice of published) {
      for (const group of publishedGroups(slice)) {
        // The published graph is the default graph, which sorts before the named graphs.
        while (!other.done && other.value.graph === '' && other.value.subject < group.subject) {
          emit(other.value);
          other = others.next();
        }
        if (!other.done && other.value.graph === '' && other.value.subject === group.subject) {
          emit({ graph: '', subject: group.subject, records: mergedRecords(group.records, other.value.records) });
          other = others.next();
        } else {
          emit(group);
        }
      }
      await pace();
    }
  }
  for (let count = 1; !other.done; count++) {
    emit(other.value);
    other = others.next();
    if (count % 2000 === 0) await pace();
  }
}

/** The files written on the thread that reads: the gzip files, whose compression is on threads of zlib's already. */
const WRITTEN_HERE: ReadonlySet<string> = new Set(['citego.nt.gz', 'citego.nq.gz']);

/**
 * The writers of the files asked for and the statistics. Measured at 1M triples on two cores
 * (each thread's CPU time, medians of three alternated runs): sending the groups to a writer
 * thread and reading them back there costs 1.5 to 2.5 s of CPU; writing the Turtle, the JSON-LD
 * or a table there, beside the reading, took a sixth to a fifth off their dumps and off the whole
 * dump's; a gzip file there made its dump slower (its compression already keeps the other core
 * busy). So the gzip files are written here, the others on a writer thread; the statistics are
 * counted here when a gzip file is written, else on the writer thread, so that each thread has
 * about half the work.
 */
function groupConsumers(dir: string, baseIRI: string, files: readonly string[], inOneThread = false): GroupConsumers {
  const here = files.filter((f) => WRITTEN_HERE.has(f));
  const apart = files.filter((f) => !WRITTEN_HERE.has(f));
  if (inOneThread || apart.length === 0) return writersHere(dir, baseIRI, files);
  if (here.length === 0) return writerThreads(dir, baseIRI, [apart], true);
  return bothConsumers(writersHere(dir, baseIRI, here), writerThreads(dir, baseIRI, [apart], false));
}

export async function writeDumps(input: DumpInput, options: DumpOptions): Promise<DumpManifest> {
  const onProgress = options.onProgress ?? (() => {});
  mkdirSync(join(input.dir, 'csv'), { recursive: true });
  const path = (file: string) => join(input.dir, file);
  const wanted = (file: string) => !input.only || input.only.includes(file);
  const files = [...DUMP_FILES, ...TABLE_FILES].filter(wanted);
  const sorter = new ExternalSorter(input.dir);
  const sourceCounts = await sortSources(input, options.blankNodeQuads, sorter, onProgress);
  // Started once the sources are read: until then the store is answering the dump's queries.
  const consumers = groupConsumers(input.dir, input.baseIRI, files, input.inOneThread);
  let written: Awaited<ReturnType<GroupConsumers['close']>>;
  try {
    let groups = 0;
    await forEachGroup(sorter.groups(), options.published, (group) => {
      consumers.consume(group);
      groups++;
    }, async () => {
      await consumers.drained();
      onProgress({ phase: 'write', done: groups, total: 0 });
    });
    written = await consumers.close(options.distinctObjects);
  } catch (error) {
    consumers.stop();
    throw error;
  }

  const described: DumpFile[] = [];
  if (TABLE_FILES.some(wanted)) {
    const { citego } = citegoNamespaces(input.baseIRI);
    const prefixes = allPrefixes(input.baseIRI);
    writeFileSync(path('csv/csv-metadata.json'), csvwMetadata(citego, '', input.licence.iri, prefixes));
    writeFileSync(path('csv/README.md'), tablesReadme(citego, input.licence, input.dataset));
    for (const file of TABLE_DESCRIPTIONS) described.push(await writtenFile(input.dir, file));
  }
  const published = input.sources.filter((s) => s.publishedAs && wanted(`${SOURCES_DIR}/${s.publishedAs}`));
  if (published.length > 0) mkdirSync(path(SOURCES_DIR), { recursive: true });
  for (const source of published) {
    const file = `${SOURCES_DIR}/${source.publishedAs}`;
    writeFileSync(path(file), source.bytes);
    described.push(await writtenFile(input.dir, file, sourceCounts.get(source.name)));
  }
  if (!written.statistics) throw new Error('the dump\'s writers counted no statistics');
  const manifest: DumpManifest = { modified: input.modified, files: [...orderedAs(files, written.files), ...described], statistics: written.statistics };
  writeFileSync(path('manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
