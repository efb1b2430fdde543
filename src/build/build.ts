/**
 * The build: sources → parse → SHACL gate → store, as DESIGN.md draws it.
 *
 * Each file is read once into shared memory. From there the store's first replica loads the
 * bytes while this thread parses and validates the same bytes: the two run side by side on two
 * cores, and the build takes little more than the load alone. The store being built is handed
 * to the caller only when the gate accepts every file; otherwise the caller gets the report and
 * discards the store, so nothing invalid is ever published.
 */
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import { formatOfFile, type ParsedMediaType } from '../rdf/formats.js';
import type { QuadBatch } from '../rdf/parse.js';
import { serializeQuads } from '../rdf/rdfjs.js';
import type { Store } from '../store/store.js';
import { bytesSource, createGate, rdfFilesIn, type EngineName, type ValidationRules } from '../validation/gate.js';
import type { QuadSource } from '../validation/compiled-validator.js';
import type { ValidationOutcome } from '../validation/results.js';
import { DataSurvey } from './survey.js';

export interface SourceFile {
  readonly path: string;
  /** The named graph its triples are published in; the default graph (the data) when absent. */
  readonly graph?: string;
  /** The path as shown to people: relative to the working directory when shorter. */
  readonly name: string;
  readonly format: ParsedMediaType;
  readonly bytes: Uint8Array;
  /**
   * Computed by the build rather than read (see materialise.ts; the audit trail, from the change
   * log): N-Triples written by the store or the service, one triple per line, without blank nodes.
   */
  readonly computed?: boolean;
  /** Computed and written by the store itself, or of IRIs only: each line is in the store's canonical form as written. */
  readonly canonical?: boolean;
  /** The statements parsed from it (duplicates included), when the build or a reading of the files counted them. */
  readonly statements?: number;
}

export interface BuildProgress {
  readonly phase: 'validate' | 'load';
  readonly bytesDone: number;
  readonly bytesTotal: number;
}

export interface BuildReport {
  readonly files: readonly { name: string; bytes: number }[];
  readonly bytes: number;
  readonly outcome: ValidationOutcome;
  readonly engine: EngineName;
  readonly seconds: { readonly read: number; readonly validate: number; readonly load: number; readonly total: number };
  /** What the store was loaded with: the data, the ontology and the shapes (each in its graph). */
  readonly sources: readonly SourceFile[];
  /** The latest modification time of the files read: when the data last changed. */
  readonly filesModified: Date;
  /** The records without an original page (dct:source), by the name of the data file they were read from. */
  readonly recordsWithoutPage: ReadonlyMap<string, readonly string[]>;
  /** The graphs whose quads hold blank nodes, as loaded: '' for the default graph, else their names ('*': graphs named by blank nodes). */
  readonly blankNodeGraphs: readonly string[];
}

/** The named graphs of the model: the ontology and the shapes, each beside the data, never in it. */
export function modelGraphs(baseIRI: string): { ontology: string; shapes: string } {
  return { ontology: new URL('ontology', baseIRI).href, shapes: new URL('shapes', baseIRI).href };
}

export class InvalidDataError extends Error {
  constructor(readonly outcome: ValidationOutcome) {
    super(`the data does not conform to the shapes: ${outcome.violations} violation(s)`);
    this.name = 'InvalidDataError';
  }
}

export class NoDataError extends Error {
  constructor(readonly dir: string) {
    super(`${dir}: no RDF file (.ttl, .trig, .nt, .nq) to publish`);
    this.name = 'NoDataError';
  }
}

function displayName(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.length < path.length && !rel.startsWith('..') ? rel : path;
}

/** Reads a file straight into shared memory, which the store's workers read without copying. */
export function readIntoSharedMemory(path: string): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const bytes = new Uint8Array(new SharedArrayBuffer(size));
    let offset = 0;
    while (offset < size) {
      const read = readSync(fd, bytes, offset, size - offset, offset);
      if (read === 0) break;
      offset += read;
    }
    return offset === size ? bytes : bytes.subarray(0, offset);
  } finally {
    closeSync(fd);
  }
}

export function readSources(paths: readonly string[], graph?: string): SourceFile[] {
  return paths.map((path) => ({ path, graph, name: displayName(path), format: formatOfFile(path).mediaType, bytes: readIntoSharedMemory(path) }));
}

/** A text's UTF-8 bytes in shared memory, which the store's workers read without copying them. */
export function textInSharedMemory(text: string): Uint8Array {
  const bytes = new Uint8Array(new SharedArrayBuffer(Buffer.byteLength(text)));
  Buffer.from(bytes.buffer, 0, bytes.length).write(text);
  return bytes;
}

/** The shapes as N-Triples bytes: they are read with the rules, not from files here. */
async function shapesSource(rules: ValidationRules, graph: string): Promise<SourceFile> {
  const text = await serializeQuads(rules.shapesQuads, { format: 'application/n-triples' });
  return { path: 'shapes', graph, name: 'shapes', format: 'application/n-triples', bytes: textInSharedMemory(text) };
}

