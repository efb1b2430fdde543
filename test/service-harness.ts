/**
 * A whole service for the tests: assembled and published as `npm start` assembles and publishes
 * it, listening on a free loopback port.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assembleService, type Service } from '../src/app/service.js';
import { publish, type PublishOptions } from '../src/build/publish.js';
import { loadConfig, type ServiceConfig } from '../src/config.js';
import { createHttpServer } from '../src/http/server.js';
import { EmbeddedStore } from '../src/store/embedded-store.js';
import { BASE, DATA_DIR, projectRules } from './helpers.js';

export interface RunningService {
  readonly service: Service;
  readonly store: EmbeddedStore;
  readonly origin: string;
  readonly server: Server;
  close(): Promise<void>;
}

/** The service's log is silent in tests unless LOG_LEVEL is given. */
export async function startService(options: {
  env?: NodeJS.ProcessEnv; replicas?: number; config?: Partial<ServiceConfig>;
  /** Publishing with a journal, reloads, a watch… (by default: versions in memory only). */
  publishing?: Pick<PublishOptions, 'stateDir' | 'makeStore' | 'watch' | 'log'>;
} = {}): Promise<RunningService> {
  // Each service writes its dumps in a directory of its own (removed when it closes), unless the test gives one.
  const ownDumps = options.env?.DUMP_DIR === undefined ? mkdtempSync(join(tmpdir(), 'citego-dumps-')) : undefined;
  const config = { ...loadConfig({ BASE_IRI: BASE, DATA_DIR, LOG_LEVEL: 'silent', DUMP_DIR: ownDumps, ...options.env }), ...options.config };
  const service = await assembleService(config, await projectRules());
  const store = new EmbeddedStore({
    replicas: options.replicas ?? 2, pageReplicas: config.pageReplicas, queryTimeoutMs: config.queryTimeoutMs, memoryLimitMb: config.storeMemoryMb,
  });
  store.observe(service.observability.storeObserver);
  await publish({ rules: service.rules, queries: service.queries, dataDir: config.dataDir, store, state: service.state, ...options.publishing });
  const server = createHttpServer(service.handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  service.listeningOn(port);
  return {
    service, store, server, origin: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await service.close();
      if (ownDumps) rmSync(ownDumps, { recursive: true, force: true });
    },
  };
}
