/**
 * The answer for an address that names nothing here, the same from every route: a page a
 * person can act on, an empty graph in the RDF format a program asked for (so that its parser
 * still reads the answer), or a short JSON or plain-text message.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isGraphFormat, type Format } from '../rdf/formats.js';
import { writeGraph } from '../rdf/write.js';
import { html } from '../web/html.js';
import { textsIn, type PageLanguage } from '../web/i18n/catalogue.js';
import { renderPage } from '../web/layout.js';
import { negotiate } from './negotiation.js';

export interface NotFound {
  /** The address asked for, as shown on the page. */
  readonly address: string;
  readonly language: PageLanguage;
  /** The format the request named (an extension, or a format the route negotiated), when it did. */
  readonly format?: Format;
}

const ANSWERS = ['text/html', 'application/json', 'text/plain'] as const;

export function notFoundPage(address: string, language: PageLanguage): string {
  const t = textsIn(language);
  return renderPage({
    language,
    title: t.notFound,
    path: '/',
    body: html`<h1>${t.notFound}</h1>
<p>${t.notFoundText}</p>
<p><code>${address}</code></p>
<p><a href="/?lang=${language}">${t.home}</a></p>`,
  });
}

async function body(req: IncomingMessage, notFound: NotFound): Promise<{ mediaType: string; text: string }> {
  const { format } = notFound;
  if (format && isGraphFormat(format)) {
    return { mediaType: format.mediaType, text: await writeGraph([], format, { prefixes: {} }) };
  }
  const answer = format?.holds === 'page' ? 'text/html' : negotiate(req.headers.accept, ANSWERS)?.mediaType ?? 'text/plain';
  const path = (req.url ?? '/').split('?')[0]!;
  if (answer === 'text/html') return { mediaType: 'text/html', text: notFoundPage(notFound.address, notFound.language) };
  if (answer === 'application/json') return { mediaType: 'application/json', text: `${JSON.stringify({ error: 'not found', path })}\n` };
  return { mediaType: 'text/plain', text: `Nothing is published at ${path}.\n` };
}

export async function sendNotFound(req: IncomingMessage, res: ServerResponse, notFound: NotFound): Promise<void> {
  const { mediaType, text } = await body(req, notFound);
  res.statusCode = 404;
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Type', `${mediaType}; charset=utf-8`);
  res.end(text);
}
