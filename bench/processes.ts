/**
 * Servers under measurement each run in a process of their own, as they would in production,
 * so that the load generator's work is never counted as theirs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../src/config.js';
import { NODE_FLAGS } from './knowledge-graph.js';

export const BENCH_BASE = 'http://localhost:3000/';

export interface ServerProcess {
  readonly origin: string;
  readonly child: ChildProcess;
  /** Everything the process wrote, for error messages. */
  output(): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The processor time a process (all its threads) has used, in seconds, from Linux's /proc. */
function cpuSeconds(pid: number): number | undefined {
  try {
    // The command's name, in parentheses, may hold spaces: the fields are counted after it.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}
const CLOCK_TICKS_PER_SECOND = 100;

/**
 * Waits until a server has finished what it does after it starts answering (a service prepares
 * its search index, dumps and harvesting index after publishing; a database checkpoints): until
 * it uses less than `share` of one processor over `windowMs`. Returns the seconds waited, or
 * undefined when it never settled within `timeoutMs` (or there is no /proc to read).
 */
export async function waitUntilIdle(pid: number | undefined, options: { share?: number; windowMs?: number; timeoutMs?: number } = {}): Promise<number | undefined> {
  const { share = 0.05, windowMs = 3000, timeoutMs = 10 * 60_000 } = options;
  if (pid === undefined) return undefined;
  const started = performance.now();
  let before = cpuSeconds(pid);
  while (before !== undefined && performance.now() - started < timeoutMs) {
    await sleep(windowMs);
    const after = cpuSeconds(pid);
    if (after === undefined) return undefined;
    if (after - before < share * (windowMs / 1000)) return (performance.now() - started) / 1000;
    before = after;
  }
  return undefined;
}

/**
 * Starts a process and waits until `ready` says it serves: `ready` reads its output (and gives
 * the port), or is polled until it resolves to true.
 */
export async function startServerProcess(args: readonly string[], options: {
  readonly env?: NodeJS.ProcessEnv;
  readonly port?: number;
  readonly portFromOutput?: RegExp;
  readonly ready: (origin: string, output: string) => Promise<boolean> | boolean;
  readonly timeoutMs: number;
  readonly what: string;
}): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...NODE_FLAGS, ...args], { env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => { output = (output + chunk.toString()).slice(-20_000); };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(10_000).then(() => child.kill('SIGKILL'))]);
    }
  };
  const deadline = performance.now() + options.timeoutMs;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${options.what} stopped: ${output.trim().split('\n').slice(-5).join(' ')}`);
    const port = options.port ?? Number(options.portFromOutput?.exec(output)?.[1] ?? 0);
    const origin = `http://127.0.0.1:${port}`;
    if (port && await Promise.resolve(options.ready(origin, output)).catch(() => false)) {
      return { origin, child, output: () => output, stop };
    }
    await sleep(200);
  }
  await stop();
  throw new Error(`${options.what} did not start within ${options.timeoutMs / 1000} s: ${output.trim().split('\n').slice(-5).join(' ')}`);
}

/**
 * Starts a peer whose configuration is written into a temporary directory, which goes when the
 * peer stops, or at once if it does not start.
 */
export async function startWithTemporaryDirectory(prefix: string, start: (dir: string) => Promise<ServerProcess>): Promise<ServerProcess> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  try {
    const server = await start(dir);
    return { ...server, stop: async () => { await server.stop(); rmSync(dir, { recursive: true, force: true }); } };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Our service as `npm start` runs it, on `dataDir`, once it is ready and both replicas answer. */
export async function startOurService(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<ServerProcess> {
  const service = await startServerProcess([join(projectRoot(), 'dist', 'src', 'cli', 'start.js')], {
    env: { PORT: '0', HOST: '127.0.0.1', BASE_IRI: BENCH_BASE, DATA_DIR: dataDir, STORE_REPLICAS: '2', QUERY_TIMEOUT_MS: '300000', ...env },
    portFromOutput: /listening on port (\d+)/,
    ready: (_origin, output) => /ready: /.test(output),
    timeoutMs: 10 * 60_000,
    what: 'the service',
  });
  // The second replica loads after the service is ready: give it time before measuring.
  await sleep(2000);
  return service;
}
