/**
 * The publisher: the one place where the published data changes. Every change (the first reading
 * of the files, a reload, a curator's write) becomes a new version: validated by the gate,
 * written to the journal, applied to the store, entered in the change log, and then made current
 * in one assignment of the service's state, which every request reads once.
 *
 * - A reload builds the new version in a new store beside the one being served, and switches only
 *   if the gate accepts it; the old store is closed once the requests using it are done. Two
 *   stores are held during the switch, which doubles the store's memory for that time.
 * - A write changes one thing: it is validated with what references it, made durable in the
 *   journal, and applied to the store being served by a SPARQL Update.
 * - Changes go one at a time (a write waits for a reload in progress), so versions are a line.
 * - Every store built is materialised (materialise.ts: standard types and links, each record's
 *   provenance) before it is made current. A write changes the store by an update, without
 *   them: a couple of seconds after the last write, the store is rebuilt from the graph beside
 *   the one served (as after many updates) and switched to, so that the written things get their
 *   standard types and the dumps, VoID and catalogue (keyed on `sourcesVersion`) follow.
 * - The parts of the service that derive something from each version (the reader's collection and
 *   search index) tap its build (ServiceState.tapBuilds): they see the quads the gate reads, and
 *   start once it accepts them, while the store is materialised.
 * - Records name the data file they were read from (prov:wasDerivedFrom), although a version is
 *   built from the published graph rather than the files: the publisher remembers which file
 *   each thing published as it stands was read from.
 *
 * Which wins between the files and the journal: the journal holds the published state; the files
 * are read as changes. At start and at every reload, the things a person changed in the files
 * since they were last read are applied over the published state (the files win for those
 * things, and a thing a curator had also changed is named in the report as a conflict); things
 * not changed in the files keep their published state, curators' writes included.
 */
import { createHash, randomUUID } from 'node:crypto';
import { watch, type FSWatcher } from 'node:fs';
import { basename } from 'node:path';
import { isRdfFile } from '../../rdf/formats.js';
import { parseRdfChunks, chunksOf } from '../../rdf/parse.js';
import type { QueryCatalogue } from '../../queries/catalogue.js';
import { EmbeddedStore } from '../../store/embedded-store.js';
import type { Store } from '../../store/store.js';
import { rdfFilesIn, type ValidationRules } from '../../validation/gate.js';
import { formatTextReport, languageFromEnvironment } from '../../validation/report.js';
import { outcomeOf, type ValidationOutcome, type ValidationResult } from '../../validation/results.js';
import { buildKnowledgeGraph, InvalidDataError, NoDataError, readSources, textInSharedMemory, type BuildProgress, type BuildReport, type SourceFile } from '../build.js';
import { materialise, type Materialised } from '../materialise.js';
import type { ReadyStatus, ServiceState } from '../state.js';
import { ChangeLog, type ChangeLogReader, type VersionRecord, type VersionSource } from './change-log.js';
import { FileJournal, MemoryJournal, type Journal, type JournalEntry } from './journal.js';
import { provenanceNames, provenanceOf } from './provenance.js';
import { BlockCollector, blockOf, changesFromFiles, hashesOf, hashOf, ThingGraph, typesIn, type ThingChange } from './thing-graph.js';
import type { Publishing, ReloadOutcome, WriteOutcome, WriteRequest } from './publishing.js';
import { TrackedStore } from './tracked-store.js';
import { WriteCheck } from './write-check.js';

export interface PublisherOptions {
  readonly rules: ValidationRules;
  readonly queries: QueryCatalogue;
  readonly dataDir: string;
  readonly state: ServiceState;
  /** The store of the first version (its worker may already be starting). */
  readonly store: Store;
  /** A new, empty store for a reload; by default an embedded store like the first. */
  readonly makeStore?: () => Store;
  /** Where the journal lives; without it, versions are kept in memory only and writes are refused. */
  readonly stateDir?: string;
  /** Reload when the files of the data directory change. */
  readonly watch?: boolean;
  readonly onProgress?: (progress: BuildProgress) => void;
  /** One line for the operator: reloads, refusals, conflicts. */
  readonly log?: (message: string) => void;
}

