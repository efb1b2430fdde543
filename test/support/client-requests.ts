/**
 * Requests to a running service as distinct clients (the service tells clients apart by their
 * address: each loopback address 127.x.y.z is one), timed, and waits on the store's replicas:
 * what the endpoint's fairness tests share.
 */
import { request } from 'node:http';
import { expect } from 'vitest';
import type { RunningService } from '../service-harness.js';

/** The runaway query users met: a cartesian product of the whole store, four times. */
export const RUNAWAY = 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }';

export interface Answer {
  readonly status: number;
  /** From the request's start to the answer's last byte. */
  readonly ms: number;
  /** When the answer ended (performance.now()). */
  readonly endedAt: number;
  readonly text: string;
  readonly headers: Record<string, string | string[] | undefined>;
}

export interface SendOptions {
  readonly from?: string;
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly signal?: AbortSignal;
}

/** A request from a given loopback address. */
export function send(origin: string, path: string, options: SendOptions = {}): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const outgoing = request(`${origin}${path}`, { method: options.method ?? 'GET', headers: options.headers, localAddress: options.from ?? '127.0.0.1', signal: options.signal }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { text += chunk; });
      res.on('end', () => {
        const endedAt = performance.now();
        resolve({ status: res.statusCode ?? 0, ms: endedAt - started, endedAt, text, headers: res.headers });
      });
    });
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

/** A SPARQL query by POST, from a given loopback address, asking for JSON results. */
export const query = (origin: string, text: string, from: string, headers: Record<string, string> = {}) =>
  send(origin, '/sparql', { from, method: 'POST', headers: { 'Content-Type': 'application/sparql-query', Accept: 'application/sparql-results+json', ...headers }, body: text });

/** Waits (a few seconds at most) until `count` endpoint replicas run a query. */
export async function untilBusy(running: RunningService, count: number): Promise<void> {
  for (let i = 0; i < 300 && running.store.stats().lanes.endpoint.busy < count; i++) await new Promise((r) => setTimeout(r, 10));
  expect(running.store.stats().lanes.endpoint.busy).toBe(count);
}

/**
 * Waits (thirty seconds at most) until what an earlier test left is over: no endpoint query
 * running or waiting (a test that failed midway leaves its runaway queries to their time
 * limit), and the replicas they stopped or lost replaced.
 */
export async function untilReady(running: RunningService): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    const { lanes } = running.store.stats();
    if (lanes.pages.ready === lanes.pages.replicas && lanes.endpoint.ready === lanes.endpoint.replicas && lanes.endpoint.busy === 0 && lanes.endpoint.queued === 0) return;
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Waits (a few seconds at most) until `count` endpoint queries wait in the queue. */
export async function untilQueued(running: RunningService, count: number): Promise<void> {
  for (let i = 0; i < 300 && running.store.stats().lanes.endpoint.queued < count; i++) await new Promise((r) => setTimeout(r, 10));
  expect(running.store.stats().lanes.endpoint.queued).toBe(count);
}
