/**
 * `npm run dump -- --out DIR`: validates and loads the data of DATA_DIR as `npm start` does,
 * then writes every dump of it into DIR (N-Triples and N-Quads gzip, Turtle, JSON-LD, the CSV
 * tables with their CSVW metadata and README, and manifest.json with each file's size, count,
 * SHA-256 and date), streamed, with the progress shown. The same data gives the same bytes.
 */
import { publish } from '../build/publish.js';
import { datasetIri } from '../build/materialise.js';
import { ServiceState } from '../build/state.js';
import { ConfigError, loadConfig } from '../config.js';
import { dumpJob, writeDumpsInWorker } from '../features/distribution/dumps.js';
import { QueryCatalogue } from '../queries/catalogue.js';
import { EmbeddedStore } from '../store/embedded-store.js';
import { loadValidationRules } from '../validation/gate.js';
import { formatTextReport, languageFromEnvironment } from '../validation/report.js';
import { InvalidDataError } from '../build/build.js';
import { createProgress } from './progress.js';
import { join } from 'node:path';

const USAGE = 'usage: npm run dump -- --out DIR   (the data of DATA_DIR, demo data by default)';

function outDir(args: readonly string[]): string {
  const index = args.indexOf('--out');
  const dir = index >= 0 ? args[index + 1] : undefined;
  if (!dir || dir.startsWith('--') || args.some((a, i) => a.startsWith('--') && a !== '--out' && i !== index + 1)) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(2);
  }
  return dir;
}

async function main(): Promise<void> {
  const out = outDir(process.argv.slice(2));
  const config = loadConfig();
  const rules = await loadValidationRules(config);
  const store = new EmbeddedStore({ replicas: 1, queryTimeoutMs: config.queryTimeoutMs });
  const state = new ServiceState();
  try {
    const load = createProgress('loading data', 100, { unit: (n) => `${n}%` });
    const queries = QueryCatalogue.load(join(config.sparqlDir, 'service'));
    const ready = await publish({
      rules, queries, dataDir: config.dataDir, store, state,
      onProgress: (p) => load.update(Math.floor((p.bytesDone / Math.max(1, p.bytesTotal)) * 100), p.phase),
    });
    load.finish(`${ready.triples.toLocaleString('en-GB')} triples`);
    const sort = createProgress('sorting', 100, { unit: (n) => `${n}%` });
    let groups = 0;
    const started = performance.now();
    const job = dumpJob(ready, {
      root: out, baseIRI: config.baseIRI, dataset: datasetIri(config.baseIRI), licence: config.dataLicence, queries,
      publishedGraph: (version) => state.publisher?.publishedGraph(version),
    }, out);
    let writing = false;
    const manifest = await writeDumpsInWorker(job, (p) => {
      if (p.phase === 'sort') {
        sort.update(Math.floor((p.done / Math.max(1, p.total)) * 100));
      } else if (p.done > groups) {
        if (!writing) sort.finish();
        writing = true;
        groups = p.done;
        process.stderr.write(`\rwriting: ${groups.toLocaleString('en-GB')} subjects`);
      }
    });
    if (!writing) sort.finish();
    process.stderr.write(`${writing ? '\n' : ''}`);
    for (const file of manifest.files) process.stdout.write(`${file.sha256}  ${file.file}  (${file.bytes.toLocaleString('en-GB')} bytes${file.count === undefined ? '' : `, ${file.count.toLocaleString('en-GB')}`})\n`);
    process.stdout.write(`wrote ${manifest.files.length} files to ${out} in ${((performance.now() - started) / 1000).toFixed(1)} s (${manifest.statistics.triples.toLocaleString('en-GB')} triples)\n`);
  } catch (error) {
    if (error instanceof InvalidDataError) {
      process.stderr.write(`${formatTextReport(error.outcome, rules.shapes, { language: languageFromEnvironment(), baseIRI: config.baseIRI, maxShown: 50 })}\n`);
      process.exitCode = 1;
      return;
    }
    throw error;
  } finally {
    await state.publisher?.close();
    await store.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(error instanceof ConfigError ? `configuration error: ${error.message}\n` : `${(error as Error).stack ?? String(error)}\n`);
  process.exit(error instanceof ConfigError ? 2 : 1);
});
