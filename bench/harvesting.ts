/**
 * The harvesting suite, on generated data (1M triples unless BENCH_HARVESTING_DOCUMENTS says
 * how many documents to generate), each server in a process of its own:
 *  - Triple Pattern Fragments: the first page of a pattern (a subject, a predicate and object,
 *    an object), asked by 16 clients, cold (patterns never asked before) and warm (a working
 *    set asked once before); beside our SPARQL endpoint answering the same pattern as a query
 *    (CONSTRUCT … LIMIT 100, by GET so that its own cache plays as it does for clients), and
 *    beside the Linked Data Fragments server (@ldf/server 3.3, the reference) on the same triples.
 *  - OAI-PMH: a full harvest of every sheet through the resumption tokens, in oai_dc and in rdf,
 *    as one harvester does it (one request after another): records per second, and the
 *    service's peak memory during the harvest.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Random } from '../src/generate/random.js';
import { dumpTriples } from './dereference.js';
import { closedLoop, HttpClient, percentile, type LoadResult } from './http-load.js';
import { prepareDataset, SIZES } from './knowledge-graph.js';
import { startLdfServer } from './peers/ldf-server.js';
import { BENCH_BASE, startOurService, type ServerProcess } from './processes.js';
import { integer, median, megabytes, ratio, table, verdict } from './report.js';

const CLIENTS = 16;
const LOAD_SECONDS = 8;
/** Patterns of the working set, and of each cold pass, by shape. */
const PATTERNS_PER_SHAPE = { subject: 600, 'predicate+object': 300, object: 100 } as const;
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const DCT_SUBJECT = 'http://purl.org/dc/terms/subject';

interface Pattern { readonly subject?: string; readonly predicate?: string; readonly object?: string }

interface Door {
  readonly name: string;
  readonly process: ServerProcess;
  url(pattern: Pattern): string;
}

const search = (pattern: Pattern) => new URLSearchParams(Object.entries(pattern).filter(([, v]) => v) as [string, string][]).toString();

/** The same pattern as a query: what a client without fragments sends the endpoint for one page. */
function asQuery(pattern: Pattern): string {
  const term = (value: string | undefined, variable: string) => (value ? `<${value}>` : `?${variable}`);
  const where = `${term(pattern.subject, 's')} ${term(pattern.predicate, 'p')} ${term(pattern.object, 'o')}`;
  return `CONSTRUCT WHERE { ${where} } LIMIT 100`;
}

async function select(origin: string, query: string): Promise<string[]> {
  const response = await fetch(`${origin}/sparql`, { method: 'POST', headers: { 'Content-Type': 'application/sparql-query', Accept: 'application/sparql-results+json' }, body: query });
  if (!response.ok) throw new Error(`${query}: ${response.status} ${await response.text()}`);
  const rows = ((await response.json()) as { results: { bindings: Record<string, { value: string }>[] } }).results.bindings;
  return rows.map((row) => Object.values(row)[0]!.value);
}

/** Patterns of each shape drawn from the data, spread over it, shuffled: `passes` disjoint sets. */
async function choosePatterns(origin: string, passes: number): Promise<Pattern[][]> {
  const subjects = await select(origin, `SELECT DISTINCT ?s WHERE { ?s a ?type FILTER(STRSTARTS(STR(?s), "${BENCH_BASE}id/")) } ORDER BY ?s`);
  const descriptors = await select(origin, `SELECT DISTINCT ?d WHERE { ?sheet <${DCT_SUBJECT}> ?d } ORDER BY ?d`);
  const classes = await select(origin, `SELECT DISTINCT ?c WHERE { ?x <${RDF_TYPE}> ?c } ORDER BY ?c`);
  const spread = <T>(all: readonly T[], count: number, pass: number): T[] => {
    const step = all.length / Math.max(1, count * passes);
    return Array.from({ length: Math.min(count, Math.floor(all.length / passes)) }, (_v, i) => all[Math.floor((i * passes + pass) * step) % all.length]!);
  };
  return Array.from({ length: passes }, (_v, pass) => {
    const objects = [...descriptors, ...classes];
    const patterns: Pattern[] = [
      ...spread(subjects, PATTERNS_PER_SHAPE.subject, pass).map((subject) => ({ subject })),
      ...spread(objects, PATTERNS_PER_SHAPE['predicate+object'], pass).map((object) => ({ predicate: classes.includes(object) ? RDF_TYPE : DCT_SUBJECT, object })),
      ...spread(subjects, PATTERNS_PER_SHAPE.object, pass).map((object) => ({ object })),
    ];
    const order = Random.stream(42, 'harvesting patterns', pass).permutation(patterns.length);
    return Array.from(order, (i) => patterns[i]!);
  });
}

