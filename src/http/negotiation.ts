/**
 * Content negotiation as RFC 9110 describes it. Media types are negotiated here: media ranges
 * with q-values, `type/*` and `*\/*`, the most specific range deciding a type's weight, q=0
 * meaning "not this", and the range's other parameters kept, because JSON-LD's `profile` chooses
 * between compacted and expanded documents (the `negotiator` package drops a range whose
 * parameters the offered type lacks). Languages and content codings are negotiated by
 * `negotiator`, which express itself uses.
 */
import type { IncomingMessage } from 'node:http';
import Negotiator from 'negotiator';
import { formatByMediaType, type Format } from '../rdf/formats.js';
import { isPageLanguage, PAGE_LANGUAGES, type PageLanguage } from '../web/i18n/catalogue.js';

export interface MediaRange {
  readonly type: string;
  readonly subtype: string;
  readonly q: number;
  /** Parameters other than q, lower-cased names (e.g. JSON-LD's profile). */
  readonly parameters: Readonly<Record<string, string>>;
  /** Position in the header, to break ties in the client's order. */
  readonly index: number;
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    if (char === separator && !quoted) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}

export function parseAccept(header: string | undefined): MediaRange[] {
  if (!header || !header.trim()) return [{ type: '*', subtype: '*', q: 1, parameters: {}, index: 0 }];
  const ranges: MediaRange[] = [];
  splitOutsideQuotes(header, ',').forEach((part, index) => {
    const [range, ...rawParameters] = splitOutsideQuotes(part, ';').map((p) => p.trim());
    const [type, subtype] = (range ?? '').toLowerCase().split('/');
    if (!type || !subtype) return;
    let q = 1;
    const parameters: Record<string, string> = {};
    for (const raw of rawParameters) {
      const eq = raw.indexOf('=');
      if (eq < 0) continue;
      const name = raw.slice(0, eq).trim().toLowerCase();
      const value = raw.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
      if (name === 'q') {
        const weight = Number(value);
        q = Number.isFinite(weight) ? Math.min(1, Math.max(0, weight)) : 0;
      } else {
        parameters[name] = value;
      }
    }
    ranges.push({ type, subtype, q, parameters, index });
  });
  return ranges;
}

/** The range of `accepted` that best matches a media type (most specific first), if any. */
function bestRangeFor(mediaType: string, accepted: readonly MediaRange[]): MediaRange | undefined {
  const [type, subtype] = mediaType.toLowerCase().split('/');
  let best: MediaRange | undefined;
  let bestSpecificity = -1;
  for (const range of accepted) {
    const specificity = range.type === type && range.subtype === subtype ? 2 : range.type === type && range.subtype === '*' ? 1
      : range.type === '*' && range.subtype === '*' ? 0 : -1;
    if (specificity > bestSpecificity) {
      best = range;
      bestSpecificity = specificity;
    }
  }
  return best;
}

export interface Negotiated<T extends string> {
  readonly mediaType: T;
  /** The range that chose it, with its parameters (e.g. profile). */
  readonly range: MediaRange;
}

/**
 * The offered media type the client prefers: highest q, then an exact match over a wildcard
 * one, then the client's order, then the server's order. Undefined when none is acceptable.
 */
export function negotiate<T extends string>(accept: string | undefined, offered: readonly T[]): Negotiated<T> | undefined {
  const accepted = parseAccept(accept);
  let winner: { mediaType: T; range: MediaRange; exact: boolean; order: number } | undefined;
  offered.forEach((mediaType, order) => {
    const range = bestRangeFor(mediaType, accepted);
    if (!range || range.q <= 0) return;
    const exact = range.type !== '*' && range.subtype !== '*';
    const better = !winner || range.q > winner.range.q ||
      (range.q === winner.range.q && exact && !winner.exact) ||
      (range.q === winner.range.q && exact === winner.exact && range.index < winner.range.index);
    if (better) winner = { mediaType, range, exact, order };
  });
  return winner ? { mediaType: winner.mediaType, range: winner.range } : undefined;
}

/**
 * The format among `offered` that Accept prefers, aliases included: a canonical media type is
 * offered before the aliases, so that an exact canonical match wins over an alias.
 */
export function negotiateFormat<F extends Format>(accept: string | undefined, offered: readonly F[]): { format: F; range: MediaRange } | undefined {
  const mediaTypes = [...offered.map((f) => f.mediaType), ...offered.flatMap((f) => f.aliases)];
  const chosen = negotiate(accept, mediaTypes);
  return chosen ? { format: formatByMediaType(chosen.mediaType, offered)!, range: chosen.range } : undefined;
}

type Request = Pick<IncomingMessage, 'headers'>;

/**
 * The language of a page: `?lang=` when the reader chose one, else the best match of
 * Accept-Language among the languages of the interface, else French (CITEGO's language).
 */
export function negotiateLanguage(req: Request, chosen: unknown): PageLanguage {
  if (isPageLanguage(chosen)) return chosen;
  const language = new Negotiator(req).language([...PAGE_LANGUAGES]);
  return isPageLanguage(language) ? language : 'fr';
}

export type Coding = 'br' | 'gzip' | 'identity';

/**
 * The content coding to send: the client's preference among br, gzip and identity; between
 * equals, compression when `compress` (a body worth compressing), else the bytes as they are.
 * When the client accepts none of them, identity, as RFC 9110 advises.
 */
export function negotiateCoding(req: Request, compress: boolean): Coding {
  const order: Coding[] = compress ? ['br', 'gzip', 'identity'] : ['identity', 'br', 'gzip'];
  // negotiator 1.x breaks ties by the server's preference; its published types predate that option.
  const negotiator = new Negotiator(req) as unknown as { encoding(available: Coding[], options: { preferred: Coding[] }): string | undefined };
  const coding = negotiator.encoding(order, { preferred: order });
  return coding === 'br' || coding === 'gzip' ? coding : 'identity';
}
