/** A service with a journal, two curators and an administrator, on a copy of the demo data. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { tokenHash } from '../../src/features/curation/auth.js';
import { EmbeddedStore } from '../../src/store/embedded-store.js';
import { demoDataWith } from '../helpers.js';
import { startService, type RunningService } from '../service-harness.js';

export const TOKENS = { alice: 'alice-token-0123456789', bob: 'bob-token-0123456789', admin: 'admin-token-0123456789' };

export async function startCuratedService(): Promise<{ running: RunningService; dataDir: string; stateDir: string; logs: string[] }> {
  const dataDir = demoDataWith();
  const stateDir = mkdtempSync(join(tmpdir(), 'citego-state-'));
  const logs: string[] = [];
  const running = await startService({
    env: { DATA_DIR: dataDir },
    config: {
      curatorTokens: { alice: tokenHash(TOKENS.alice), bob: tokenHash(TOKENS.bob) },
      adminTokens: { admin: tokenHash(TOKENS.admin) },
    },
    replicas: 1,
    publishing: { stateDir, log: (line) => logs.push(line), makeStore: () => new EmbeddedStore({ replicas: 1 }) },
  });
  return { running, dataDir, stateDir, logs };
}


export type CuratedService = Awaited<ReturnType<typeof startCuratedService>>;

/** A curated service started before the tests of the file and closed after them; call the result in a test. */
export function curatedServiceForTheseTests(): () => CuratedService {
  let service: CuratedService | undefined;
  beforeAll(async () => { service = await startCuratedService(); }, 60_000);
  afterAll(async () => { await service?.running.close(); });
  return () => {
    if (!service) throw new Error('the curated service did not start');
    return service;
  };
}