async function load(door: Door, patterns: readonly Pattern[], seconds: number, turns?: number): Promise<LoadResult> {
  const pool = Array.from({ length: CLIENTS }, (_, i) => new HttpClient(`127.0.0.${10 + i}`));
  try {
    return await closedLoop(CLIENTS, seconds, async (client, turn) => {
      const response = await pool[client]!.send({ url: door.url(patterns[turn % patterns.length]!), headers: { Accept: 'text/turtle' } });
      return response.status === 200 && response.bytes > 0;
    }, turns);
  } finally {
    pool.forEach((c) => c.close());
  }
}

/** Peak and current resident memory of a process (Linux), in bytes; the peak can be reset. */
function memoryOf(pid: number): { peak: number; current: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) * 1024;
  return { peak: kilobytes('VmHWM'), current: kilobytes('VmRSS') };
}

function resetPeakMemory(pid: number): void {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    // Without the right to reset it, the peak is the process's whole life's.
  }
}

interface Harvest { readonly records: number; readonly seconds: number; readonly requests: number; readonly peak: number; readonly before: number }

/** A full harvest as one harvester makes it: ListRecords, then every resumption token in turn. */
async function harvest(service: ServerProcess, metadataPrefix: string): Promise<Harvest> {
  const pid = service.child.pid!;
  resetPeakMemory(pid);
  const before = memoryOf(pid).current;
  const started = performance.now();
  let records = 0;
  let requests = 0;
  let query = `verb=ListRecords&metadataPrefix=${metadataPrefix}`;
  for (;;) {
    const response = await fetch(`${service.origin}/oai?${query}`);
    const xml = await response.text();
    requests++;
    if (response.status !== 200 || xml.includes('<error ')) throw new Error(`harvest stopped at request ${requests}: ${xml.slice(0, 300)}`);
    records += xml.split('<record>').length - 1;
    const token = /<resumptionToken[^>]*>([^<]+)<\/resumptionToken>/.exec(xml)?.[1];
    if (!token) break;
    query = `verb=ListRecords&resumptionToken=${encodeURIComponent(token)}`;
  }
  return { records, requests, seconds: (performance.now() - started) / 1000, peak: memoryOf(pid).peak, before };
}

