/**
 * Short messages as text/plain: the errors and notices that people and programs both read,
 * which no cache keeps (unless `headers` says otherwise). Every part of the service answers
 * "still loading" the same way, so that clients can wait.
 */
import type { ServerResponse } from 'node:http';

export function sendPlainText(res: ServerResponse, status: number, text: string, headers: Readonly<Record<string, string>> = {}): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.end(text.endsWith('\n') ? text : `${text}\n`);
}

/** 503 while the data loads: try again later, and keep nothing of this answer. */
export function sendStillLoading(res: ServerResponse, text = 'The data is still loading; try again in a few seconds.'): void {
  sendPlainText(res, 503, text, { 'Retry-After': '5' });
}

/** 503 when the store could not answer in time (busy, or a replica being replaced): try again shortly. */
export function sendStoreUnavailable(res: ServerResponse): void {
  sendPlainText(res, 503, 'The data store could not answer in time (it is busy, or a part of it is restarting); try again in a few seconds.', { 'Retry-After': '2' });
}
