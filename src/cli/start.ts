/**
 * `npm start`: serves the data of DATA_DIR (the demo data by default) on PORT. The server
 * listens at once and shows the loading progress; the data is validated and loaded side by
 * side, and published only if every file conforms to the shapes. Invalid data stops the service
 * with the validation report and exit status 1.
 */
import { createServer, type Server } from 'node:http';
import { assembleService } from '../app/service.js';
import { InvalidDataError, NoDataError, type BuildProgress } from '../build/build.js';
import { publish } from '../build/publish.js';
import { ConfigError, loadConfig, type ServiceConfig } from '../config.js';
import { UnsupportedFileTypeError } from '../rdf/formats.js';
import { RdfSyntaxError } from '../rdf/parse.js';
import { EmbeddedStore } from '../store/embedded-store.js';
import { StoreLoadError } from '../store/store.js';
import { JournalLockedError, CorruptJournalError } from '../build/versions/journal.js';
import { formatTextReport, languageFromEnvironment } from '../validation/report.js';
import { createProgress } from './progress.js';

function log(message: string): void {
  process.stdout.write(`${new Date().toISOString()} ${message}\n`);
}

function listen(server: Server, config: ServiceConfig): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
}

async function main(): Promise<void> {
  const config = loadConfig();
  // The store's worker compiles Oxigraph while the rules are read and the server starts.
  const store = new EmbeddedStore({ replicas: config.storeReplicas, queryTimeoutMs: config.queryTimeoutMs });
  const service = await assembleService(config);
  const { rules, queries, state } = service;
  const server = createServer(service.handler);
  await listen(server, config);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  service.listeningOn(port);
  log(`listening on port ${port}; loading ${config.dataDir}`);

  const shutdown = (signal: string) => {
    log(`${signal}: stopping`);
    server.close();
    void Promise.all([store.close(), service.close()]).finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));

  const progress = createProgress('loading data', 100, { unit: (n) => `${n}%` });
  const percents = { validate: 0, load: 0 };
  let bytesTotal = 0;
  const onProgress = (p: BuildProgress) => {
    bytesTotal = Math.max(bytesTotal, p.bytesTotal);
    percents[p.phase] = Math.floor((p.bytesDone / Math.max(1, p.bytesTotal)) * 100);
    // The demo data loads in a blink; progress is worth printing for large datasets only.
    if (bytesTotal > 8e6) progress.update(Math.min(percents.validate, percents.load), `validated ${percents.validate}%, stored ${percents.load}%`);
  };

  try {
    const { build, triples } = await publish({
      rules, queries, dataDir: config.dataDir, store, state, onProgress,
      stateDir: config.stateDir, watch: config.watchData, log,
      makeStore: () => new EmbeddedStore({ replicas: config.storeReplicas, queryTimeoutMs: config.queryTimeoutMs }),
    });
    const publisher = state.publisher;
    if (publisher?.refusedFiles) {
      process.stderr.write(`${formatTextReport(publisher.refusedFiles, rules.shapes, { language: languageFromEnvironment(), baseIRI: config.baseIRI, maxShown: 50 })}\n`);
    }
    process.on('SIGHUP', () => {
      log('SIGHUP: reading the files again');
      // The publisher logs what the reload did, the report of a refusal included.
      void state.publisher?.reload('SIGHUP');
    });
    if (bytesTotal > 8e6) progress.finish();
    const warnings = build.outcome.results.length;
    log(`validated ${build.files.length} file${build.files.length === 1 ? "" : "s"} (${build.outcome.triples.toLocaleString('en-GB')} triples, ${build.engine} SHACL engine` +
      `${warnings ? `, ${warnings} warnings` : ''}) in ${build.seconds.validate.toFixed(2)} s; loaded in ${build.seconds.load.toFixed(2)} s`);
    log(`ready: ${config.baseIRI} serves ${triples.toLocaleString('en-GB')} triples (version ${state.status.phase === 'ready' ? state.status.version : 0}; journal in ${config.stateDir})`);
  } catch (error) {
    await store.close();
    let reason: string;
    if (error instanceof InvalidDataError) {
      reason = formatTextReport(error.outcome, rules.shapes, { language: languageFromEnvironment(), baseIRI: config.baseIRI, maxShown: 50 });
      process.stderr.write(`${reason}\n`);
      log('refused to publish: the data does not conform to the shapes (report above)');
    } else if (error instanceof RdfSyntaxError || error instanceof StoreLoadError || error instanceof NoDataError || error instanceof UnsupportedFileTypeError
      || error instanceof JournalLockedError || error instanceof CorruptJournalError) {
      reason = error.message;
      log(`refused to publish: ${reason}`);
    } else {
      throw error;
    }
    state.status = { phase: 'failed', reason };
    server.close();
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`configuration error: ${error.message}\n`);
    process.exit(2);
  }
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    process.stderr.write(`port already in use: ${(error as Error).message}; set PORT to another port\n`);
    process.exit(2);
  }
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