export async function runHarvestingSuite(runs: number, log: (line: string) => void): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'citego-bench-harvesting-'));
  const documents = Number(process.env.BENCH_HARVESTING_DOCUMENTS ?? SIZES[SIZES.length - 1]!.documents);
  if (!Number.isInteger(documents) || documents < 10) throw new Error(`BENCH_HARVESTING_DOCUMENTS must be a whole number from 10, not "${process.env.BENCH_HARVESTING_DOCUMENTS}"`);
  const started: ServerProcess[] = [];
  try {
    log('');
    log(`== Harvesting: Triple Pattern Fragments (${CLIENTS} clients, ${LOAD_SECONDS} s per measure) and OAI-PMH full harvests, ${integer(documents)} generated documents ==`);
    log('   generating the data, then dumping it for the LDF server');
    const dataset = prepareDataset({ label: String(documents), documents }, root);
    const dump = join(root, 'all.nt');
    const triples = await dumpTriples(dataset.dir, dump);
    log('   starting our service');
    const service = await startOurService(dataset.dir);
    started.push(service);
    // The fragments index is prepared once per version: wait for it, as a client would meet it.
    const indexing = performance.now();
    if ((await fetch(`${service.origin}/fragments`, { headers: { Accept: 'text/turtle' } })).status !== 200) throw new Error('the fragments do not answer');
    log(`-- ${integer(triples)} triples; fragments index ready ${((performance.now() - indexing) / 1000).toFixed(1)} s after the service`);
    const [working, ...coldPasses] = await choosePatterns(service.origin, 2 + 2 * runs);
    const doors: Door[] = [
      { name: 'fragments (ours)', process: service, url: (p) => `${service.origin}/fragments?${search(p)}` },
      { name: 'SPARQL endpoint (ours)', process: service, url: (p) => `${service.origin}/sparql?query=${encodeURIComponent(asQuery(p))}` },
    ];
    try {
      log('   starting @ldf/server on the same triples');
      const ldf = await startLdfServer({ dump, log });
      started.push(ldf);
      doors.push({ name: '@ldf/server 3.3', process: ldf, url: (p) => `${ldf.origin}/data?${search(p)}` });
    } catch (error) {
      log(`   @ldf/server could not be started, its column is left empty: ${(error as Error).message}`);
    }
    log(`   measuring: ${integer(working!.length)} patterns in the working set, as many new ones in each cold pass`);
    const warm = new Map<string, LoadResult[]>();
    const cold = new Map<string, LoadResult[]>();
    for (const door of doors) await load(door, working!, 600, working!.length);
    for (let run = 0; run < runs; run++) {
      for (const [i, door] of doors.entries()) {
        const fresh = coldPasses[(run * doors.length + i) % coldPasses.length]!;
        cold.set(door.name, [...(cold.get(door.name) ?? []), await load(door, fresh, 120, fresh.length)]);
        warm.set(door.name, [...(warm.get(door.name) ?? []), await load(door, working!, LOAD_SECONDS)]);
      }
    }
    log(fragmentsReport(doors.map((d) => d.name), warm, cold, runs));

    log('   OAI-PMH: full harvests');
    const harvests = new Map<string, Harvest[]>();
    for (let run = 0; run < runs; run++) {
      for (const prefix of ['oai_dc', 'rdf']) harvests.set(prefix, [...(harvests.get(prefix) ?? []), await harvest(service, prefix)]);
    }
    log(harvestReport(harvests, runs));
  } finally {
    for (const server of started.reverse()) await server.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

function fragmentsReport(names: readonly string[], warm: Map<string, LoadResult[]>, cold: Map<string, LoadResult[]>, runs: number): string {
  const perSecond = (results: Map<string, LoadResult[]>, name: string | undefined) => median((name ? results.get(name) ?? [] : []).map((r) => r.perSecond));
  const p99 = (results: Map<string, LoadResult[]>, name: string) => median((results.get(name) ?? []).map((r) => percentile(r.latencies, 99)));
  const ms = (n: number) => (Number.isFinite(n) ? (n < 10 ? n.toFixed(2) : n.toFixed(1)) : '-');
  const [ours, endpoint, ldf] = names;
  const rows = [['', ...names], ...(['warm', 'cold'] as const).map((kind) => {
    const results = kind === 'warm' ? warm : cold;
    return [kind, ...names.map((name) => `${integer(perSecond(results, name))} /s, p99 ${ms(p99(results, name))} ms`)];
  })];
  const lines = [`First pages of patterns per second and p99 latency, medians of ${runs} run${runs > 1 ? 's' : ''}:`, table(rows)];
  for (const kind of ['warm', 'cold'] as const) {
    const results = kind === 'warm' ? warm : cold;
    const overLdf = perSecond(results, ours) / perSecond(results, ldf);
    lines.push(`   ${kind}: fragments ${ratio(perSecond(results, ours) / perSecond(results, endpoint))} the endpoint's rate, ` +
      `${ratio(overLdf)} @ldf/server's (target ≥ 1.00×: ${verdict(overLdf >= 1)})`);
  }
  const failures = [...warm, ...cold].filter(([, list]) => list.some((r) => r.failed > 0)).map(([name, list]) => `${name}: ${list.reduce((s, r) => s + r.failed, 0)} failed`);
  if (failures.length) lines.push(`   failed requests: ${failures.join('; ')}`);
  return lines.join('\n');
}

function harvestReport(harvests: Map<string, Harvest[]>, runs: number): string {
  const rows = [['format', 'records', 'requests', 'records/s', 'seconds', 'memory before', 'peak during'], ...[...harvests].map(([prefix, list]) => [
    prefix, integer(list[0]!.records), integer(list[0]!.requests), integer(median(list.map((h) => h.records / h.seconds))),
    median(list.map((h) => h.seconds)).toFixed(1), megabytes(median(list.map((h) => h.before))), megabytes(median(list.map((h) => h.peak))),
  ])];
  return [`Full OAI-PMH harvests (ListRecords through every token), medians of ${runs} run${runs > 1 ? 's' : ''}:`, table(rows),
    '   memory: resident memory of the service process (its store replicas included) before the harvest, and its peak during it'].join('\n');
}
