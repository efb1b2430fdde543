/**
 * `npm start` in a process of its own, from the sources, for the tests that run the service as
 * an operator does: its output as it comes, a wait for what it prints, its exit.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../helpers.js';

export interface StartedProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  output(): { stdout: string; stderr: string };
  /** Waits (30 s at most) until `found` finds something in the standard output. */
  waitFor<T>(found: (stdout: string) => T | undefined): Promise<T>;
}

export function startProcess(env: Record<string, string>, children: ChildProcess[]): StartedProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/start.ts')], {
    cwd: ROOT, env: { ...process.env, PORT: '0', LANG: 'C', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitFor = async <T>(found: (stdout: string) => T | undefined): Promise<T> => {
    for (let i = 0; i < 600; i++) {
      const value = found(stdout);
      if (value !== undefined) return value;
      if (child.exitCode !== null) throw new Error(`start exited with ${child.exitCode}: ${stdout}${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`timed out waiting: ${stdout}${stderr}`);
  };
  return { child, exited, waitFor, output: () => ({ stdout, stderr }) };
}
