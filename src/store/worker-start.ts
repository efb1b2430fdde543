/**
 * Starting a worker thread on a module of the service: the compiled module, or its TypeScript
 * source through tsx when the service runs from its sources (tests, `npm run validate`).
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** A worker on `module` (a URL ending in .js or .ts, as import.meta.url gives it beside the caller). */
export function startWorker(module: URL, workerData?: unknown, options: Omit<WorkerOptions, 'workerData' | 'eval'> = {}): Worker {
  if (!module.href.endsWith('.ts')) return new Worker(module, { ...options, workerData });
  return new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(module.href)}); })`, { ...options, eval: true, workerData });
}

/** The module beside `caller` named `name`, with the caller's own extension (.ts from sources, .js compiled). */
export function siblingModule(caller: string, name: string): URL {
  return new URL(`./${name}${caller.endsWith('.ts') ? '.ts' : '.js'}`, caller);
}
