/**
 * The arguments of an OAI-PMH request checked as the specification (OAI-PMH 2.0, §3.1 and §4)
 * wants: one verb among six, each argument once, only the arguments the verb takes, the
 * required ones present, `resumptionToken` exclusive, dates in one of the two granularities the
 * repository supports and both of the same. What fails is an OaiError with its code and a
 * message that says what to send instead.
 */

export const VERBS = ['Identify', 'ListMetadataFormats', 'ListSets', 'GetRecord', 'ListIdentifiers', 'ListRecords'] as const;
export type Verb = (typeof VERBS)[number];

export type OaiErrorCode = 'badArgument' | 'badResumptionToken' | 'badVerb' | 'cannotDisseminateFormat' | 'idDoesNotExist'
  | 'noRecordsMatch' | 'noMetadataFormats' | 'noSetHierarchy';

export class OaiError extends Error {
  constructor(readonly code: OaiErrorCode, message: string) {
    super(message);
    this.name = 'OaiError';
  }
}

/** The arguments each verb takes: required, optional, and exclusive (alone beside the verb). */
const ARGUMENTS: Readonly<Record<Verb, { required: readonly string[]; optional: readonly string[]; exclusive?: string }>> = {
  Identify: { required: [], optional: [] },
  ListMetadataFormats: { required: [], optional: ['identifier'] },
  ListSets: { required: [], optional: [], exclusive: 'resumptionToken' },
  GetRecord: { required: ['identifier', 'metadataPrefix'], optional: [] },
  ListIdentifiers: { required: ['metadataPrefix'], optional: ['from', 'until', 'set'], exclusive: 'resumptionToken' },
  ListRecords: { required: ['metadataPrefix'], optional: ['from', 'until', 'set'], exclusive: 'resumptionToken' },
};

export interface OaiRequest {
  readonly verb: Verb;
  readonly arguments: Readonly<Record<string, string>>;
}

/** A request from its name-value pairs (the query string of a GET, the form of a POST). */
export function checkArguments(pairs: readonly (readonly [string, string])[]): OaiRequest {
  const verbs = pairs.filter(([name]) => name === 'verb').map(([, value]) => value);
  if (verbs.length === 0) throw new OaiError('badVerb', `The request has no verb; add verb= one of ${VERBS.join(', ')}.`);
  if (verbs.length > 1) throw new OaiError('badVerb', 'The verb is given more than once; give it once.');
  const verb = verbs[0]!;
  if (!(VERBS as readonly string[]).includes(verb)) throw new OaiError('badVerb', `"${verb}" is not an OAI-PMH verb; use one of ${VERBS.join(', ')} (case matters).`);
  const rules = ARGUMENTS[verb as Verb];
  const args: Record<string, string> = {};
  for (const [name, value] of pairs) {
    if (name === 'verb') continue;
    if (name in args) throw new OaiError('badArgument', `The argument ${name} is given more than once.`);
    const allowed = [...rules.required, ...rules.optional, ...(rules.exclusive ? [rules.exclusive] : [])];
    if (!allowed.includes(name)) {
      throw new OaiError('badArgument', `${verb} does not take the argument "${name}"${allowed.length ? `; it takes ${allowed.join(', ')}` : '; it takes none'}.`);
    }
    args[name] = value;
  }
  if (rules.exclusive && args[rules.exclusive] !== undefined) {
    const others = Object.keys(args).filter((name) => name !== rules.exclusive);
    if (others.length) throw new OaiError('badArgument', `${rules.exclusive} is an exclusive argument: send it alone with the verb, without ${others.join(', ')}.`);
    return { verb: verb as Verb, arguments: args };
  }
  const missing = rules.required.filter((name) => args[name] === undefined || args[name] === '');
  if (missing.length) throw new OaiError('badArgument', `${verb} requires the argument${missing.length > 1 ? 's' : ''} ${missing.join(' and ')}.`);
  if (args.from !== undefined || args.until !== undefined) checkDateRange(args.from, args.until);
  return { verb: verb as Verb, arguments: args };
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const SECOND = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;

function granularity(name: string, value: string): 'day' | 'second' {
  const day = DAY.exec(value);
  const second = SECOND.exec(value);
  const parts = (day ?? second)?.slice(1).map(Number);
  if (parts) {
    const [year, month, date, hours = 0, minutes = 0, seconds = 0] = parts as [number, number, number, number?, number?, number?];
    const time = new Date(Date.UTC(year, month - 1, date, hours, minutes, seconds));
    if (time.getUTCFullYear() === year && time.getUTCMonth() === month - 1 && time.getUTCDate() === date && hours < 24 && minutes < 60 && seconds < 60) {
      return day ? 'day' : 'second';
    }
  }
  throw new OaiError('badArgument', `${name}="${value}" is not a date of this repository: write YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ (UTC).`);
}

function checkDateRange(from: string | undefined, until: string | undefined): void {
  const fromGranularity = from === undefined ? undefined : granularity('from', from);
  const untilGranularity = until === undefined ? undefined : granularity('until', until);
  if (fromGranularity && untilGranularity && fromGranularity !== untilGranularity) {
    throw new OaiError('badArgument', 'from and until must have the same granularity: both days (YYYY-MM-DD) or both seconds (YYYY-MM-DDThh:mm:ssZ).');
  }
  const range = bounds(from, until);
  if (range.from !== undefined && range.until !== undefined && range.from > range.until) {
    throw new OaiError('badArgument', `from (${from}) is later than until (${until}).`);
  }
}

/** The range of datestamps a selective harvest covers: a day's bounds are its first and last second. */
export function bounds(from: string | undefined, until: string | undefined): { from?: string; until?: string } {
  return {
    from: from === undefined ? undefined : DAY.test(from) ? `${from}T00:00:00Z` : from,
    until: until === undefined ? undefined : DAY.test(until) ? `${until}T23:59:59Z` : until,
  };
}
