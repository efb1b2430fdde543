/**
 * The soak suite: the service under mixed traffic for several minutes, as `npm start` runs it
 * (default settings, the query time limit included), and the cold path beside Virtuoso 7.
 *
 * - Pages beside runaway queries: as many runaway queries as there are endpoint replicas, from as
 *   many addresses, and meanwhile descriptions never requested before, one after the other:
 *   their p99 (target: under 50 ms).
 * - Cold path: descriptions requested for the first time (nothing prepared), by 32 clients, as
 *   Turtle; beside Virtuoso 7 loaded with the same triples in the same run, answering the same
 *   descriptions (the thing's own triples and the first page of its incoming links, with the
 *   labels, as one CONSTRUCT by SPARQL GET: one query where ours runs three), once both servers
 *   are idle (ours has prepared its version's search index, dumps and harvesting index; Virtuoso
 *   has checkpointed). Target: ours at least twice Virtuoso's throughput.
 * - Soak: clients from their own addresses, back to back: descriptions already served (warm),
 *   descriptions never served (cold, while any are left), pages (home, lists, the model, the
 *   workbench, the sitemap); researchers running the example queries one after the other with a
 *   second between them; and a steady trickle of runaway queries, one at a time, from rotating
 *   addresses, each stopped at the time limit. Reported: throughput, p50/p99 by kind, errors
 *   (none allowed but the runaway queries' own 503 and 429), the service's memory once warm and
 *   at the end (no growth allowed), and its restarts and refusals from /metrics.
 *
 * SOAK_SECONDS sets the soak's length (default 300), SOAK_DATA the data: `1M` (generated, the
 * default) or `demo` (the demo data: a quick check that the suite runs).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../src/config.js';
import { readExamples, withBase, type ExampleQuery } from '../src/features/sparql/examples.js';
import { chooseThings, dumpTriples, listThings } from './dereference.js';
import { GENERATED_COUNTERPARTS } from './endpoint.js';
import { closedLoop, HttpClient, percentile, type HttpRequest } from './http-load.js';
import { prepareDataset, SIZES } from './knowledge-graph.js';
import { startVirtuoso, virtuosoInstalled, type RunningVirtuoso } from './peers/virtuoso.js';
import { BENCH_BASE, startOurService, waitUntilIdle, type ServerProcess } from './processes.js';
import { integer, median, megabytes, ratio, table, verdict } from './report.js';

const COLD_CLIENTS = 32;
const MIXED_CLIENTS = 16;
const RESEARCHERS = 4;
/** One runaway query at a time, a new one this often: the time limit (30 s) plus a few seconds. */
const RUNAWAY_EVERY_MS = 35_000;
const RUNAWAY = 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }';
const TURTLE = 'text/turtle';

type Kind = 'description (warm)' | 'description (cold)' | 'page' | 'example query' | 'runaway query';
const KINDS: readonly Kind[] = ['description (warm)', 'description (cold)', 'page', 'example query', 'runaway query'];

interface Sample { readonly kind: Kind; readonly status: number; readonly ms: number }

/** The description of a thing as Virtuoso answers it: our two description queries, as one CONSTRUCT. */
function describeAsConstruct(thing: string): string {
  const iri = `<${BENCH_BASE}id/${thing}>`;
  return `PREFIX citego: <${BENCH_BASE}ontology#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
CONSTRUCT { ${iri} ?p ?o . ?o ?display ?label . ?o a ?type . ?in ?link ${iri} . ?in ?inDisplay ?inLabel . ?in a ?inType . }
WHERE {
  { ${iri} ?p ?o .
    OPTIONAL { ?o ?display ?label FILTER(?display IN (skos:prefLabel, dct:title, foaf:name, rdfs:label, skos:notation, citego:colour)) }
    OPTIONAL { ?o a ?type } }
  UNION
  { { SELECT ?in ?link WHERE { ?in ?link ${iri} } ORDER BY ?link ?in LIMIT 100 }
    OPTIONAL { ?in ?inDisplay ?inLabel FILTER(?inDisplay IN (skos:prefLabel, dct:title, foaf:name, rdfs:label, skos:notation, dct:issued)) }
    OPTIONAL { ?in a ?inType } }
}`;
}

