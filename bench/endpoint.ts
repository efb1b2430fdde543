/**
 * The SPARQL endpoint suite: the example queries' latency (median, p99) and the throughput of
 * 16 concurrent clients, on the demo data and on 1M generated triples, side by side with the
 * same queries on the store called directly (the cost of our HTTP layer) and on Virtuoso 7
 * loaded with the same triples (the peer). Result caches are cold: every query is a POST,
 * which the endpoint does not cache.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSources } from '../src/build/build.js';
import { projectRoot } from '../src/config.js';
import { readExamples, withBase, type ExampleQuery } from '../src/features/sparql/examples.js';
import { EmbeddedStore } from '../src/store/embedded-store.js';
import { rdfFilesIn } from '../src/validation/gate.js';
import { closedLoop, HttpClient, percentile } from './http-load.js';
import { prepareDataset, SIZES } from './knowledge-graph.js';
import { BENCH_BASE, startOurService } from './processes.js';
import { startVirtuoso, virtuosoInstalled, type RunningVirtuoso } from './peers/virtuoso.js';
import { integer, median, ratio, table, verdict } from './report.js';

const BASE = BENCH_BASE;
const CLIENTS = 16;
const LOAD_SECONDS = 8;

/** The demo data's IRIs the examples name, and their counterparts in generated data. */
export const GENERATED_COUNTERPARTS: Readonly<Record<string, string>> = {
  '<id/descriptor/gouvernance-alimentaire>': '<id/descriptor/d309>',
  '<id/descriptor/transition-energetique>': '<id/descriptor/d2970>',
  '<id/dossier/gouvernance-alimentaire>': '<id/dossier/x1>',
  '<id/document/relocaliser-alimentation-question-gouvernance>': '<id/document/s1>',
};

interface System {
  readonly name: string;
  /** Runs one query; resolves to the number of result bytes, rejects on an error status. */
  run(query: ExampleQuery, text: string, client: number): Promise<number>;
  close(): Promise<void>;
}

function accept(query: ExampleQuery): string {
  return query.form === 'CONSTRUCT' || query.form === 'DESCRIBE' ? 'application/n-triples' : 'application/sparql-results+json';
}

function httpSystem(name: string, endpoint: string, extra: Record<string, string>, close: () => Promise<void>): System {
  const clients = Array.from({ length: CLIENTS }, (_, i) => new HttpClient(`127.0.0.${10 + i}`));
  return {
    name,
    async run(query, text, client) {
      const response = await clients[client % CLIENTS]!.send({
        url: endpoint, method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: accept(query) },
        body: new URLSearchParams({ query: text, ...extra }).toString(),
      });
      if (response.status !== 200) throw new Error(`${name}: ${query.id} answered ${response.status}`);
      return response.bytes;
    },
    close: async () => {
      clients.forEach((c) => c.close());
      await close();
    },
  };
}

function directSystem(store: EmbeddedStore): System {
  return {
    name: 'store direct',
    async run(query, text) {
      const result = await store.query(text, { solutions: 'application/sparql-results+json', graph: 'application/n-triples' }, { baseIRI: BASE, timeoutMs: 300_000 });
      return result.body.length;
    },
    close: () => store.close(),
  };
}

interface Dataset { readonly label: string; readonly dataDir: string; readonly counterparts: Readonly<Record<string, string>> }

