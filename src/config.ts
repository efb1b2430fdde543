/**
 * Where the service finds its files and how it is reached, from the environment. Every setting
 * has a default that serves the demo data on http://localhost:3000/.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

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
    dataLicence: parseLicence(env.DATA_LICENCE),
    dumpDir: resolve(env.DUMP_DIR || resolve(root, '.cache', 'dumps')),
  };
}