interface Figures { readonly perSecond: number; readonly p50: number; readonly p99: number; readonly failed: number }

async function coldPath(name: string, things: readonly string[], request: (thing: string) => HttpRequest): Promise<Figures> {
  const clients = Array.from({ length: COLD_CLIENTS }, (_, i) => new HttpClient(`127.0.0.${10 + i}`));
  try {
    const result = await closedLoop(COLD_CLIENTS, 600, async (client, turn) => {
      const response = await clients[client]!.send(request(things[turn]!));
      return response.status === 200 && response.bytes > 0;
    }, things.length);
    if (result.completed === 0) throw new Error(`${name}: no description was answered`);
    return { perSecond: result.perSecond, p50: percentile(result.latencies, 50), p99: percentile(result.latencies, 99), failed: result.failed };
  } finally {
    clients.forEach((c) => c.close());
  }
}

/** The service's resident memory and a few counters, from its own metrics. */
async function scrape(origin: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${origin}/metrics`)).text();
  const value = (pattern: RegExp) => [...text.matchAll(pattern)].reduce((sum, m) => sum + Number(m[1]), 0);
  return {
    rss: value(/^process_resident_memory_bytes ([\d.e+]+)$/gm),
    storeMemory: value(/^store_memory_bytes ([\d.e+]+)$/gm),
    restarts: value(/^store_replica_restarts_total\{[^}]*\} ([\d.e+]+)$/gm),
    failures: value(/^store_replica_failures_total\{[^}]*\} ([\d.e+]+)$/gm),
    refused: value(/^sparql_refused_total\{[^}]*\} ([\d.e+]+)$/gm),
  };
}

/** Descriptions never requested before, one at a time, while two runaway queries hold both endpoint replicas. */
async function besideRunaways(origin: string, things: readonly string[]): Promise<{ p50: number; p99: number; failed: number; runaways: number[] }> {
  const runaways = ['127.0.4.10', '127.0.4.11'].map(async (address) => {
    const http = new HttpClient(address);
    try {
      return (await http.send({ url: `${origin}/sparql?query=${encodeURIComponent(`${RUNAWAY} # beside ${address}`)}` })).status;
    } finally {
      http.close();
    }
  });
  // Both runaway queries on their replicas before the first description.
  await new Promise((r) => setTimeout(r, 1000));
  const reader = new HttpClient('127.0.4.20');
  const latencies: number[] = [];
  let failed = 0;
  try {
    for (const thing of things) {
      const response = await reader.send({ url: `${origin}/doc/${thing}.html` });
      latencies.push(response.ms);
      if (response.status !== 200) failed++;
    }
  } finally {
    reader.close();
  }
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), failed, runaways: await Promise.all(runaways) };
}

/** Mixed traffic for `seconds`: every answer timed and checked against what its kind allows. */
async function soak(origin: string, seconds: number, warm: readonly string[], cold: string[], examples: readonly { example: ExampleQuery; text: string }[]): Promise<{ samples: Sample[]; unexpected: string[] }> {
  const samples: Sample[] = [];
  const unexpected: string[] = [];
  const pages = ['/?lang=fr', '/?lang=en', '/browse/document', '/browse/descriptor?lang=en', '/browse/actor', '/browse/place', '/ontology', '/shapes', '/sparql', '/sitemap.xml'];
  const deadline = performance.now() + seconds * 1000;
  const record = (kind: Kind, status: number, ms: number, what: string, allowed: readonly number[]) => {
    samples.push({ kind, status, ms });
    if (!allowed.includes(status) && unexpected.length < 50) unexpected.push(`${kind} ${what}: ${status}`);
  };

  const browsing = Array.from({ length: MIXED_CLIENTS }, async (_, client) => {
    const http = new HttpClient(`127.0.1.${10 + client}`);
    try {
      for (let turn = 0; performance.now() < deadline; turn++) {
        // Of every ten requests: six warm descriptions, two cold ones (while any are left), two pages.
        const slot = (turn + client) % 10;
        const coldThing = slot < 2 ? cold.pop() : undefined;
        let kind: Kind;
        let path: string;
        if (coldThing) {
          kind = 'description (cold)';
          path = `/doc/${coldThing}.${turn % 2 ? 'html' : 'jsonld'}`;
        } else if (slot < 8) {
          kind = 'description (warm)';
          path = `/doc/${warm[(turn * MIXED_CLIENTS + client) % warm.length]!}.${turn % 2 ? 'html' : 'jsonld'}`;
        } else {
          kind = 'page';
          path = pages[(turn + client) % pages.length]!;
        }
        const response = await http.send({ url: `${origin}${path}` });
        record(kind, response.status, response.ms, path, [200]);
      }
    } finally {
      http.close();
    }
  });

  const researching = Array.from({ length: RESEARCHERS }, async (_, client) => {
    const http = new HttpClient(`127.0.2.${10 + client}`);
    try {
      for (let turn = client; performance.now() < deadline; turn++) {
        const { example, text } = examples[turn % examples.length]!;
        const response = await http.send({
          url: `${origin}/sparql`, method: 'POST', body: new URLSearchParams({ query: text }).toString(),
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: example.form === 'CONSTRUCT' || example.form === 'DESCRIBE' ? 'application/n-triples' : 'application/sparql-results+json' },
        });
        record('example query', response.status, response.ms, example.id, [200]);
        await new Promise((r) => setTimeout(r, 1000));
      }
    } finally {
      http.close();
    }
  });

  const runaways = (async () => {
    const addresses = ['127.0.3.10', '127.0.3.11', '127.0.3.12'];
    for (let turn = 0; performance.now() + RUNAWAY_EVERY_MS < deadline; turn++) {
      const http = new HttpClient(addresses[turn % addresses.length]);
      const started = performance.now();
      try {
        const response = await http.send({ url: `${origin}/sparql?query=${encodeURIComponent(`${RUNAWAY} # ${turn}`)}` });
        record('runaway query', response.status, response.ms, `#${turn}`, [503, 429]);
      } finally {
        http.close();
      }
      await new Promise((r) => setTimeout(r, Math.max(0, RUNAWAY_EVERY_MS - (performance.now() - started))));
    }
  })();

  await Promise.all([...browsing, ...researching, runaways]);
  return { samples, unexpected };
}