/** How long a store of an older version stays open for the requests still using it. */
const RETIRE = { quietMs: 1000, maxWaitMs: 60_000 };
/** Past these, the journal is compacted into a snapshot, and the store rebuilt from the graph. */
const COMPACT_JOURNAL_BYTES = 32 << 20;
const REBUILD_STORE_UPDATE_BYTES = 64 << 20;
/** After curators' writes, the store is rebuilt (materialised, dumps following) once they have been quiet this long. */
export const REBUILD_AFTER_WRITES_MS = 2000;

/**
 * A digest of what a version is made of: its base IRI, each file's name (not the directory it
 * was read from), graph and bytes, and what computed the materialised parts from them (which
 * depends on nothing else, blank nodes' labels aside). It names the first version read from the
 * files, so that the same files keep the same name (and ETags) across restarts.
 */
export function versionDigest(baseIRI: string, files: readonly SourceFile[], materialisation: string): string {
  const hash = createHash('sha256').update(baseIRI);
  for (const file of files) hash.update(`\n${basename(file.name)}\n${file.graph ?? ''}\n${file.bytes.length}\n`).update(file.bytes);
  return hash.update(`\n${materialisation}`).digest('base64url').slice(0, 22);
}

/** What makes a built store a version: its build, its materialised parts, and the date its data last changed. */
interface BuiltVersion {
  readonly build: BuildReport;
  readonly materialised: Materialised;
  readonly dataModified: Date;
}

/** Counts things by kind, as the home page shows them, following the ontology's class hierarchy. */
class KindCounter {
  private readonly superclasses = new Map<string, Set<string>>();

  constructor(rules: ValidationRules, private readonly kinds: readonly string[]) {
    const direct = new Map<string, string[]>();
    for (const quad of rules.ontologyQuads) {
      if (quad.predicate.value.endsWith('#subClassOf') && quad.object.termType === 'NamedNode') {
        direct.set(quad.subject.value, [...(direct.get(quad.subject.value) ?? []), quad.object.value]);
      }
    }
    const closure = (type: string): Set<string> => {
      const found = new Set([type]);
      const pending = [type];
      while (pending.length) for (const parent of direct.get(pending.pop()!) ?? []) if (!found.has(parent)) { found.add(parent); pending.push(parent); }
      return found;
    };
    for (const type of direct.keys()) this.superclasses.set(type, closure(type));
  }

  kindsOf(types: readonly string[]): Set<string> {
    const kinds = new Set<string>();
    for (const type of types) for (const kind of this.kinds) if ((this.superclasses.get(type) ?? new Set([type])).has(kind)) kinds.add(kind);
    return kinds;
  }
}

/** The files of the data directory as read, thing by thing. */
interface FilesRead {
  readonly blocks: Map<string, string>;
  readonly collector: BlockCollector;
  readonly files: BuildReport['files'];
  /** The files' bytes, as read. */
  readonly sources: readonly SourceFile[];
}

function fileNameOf(path: string): string {
  return path.split('/').pop() ?? path;
}

export class Publisher implements Publishing {
  readonly changes: ChangeLog = new ChangeLog();
  private graph = new ThingGraph();
  private baseline = new Map<string, string>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly check: WriteCheck;
  private watcher: FSWatcher | undefined;
  private watchTimer: NodeJS.Timeout | undefined;
  private updateBytes = 0;
  private kindCounter: KindCounter | undefined;
  private closed = false;
  /** The data file each thing was read from, while its published state is the file's. */
  private origins = new Map<string, string>();
  /** The data files as last read, published under /download/sources/. */
  private dataFiles: readonly SourceFile[] = [];
  private rebuildTimer: NodeJS.Timeout | undefined;
  /** Stores rebuilt for the same version (after writes): each gets a dataVersion of its own. */
  private rebuilds = 0;
  /** The version (its sourcesVersion) whose store was built from the graph as it is; undefined once the graph has changed since. */
  private graphBuiltFor: string | undefined;

  private constructor(private readonly options: PublisherOptions, private readonly journal: Journal) {
    this.check = new WriteCheck(options.rules);
  }

