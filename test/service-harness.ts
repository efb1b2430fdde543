/**
 * A whole service for the tests: assembled and published as `npm start` assembles and publishes
 * it, listening on a free loopback port.
 */
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assembleService, type Service } from '../src/app/service.js';
import { publish } from '../src/build/publish.js';
import { loadConfig, type ServiceConfig } from '../src/config.js';
import { EmbeddedStore } from '../src/store/embedded-store.js';
import { BASE, DATA_DIR, projectRules } from './helpers.js';

export interface RunningService {
  readonly service: Service;
  readonly store: EmbeddedStore;
  readonly origin: string;
  readonly server: Server;
  close(): Promise<void>;
}

export async function startService(options: { env?: NodeJS.ProcessEnv; replicas?: number; config?: Partial<ServiceConfig> } = {}): Promise<RunningService> {
  // Each service writes its dumps in a directory of its own, unless the test gives one.
  const config = { ...loadConfig({ BASE_IRI: BASE, DATA_DIR, DUMP_DIR: mkdtempSync(join(tmpdir(), 'citego-dumps-')), ...options.env }), ...options.config };
  const service = await assembleService(config, await projectRules());
  const store = new EmbeddedStore({ replicas: options.replicas ?? 2, queryTimeoutMs: config.queryTimeoutMs });
  await publish({ rules: service.rules, queries: service.queries, dataDir: config.dataDir, store, state: service.state });
  const server = createServer(service.handler);
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
    },
  };
}
