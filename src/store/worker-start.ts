/**
 * Starting a worker thread on a module of the service: the compiled module, or its TypeScript
 * source through tsx when the service runs from its sources (tests, `npm run validate`); and
 * running one for one answer (workerTask), stopped once it has answered, failed or been stopped.
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

/** A worker thread started for one answer, and what its handler of messages may do. */
export interface WorkerTask<T> {
  readonly answer: Promise<T>;
  /** Ends the task with its answer; the thread is stopped. */
  finish(answer: T): void;
  /** Ends the task with a failure; the thread is stopped. */
  fail(error: Error): void;
  /** Sends the thread a message, while the task runs. */
  tell(message: unknown): void;
}

export interface WorkerTaskOptions<T, M> {
  /** What the thread is called in the failure when it stops before answering ("the dump worker"). */
  readonly name: string;
  readonly onMessage: (message: M, task: WorkerTask<T>) => void;
  /** Stops the task: the thread is stopped and the answer fails with the signal's reason. */
  readonly signal?: AbortSignal;
  readonly workerOptions?: Omit<WorkerOptions, 'workerData' | 'eval'>;
}

/**
 * Runs a worker thread on `module` until its handler finishes or fails the task, the thread
 * fails or stops first, or `signal` is aborted; whichever comes first settles the answer, and
 * the thread is stopped then.
 */
export function workerTask<T, M>(module: URL, workerData: unknown, options: WorkerTaskOptions<T, M>): WorkerTask<T> {
  const { signal } = options;
  let resolve!: (answer: T) => void;
  let reject!: (error: Error) => void;
  const answer = new Promise<T>((yes, no) => { resolve = yes; reject = no; });
  // None when the task is stopped before it starts.
  const worker = signal?.aborted ? undefined : startWorker(module, workerData, options.workerOptions);
  let settled = false;
  const settle = () => {
    settled = true;
    signal?.removeEventListener('abort', abort);
    void worker?.terminate();
  };
  const task: WorkerTask<T> = {
    answer,
    finish: (value) => {
      if (settled) return;
      settle();
      resolve(value);
    },
    fail: (error) => {
      if (settled) return;
      settle();
      reject(error);
    },
    tell: (message) => { if (!settled) worker?.postMessage(message); },
  };
  function abort(): void {
    task.fail(signal!.reason as Error);
  }
  if (!worker) {
    abort();
    return task;
  }
  signal?.addEventListener('abort', abort, { once: true });
  worker.on('message', (message: M) => options.onMessage(message, task));
  worker.on('error', task.fail);
  worker.on('exit', (code) => task.fail(new Error(`${options.name} stopped (exit code ${code})`)));
  return task;
}