  /** Whether writes are made durable (a journal on disk): without it they are refused. */
  get durable(): boolean {
    return this.journal.durable;
  }

  /** The change log, as the other parts of the service read it. */
  get log(): ChangeLogReader {
    return this.changes;
  }

  /**
   * Publishes the first version: the journal's state when there is one (with what changed in the
   * files since), else the files. Throws what the build throws when nothing can be published.
   */
  static async start(options: PublisherOptions): Promise<Publisher> {
    const journal = options.stateDir ? new FileJournal(options.stateDir) : new MemoryJournal();
    const publisher = new Publisher(options, journal);
    try {
      await publisher.publishFirst();
    } catch (error) {
      journal.close();
      throw error;
    }
    options.state.publisher = publisher;
    if (options.watch) publisher.watchFiles();
    return publisher;
  }

  /** The published state of a thing: its own triples as canonical N-Triples, and their hash. */
  thing(thing: string): { block: string; hash: string } | undefined {
    const block = this.graph.get(thing);
    return block === undefined ? undefined : { block, hash: this.graph.hash(thing)! };
  }

  /**
   * The published graph, thing by thing, as the store of `version` (a sourcesVersion) was built
   * from it; undefined once the graph has changed since (a write, a reload). Blocks are strings,
   * which never change: the list stays that version's whatever happens to the graph after.
   */
  publishedGraph(version: string): readonly (readonly [string, string])[] | undefined {
    return version === this.graphBuiltFor ? [...this.graph.entries()] : undefined;
  }

  /** Reads the files again and publishes what changed in them, or keeps the version served. */
  reload(trigger: string): Promise<ReloadOutcome> {
    return this.serialise(() => this.reloadNow(trigger));
  }

  write(request: WriteRequest): Promise<WriteOutcome> {
    return this.serialise(() => this.writeNow(request));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.watcher?.close();
    clearTimeout(this.watchTimer);
    clearTimeout(this.rebuildTimer);
    await this.queue.catch(() => {});
    this.journal.close();
  }

  // ---- the first version ------------------------------------------------------------------

  private async publishFirst(): Promise<void> {
    const { rules, dataDir } = this.options;
    const recovered = this.journal.recover();
    if (!recovered) {
      const collector = new BlockCollector();
      const store = new TrackedStore(this.options.store);
      const taps = this.options.state.openBuildTaps(store);
      const build = await buildKnowledgeGraph({
        rules, dataDir, store, onProgress: (p) => this.progress(p),
        onQuads: (source, batch) => {
          collector.add(batch.quads, source, batch.lines);
          for (const tap of taps) tap.quads(batch);
        },
      });
      for (const tap of taps) tap.accepted();
      const blocks = collector.blocks();
      this.graph = new ThingGraph(blocks);
      this.graphBuiltFor = undefined;
      this.baseline = hashesOf(blocks);
      this.dataFiles = build.sources.filter((s) => s.graph === undefined && !s.computed);
      this.noteOrigins(blocks, collector);
      const version = await this.materialised(store, build, build.filesModified);
      const changes = [...blocks.keys()].sort().map((thing): ThingChange => ({ thing, action: 'create', hash: this.graph.hash(thing) }));
      // Named and dated by the files, so that the same files give the same version (its ETags,
      // its dumps, its audit trail) across restarts without a journal.
      const entry: JournalEntry = {
        ...this.entryFor('files', changes, undefined, this.baseline),
        id: versionDigest(rules.baseIRI, build.sources, version.materialised.definition),
        at: build.filesModified.toISOString(),
      };
      // The snapshot holds the triples: the journal's entry of the first version needs none.
      await this.journal.snapshot(this.graph, entry.version, this.baseline, entry);
      await this.switchTo(store, version, entry);
      return;
    }

    this.graph = recovered.graph;
    this.graphBuiltFor = undefined;
    this.baseline = recovered.baseline;
    for (const entry of recovered.entries) this.record(entry);
    const files = await this.readFiles();
    this.dataFiles = files.sources;
    const { changes, conflicts } = changesFromFiles(this.graph, this.baseline, files.blocks);
    const baselineDelta = this.baselineDelta(files.blocks);
    let store = new TrackedStore(this.options.store);
    if (changes.length > 0) {
      try {
        const build = { ...await this.buildVersion(store, changes, files.collector, 'start'), files: files.files };
        const entry = this.entryFor('files', changes, undefined, baselineDelta);
        const version = await this.materialised(store, build, this.secondOf(new Date(entry.at)), changes, files);
        await this.journal.append(entry);
        this.reportConflicts(conflicts);
        this.applyToGraph(changes);
        this.applyBaseline(baselineDelta);
        this.noteOrigins(files.blocks, files.collector);
        await this.switchTo(store, version, entry);
        return;
      } catch (error) {
        if (!(error instanceof InvalidDataError)) throw error;
        this.options.log?.(`the files changed since the journal's version ${this.changes.latest?.number ?? 0} do not conform: serving that version (the report follows)`);
        this.refusedFiles = this.locate(error.outcome, files.collector);
        await store.close();
        store = new TrackedStore(this.makeStore());
      }
    } else if (baselineDelta.size > 0) {
      await this.recordBaseline(baselineDelta);
    }
    this.noteOrigins(files.blocks, files.collector);
    const build = await this.buildVersion(store, [], files.collector, 'start');
    // The version built is the journal's; the files are what was read to check it against.
    const version = await this.materialised(store, { ...build, files: files.files }, this.secondOf(this.changes.latest!.at));
    await this.switchTo(store, version, undefined);
  }