export async function runEndpointSuite(runs: number, log: (line: string) => void): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'citego-bench-endpoint-'));
  const datasets: Dataset[] = [{ label: 'demo data', dataDir: join(projectRoot(), 'data'), counterparts: {} }];
  const large = SIZES[SIZES.length - 1]!;
  datasets.push({ label: `${large.label} generated`, dataDir: prepareDataset(large, root).dir, counterparts: GENERATED_COUNTERPARTS });
  const examples = readExamples(join(projectRoot(), 'sparql', 'examples')).filter((e) => !e.federated);
  log('');
  log(`== SPARQL endpoint: ${examples.length} example queries (the federated one aside), caches cold, ${CLIENTS} clients for throughput ==`);
  if (!virtuosoInstalled()) log('Virtuoso is not installed (apt-get install virtuoso-opensource): its columns are left empty.');
  try {
    for (const dataset of datasets) await runDataset(dataset, examples, runs, root, log);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

async function runDataset(dataset: Dataset, examples: readonly ExampleQuery[], runs: number, root: string, log: (line: string) => void): Promise<void> {
  log(`-- ${dataset.label}: starting the service, the store and Virtuoso on the same triples`);
  const files = readSources([...(await rdfFilesIn(join(projectRoot(), 'ontology'))), ...(await rdfFilesIn(dataset.dataDir))]);
  const store = new EmbeddedStore({ replicas: 2, queryTimeoutMs: 300_000 });
  await store.load(files.map((f) => ({ name: f.name, bytes: f.bytes, format: f.format, baseIRI: BASE })));
  const triples = await store.size();
  const dump = join(root, `${dataset.label.replace(/\W+/g, '-')}.nt`);
  writeFileSync(dump, await store.dump('application/n-triples'));
  const ours = await startOurService(dataset.dataDir);
  const systems: System[] = [
    httpSystem('ours (HTTP)', `${ours.origin}/sparql`, {}, () => ours.stop()),
    directSystem(store),
  ];
  let virtuoso: RunningVirtuoso | undefined;
  if (virtuosoInstalled()) {
    virtuoso = await startVirtuoso({ files: [dump], graph: 'urn:citego', buffers: 340_000 });
    systems.push(httpSystem('Virtuoso 7', virtuoso.endpoint, { 'default-graph-uri': 'urn:citego' }, () => virtuoso!.stop()));
  }
  try {
    const queries = examples.map((example) => {
      let text = withBase(example, BASE);
      for (const [from, to] of Object.entries(dataset.counterparts)) text = text.split(from).join(to);
      return { example, text };
    });
    // Warm up every system on every query, then measure them in turn, query by query.
    const samples = new Map<string, number[]>();
    for (const { example, text } of queries) for (const system of systems) await system.run(example, text, 0);
    const perQuery = Math.max(5, runs * 5);
    for (const { example, text } of queries) {
      const budget = performance.now() + 20_000;
      for (let i = 0; i < perQuery && (i < 3 || performance.now() < budget); i++) {
        for (const system of systems) {
          const t0 = performance.now();
          await system.run(example, text, 0);
          const key = `${system.name}|${example.id}`;
          samples.set(key, [...(samples.get(key) ?? []), performance.now() - t0]);
        }
      }
    }
    const throughput = new Map<string, number>();
    for (const system of systems) {
      const result = await closedLoop(CLIENTS, LOAD_SECONDS, async (client, turn) => {
        const { example, text } = queries[turn % queries.length]!;
        await system.run(example, text, client);
        return true;
      });
      throughput.set(system.name, result.perSecond);
      if (result.failed) log(`   ${system.name}: ${result.failed} queries failed under load`);
    }
    log(report(dataset, triples, queries.map((q) => q.example), systems.map((s) => s.name), samples, throughput));
  } finally {
    for (const system of systems) await system.close();
  }
}

function report(dataset: Dataset, triples: number, examples: readonly ExampleQuery[], names: readonly string[], samples: Map<string, number[]>,
  throughput: Map<string, number>): string {
  const [ours, direct, virtuoso] = names;
  const ms = (n: number) => (Number.isFinite(n) ? (n < 10 ? n.toFixed(2) : n.toFixed(1)) : '-');
  const stats = (system: string | undefined, id: string) => {
    const list = system ? samples.get(`${system}|${id}`) ?? [] : [];
    return { median: median(list), p99: percentile(list, 99) };
  };
  const overheads: number[] = [];
  const versusPeer: number[] = [];
  const rows = examples.map((example) => {
    const a = stats(ours, example.id);
    const b = stats(direct, example.id);
    const c = stats(virtuoso, example.id);
    overheads.push(a.median / b.median);
    if (Number.isFinite(c.median)) versusPeer.push(a.median / c.median);
    return [example.id, `${ms(a.median)} / ${ms(a.p99)}`, `${ms(b.median)} / ${ms(b.p99)}`, virtuoso ? `${ms(c.median)} / ${ms(c.p99)}` : '-',
      ratio(a.median / b.median), virtuoso ? ratio(a.median / c.median) : '-'];
  });
  const geomean = (values: number[]) => Math.exp(values.reduce((sum, v) => sum + Math.log(v), 0) / values.length);
  const overhead = geomean(overheads);
  const peer = versusPeer.length ? geomean(versusPeer) : Number.NaN;
  const beaten = versusPeer.filter((r) => r < 1).length;
  const lines = [
    `${dataset.label}: ${integer(triples)} triples. Latency in ms, median / p99:`,
    table([['query', ours ?? '', direct ?? '', virtuoso ?? 'Virtuoso 7', 'ours/direct', 'ours/Virtuoso'], ...rows,
      ['geometric mean', '', '', '', ratio(overhead), ratio(peer)]]),
    `   HTTP layer overhead over the store called directly: ${ratio(overhead)} (target < 1.20×: ${verdict(overhead < 1.2)})`,
    virtuoso ? `   against Virtuoso: faster on ${beaten} of ${versusPeer.length} queries, geometric mean of the ratios ${ratio(peer)} (target < 1: ${verdict(peer < 1)})` : '',
    `   throughput with ${CLIENTS} clients: ${names.map((n) => `${n} ${integer(throughput.get(n) ?? Number.NaN)} queries/s`).join(', ')}` +
      (virtuoso ? ` (ours/Virtuoso ${ratio((throughput.get(ours!) ?? 0) / (throughput.get(virtuoso) ?? 1))})` : ''),
  ];
  return lines.filter(Boolean).join('\n');
}
