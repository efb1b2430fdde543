/**
 * Virtuoso 7 (Debian's virtuoso-opensource) on loopback, for the tests that federate from it
 * into our endpoint and for the benchmark that compares the two: a database in a directory of
 * its own, free ports, N-Triples loaded with the bulk loader, SERVICE allowed to its SPARQL user.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { freePort } from '../processes.js';

export const VIRTUOSO_BINARY = '/usr/bin/virtuoso-t';
export const ISQL_BINARY = '/usr/bin/isql-vt';

export function virtuosoInstalled(): boolean {
  return existsSync(VIRTUOSO_BINARY) && existsSync(ISQL_BINARY);
}

export interface RunningVirtuoso {
  /** The SPARQL endpoint, http://127.0.0.1:port/sparql. */
  readonly endpoint: string;
  /** The server's process. */
  readonly pid: number | undefined;
  /** Runs SQL (isql) as dba. */
  sql(statements: string): Promise<string>;
  stop(): Promise<void>;
}

function configuration(dir: string, sqlPort: number, httpPort: number, buffers: number): string {
  return `[Database]
DatabaseFile = ${dir}/virtuoso.db
ErrorLogFile = ${dir}/virtuoso.log
LockFile = ${dir}/virtuoso.lck
TransactionFile = ${dir}/virtuoso.trx
xa_persistent_file = ${dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = ${dir}/virtuoso-temp.db
TransactionFile = ${dir}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:${sqlPort}
DisableUnixSocket = 1
MaxClientConnections = 40
CheckpointInterval = 0
CaseMode = 2
ThreadsPerQuery = 2
AsyncQueueMaxThreads = 4
NumberOfBuffers = ${buffers}
MaxDirtyBuffers = ${Math.floor(buffers * 0.75)}
DirsAllowed = ., ${dir}
VADInstallDir = /usr/share/virtuoso-opensource-7/vad/

[HTTPServer]
ServerPort = 127.0.0.1:${httpPort}
ServerRoot = /var/lib/virtuoso-opensource-7/vsp
MaxClientConnections = 40
ServerThreads = 40
MaxKeepAlives = 40
KeepAliveTimeout = 10
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 10000000
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime = 120
`;
}

export interface VirtuosoOptions {
  /** N-Triples or Turtle files with absolute IRIs, loaded into `graph`. */
  readonly files?: readonly string[];
  readonly graph?: string;
  /** 8 KB pages of cache; the default suits a few million triples. */
  readonly buffers?: number;
}

export async function startVirtuoso(options: VirtuosoOptions = {}): Promise<RunningVirtuoso> {
  if (!virtuosoInstalled()) throw new Error('Virtuoso is not installed: apt-get install virtuoso-opensource');
  const dir = mkdtempSync(join(tmpdir(), 'citego-virtuoso-'));
  const [sqlPort, httpPort] = [await freePort(), await freePort()];
  const ini = join(dir, 'virtuoso.ini');
  writeFileSync(ini, configuration(dir, sqlPort, httpPort, options.buffers ?? 170_000));
  const child: ChildProcess = spawn(VIRTUOSO_BINARY, ['-f', '-c', ini], { cwd: dir, stdio: 'ignore' });
  const endpoint = `http://127.0.0.1:${httpPort}/sparql`;
  const sql = (statements: string) => new Promise<string>((resolve, reject) => {
    execFile(ISQL_BINARY, [`127.0.0.1:${sqlPort}`, 'dba', 'dba', `exec=${statements}`], { timeout: 30 * 60_000, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      if (error || /\*\*\* Error/.test(stdout)) reject(new Error(`isql failed: ${stderr || stdout || error?.message}`));
      else resolve(stdout);
    });
  });
  const stop = async () => {
    child.kill('SIGKILL');
    await new Promise((resolve) => (child.exitCode !== null ? resolve(undefined) : child.once('exit', resolve)));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let attempt = 0; ; attempt++) {
      if (child.exitCode !== null) throw new Error('Virtuoso exited at start-up');
      const ready = await fetch(`${endpoint}?query=ASK%7B%7D`).then((r) => r.ok, () => false);
      if (ready) break;
      if (attempt > 240) throw new Error('Virtuoso did not start within 60 s');
      await new Promise((r) => setTimeout(r, 250));
    }
    // SERVICE needs these grants for the anonymous SPARQL user.
    await sql('grant SPARQL_LOAD_SERVICE_DATA to "SPARQL"; grant SPARQL_SPONGE to "SPARQL"; ' +
      'grant execute on DB.DBA.SPARQL_SINV_IMP to "SPARQL"; grant select on DB.DBA.SPARQL_SINV_2 to "SPARQL";');
    const files = options.files ?? [];
    if (files.length > 0) {
      // The bulk loader reads only from allowed directories: the files are linked into ours.
      files.forEach((file, i) => symlinkSync(file, join(dir, `load-${i}-${basename(file)}`)));
      const graph = options.graph ?? 'urn:citego';
      const listing = files.map((file, i) => `ld_dir('${dir}', 'load-${i}-${basename(file)}', '${graph}');`).join(' ');
      await sql(`${listing} rdf_loader_run(); checkpoint;`);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint, pid: child.pid, sql, stop };
}
