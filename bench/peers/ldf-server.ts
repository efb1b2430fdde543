/**
 * The Linked Data Fragments server (@ldf/server 3.3, the reference implementation of Triple
 * Pattern Fragments) serving the same triples from an N-Triples file, the peer of the
 * harvesting benchmark. It is installed on first use into a directory of its own, outside the
 * project's node_modules: its Components.js configuration reads every module beside it, and the
 * project's own Comunica 4 modules there make it look for contexts on the network.
 */
import { execFile } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, startServerProcess, startWithTemporaryDirectory, type ServerProcess } from '../processes.js';

export const LDF_SERVER_VERSION = '3.3.0';

/** Where @ldf/server is installed: LDF_SERVER_DIR, else a directory under the system's temporary one. */
export function ldfServerDir(): string {
  return process.env.LDF_SERVER_DIR ?? join(tmpdir(), `citego-bench-ldf-server-${LDF_SERVER_VERSION}`);
}

async function ensureInstalled(log: (line: string) => void): Promise<string> {
  const dir = ldfServerDir();
  const script = join(dir, 'node_modules', '@ldf', 'server', 'bin', 'ldf-server');
  if (!existsSync(script)) {
    log(`   installing @ldf/server ${LDF_SERVER_VERSION} into ${dir} (once)`);
    await promisify(execFile)('npm', ['install', '--prefix', dir, '--no-save', '--no-audit', '--no-fund', `@ldf/server@${LDF_SERVER_VERSION}`],
      { timeout: 10 * 60_000, maxBuffer: 16 << 20 });
  }
  return script;
}

/** The server on `dump` (N-Triples), its fragments at `/data`, one worker (our service has one event loop too). */
export async function startLdfServer(options: { dump: string; log: (line: string) => void }): Promise<ServerProcess> {
  const script = await ensureInstalled(options.log);
  return startWithTemporaryDirectory('citego-ldf-', async (dir) => {
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({
      '@context': 'https://linkedsoftwaredependencies.org/bundles/npm/@ldf/server/^3.0.0/components/context.jsonld',
      // The preset's defaults configure the server named urn:ldf-server:my: the datasources are added to it.
      '@id': 'urn:ldf-server:my',
      import: 'preset-qpf:config-defaults.json',
      title: 'CITEGO',
      datasources: [{
        '@id': 'urn:ldf-server:citego-data', '@type': 'N3Datasource', datasourceTitle: 'CITEGO', description: 'the benchmark data',
        datasourcePath: 'data', file: options.dump,
      }],
    }));
    const port = await freePort();
    return startServerProcess([script, config, String(port), '1'], {
      port,
      ready: async (origin) => (await fetch(`${origin}/data`, { headers: { Accept: 'text/turtle' } })).status === 200,
      timeoutMs: 10 * 60_000,
      what: '@ldf/server',
    });
  });
}