  /** The report on the files when they were refused at start and the journal's version served instead. */
  refusedFiles: ValidationOutcome | undefined;

  // ---- reloads ----------------------------------------------------------------------------

  private async reloadNow(trigger: string): Promise<ReloadOutcome> {
    const started = performance.now();
    let files: Awaited<ReturnType<Publisher['readFiles']>>;
    try {
      files = await this.readFiles();
    } catch (error) {
      const reason = (error as Error).message;
      this.options.log?.(`reload (${trigger}) refused: ${reason}`);
      return { status: 'failed', reason };
    }
    const { changes, conflicts } = changesFromFiles(this.graph, this.baseline, files.blocks);
    const baselineDelta = this.baselineDelta(files.blocks);
    if (changes.length === 0) {
      if (baselineDelta.size > 0) await this.recordBaseline(baselineDelta);
      this.options.log?.(`reload (${trigger}): the files hold no change to publish`);
      return { status: 'unchanged', version: this.changes.latest };
    }
    const store = new TrackedStore(this.makeStore());
    const entry = this.entryFor('files', changes, undefined, baselineDelta);
    let version: BuiltVersion;
    try {
      const build = await this.buildVersion(store, changes, files.collector, trigger);
      version = await this.materialised(store, build, this.secondOf(new Date(entry.at)), changes, files);
    } catch (error) {
      await store.close();
      if (error instanceof InvalidDataError) {
        const outcome = this.locate(error.outcome, files.collector);
        this.options.log?.(`reload (${trigger}) refused: the files do not conform to the shapes (${error.outcome.violations} violations); still serving version ${this.changes.latest?.number}:\n${
          formatTextReport(outcome, this.options.rules.shapes, { language: languageFromEnvironment(), baseIRI: this.options.rules.baseIRI, maxShown: 50 })}`);
        return { status: 'refused', outcome };
      }
      const reason = (error as Error).message;
      this.options.log?.(`reload (${trigger}) failed: ${reason}`);
      return { status: 'failed', reason };
    }
    await this.journal.append(entry);
    this.reportConflicts(conflicts);
    this.applyToGraph(changes);
    this.applyBaseline(baselineDelta);
    this.dataFiles = files.sources;
    this.noteOrigins(files.blocks, files.collector);
    const record = await this.switchTo(store, version, entry);
    await this.compactIfDue();
    const seconds = (performance.now() - started) / 1000;
    this.options.log?.(`reload (${trigger}): version ${record.number} published, ${changes.length} things changed, in ${seconds.toFixed(2)} s`);
    return { status: 'published', version: record, changes, conflicts, seconds };
  }

