/**
 * Writing every dump of a version in one streamed pass: the sources the store was loaded with
 * (data, ontology and shapes in their graphs, materialised parts) and the quads holding blank
 * nodes as the store holds them are turned into the canonical form, sorted externally, then read
 * subject by subject by each format's writer and by the statistics. The data files are published
 * too, byte for byte, under sources/: what the records without an original page were derived
 * from. Files are written into a directory that the caller renames into place once complete,
 * with a manifest giving each file's size, count, SHA-256 and date.
 */
import { createHash } from 'node:crypto';
import { createReadStream, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { chunksOf, parseRdfChunks } from '../../rdf/parse.js';
import type { ParsedMediaType } from '../../rdf/formats.js';
import { allPrefixes, citegoNamespaces } from '../../rdf/namespaces.js';
import { keptAsWritten, LiteralSpeller } from '../../store/literal-spelling.js';
import { blankNodeLines, holdsBlankNode } from './blank-nodes.js';
import { canonicalTerm, ExternalSorter, LineSplitter, recordHead, recordLine, subjectGroups } from './canonical.js';
import { csvwMetadata, tablesReadme, tableWriters } from './csv-tables.js';
import { jsonLdWriter, nQuadsWriter, nTriplesWriter, turtleWriter, type DumpWriter } from './rdf-writers.js';
import { StatisticsCollector, type DatasetStatistics } from './statistics.js';

export interface DumpSource {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly format: ParsedMediaType;
  /** The named graph, or undefined for the default graph (quads keep their own graphs then). */
  readonly graph?: string;
  /**
   * N-Triples the service wrote itself (the materialised parts): one triple per line, spelt in
   * the canonical form, without blank nodes, so read line by line rather than parsed.
   */
  readonly canonical?: boolean;
  /** A data file, published as it is under sources/ with this name. */
  readonly publishedAs?: string;
  /** Published only (under sources/): what the dumps hold of it came from another source. */
  readonly publishedOnly?: boolean;
}

export interface DumpInput {
  readonly sources: readonly DumpSource[];
  /** The store's answers (SPARQL JSON results) to blank-node-quads.rq and its kin: every quad holding a blank node. */
  readonly blankNodeQuads: readonly Uint8Array[];
  /** Distinct objects of the data, as the store counts them. */
  readonly distinctObjects: number;
  readonly baseIRI: string;
  readonly dataset: string;
  readonly licence: { readonly iri: string; readonly title: string };
  /** The date every file is given: when the data last changed. */
  readonly modified: string;
  /** Where the files go (created if missing). */
  readonly dir: string;
  /** Only these dumps (by file name), for the benchmark; all of them when absent. */
  readonly only?: readonly string[];
}

export interface DumpFile {
  /** Its path under the download directory, e.g. `citego.nt.gz`, `csv/documents.csv`, `sources/actors.ttl`. */
  readonly file: string;
  readonly bytes: number;
  /** Triples (RDF), rows (tables); absent for descriptions of the tables. */
  readonly count?: number;
  readonly sha256: string;
}

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

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The lines of canonical N-Triples the service wrote: each line's statement, behind its graph. */
async function addCanonicalLines(source: DumpSource, graph: string, sorter: ExternalSorter, onRead: (bytes: number) => void): Promise<number> {
  const splitter = new LineSplitter();
  let count = 0;
  const add = (lines: readonly string[]) => {
    for (const line of lines) {
      if (line.length === 0) continue;
      // `s p o .`: the statement is all but the final ' .'.
      sorter.add(`${graph}\t${line.slice(0, -2)}`);
      count++;
    }
  };
  let read = 0;
  for (const chunk of chunksOf(source.bytes)) {
    add(splitter.push(chunk));
    onRead(read += chunk.length);
    await nextTurn();
  }
  add(splitter.end());
  return count;
}

/**
 * The canonical lines of every source, and of the quads holding blank nodes; progress in bytes
 * read. Returns each source's number of quads.
 */
async function sortSources(input: DumpInput, sorter: ExternalSorter, onProgress: (p: DumpProgress) => void): Promise<Map<string, number>> {
  const total = input.sources.reduce((sum, s) => sum + s.bytes.length, 0);
  const counts = new Map<string, number>();
  // Literals the store writes otherwise than a file may ("01" as "1"…) are spelt as it does.
  const speller = new LiteralSpeller<string>((head, literal) => sorter.add(head + literal));
  let offset = 0;
  for (const source of input.sources) {
    const graph = source.graph ? `<${source.graph}>` : undefined;
    const onRead = (read: number) => onProgress({ phase: 'sort', done: offset + read, total });
    const parse = (onBatch: Parameters<typeof parseRdfChunks>[3]) =>
      parseRdfChunks(chunksOf(source.bytes), basename(source.name), { baseIRI: input.baseIRI, format: source.format, onProgress: onRead }, onBatch);
    if (source.publishedOnly) {
      // Counted only: the dumps hold its triples as the source the store was loaded from gave them.
      counts.set(source.name, await parse(() => {}));
    } else if (source.canonical) {
      counts.set(source.name, await addCanonicalLines(source, graph ?? '', sorter, onRead));
    } else {
      counts.set(source.name, await parse((batch) => {
        for (const quad of batch.quads) {
          if (holdsBlankNode(quad)) continue;
          const quadGraph = graph ?? (quad.graph.termType === 'DefaultGraph' ? '' : canonicalTerm(quad.graph));
          if (quad.object.termType === 'Literal' && !keptAsWritten(quad.object)) speller.add(recordHead(quad, quadGraph), canonicalTerm(quad.object));
          else sorter.add(recordLine(quad, quadGraph));
        }
      }));
    }
    offset += source.bytes.length;
  }
  speller.flush();
  for (const line of await blankNodeLines(input.blankNodeQuads)) sorter.add(line);
  return counts;
}

export async function writeDumps(input: DumpInput, onProgress: (p: DumpProgress) => void = () => {}): Promise<DumpManifest> {
  mkdirSync(join(input.dir, 'csv'), { recursive: true });
  const path = (file: string) => join(input.dir, file);
  const prefixes = allPrefixes(input.baseIRI);
  const { citego } = citegoNamespaces(input.baseIRI);
  const thingSpace = new URL('id/', input.baseIRI).href;
  const wanted = (file: string) => !input.only || input.only.includes(file);
  const nTriples = wanted('citego.nt.gz') ? nTriplesWriter('citego.nt.gz', path('citego.nt.gz')) : undefined;
  const writers: DumpWriter[] = [
    ...(nTriples ? [nTriples] : []),
    ...(wanted('citego.nq.gz') ? [nQuadsWriter('citego.nq.gz', path('citego.nq.gz'), nTriples)] : []),
    ...(wanted('citego.ttl') ? [turtleWriter('citego.ttl', path('citego.ttl'), prefixes)] : []),
    ...(wanted('citego.jsonld') ? [jsonLdWriter('citego.jsonld', path('citego.jsonld'), prefixes)] : []),
    ...(TABLE_FILES.some(wanted) ? tableWriters((file) => path(`csv/${file}`), citego, thingSpace, prefixes).filter((w) => wanted(w.file)) : []),
  ];

  const sorter = new ExternalSorter(input.dir);
  const sourceCounts = await sortSources(input, sorter, onProgress);
  const statistics = new StatisticsCollector(new URL('id/scheme/atlas', input.baseIRI).href, thingSpace, input.distinctObjects);
  let groups = 0;
  for (const group of subjectGroups(sorter.sorted())) {
    statistics.consume(group);
    for (const writer of writers) writer.consume(group);
    if (++groups % 2000 === 0) {
      await Promise.all(writers.map((w) => w.drained()));
      onProgress({ phase: 'write', done: groups, total: 0 });
    }
  }
  await Promise.all(writers.map((w) => w.close()));

  const counts = new Map<string, number | undefined>(writers.map((w) => [w.file, w.count()]));
  if (TABLE_FILES.some(wanted)) {
    writeFileSync(path('csv/csv-metadata.json'), csvwMetadata(citego, '', input.licence.iri, prefixes));
    writeFileSync(path('csv/README.md'), tablesReadme(citego, input.licence, input.dataset));
    for (const file of TABLE_DESCRIPTIONS) counts.set(file, undefined);
  }
  const published = input.sources.filter((s) => s.publishedAs && wanted(`${SOURCES_DIR}/${s.publishedAs}`));
  if (published.length > 0) mkdirSync(path(SOURCES_DIR), { recursive: true });
  for (const source of published) {
    const file = `${SOURCES_DIR}/${source.publishedAs}`;
    writeFileSync(path(file), source.bytes);
    counts.set(file, sourceCounts.get(source.name));
  }
  const files: DumpFile[] = [];
  for (const [file, count] of counts) {
    files.push({ file, bytes: statSync(path(file)).size, ...(count === undefined ? {} : { count }), sha256: await sha256Of(path(file)) });
  }
  const manifest: DumpManifest = { modified: input.modified, files, statistics: statistics.result() };
  writeFileSync(path('manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
