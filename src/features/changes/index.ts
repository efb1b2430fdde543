/**
 * The change feed: `/changes` (an ActivityStreams 2.0 OrderedCollection), its pages
 * `/changes/page/{n}`, `/changes?since=TIME` (303 to the page of that time) and
 * `/changes/versions/{n}` (303 to the page where a version starts); and `410 Gone`, pointing to
 * the feed, for the things a version deleted, wherever they were asked for (their IRI, their
 * descriptions, their own triples). It reads the publisher's change log, fed by reloads and
 * writes alike.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import express, { type Response } from 'express';
import type { ChangeLogReader } from '../../build/versions/change-log.js';
import { THINGS_PATH, thingOfPath } from '../../build/versions/thing-paths.js';
import { negotiate } from '../../http/negotiation.js';
import { sendPlainText, sendStillLoading } from '../../http/plain-text.js';
import { Representation, sendRepresentation } from '../../http/representation.js';
import { iri, text, triple } from '../../rdf/build-terms.js';
import { STANDARD_PREFIXES } from '../../rdf/namespaces.js';
import type { Feature, FeatureContext } from '../feature.js';
import { CHANGES_PATH, Feed } from './feed.js';

const MEDIA_TYPES = ['application/activity+json', 'application/ld+json', 'application/json'] as const;
const LD_PROFILE = 'application/ld+json; profile="https://www.w3.org/ns/activitystreams"';

/** Where a deleted thing may be asked for: its IRI, its descriptions, its own triples. */
const THING_PREFIXES = ['/id/', '/doc/', THINGS_PATH];

function stripExtension(path: string): string {
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  return dot > slash && /^\.(html|jsonld|ttl|nt|rdf)$/.test(path.slice(dot)) ? path.slice(0, dot) : path;
}

export function changes(context: FeatureContext): Feature {
  const { state, config } = context;
  const baseIRI = config.baseIRI;
  const log = (): ChangeLogReader | undefined => state.publisher?.log;
  let feed: { log: ChangeLogReader; feed: Feed } | undefined;
  const feedOf = (reader: ChangeLogReader): Feed => {
    if (feed?.log !== reader) feed = { log: reader, feed: new Feed(reader, baseIRI) };
    return feed.feed;
  };
  const send = (req: express.Request, res: Response, body: Record<string, unknown>, cacheControl: string) => {
    const chosen = negotiate(req.headers.accept, MEDIA_TYPES)?.mediaType ?? 'application/activity+json';
    const mediaType = chosen === 'application/ld+json' ? LD_PROFILE : chosen;
    res.setHeader('Vary', 'Accept');
    sendRepresentation(req, res, new Representation(`${JSON.stringify(body, null, 2)}\n`, `${mediaType}; charset=utf-8`, { cacheControl }));
  };

  const routes = express.Router();
  routes.get(CHANGES_PATH, (req, res) => {
    const reader = log();
    if (!reader || state.status.phase !== 'ready') return sendStillLoading(res);
    const current = feedOf(reader);
    const since = req.query.since;
    if (since !== undefined) {
      const time = typeof since === 'string' ? new Date(since) : new Date(Number.NaN);
      if (Number.isNaN(time.getTime())) return sendPlainText(res, 400, `since must be a date and time such as 2026-12-01T10:00:00Z, not "${String(since)}".`);
      const page = current.pageOf(reader.positionAfter(time));
      res.status(303).setHeader('Location', current.pageUrl(page));
      res.setHeader('Cache-Control', 'no-cache');
      return res.end();
    }
    send(req, res, current.collection(), 'no-cache');
  });
  routes.get(`${CHANGES_PATH}/page/:page`, (req, res, next) => {
    const reader = log();
    if (!reader || state.status.phase !== 'ready') return sendStillLoading(res);
    const current = feedOf(reader);
    const page = Number(req.params.page);
    const body = /^\d+$/.test(req.params.page) ? current.page(page) : undefined;
    if (!body) return next();
    // Only the last page still grows: the others may be kept for good.
    send(req, res, body, current.isComplete(page) ? 'public, max-age=86400' : 'no-cache');
  });
  routes.get(`${CHANGES_PATH}/versions/:version`, (req, res, next) => {
    const reader = log();
    if (!reader || state.status.phase !== 'ready') return sendStillLoading(res);
    const version = /^\d+$/.test(req.params.version) ? reader.version(Number(req.params.version)) : undefined;
    if (!version) return next();
    res.status(303).setHeader('Location', feedOf(reader).pageUrl(feedOf(reader).pageOf(version.firstEntry)));
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.end();
  });

  /** 410 for a thing whose latest change deleted it. */
  const handle = (req: IncomingMessage, res: ServerResponse): boolean => {
    const reader = log();
    if (!reader || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    const path = stripExtension(query < 0 ? url : url.slice(0, query));
    const prefix = THING_PREFIXES.find((p) => path.startsWith(p));
    if (!prefix) return false;
    const thing = thingOfPath(baseIRI, path, prefix);
    const last = thing ? reader.lastChange(thing) : undefined;
    if (!last || last.action !== 'delete' || state.publisher?.thing(thing!)) return false;
    const page = feedOf(reader).pageUrl(feedOf(reader).pageOf(last.position));
    sendPlainText(res, 410, `<${thing}> was deleted on ${last.at.toISOString()} (version ${last.version}). The change feed tells its history: ${page}`, {
      Link: `<${page}>; rel="related"; type="application/activity+json"`,
    });
    return true;
  };

  const { rdf, rdfs, dct } = STANDARD_PREFIXES;
  return {
    name: 'changes',
    handle,
    routes,
    cards: [{ path: CHANGES_PATH, text: (t) => t.changes.card }],
    serviceDescription: ({ dataset }) => {
      const collection = new URL('changes', baseIRI).href;
      return [
        triple(dataset, `${rdfs}seeAlso`, collection),
        triple(collection, `${rdf}type`, iri('https://www.w3.org/ns/activitystreams#OrderedCollection')),
        triple(collection, `${dct}title`, text('Change feed (ActivityStreams 2.0): creations, updates and deletions, version by version', 'en')),
      ];
    },
  };
}