  /** Reads and parses the files, thing by thing. */
  private async readFiles(): Promise<FilesRead> {
    const paths = await rdfFilesIn(this.options.dataDir);
    if (paths.length === 0) throw new NoDataError(this.options.dataDir);
    const collector = new BlockCollector();
    const files: SourceFile[] = [];
    for (const file of readSources(paths)) {
      const statements = await parseRdfChunks(chunksOf(file.bytes), file.name, { baseIRI: this.options.rules.baseIRI, format: file.format },
        (batch) => collector.add(batch.quads, file.name, batch.lines));
      files.push({ ...file, statements });
    }
    return { blocks: collector.blocks(), collector, files: files.map((f) => ({ name: f.name, bytes: f.bytes.length })), sources: files };
  }

  /** Builds the graph with `changes` applied into `store`: the gate beside the load, as at start. */
  private async buildVersion(store: Store, changes: readonly ThingChange[], collector: BlockCollector | undefined, trigger: string): Promise<BuildReport> {
    const bytes = this.graph.serialize(changes);
    const data: SourceFile[] = [{ path: 'published', name: `published graph (${trigger})`, format: 'application/n-triples', bytes }];
    const taps = this.options.state.openBuildTaps(store);
    try {
      const build = await buildKnowledgeGraph({
        rules: this.options.rules, dataDir: this.options.dataDir, store, data, onProgress: (p) => this.progress(p),
        onQuads: taps.length > 0 ? (_source, batch) => { for (const tap of taps) tap.quads(batch); } : undefined,
      });
      for (const tap of taps) tap.accepted();
      return build;
    } catch (error) {
      if (error instanceof InvalidDataError && collector) throw new InvalidDataError(this.locate(error.outcome, collector));
      throw error;
    }
  }

  /**
   * Materialises a built store. Its records are derived from the data files they were read from
   * (as `origins` will stand once `changes` are applied, with the files just read), not from the
   * published graph the store was built from.
   */
  private async materialised(store: Store, build: BuildReport, dataModified: Date, changes: readonly ThingChange[] = [], files?: FilesRead): Promise<BuiltVersion> {
    const changed = new Map(changes.map((c) => [c.thing, c]));
    const originOf = (record: string): string | undefined => {
      if (!files) return this.origins.get(record);
      const published = changed.has(record) ? changed.get(record)!.block : this.graph.get(record);
      return published !== undefined && published === files.blocks.get(record) ? files.collector.firstSeen.get(record)?.source : undefined;
    };
    const recordsWithoutPage = new Map<string, string[]>();
    for (const records of build.recordsWithoutPage.values()) {
      for (const record of records) {
        const file = originOf(record);
        if (file === undefined) continue;
        // Added to the file's list in place: a list copied at each record made the 1M-triple demo wait most of a minute.
        let list = recordsWithoutPage.get(file);
        if (!list) recordsWithoutPage.set(file, list = []);
        list.push(record);
      }
    }
    for (const records of recordsWithoutPage.values()) records.sort();
    const materialised = await materialise(store, this.options.rules, this.options.queries, { dataModified, recordsWithoutPage, blankNodeGraphs: build.blankNodeGraphs });
    return { build, materialised, dataModified };
  }

  /** Notes which file each thing was read from, for the things whose published state is the file's. */
  private noteOrigins(fileBlocks: ReadonlyMap<string, string>, collector: BlockCollector): void {
    this.origins = new Map();
    for (const [thing, block] of fileBlocks) {
      const seen = collector.firstSeen.get(thing);
      if (seen && this.graph.get(thing) === block) this.origins.set(thing, seen.source);
    }
  }

  /** Changes the published graph: no store is built from it as it now is until the next switch. */
  private applyToGraph(changes: readonly ThingChange[]): void {
    this.graphBuiltFor = undefined;
    this.graph.apply(changes);
  }

  /** Results placed where people wrote the things: the file and line, or the journal's version. */
  private locate(outcome: ValidationOutcome, collector: BlockCollector): ValidationOutcome {
    const results = outcome.results.map((result): ValidationResult => {
      const key = result.focusNode.termType === 'NamedNode' ? result.focusNode.value : `_:${result.focusNode.value}`;
      const seen = collector.firstSeen.get(key);
      if (seen) return { ...result, location: seen };
      const last = this.changes.lastChange(key);
      return { ...result, location: { source: last ? `journal (version ${last.version})` : 'journal', line: 0 } };
    });
    return outcomeOf(results, outcome.triples, outcome.truncated);
  }

