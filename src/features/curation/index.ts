/**
 * The curators' write path, in the manner of the SPARQL 1.1 Graph Store Protocol with one graph
 * per thing: `/things/{kind}/{slug}` holds the own triples of `/id/{kind}/{slug}`.
 *
 * - GET and HEAD (open to all) give them in Turtle, N-Triples or JSON-LD, with the ETag of the
 *   thing's state;
 * - PUT (a curator) replaces them, DELETE removes the thing; an existing thing changes only with
 *   `If-Match` on its ETag (`412` when another write came first, `428` without it), and a new one
 *   may be created with `If-None-Match: *`. The write is validated with what references the
 *   thing (`422` and the SHACL report when it does not conform), made durable, and published at
 *   once as a new version;
 * - POST /admin/reload (an administrator) reads the files of the data directory again.
 */
import express, { type Request, type Response } from 'express';
import { THINGS_PATH, thingOfPath } from '../../build/versions/thing-paths.js';
import type { ReloadOutcome, WriteOutcome } from '../../build/versions/publishing.js';
import { negotiate, negotiateLanguage } from '../../http/negotiation.js';
import { sendNotFound } from '../../http/not-found.js';
import { sendPlainText, sendStillLoading } from '../../http/plain-text.js';
import { Representation, sendRepresentation } from '../../http/representation.js';
import { publishedContext } from '../../rdf/jsonld.js';
import { allPrefixes } from '../../rdf/namespaces.js';
import { FORMATS } from '../../rdf/formats.js';
import { writeGraph } from '../../rdf/write.js';
import { formatJsonReport, formatTextReport, type ReportLanguage } from '../../validation/report.js';
import type { ValidationOutcome } from '../../validation/results.js';
import type { Feature, FeatureContext } from '../feature.js';
import { Curators, type Identity } from './auth.js';
import { readDescription, UnacceptableDescriptionError, WRITABLE_TYPES, writableType } from './body.js';
import { quadsOf } from '../../build/versions/thing-graph.js';

const READ_FORMATS = [FORMATS.turtle, FORMATS.ntriples, FORMATS.jsonld] as const;
/** A thing's description is small; a larger body is a mistake (or a whole file sent to one thing). */
const BODY_LIMIT = '1mb';
const EXTENSION = { turtle: '', ntriples: '.nt', jsonld: '.jsonld' } as const;

/** The states named by If-Match (or If-None-Match): our ETags are `"{hash}"`, `"{hash}.nt"`, `"{hash}.jsonld"`. */
function statesIn(header: string | undefined): string[] | undefined {
  if (header === undefined) return undefined;
  if (header.trim() === '*') return ['*'];
  // If-Match compares strongly: a weak tag matches nothing.
  return header.split(',').map((tag) => tag.trim()).filter((tag) => tag.startsWith('"'))
    .map((tag) => tag.slice(1, -1).split('.')[0]!);
}

function reportLanguage(req: Request): ReportLanguage {
  return negotiateLanguage(req, req.query.lang) === 'fr' ? 'fr' : 'en';
}

