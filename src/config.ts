/**
 * Where the service finds its files and how it is reached, from the environment. Every setting
 * has a default that serves the demo data on http://localhost:3000/.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import proxyaddr from 'proxy-addr';

export interface ServiceConfig {
  /** The IRI under which things, the ontology and the shapes are named (ends with '/'). */
  readonly baseIRI: string;
  readonly port: number;
  /** Interface to listen on; undefined means all of them. */
  readonly host: string | undefined;
  readonly dataDir: string;
  readonly ontologyDir: string;
  readonly shapesDir: string;
  readonly sparqlDir: string;
  /** Store replicas answering queries in parallel, each with a full copy of the data. */
  readonly storeReplicas: number;
  /** Time limit of a query, in milliseconds. */
  readonly queryTimeoutMs: number;
  /** Memory for prepared descriptions (pages, JSON-LD…) kept for repeated requests, in MiB. */
  readonly descriptionCacheMb: number;
  /** Remote SPARQL endpoints reached at another URL (a mirror, or a test double): from IRI → to URL. */
  readonly serviceRedirects: Readonly<Record<string, string>>;
  /** Secret signing OAI-PMH resumption tokens; undefined: a key derived from the base IRI (the same after a restart). */
  readonly oaiTokenSecret: string | undefined;
  /** The OAI-PMH repository administrator's address, given by Identify. */
  readonly oaiAdminEmail: string;
  /** The journal of versions (curators' writes, reloads) and its snapshots. */
  readonly stateDir: string;
  /** Reload when the files of the data directory change. */
  readonly watchData: boolean;
  /** Who may write things: curator name → SHA-256 of their token (hex). None by default: writing is closed. */
  readonly curatorTokens: Readonly<Record<string, string>>;
  /** Who may also reload the files through POST /admin/reload: name → SHA-256 of their token. */
  readonly adminTokens: Readonly<Record<string, string>>;
  /** Store replicas kept for pages and descriptions, which endpoint queries never use. */
  readonly pageReplicas: number;
  /** Ceiling of each store replica's memory (its data and its queries' working memory), in MiB. */
  readonly storeMemoryMb: number;
  /** Store time each client may use at once, in milliseconds, given back over queryBudgetWindowMs. */
  readonly queryBudgetMs: number;
  readonly queryBudgetWindowMs: number;
  /** Longest wait of an endpoint query for a free replica, in milliseconds. */
  readonly queryQueueWaitMs: number;
  /** Endpoint queries that may wait at once; more are refused with 503. */
  readonly queryQueueLength: number;
  /** Reverse proxies whose X-Forwarded-For names the client: addresses, subnets, names, or a number of hops. */
  readonly trustProxy: readonly string[] | number | undefined;
  /** Level of the JSON log: fatal, error, warn, info, debug, trace or silent. */
  readonly logLevel: LogLevel;
  /** Time given to requests in flight to finish after SIGTERM, in milliseconds. */
  readonly shutdownGraceMs: number;
  /** The licence the data is published under (DATA_LICENCE): stated on the dataset, every description, page and dump. */
  readonly dataLicence: DataLicence;
  /** Where the dumps of the data are written and kept across restarts (DUMP_DIR). */
  readonly dumpDir: string;
}

/** A licence the data may be published under: its short name, IRI and title. */
export interface DataLicence {
  readonly id: 'etalab-2.0' | 'cc-by-4.0';
  readonly iri: string;
  readonly title: string;
}

