/**
 * A whole service for the tests: assembled as `npm start` assembles it, its data built and
 * published, listening on a free loopback port.
 */
import { createServer, type Server } from 'node:http';
import { buildKnowledgeGraph } from '../src/build/build.js';
import { loadConfig, type ServiceConfig } from '../src/config.js';
import { assembleService, type Service } from '../src/server/service.js';
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
  const config = { ...loadConfig({ BASE_IRI: BASE, DATA_DIR, ...options.env }), ...options.config };
  const service = await assembleService(config, await projectRules());
  const store = new EmbeddedStore({ replicas: options.replicas ?? 2, queryTimeoutMs: config.queryTimeoutMs });
  const build = await buildKnowledgeGraph({ rules: service.rules, dataDir: config.dataDir, store });
  service.state.status = {
    phase: 'ready', store, build, readyAt: new Date(Math.floor(Date.now() / 1000) * 1000), triples: await store.size(),
    counts: { 'http://localhost:3000/ontology#Document': 68, 'http://xmlns.com/foaf/0.1/Person': 24 }, dataVersion: 'test',
  };
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
