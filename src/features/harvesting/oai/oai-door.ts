/**
 * The OAI-PMH door at /oai: GET with the arguments in the query string, or POST with them as
 * an application/x-www-form-urlencoded body, as the protocol allows (§3.1.1). Every answer is
 * `text/xml`, protocol errors included (the protocol answers them with 200 and an error
 * element); only HTTP's own errors (a wrong method, a body too large) are HTTP statuses.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendPlainText, sendStillLoading } from '../../../http/plain-text.js';
import { Representation, sendRepresentation } from '../../../http/representation.js';
import type { VersionIndex } from '../version-index.js';
import type { OaiProvider } from './provider.js';

export const OAI_PATH = '/oai';
/** A request's arguments fit in far less; more is not a harvester. */
const MAX_BODY_BYTES = 16 * 1024;

function pairsOf(text: string): [string, string][] {
  return [...new URLSearchParams(text)];
}

function readForm(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        // The rest is read and dropped, so that the answer reaches the client before the connection closes.
        req.removeAllListeners('data');
        req.resume();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export class OaiDoor {
  constructor(private readonly versions: VersionIndex, private readonly provider: OaiProvider) {}

  /** Answers /oai; false for any other path. */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    if ((query < 0 ? url : url.slice(0, query)) !== OAI_PATH) return false;
    this.answer(req, res, query < 0 ? '' : url.slice(query + 1)).catch((error: unknown) => {
      console.error(`error on ${req.method} ${url}:`, error);
      if (!res.headersSent) sendPlainText(res, 500, 'internal error');
      else res.destroy();
    });
    return true;
  }

  private async answer(req: IncomingMessage, res: ServerResponse, search: string): Promise<void> {
    const method = req.method ?? 'GET';
    let pairs: [string, string][];
    if (method === 'GET' || method === 'HEAD') {
      pairs = pairsOf(search);
    } else if (method === 'POST') {
      const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== 'application/x-www-form-urlencoded') {
        sendPlainText(res, 415, `An OAI-PMH POST sends its arguments as application/x-www-form-urlencoded, not ${type || 'an untyped body'}.`);
        return;
      }
      const form = await readForm(req);
      if (form === undefined) {
        sendPlainText(res, 413, `The arguments of an OAI-PMH request fit in ${MAX_BODY_BYTES / 1024} KB; this body is larger.`, { Connection: 'close' });
        return;
      }
      pairs = [...pairsOf(search), ...pairsOf(form)];
    } else {
      sendPlainText(res, 405, `OAI-PMH is requested with GET or POST, not ${method}.`, { Allow: 'GET, HEAD, POST, OPTIONS' });
      return;
    }
    const version = await this.versions.current();
    if (!version) {
      sendStillLoading(res, 'The data is still loading; the repository answers in a few seconds.');
      return;
    }
    const xml = await this.provider.respond(pairs, version);
    // Each response carries its own date: nothing to validate or keep, but worth compressing.
    sendRepresentation(req, res, new Representation(xml, 'text/xml; charset=utf-8', { cacheControl: 'no-store', validated: false }));
  }
}
