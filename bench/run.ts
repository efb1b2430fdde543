/**
 * `npm run bench`: the project's own benchmark. Every figure is a median of several runs, each
 * measured in a fresh process, and printed beside the ceiling or peer measured in the same run:
 * ratios, not absolute times, are what these shared machines can be trusted with.
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { runDereferenceSuite } from './dereference.js';
import { runDistributionSuite } from './distribution.js';
import { runEndpointSuite } from './endpoint.js';
import { runHarvestingSuite } from './harvesting.js';
import { NODE_FLAGS, runKnowledgeGraphSuite } from './knowledge-graph.js';
import { runPublishingSuite } from './publishing.js';
import { runReaderSuite } from './reader.js';
import { runSoakSuite } from './soak.js';

const SUITES: Record<string, (runs: number, log: (line: string) => void) => Promise<void>> = {
  'knowledge-graph': runKnowledgeGraphSuite,
  endpoint: runEndpointSuite,
  dereference: runDereferenceSuite,
  harvesting: runHarvestingSuite,
  publishing: runPublishingSuite,
  reader: runReaderSuite,
  soak: runSoakSuite,
  distribution: runDistributionSuite,
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: process.env.BENCH_RUNS ?? '3' },
      suite: { type: 'string', multiple: true },
    },
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, not "${values.runs}"`);
  const selected = values.suite ?? Object.keys(SUITES);
  for (const name of selected) if (!SUITES[name]) throw new Error(`unknown suite "${name}"; suites: ${Object.keys(SUITES).join(', ')}`);
  const log = (line: string) => process.stdout.write(`${line}\n`);
  log(`citego-lod benchmark, ${new Date().toISOString()}: Node ${process.version}, ${availableParallelism()} cores, node flags ${NODE_FLAGS.join(' ')}`);
  for (const name of selected) await SUITES[name]!(runs, log);
}

main().catch((error: unknown) => {
  const cause = (error as Error).cause;
  process.stderr.write(`bench: ${(error as Error).message}${cause instanceof Error ? ` (${cause.message})` : ''}\n`);
  process.exit(1);
});