export function curation(context: FeatureContext): Feature {
  const { state, config, rules } = context;
  const baseIRI = config.baseIRI;
  const curators = new Curators(config.curatorTokens, config.adminTokens);
  const jsonLdContext = publishedContext(baseIRI);
  const prefixes = allPrefixes(baseIRI);

  /** The caller, or an answer saying why they may not do this (and undefined). */
  const authorise = (req: Request, res: Response, admin: boolean): Identity | undefined => {
    if (!curators.open) {
      sendPlainText(res, 403, 'Writing is closed on this service: no curator is configured (CURATOR_TOKENS, ADMIN_TOKENS).');
      return undefined;
    }
    const identity = curators.identify(req);
    if (!identity) {
      sendPlainText(res, 401, 'Send your curator token: Authorization: Bearer <token>.', { 'WWW-Authenticate': 'Bearer realm="citego curation"' });
      return undefined;
    }
    if (admin && !identity.admin) {
      sendPlainText(res, 403, `${identity.name} is a curator, not an administrator: reloading the files takes an administrator's token (ADMIN_TOKENS).`);
      return undefined;
    }
    return identity;
  };

  const sendReport = (req: Request, res: Response, status: number, outcome: ValidationOutcome, summary: string) => {
    const language = reportLanguage(req);
    res.setHeader('Vary', 'Accept, Accept-Language');
    if (negotiate(req.headers.accept, ['application/json', 'text/plain'])?.mediaType === 'text/plain') {
      sendPlainText(res, status, `${summary}\n\n${formatTextReport(outcome, rules.shapes, { language, baseIRI, maxShown: 100 })}`);
      return;
    }
    res.status(status).setHeader('Cache-Control', 'no-store');
    res.type('application/json').send(`${JSON.stringify({ message: summary, report: JSON.parse(formatJsonReport(outcome, rules.shapes, language)) as unknown }, null, 2)}\n`);
  };

  const sendWritten = (res: Response, path: string, outcome: Extract<WriteOutcome, { kind: 'done' }>) => {
    if (outcome.hash) res.setHeader('ETag', `"${outcome.hash}"`);
    res.setHeader('Cache-Control', 'no-store');
    if (outcome.result === 'created') res.status(201).setHeader('Location', path);
    res.json({ result: outcome.result, version: outcome.version?.number, etag: outcome.hash ? `"${outcome.hash}"` : undefined });
  };

  const routes = express.Router();
  const thingPath = /^\/things\/.+$/;

  routes.get(thingPath, (req, res, next) => {
    const publisher = state.publisher;
    if (!publisher || state.status.phase !== 'ready') return sendStillLoading(res);
    const thing = thingOfPath(baseIRI, req.path);
    const found = thing ? publisher.thing(thing) : undefined;
    if (!found) {
      sendNotFound(req, res, { address: thing ?? new URL(req.path.slice(1), baseIRI).href, language: negotiateLanguage(req, req.query.lang) }).catch(next);
      return;
    }
    const chosen = negotiate(req.headers.accept, READ_FORMATS.map((f) => f.mediaType))?.mediaType;
    const format = READ_FORMATS.find((f) => f.mediaType === chosen);
    if (!format) return sendPlainText(res, 406, `A thing's own triples come as ${READ_FORMATS.map((f) => f.mediaType).join(', ')}.`);
    res.setHeader('Vary', 'Accept');
    writeGraph(quadsOf(found.block), format, { prefixes, context: jsonLdContext }).then((body) => {
      // The ETag is the thing's state, whatever the format (with the format's mark): If-Match takes any of them.
      res.setHeader('ETag', `"${found.hash}${EXTENSION[format.name]}"`);
      if (statesIn(req.headers['if-none-match'])?.some((s) => s === found.hash || s === '*')) {
        res.status(304).end();
        return;
      }
      sendRepresentation(req, res, new Representation(format === FORMATS.ntriples ? found.block : body, `${format.mediaType}; charset=utf-8`,
        { cacheControl: 'no-cache', validated: false }));
    }, next);
  });

  const textBody = express.text({ type: () => true, limit: BODY_LIMIT });
  routes.put(thingPath, textBody, (req, res, next) => {
    const identity = authorise(req, res, false);
    if (!identity) return;
    const publisher = state.publisher;
    if (!publisher || state.status.phase !== 'ready') return sendStillLoading(res);
    const thing = thingOfPath(baseIRI, req.path);
    if (!thing) return sendPlainText(res, 404, `${req.path} names no thing: things are written at ${THINGS_PATH}{kind}/{slug}.`);
    const type = writableType(req.headers['content-type']);
    if (!type) return sendPlainText(res, 415, `A description is sent as ${WRITABLE_TYPES.join(', ')}, not ${req.headers['content-type'] ?? 'without a Content-Type'}.`);
    const body = typeof req.body === 'string' ? req.body : '';
    readDescription(body, type, thing, baseIRI, jsonLdContext).then(async ({ quads, lines }) => {
      const outcome = await publisher.write({
        thing, quads, lines, agent: identity.name,
        ifMatch: statesIn(req.headers['if-match']), ifNoneMatchAny: req.headers['if-none-match']?.trim() === '*',
      });
      answerWrite(req, res, outcome, thing);
    }).catch((error: unknown) => {
      if (error instanceof UnacceptableDescriptionError) return sendPlainText(res, error.status, error.message);
      next(error);
    });
  });

  routes.delete(thingPath, (req, res, next) => {
    const identity = authorise(req, res, false);
    if (!identity) return;
    const publisher = state.publisher;
    if (!publisher || state.status.phase !== 'ready') return sendStillLoading(res);
    const thing = thingOfPath(baseIRI, req.path);
    if (!thing) return next();
    publisher.write({ thing, quads: undefined, agent: identity.name, ifMatch: statesIn(req.headers['if-match']) })
      .then((outcome) => answerWrite(req, res, outcome, thing), next);
  });

  const answerWrite = (req: Request, res: Response, outcome: WriteOutcome, thing: string) => {
    switch (outcome.kind) {
      case 'done': return sendWritten(res, req.path, outcome);
      case 'precondition-failed':
        if (outcome.current) res.setHeader('ETag', `"${outcome.current}"`);
        return sendPlainText(res, 412, outcome.current
          ? `<${thing}> has changed since you read it (its ETag is now "${outcome.current}"): read it again, apply your change to it, and send it with the new ETag.`
          : `<${thing}> does not exist (or no longer exists): create it with If-None-Match: *.`);
      case 'precondition-required':
        res.setHeader('ETag', `"${outcome.current}"`);
        return sendPlainText(res, 428, `<${thing}> exists: send If-Match with the ETag of the description you changed (it is "${outcome.current}" now), so that no other curator's write is lost.`);
      case 'not-found': return sendPlainText(res, 404, `<${thing}> is not published: there is nothing to delete.`);
      case 'invalid': return sendReport(req, res, 422, outcome.outcome, `The description of <${thing}> does not conform to the shapes: nothing was changed.`);
      case 'unavailable': return sendPlainText(res, 503, `Writing is not possible now: ${outcome.reason}.`, { 'Retry-After': '5' });
    }
  };

  routes.all(thingPath, (req, res) => {
    sendPlainText(res, 405, `A thing's triples are read with GET or HEAD, replaced with PUT and removed with DELETE, not ${req.method}.`, { Allow: 'GET, HEAD, PUT, DELETE, OPTIONS' });
  });

  routes.post('/admin/reload', (req, res, next) => {
    const identity = authorise(req, res, true);
    if (!identity) return;
    const publisher = state.publisher;
    if (!publisher || state.status.phase !== 'ready') return sendStillLoading(res);
    publisher.reload(`asked by ${identity.name}`).then((outcome: ReloadOutcome) => {
      res.setHeader('Cache-Control', 'no-store');
      switch (outcome.status) {
        case 'published':
          return res.json({ status: 'published', version: outcome.version.number, changes: outcome.changes.length, conflicts: outcome.conflicts, seconds: outcome.seconds });
        case 'unchanged':
          return res.json({ status: 'unchanged', version: outcome.version?.number });
        case 'refused':
          return sendReport(req, res, 422, outcome.outcome, 'The files do not conform to the shapes: the version served is kept.');
        case 'failed':
          return sendPlainText(res, 422, `The files cannot be read: ${outcome.reason}. The version served is kept.`);
      }
    }, next);
  });

  return {
    name: 'curation',
    routes,
    close: async () => { await state.publisher?.close(); },
  };
}