/** The latest modification time of files, to the second: when they last changed. */
export function latestModification(paths: readonly string[]): Date {
  const latest = Math.max(0, ...paths.map((path) => statSync(path).mtimeMs));
  return new Date(Math.floor(latest / 1000) * 1000);
}

export interface BuildOptions {
  readonly rules: ValidationRules;
  readonly dataDir: string;
  readonly store: Store;
  readonly engine?: EngineName | 'auto';
  readonly onProgress?: (progress: BuildProgress) => void;
  /** The data already read (a version of the published graph): the files of dataDir are then not read. */
  readonly data?: readonly SourceFile[];
  /** Sees every quad the gate reads, once per reading (the gate may read a source twice). */
  readonly onQuads?: (source: string, batch: QuadBatch) => void;
}

export async function buildKnowledgeGraph(options: BuildOptions): Promise<BuildReport> {
  const { rules, store } = options;
  const started = performance.now();
  const data = options.data ?? readSources(await rdfFilesIn(options.dataDir));
  if (data.length === 0) throw new NoDataError(options.dataDir);
  const graphs = modelGraphs(rules.baseIRI);
  const ontology = readSources(rules.ontologyFiles, graphs.ontology);
  const shapes = await shapesSource(rules, graphs.shapes);
  const model = [...ontology, shapes];
  const readSeconds = (performance.now() - started) / 1000;
  const dataBytes = data.reduce((sum, f) => sum + f.bytes.length, 0);
  const loadBytes = dataBytes + model.reduce((sum, f) => sum + f.bytes.length, 0);

  // Progress counts bytes over all files: each file's progress starts at its offset.
  const loadOffsets = offsetsByName([...model, ...data]);
  const dataOffsets = offsetsByName(data);
  let loadedSeconds = 0;
  const loadStarted = performance.now();
  const loading = store.load(
    [...model, ...data].map((f) => ({ name: f.name, bytes: f.bytes, format: f.format, baseIRI: rules.baseIRI, graph: f.graph })),
    (p) => options.onProgress?.({ phase: 'load', bytesDone: (loadOffsets.get(p.source) ?? 0) + p.bytesLoaded, bytesTotal: loadBytes }),
  ).then(() => { loadedSeconds = (performance.now() - loadStarted) / 1000; });

  const gate = createGate(rules, options.engine ?? 'auto');
  const survey = new DataSurvey(new URL('id/', rules.baseIRI).href);
  survey.surveyModel(rules.ontologyQuads, graphs.ontology);
  survey.surveyModel(rules.shapesQuads, graphs.shapes);
  const sources = data.map((file) => survey.observe(file.name, teed(bytesSource(file.name, file.bytes, file.format, rules.baseIRI,
    (read) => options.onProgress?.({ phase: 'validate', bytesDone: dataOffsets.get(file.name)! + read, bytesTotal: dataBytes })), options.onQuads)));
  const validateStarted = performance.now();
  let validateSeconds = 0;
  const validating = gate.validate(sources).then((outcome) => {
    validateSeconds = (performance.now() - validateStarted) / 1000;
    return outcome;
  });

  // Wait for both: a syntax error found while validating says more than the store's refusal.
  const [validation, load] = await Promise.allSettled([validating, loading]);
  if (validation.status === 'rejected') throw validation.reason;
  const outcome = validation.value;
  if (!outcome.conforms) throw new InvalidDataError(outcome);
  if (load.status === 'rejected') throw load.reason;

  return {
    files: data.map((f) => ({ name: f.name, bytes: f.bytes.length })),
    bytes: dataBytes,
    outcome,
    engine: gate.engine,
    seconds: { read: readSeconds, validate: validateSeconds, load: loadedSeconds, total: (performance.now() - started) / 1000 },
    sources: [...model, ...data.map((file) => ({ ...file, statements: survey.statementsIn(file.name) }))],
    // Data given already read (a version of the published graph) has no file of its own to date it.
    filesModified: latestModification([...rules.ontologyFiles, ...(options.data ? [] : data.map((f) => f.path))]),
    recordsWithoutPage: survey.withoutOriginalPage(),
    blankNodeGraphs: survey.blankNodeGraphs(),
  };
}

function teed(source: QuadSource, onQuads: BuildOptions['onQuads']): QuadSource {
  if (!onQuads) return source;
  return { name: source.name, read: (onBatch) => source.read((batch) => { onQuads(source.name, batch); onBatch(batch); }) };
}

/** Where each file starts in the concatenation of all of them, by name. */
function offsetsByName(files: readonly SourceFile[]): Map<string, number> {
  const offsets = new Map<string, number>();
  let offset = 0;
  for (const file of files) {
    offsets.set(file.name, offset);
    offset += file.bytes.length;
  }
  return offsets;
}