export const DATA_LICENCES: readonly DataLicence[] = [
  { id: 'etalab-2.0', iri: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence', title: 'Licence Ouverte / Open Licence 2.0 (Etalab)' },
  { id: 'cc-by-4.0', iri: 'https://creativecommons.org/licenses/by/4.0/', title: 'Creative Commons Attribution 4.0 International (CC BY 4.0)' },
];

function parseLicence(text: string | undefined): DataLicence {
  const wanted = (text ?? '').trim().toLowerCase() || 'etalab-2.0';
  const found = DATA_LICENCES.find((l) => l.id === wanted);
  if (!found) throw new ConfigError(`DATA_LICENCE must be one of ${DATA_LICENCES.map((l) => l.id).join(', ')}, not "${text}"`);
  return found;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The directory holding package.json, whether running from src/ (tsx) or dist/ (compiled). */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(resolve(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the project root (no package.json above the code)');
    dir = parent;
  }
  return dir;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function parsePort(text: string | undefined, fallback: number): number {
  if (text === undefined || text === '') return fallback;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be an integer between 0 and 65535, not "${text}"`);
  return port;
}

function parsePositiveInteger(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new ConfigError(`${name} must be a positive integer, not "${text}"`);
  return value;
}

function parseIntegerBetween(name: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) throw new ConfigError(`${name} must be an integer between ${min} and ${max}, not "${text}"`);
  return value;
}

/** Nothing (no proxy), a number of hops, or addresses, subnets (CIDR) and names (loopback, linklocal, uniquelocal) separated by commas. */
function parseTrustProxy(text: string | undefined): readonly string[] | number | undefined {
  if (text === undefined || text.trim() === '' || text.trim() === 'false') return undefined;
  if (/^\d+$/.test(text.trim())) return Number(text.trim());
  const entries = text.split(',').map((entry) => entry.trim()).filter(Boolean);
  try {
    proxyaddr.compile(entries);
  } catch (error) {
    throw new ConfigError(`TRUST_PROXY takes proxy addresses, subnets (10.0.0.0/8) or loopback, linklocal, uniquelocal, separated by commas, or a number of hops: ${(error as Error).message}`);
  }
  return entries;
}

function parseLogLevel(text: string | undefined): LogLevel {
  if (text === undefined || text === '') return 'info';
  const level = text.toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(level)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not "${text}"`);
  return level as LogLevel;
}

/** "from=to" pairs separated by commas or spaces, both absolute URLs. */
function parseRedirects(text: string | undefined): Record<string, string> {
  const redirects: Record<string, string> = {};
  for (const pair of (text ?? '').split(/[\s,]+/).filter(Boolean)) {
    const [from, to] = pair.split('=');
    if (!from || !to || !URL.canParse(from) || !URL.canParse(to)) {
      throw new ConfigError(`SPARQL_SERVICE_REDIRECTS takes pairs such as https://query.wikidata.org/sparql=http://127.0.0.1:8890/sparql, not "${pair}"`);
    }
    redirects[from] = to;
  }
  return redirects;
}

function parseBaseIRI(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError(`BASE_IRI must be an absolute http(s) IRI such as http://localhost:3000/, not "${text}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`BASE_IRI must use http or https, not "${url.protocol}"`);
  if (url.search || url.hash) throw new ConfigError(`BASE_IRI must not have a query or a fragment: "${text}"`);
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

/** A secret worth the name: absent, or at least 16 characters. */
function parseSecret(name: string, text: string | undefined): string | undefined {
  if (text === undefined || text === '') return undefined;
  if (text.length < 16) throw new ConfigError(`${name} must be at least 16 characters long (a random string), not ${text.length}`);
  return text;
}

function parseEmail(name: string, text: string | undefined, fallback: string): string {
  if (text === undefined || text === '') return fallback;
  if (!/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(text)) throw new ConfigError(`${name} must be an e-mail address such as contact@citego.org, not "${text}"`);
  return text;
}

function parseBoolean(name: string, text: string | undefined, fallback: boolean): boolean {
  if (text === undefined || text === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(text)) return true;
  if (/^(0|false|no|off)$/i.test(text)) return false;
  throw new ConfigError(`${name} must be true or false, not "${text}"`);
}

/** "name=sha256:HEX" pairs separated by commas or spaces: tokens are configured by their hash, never in clear. */
function parseTokenHashes(name: string, text: string | undefined): Record<string, string> {
  const tokens: Record<string, string> = {};
  for (const pair of (text ?? '').split(/[\s,]+/).filter(Boolean)) {
    const match = /^([A-Za-z0-9._-]+)=sha256:([0-9a-fA-F]{64})$/.exec(pair);
    if (!match) throw new ConfigError(`${name} takes pairs such as alice=sha256:<64 hexadecimal digits> (npm run token -- alice makes one), not "${pair}"`);
    tokens[match[1]!] = match[2]!.toLowerCase();
  }
  return tokens;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  const root = projectRoot();
  const port = parsePort(env.PORT, 3000);
  return {
    baseIRI: parseBaseIRI(env.BASE_IRI ?? `http://localhost:${port}/`),
    port,
    host: env.HOST || undefined,
    dataDir: resolve(env.DATA_DIR ?? resolve(root, 'data')),
    ontologyDir: resolve(root, 'ontology'),
    shapesDir: resolve(root, 'shapes'),
    sparqlDir: resolve(root, 'sparql'),
    storeReplicas: parsePositiveInteger('STORE_REPLICAS', env.STORE_REPLICAS, 2),
    queryTimeoutMs: parsePositiveInteger('QUERY_TIMEOUT_MS', env.QUERY_TIMEOUT_MS, 30_000),
    descriptionCacheMb: parsePositiveInteger('DESCRIPTION_CACHE_MB', env.DESCRIPTION_CACHE_MB, 256),
    serviceRedirects: parseRedirects(env.SPARQL_SERVICE_REDIRECTS),
    oaiTokenSecret: parseSecret('OAI_TOKEN_SECRET', env.OAI_TOKEN_SECRET),
    oaiAdminEmail: parseEmail('OAI_ADMIN_EMAIL', env.OAI_ADMIN_EMAIL, 'contact@citego.org'),
    // Beside the files it keeps the versions of, unless told otherwise.
    stateDir: resolve(env.STATE_DIR || resolve(env.DATA_DIR ?? resolve(root, 'data'), '.journal')),
    watchData: parseBoolean('WATCH_DATA', env.WATCH_DATA, true),
    curatorTokens: parseTokenHashes('CURATOR_TOKENS', env.CURATOR_TOKENS),
    adminTokens: parseTokenHashes('ADMIN_TOKENS', env.ADMIN_TOKENS),
    pageReplicas: parsePositiveInteger('PAGE_REPLICAS', env.PAGE_REPLICAS, 1),
    storeMemoryMb: parseIntegerBetween('STORE_MEMORY_MB', env.STORE_MEMORY_MB, 2048, 64, 4096),
    queryBudgetMs: parsePositiveInteger('QUERY_BUDGET_MS', env.QUERY_BUDGET_MS, 60_000),
    queryBudgetWindowMs: parsePositiveInteger('QUERY_BUDGET_WINDOW_MS', env.QUERY_BUDGET_WINDOW_MS, 60_000),
    queryQueueWaitMs: parsePositiveInteger('QUERY_QUEUE_WAIT_MS', env.QUERY_QUEUE_WAIT_MS, 20_000),
    queryQueueLength: parsePositiveInteger('QUERY_QUEUE_LENGTH', env.QUERY_QUEUE_LENGTH, 100),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    logLevel: parseLogLevel(env.LOG_LEVEL),
    shutdownGraceMs: parseIntegerBetween('SHUTDOWN_GRACE_MS', env.SHUTDOWN_GRACE_MS, 10_000, 0, 600_000),
    dataLicence: parseLicence(env.DATA_LICENCE),
    dumpDir: resolve(env.DUMP_DIR || resolve(root, '.cache', 'dumps')),
  };
}