export async function runSoakSuite(runs: number, log: (line: string) => void): Promise<void> {
  const seconds = Number(process.env.SOAK_SECONDS ?? 300);
  const data = process.env.SOAK_DATA ?? '1M';
  if (!Number.isFinite(seconds) || seconds < 10) throw new Error(`SOAK_SECONDS must be a number of seconds, 10 or more, not "${process.env.SOAK_SECONDS}"`);
  const size = SIZES.find((s) => s.label === data);
  if (data !== 'demo' && !size) throw new Error(`SOAK_DATA must be demo or one of ${SIZES.map((s) => s.label).join(', ')}, not "${data}"`);
  const root = mkdtempSync(join(tmpdir(), 'citego-bench-soak-'));
  const started: { stop(): Promise<void> }[] = [];
  try {
    log('');
    log(`== Soak: mixed traffic for ${seconds} s, and the cold path beside Virtuoso 7, on ${data === 'demo' ? 'the demo data' : `${data} generated triples`} ==`);
    const dataDir = size ? prepareDataset(size, root).dir : join(projectRoot(), 'data');
    const dump = join(root, 'all.nt');
    const triples = await dumpTriples(dataDir, dump);
    log(`   ${integer(triples)} triples; starting our service (default settings: two endpoint replicas, one for pages, a 30 s time limit)`);
    const ours: ServerProcess = await startOurService(dataDir, { QUERY_TIMEOUT_MS: '30000' });
    started.push(ours);
    let virtuoso: RunningVirtuoso | undefined;
    if (virtuosoInstalled()) {
      log('   loading the same triples into Virtuoso 7');
      virtuoso = await startVirtuoso({ files: [dump], graph: 'urn:citego', buffers: 340_000 });
      started.push(virtuoso);
    } else {
      log('   Virtuoso is not installed (apt-get install virtuoso-opensource): the cold path is measured for ours alone.');
    }

    const byKind = await listThings(ours.origin);
    const all = [...byKind.values()].flat();
    // Things for each part, none requested twice: the cold path's sets (one a run, spread over the
    // kinds as crawlers meet them), those read beside runaway queries, the warm set, and the rest
    // for the soak's cold requests. Small data is shared out in proportion.
    const share = (wanted: number, part: number) => Math.max(1, Math.min(wanted, Math.floor(all.length * part)));
    const scale = share(2000, 0.4 / runs) / 2000;
    const quotas = { document: 1000 * scale, actor: 400 * scale, descriptor: 300 * scale, place: 200 * scale, dossier: 100 * scale };
    const used = new Set<string>();
    const take = (things: string[]) => {
      const fresh = things.filter((thing) => !used.has(thing));
      for (const thing of fresh) used.add(thing);
      return fresh;
    };
    const coldSets = Array.from({ length: runs }, (_, run) => take(chooseThings(byKind, quotas, 1 + run)));
    const besideThings = take(all.filter((thing) => !used.has(thing)).slice(0, share(300, 0.15)));
    const warm = take(all.filter((thing) => !used.has(thing)).slice(0, share(2000, 0.3)));
    const coldForSoak = all.filter((thing) => !used.has(thing)).reverse();

    // First requests are measured in the steady state of both servers: ours has prepared what it
    // prepares for each version after publishing it (the search index, the dumps, the harvesting
    // index), Virtuoso has checkpointed its load. Requests made meanwhile share the processors
    // with that work, and time it rather than the answers.
    const settled = await waitUntilIdle(ours.child.pid);
    const virtuosoSettled = virtuoso ? await waitUntilIdle(virtuoso.pid) : 0;
    log(`   both servers idle before the first requests (ours after ${settled === undefined ? 'more than 10 min: measured anyway' : `${settled.toFixed(0)} s`}` +
      `${virtuoso ? `, Virtuoso after ${virtuosoSettled === undefined ? 'more than 10 min' : `${virtuosoSettled.toFixed(0)} s`}` : ''})`);
    log(`   cold path: ${integer(coldSets[0]!.length)} descriptions per run, ${COLD_CLIENTS} clients, Turtle`);
    const oursCold: Figures[] = [];
    const virtuosoCold: Figures[] = [];
    for (const things of coldSets) {
      oursCold.push(await coldPath('ours', things, (thing) => ({ url: `${ours.origin}/doc/${thing}.ttl`, headers: { Accept: TURTLE } })));
      if (virtuoso) {
        const endpoint = virtuoso.endpoint;
        virtuosoCold.push(await coldPath('Virtuoso', things, (thing) => ({
          url: `${endpoint}?${new URLSearchParams({ query: describeAsConstruct(thing), 'default-graph-uri': 'urn:citego' })}`, headers: { Accept: TURTLE },
        })));
      }
    }
    // Virtuoso is not needed any more: the soak has the machine to itself and our service.
    if (virtuoso) {
      await virtuoso.stop();
      started.splice(started.indexOf(virtuoso), 1);
    }
    log(`   ${integer(besideThings.length)} descriptions never requested, one at a time, while two runaway queries hold both endpoint replicas`);
    const beside = await besideRunaways(ours.origin, besideThings);

    const examples = readExamples(join(projectRoot(), 'sparql', 'examples')).filter((e) => !e.federated).map((example) => {
      let text = withBase(example, BENCH_BASE);
      if (size) for (const [from, to] of Object.entries(GENERATED_COUNTERPARTS)) text = text.split(from).join(to);
      return { example, text };
    });
    log(`   warming up: ${integer(warm.length)} descriptions in two formats, then the soak`);
    const warmer = new HttpClient('127.0.1.200');
    for (const thing of warm) for (const extension of ['html', 'jsonld']) await warmer.send({ url: `${ours.origin}/doc/${thing}.${extension}` });
    warmer.close();
    const before = await scrape(ours.origin);
    const soakStarted = performance.now();
    const { samples, unexpected } = await soak(ours.origin, seconds, warm, coldForSoak, examples);
    const elapsed = (performance.now() - soakStarted) / 1000;
    const after = await scrape(ours.origin);
    log(report({ oursCold, virtuosoCold, beside, samples, unexpected, elapsed, before, after, hasVirtuoso: virtuoso !== undefined }));
  } finally {
    for (const server of started.reverse()) await server.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

function report(results: {
  oursCold: Figures[]; virtuosoCold: Figures[]; beside: Awaited<ReturnType<typeof besideRunaways>>; samples: Sample[]; unexpected: string[]; elapsed: number;
  before: Record<string, number>; after: Record<string, number>; hasVirtuoso: boolean;
}): string {
  const { oursCold, virtuosoCold, beside, samples, unexpected, elapsed, before, after } = results;
  const ms = (n: number) => (Number.isFinite(n) ? (n < 10 ? n.toFixed(2) : n.toFixed(1)) : '-');
  const medianOf = (figures: Figures[], pick: (f: Figures) => number) => median(figures.map(pick));
  const lines: string[] = [];
  lines.push(`Uncached descriptions while two runaway queries hold both endpoint replicas: p50 ${ms(beside.p50)} ms, p99 ${ms(beside.p99)} ms, ` +
    `${beside.failed} failed (target p99 < 50 ms: ${verdict(beside.p99 < 50 && beside.failed === 0)}); the runaway queries answered ${beside.runaways.join(', ')}`);
  const ourRate = medianOf(oursCold, (f) => f.perSecond);
  const peerRate = medianOf(virtuosoCold, (f) => f.perSecond);
  lines.push(`Cold path (first requests, Turtle, ${COLD_CLIENTS} clients), medians of ${oursCold.length} run${oursCold.length > 1 ? 's' : ''}:`);
  lines.push(table([
    ['server', 'descriptions/s', 'p50 ms', 'p99 ms', 'failed'],
    ['ours', integer(ourRate), ms(medianOf(oursCold, (f) => f.p50)), ms(medianOf(oursCold, (f) => f.p99)), integer(oursCold.reduce((s, f) => s + f.failed, 0))],
    ...(results.hasVirtuoso ? [['Virtuoso 7 (CONSTRUCT)', integer(peerRate), ms(medianOf(virtuosoCold, (f) => f.p50)), ms(medianOf(virtuosoCold, (f) => f.p99)),
      integer(virtuosoCold.reduce((s, f) => s + f.failed, 0))]] : []),
  ]));
  if (results.hasVirtuoso) lines.push(`   ours/Virtuoso: ${ratio(ourRate / peerRate)} (target ≥ 2.00×: ${verdict(ourRate / peerRate >= 2)})`);

  lines.push(`Soak: ${integer(samples.length)} requests in ${elapsed.toFixed(0)} s (${integer(samples.length / elapsed)} /s), by kind:`);
  const rows = KINDS.map((kind) => {
    const own = samples.filter((s) => s.kind === kind);
    const statuses = [...new Set(own.map((s) => s.status))].sort().map((status) => `${status}×${own.filter((s) => s.status === status).length}`).join(' ');
    return [kind, integer(own.length), integer(own.length / elapsed), ms(percentile(own.map((s) => s.ms), 50)), ms(percentile(own.map((s) => s.ms), 99)), statuses || '-'];
  });
  lines.push(table([['kind', 'requests', 'per second', 'p50 ms', 'p99 ms', 'statuses'], ...rows]));
  lines.push(`   errors (any answer but 200, and the runaway queries' own 503 or 429): ${unexpected.length} (target 0: ${verdict(unexpected.length === 0)})`);
  for (const line of unexpected.slice(0, 10)) lines.push(`     ${line}`);
  const growth = after.rss! - before.rss!;
  const flat = growth <= Math.max(0.1 * before.rss!, 64e6);
  lines.push(`   memory of the service (all its threads): ${megabytes(before.rss!)} once warm, ${megabytes(after.rss!)} at the end ` +
    `(store replicas ${megabytes(before.storeMemory!)} → ${megabytes(after.storeMemory!)}); growth ${megabytes(growth)} (target: flat, within 10 % or 64 MB: ${verdict(flat)})`);
  lines.push(`   during the soak: ${integer(after.restarts! - before.restarts!)} replicas restarted (the runaway queries' time limits), ` +
    `${integer(after.failures! - before.failures!)} replica failures, ${integer(after.refused! - before.refused!)} queries refused before running`);
  return lines.join('\n');
}
