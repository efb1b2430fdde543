/**
 * Content negotiation as RFC 9110 describes it: media ranges with q-values, `type/*` and `*\/*`,
 * the most specific range deciding a type's weight, q=0 meaning "not this".
 */
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

/** The preferred content coding among those offered ('identity' when nothing else is accepted). */
export function negotiateEncoding(header: string | undefined, offered: readonly ('br' | 'gzip')[]): 'br' | 'gzip' | 'identity' {
  if (!header) return 'identity';
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (!coding) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    weights.set(coding, q ? Number(q.slice(2)) || 0 : 1);
  }
  let best: 'br' | 'gzip' | 'identity' = 'identity';
  let bestWeight = 0;
  for (const coding of offered) {
    const weight = weights.get(coding) ?? weights.get('*') ?? 0;
    if (weight > bestWeight) {
      best = coding;
      bestWeight = weight;
    }
  }
  return best;
}