  private baselineDelta(files: ReadonlyMap<string, string>): Map<string, string | null> {
    const delta = new Map<string, string | null>();
    for (const [thing, block] of files) {
      const hash = hashOf(block);
      if (this.baseline.get(thing) !== hash) delta.set(thing, hash);
    }
    for (const thing of this.baseline.keys()) if (!files.has(thing)) delta.set(thing, null);
    return delta;
  }

  private applyBaseline(delta: ReadonlyMap<string, string | null>): void {
    for (const [thing, hash] of delta) {
      if (hash === null) this.baseline.delete(thing);
      else this.baseline.set(thing, hash);
    }
  }

  private reportConflicts(conflicts: readonly string[]): void {
    if (conflicts.length === 0) return;
    const shown = conflicts.slice(0, 20).map((c) => `<${c}>`).join(', ');
    this.options.log?.(`the files changed ${conflicts.length} things a curator had also changed since they were last read; the files' version is published: ${shown}${conflicts.length > 20 ? ', …' : ''}`);
  }

  // ---- writes -----------------------------------------------------------------------------

  private async writeNow(request: WriteRequest): Promise<WriteOutcome> {
    const status = this.options.state.status;
    if (status.phase !== 'ready') return { kind: 'unavailable', reason: 'the data is still loading' };
    if (!this.journal.durable) return { kind: 'unavailable', reason: 'this service keeps no journal (no STATE_DIR), so it cannot make a write durable' };
    const { thing } = request;
    const current = this.graph.hash(thing);
    if (request.ifNoneMatchAny && current) return { kind: 'precondition-failed', current };
    if (request.ifMatch) {
      const matches = request.ifMatch.includes('*') ? current !== undefined : current !== undefined && request.ifMatch.includes(current);
      if (!matches) return { kind: 'precondition-failed', current };
    } else if (current && !request.ifNoneMatchAny) {
      return { kind: 'precondition-required', current };
    }
    if (request.quads === undefined && !current) return { kind: 'not-found' };

    const block = request.quads ? blockOf(request.quads) : undefined;
    if (block !== undefined && block === this.graph.get(thing)) return { kind: 'done', result: 'unchanged', hash: current, version: this.changes.latest };
    const outcome = await this.check.check(this.graph, thing, request.quads, 'request body', request.lines);
    if (!outcome.conforms) return { kind: 'invalid', outcome };

    const hash = block ? hashOf(block) : undefined;
    const change: ThingChange = block ? { thing, action: current ? 'update' : 'create', block, hash } : { thing, action: 'delete' };
    const entry = this.entryFor('curator', [change], request.agent);
    await this.journal.append(entry);
    const record = this.record(entry);
    const oldBlock = this.graph.get(thing);
    try {
      await status.store.update(this.updateText(thing, block, record));
      this.updateBytes += (block?.length ?? 0) + 200;
    } catch (error) {
      // The journal holds the write: the store is rebuilt from the graph rather than left behind.
      this.options.log?.(`the store refused the update of version ${record.number} (${(error as Error).message}); rebuilding it`);
      this.updateBytes = Number.POSITIVE_INFINITY;
    }
    this.applyToGraph([change]);
    // The written state is the curator's, no longer a file's.
    this.origins.delete(thing);
    this.options.state.status = {
      ...status,
      dataVersion: record.id,
      version: record.number,
      readyAt: this.secondOf(record.at),
      triples: this.graph.triples,
      counts: this.recount(status.counts, oldBlock, block, thing),
    };
    await this.compactIfDue();
    this.scheduleRebuild();
    return { kind: 'done', result: change.action === 'create' ? 'created' : change.action === 'delete' ? 'deleted' : 'updated', hash, version: record };
  }

