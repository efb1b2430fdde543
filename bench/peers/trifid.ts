/**
 * Trifid 5.3 (Zazuko's linked-data server, an npm devDependency) serving the same triples, the
 * peer of the dereferencing benchmark: its entity renderer describes the thing at each IRI
 * (HTML, or RDF by Accept) from its fetch handler, Oxigraph in memory loaded from a dump.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { freePort, startServerProcess, startWithTemporaryDirectory, type ServerProcess } from '../processes.js';

export function trifidServerScript(): string {
  return join(dirname(createRequire(import.meta.url).resolve('trifid/package.json')), 'server.js');
}

/** `dump`: N-Triples of everything to serve; `probe`: a path that answers once the data is loaded. */
export async function startTrifid(options: { dump: string; baseIRI: string; probe: string }): Promise<ServerProcess> {
  return startWithTemporaryDirectory('citego-trifid-', async (dir) => {
    const config = join(dir, 'config.yaml');
    writeFileSync(config, `server:
  logLevel: warn
globals:
  datasetBaseUrl: ${options.baseIRI}
  endpoints:
    default:
      url: /query
plugins:
  entity-renderer:
    module: "@zazuko/trifid-entity-renderer"
  fetch-handler:
    module: trifid-handler-fetch
    paths: /query
    config:
      url: ${options.dump}
      contentType: application/n-triples
      baseIri: ${options.baseIRI}
      unionDefaultGraph: true
`);
    const port = await freePort();
    return startServerProcess([trifidServerScript(), '-c', config, '-p', String(port)], {
      port,
      ready: async (origin) => (await fetch(`${origin}${options.probe}`, { headers: { Accept: 'application/ld+json' } })).status === 200,
      timeoutMs: 10 * 60_000,
      what: 'Trifid',
    });
  });
}
