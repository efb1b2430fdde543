/**
 * `npm start`: serves the data of DATA_DIR (the demo data by default) on PORT. The server
 * listens at once and shows the loading progress; the data is validated and loaded side by
 * side, and published only if every file conforms to the shapes. Invalid data stops the service
 * with the validation report and exit status 1. Its log is JSON, one object a line.
 *
 * On SIGTERM (or SIGINT) it stops gracefully: readiness turns false, no new connection is
 * accepted, requests in flight have SHUTDOWN_GRACE_MS to finish, then the store's workers stop.
 */
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { assembleService } from '../app/service.js';
import { InvalidDataError, NoDataError, type BuildProgress } from '../build/build.js';
import { publish } from '../build/publish.js';
import { ConfigError, loadConfig, type ServiceConfig } from '../config.js';
import { createHttpServer, drainServer } from '../http/server.js';
import { UnsupportedFileTypeError } from '../rdf/formats.js';
import { RdfSyntaxError } from '../rdf/parse.js';
import { EmbeddedStore } from '../store/embedded-store.js';
import { StoreLoadError } from '../store/store.js';
import { JournalLockedError, CorruptJournalError } from '../build/versions/journal.js';
import { formatTextReport, languageFromEnvironment } from '../validation/report.js';
import { createProgress } from './progress.js';

function listen(server: Server, config: ServiceConfig): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
}

/** Stops accepting, lets requests in flight finish within the grace period, then stops the store and the features. */
function gracefulStop(signal: string, server: Server, service: Awaited<ReturnType<typeof assembleService>>, store: EmbeddedStore, log: Logger): void {
  const { observability, config } = service;
  if (observability.stopping) return;
  observability.stopping = true;
  log.info({ signal, inFlight: observability.inFlight, graceMs: config.shutdownGraceMs }, 'stopping: no new connections; finishing the requests in flight');
  // Whatever happens below, the process ends a little after its grace period.
  setTimeout(() => process.exit(1), config.shutdownGraceMs + 5000).unref();
  void drainServer(server, config.shutdownGraceMs, () => observability.inFlight)
    .then(async (cut) => {
      log.info({ cut }, cut ? `stopped with ${cut} requests unfinished at the end of the grace period` : 'every request in flight was answered');
      await Promise.all([store.close(), service.close()]);
      log.info('stopped');
      log.flush(() => process.exit(0));
    });
}

async function main(): Promise<void> {
  const config = loadConfig();
  const storeOptions = {
    replicas: config.storeReplicas, pageReplicas: config.pageReplicas, queryTimeoutMs: config.queryTimeoutMs, memoryLimitMb: config.storeMemoryMb,
  };
  // The store's worker compiles Oxigraph while the rules are read and the server starts.
  const store = new EmbeddedStore(storeOptions);
  const service = await assembleService(config);
  const { rules, queries, state } = service;
  const log = service.observability.log;
  store.observe(service.observability.storeObserver);
  /** Each store a reload builds beside the one served is run and watched like the first. */
  const makeStore = (): EmbeddedStore => {
    const made = new EmbeddedStore(storeOptions);
    made.observe(service.observability.storeObserver);
    return made;
  };
  const server = createHttpServer(service.handler);
  await listen(server, config);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  service.listeningOn(port);
  log.info({ port, dataDir: config.dataDir }, `listening on port ${port}; loading ${config.dataDir}`);

  process.once('SIGINT', () => gracefulStop('SIGINT', server, service, store, log));
  process.once('SIGTERM', () => gracefulStop('SIGTERM', server, service, store, log));

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
      stateDir: config.stateDir, watch: config.watchData, log: (line) => log.info(line), makeStore,
    });
    const publisher = state.publisher;
    if (publisher?.refusedFiles) {
      process.stderr.write(`${formatTextReport(publisher.refusedFiles, rules.shapes, { language: languageFromEnvironment(), baseIRI: config.baseIRI, maxShown: 50 })}\n`);
    }
    process.on('SIGHUP', () => {
      log.info('SIGHUP: reading the files again');
      // The publisher logs what the reload did, the report of a refusal included.
      void state.publisher?.reload('SIGHUP');
    });
    if (bytesTotal > 8e6) progress.finish();
    const warnings = build.outcome.results.length;
    log.info({ files: build.files.length, triples: build.outcome.triples, engine: build.engine, warnings, validateSeconds: build.seconds.validate, loadSeconds: build.seconds.load },
      `validated ${build.files.length} file${build.files.length === 1 ? "" : "s"} (${build.outcome.triples.toLocaleString('en-GB')} triples, ${build.engine} SHACL engine` +
      `${warnings ? `, ${warnings} warnings` : ''}) in ${build.seconds.validate.toFixed(2)} s; loaded in ${build.seconds.load.toFixed(2)} s`);
    log.info({ baseIRI: config.baseIRI, triples, version: state.status.phase === 'ready' ? state.status.version : 0, stateDir: config.stateDir },
      `ready: ${config.baseIRI} serves ${triples.toLocaleString('en-GB')} triples (version ${state.status.phase === 'ready' ? state.status.version : 0}; journal in ${config.stateDir})`);
  } catch (error) {
    await store.close();
    let reason: string;
    if (error instanceof InvalidDataError) {
      reason = formatTextReport(error.outcome, rules.shapes, { language: languageFromEnvironment(), baseIRI: config.baseIRI, maxShown: 50 });
      process.stderr.write(`${reason}\n`);
      log.error('refused to publish: the data does not conform to the shapes (report above)');
    } else if (error instanceof RdfSyntaxError || error instanceof StoreLoadError || error instanceof NoDataError || error instanceof UnsupportedFileTypeError
      || error instanceof JournalLockedError || error instanceof CorruptJournalError) {
      reason = error.message;
      log.error({ reason }, `refused to publish: ${reason}`);
    } else {
      throw error;
    }
    state.status = { phase: 'failed', reason };
    server.close();
    process.exitCode = 1;
    log.flush();
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