  /** The SPARQL Update of a write: the thing's triples replaced, and the version's provenance added. */
  private updateText(thing: string, block: string | undefined, record: VersionRecord): string {
    const provenance = provenanceOf(record, this.changes.entries(record.firstEntry, record.firstEntry + record.entries), this.options.rules.baseIRI);
    const parts = [`DELETE WHERE { <${thing}> ?p ?o }`];
    if (block) parts.push(`INSERT DATA { ${block} }`);
    parts.push(`INSERT DATA { GRAPH <${provenanceNames(this.options.rules.baseIRI).graph}> { ${provenance} } }`);
    return parts.join(' ;\n');
  }

  private recount(counts: Readonly<Record<string, number>>, oldBlock: string | undefined, newBlock: string | undefined, thing: string): Record<string, number> {
    this.kindCounter ??= new KindCounter(this.options.rules, Object.keys(counts));
    const next = { ...counts };
    for (const kind of this.kindCounter.kindsOf(oldBlock ? typesIn(oldBlock, thing) : [])) next[kind] = (next[kind] ?? 1) - 1;
    for (const kind of this.kindCounter.kindsOf(newBlock ? typesIn(newBlock, thing) : [])) next[kind] = (next[kind] ?? 0) + 1;
    return next;
  }

  // ---- versions ---------------------------------------------------------------------------

  private entryFor(source: VersionSource, changes: readonly ThingChange[], agent?: string, baseline?: ReadonlyMap<string, string | null>): JournalEntry {
    const previous = this.changes.latest;
    // Versions are a line in time too: a clock set back never puts a version before the last.
    const at = new Date(Math.max(Date.now(), previous ? previous.at.getTime() : 0));
    return {
      version: (previous?.number ?? 0) + 1, id: randomUUID(), at: at.toISOString(), source, agent,
      changes, baseline: baseline ? Object.fromEntries(baseline) : undefined,
    };
  }

  /**
   * A reading of the files that changes nothing published (they now agree with it, say after an
   * export) still moves the baseline: it is kept with a snapshot, as it makes no version.
   */
  private async recordBaseline(delta: ReadonlyMap<string, string | null>): Promise<void> {
    this.applyBaseline(delta);
    const latest = this.changes.latest;
    if (latest) await this.journal.snapshot(this.graph, latest.number, this.baseline);
  }

  private record(entry: JournalEntry): VersionRecord {
    return this.changes.append(
      { number: entry.version, id: entry.id, at: new Date(entry.at), source: entry.source, agent: entry.agent },
      entry.changes.map(({ thing, action, hash }) => ({ thing, action, hash })),
    );
  }

  /**
   * Makes a store current: loads the audit trail, counts what the home page shows, and switches
   * the state. `dataVersion` is the version's id; a store rebuilt for the same version (after
   * writes) gets one of its own, so that what was cached from the store it replaces is dropped.
   */
  private async switchTo(store: TrackedStore, version: BuiltVersion, entry: JournalEntry | undefined, rebuilt = false): Promise<VersionRecord> {
    const record = entry ? this.record(entry) : this.changes.latest!;
    const provenance = this.changes.allVersions()
      .map((v) => provenanceOf(v, this.changes.entries(v.firstEntry, v.firstEntry + v.entries), this.options.rules.baseIRI)).join('');
    const auditTrail: SourceFile = {
      path: 'audit trail', name: 'audit trail', format: 'application/n-triples', bytes: textInSharedMemory(provenance), graph: provenanceNames(this.options.rules.baseIRI).graph,
      computed: true,
    };
    await store.load([{ name: auditTrail.name, bytes: auditTrail.bytes, format: auditTrail.format, baseIRI: this.options.rules.baseIRI, graph: auditTrail.graph }]);
    const { counts, triples } = await countHoldings(store, this.options.queries, this.options.rules.baseIRI);
    const previous = this.options.state.status;
    const dataVersion = rebuilt ? `${record.id}.${++this.rebuilds}` : record.id;
    const ready: ReadyStatus = {
      phase: 'ready', store, build: version.build, counts, triples, readyAt: this.secondOf(record.at), dataVersion, version: record.number,
      sourcesVersion: dataVersion, sources: [...version.build.sources, ...version.materialised.parts, auditTrail],
      dataFiles: this.dataFiles, dataModified: version.dataModified,
    };
    this.options.state.status = ready;
    this.graphBuiltFor = dataVersion;
    this.updateBytes = 0;
    if (previous.phase === 'ready' && previous.store !== store) this.retire(previous.store);
    return record;
  }

