/**
 * Writing every dump of a version in one streamed pass: the sources the store was loaded with
 * (data, ontology and shapes in their graphs, materialised parts) are parsed in batches into the
 * canonical form, sorted externally, then read subject by subject by each format's writer and by
 * the statistics. Files are written into a directory that the caller renames into place once
 * complete, with a manifest giving each file's size, count, SHA-256 and date.
 */
import { createHash } from 'node:crypto';
import { createReadStream, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { chunksOf, parseRdfChunks } from '../../rdf/parse.js';
import type { ParsedMediaType } from '../../rdf/formats.js';
import { allPrefixes, citegoNamespaces } from '../../rdf/namespaces.js';
import { ExternalSorter, parseRecord, recordLine, type CanonicalRecord } from './canonical.js';
import { csvwMetadata, tablesReadme, tableWriters } from './csv-tables.js';
import { jsonLdWriter, lineWriter, turtleWriter, type DumpWriter } from './rdf-writers.js';
import { StatisticsCollector, type DatasetStatistics, type SubjectGroup } from './statistics.js';

export interface DumpSource {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly format: ParsedMediaType;
  /** The named graph, or undefined for the default graph. */
  readonly graph?: string;
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
}

export interface DumpFile {
  /** Its path under the download directory, e.g. `citego.nt.gz`, `csv/documents.csv`. */
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

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The canonical lines of every source, sorted; progress in bytes parsed. */
async function sortSources(input: DumpInput, sorter: ExternalSorter, onProgress: (p: DumpProgress) => void): Promise<void> {
  const total = input.sources.reduce((sum, s) => sum + s.bytes.length, 0);
  let offset = 0;
  for (const source of input.sources) {
    const graph = source.graph ? `<${source.graph}>` : '';
    // Blank node labels follow the source's file name, not the directory it was read from.
    await parseRdfChunks(chunksOf(source.bytes), basename(source.name), { baseIRI: input.baseIRI, format: source.format,
      onProgress: (read) => onProgress({ phase: 'sort', done: offset + read, total }) }, (batch) => {
      for (const quad of batch.quads) sorter.add(recordLine(quad, graph));
    });
    offset += source.bytes.length;
  }
}

/** Consecutive records of the same subject and graph. */
function* subjectGroups(lines: Iterable<string>): Generator<SubjectGroup> {
  let records: CanonicalRecord[] = [];
  for (const line of lines) {
    const record = parseRecord(line);
    const last = records[records.length - 1];
    if (last && (last.subject !== record.subject || last.graph !== record.graph)) {
      yield { graph: last.graph, subject: last.subject, records };
      records = [];
    }
    records.push(record);
  }
  const last = records[records.length - 1];
  if (last) yield { graph: last.graph, subject: last.subject, records };
}

export async function writeDumps(input: DumpInput, onProgress: (p: DumpProgress) => void = () => {}): Promise<DumpManifest> {
  mkdirSync(join(input.dir, 'csv'), { recursive: true });
  const path = (file: string) => join(input.dir, file);
  const prefixes = allPrefixes(input.baseIRI);
  const { citego } = citegoNamespaces(input.baseIRI);
  const thingSpace = new URL('id/', input.baseIRI).href;
  const wanted = (file: string) => !input.only || input.only.includes(file);
  const writers: DumpWriter[] = [
    lineWriter('citego.nt.gz', path('citego.nt.gz'), false),
    lineWriter('citego.nq.gz', path('citego.nq.gz'), true),
    turtleWriter('citego.ttl', path('citego.ttl'), prefixes),
    jsonLdWriter('citego.jsonld', path('citego.jsonld'), prefixes),
  ].filter((w) => wanted(w.file));
  if (TABLE_FILES.some(wanted)) writers.push(...tableWriters((file) => path(`csv/${file}`), citego, thingSpace, prefixes));

  const sorter = new ExternalSorter(input.dir);
  await sortSources(input, sorter, onProgress);
  const statistics = new StatisticsCollector(new URL('id/scheme/atlas', input.baseIRI).href, thingSpace);
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

  const counts = new Map(writers.map((w) => [w.file, w.count()]));
  if (TABLE_FILES.some(wanted)) {
    writeFileSync(path('csv/csv-metadata.json'), csvwMetadata(citego, '', input.licence.iri, prefixes));
    writeFileSync(path('csv/README.md'), tablesReadme(citego, input.licence, input.dataset));
    counts.set('csv/csv-metadata.json', -1);
    counts.set('csv/README.md', -1);
  }
  const files: DumpFile[] = [];
  for (const file of [...DUMP_FILES, ...TABLE_FILES, ...TABLE_DESCRIPTIONS]) {
    const count = counts.get(file);
    if (count === undefined) continue;
    files.push({ file, bytes: statSync(path(file)).size, ...(count >= 0 ? { count } : {}), sha256: await sha256Of(path(file)) });
  }
  const manifest: DumpManifest = { modified: input.modified, files, statistics: statistics.result() };
  writeFileSync(path('manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