  private retire(old: Store): void {
    const successor = () => (this.options.state.status.phase === 'ready' ? this.options.state.status.store : undefined);
    if (old instanceof TrackedStore) void old.retire(successor, RETIRE).catch(() => {});
    else void old.close().catch(() => {});
  }

  /** Last-Modified has a one-second resolution: a version is current from the second it starts. */
  private secondOf(at: Date): Date {
    return new Date(Math.floor(at.getTime() / 1000) * 1000);
  }

  private async compactIfDue(): Promise<void> {
    const latest = this.changes.latest;
    if (!latest) return;
    if (this.journal.pendingBytes > COMPACT_JOURNAL_BYTES) {
      await this.journal.snapshot(this.graph, latest.number, this.baseline);
    }
    // Every replica replays the updates since its store was built: past a size, a store is
    // rebuilt from the graph, so that a replica replaced later starts from bytes again.
    if (this.updateBytes > REBUILD_STORE_UPDATE_BYTES) await this.rebuildStore('store rebuilt');
  }

  /**
   * Builds the store anew from the graph, materialised, beside the one served, and switches to
   * it; the version stays the same. Nothing to do when the store served was built for the
   * latest version (no write since).
   */
  private async rebuildStore(trigger: string): Promise<void> {
    const status = this.options.state.status;
    const latest = this.changes.latest;
    if (status.phase !== 'ready' || !latest || status.sourcesVersion === status.dataVersion) return;
    const store = new TrackedStore(this.makeStore());
    try {
      const build = await this.buildVersion(store, [], undefined, trigger);
      await this.switchTo(store, await this.materialised(store, build, this.secondOf(latest.at)), undefined, true);
    } catch (error) {
      await store.close();
      this.options.log?.(`the store could not be rebuilt: ${(error as Error).message}`);
    }
  }

  /** After a write: the store is rebuilt once writes have been quiet a moment, queued like any change. */
  private scheduleRebuild(): void {
    clearTimeout(this.rebuildTimer);
    this.rebuildTimer = setTimeout(() => {
      void this.serialise(() => this.rebuildStore('after writes')).catch(() => {});
    }, REBUILD_AFTER_WRITES_MS);
  }

  // ---- plumbing ---------------------------------------------------------------------------

  private serialise<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(() => {
      if (this.closed) throw new Error('the publisher is closed');
      return task();
    });
    this.queue = run.catch(() => {});
    return run;
  }

  private progress(progress: BuildProgress): void {
    if (this.options.state.status.phase !== 'ready') this.options.state.status = { phase: 'loading', progress };
    this.options.onProgress?.(progress);
  }

  private makeStore(): Store {
    return this.options.makeStore?.() ?? new EmbeddedStore();
  }

  private watchFiles(): void {
    try {
      this.watcher = watch(this.options.dataDir, (_event, name) => {
        if (name !== null && !isRdfFile(fileNameOf(String(name)))) return;
        clearTimeout(this.watchTimer);
        // Editors write a file in several steps: wait until it has been quiet a moment.
        this.watchTimer = setTimeout(() => { void this.reload('files changed').catch(() => {}); }, 400);
      });
      this.watcher.on('error', (error) => this.options.log?.(`watching ${this.options.dataDir} stopped: ${error.message}`));
    } catch (error) {
      this.options.log?.(`cannot watch ${this.options.dataDir}: ${(error as Error).message}; reload with SIGHUP or POST /admin/reload`);
    }
  }
}

/** Things of each kind and triples, counted in the store once per built version. */
export async function countHoldings(store: Store, queries: QueryCatalogue, baseIRI: string): Promise<{ counts: Record<string, number>; triples: number }> {
  const counts: Record<string, number> = {};
  for (const row of await store.select(queries.get('collection-counts'), { baseIRI })) {
    counts[row.kind!.value] = Number(row.count!.value);
  }
  const [total] = await store.select(queries.get('triple-count'), { baseIRI });
  return { counts, triples: Number(total?.triples?.value ?? 0) };
}
