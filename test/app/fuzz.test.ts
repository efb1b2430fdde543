/**
 * Property-based fuzzing of every route (fast-check, a fixed seed): random and hostile paths,
 * IRIs, query parameters, methods, Accept and Accept-Language headers, conditional headers, and
 * SPARQL text (the example queries mutated, soups of SPARQL tokens, nestings of any depth, raw
 * text). Whatever comes in: never a 500, never a hang, never a character of the input unescaped
 * in HTML, and no store replica broken at the end.
 *
 * FUZZ_RUNS sets the number of requests (default 300, which fits CI), FUZZ_SEED the seed, and
 * FUZZ_REPORT=1 prints how many answers of each status the run got.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';
import { startService, type RunningService } from '../service-harness.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
/** Text that must never come back unescaped in HTML. */
const MARKER = '<fz"\'&>';
const HANG_MS = 20_000;

let running: RunningService;

beforeAll(async () => {
  // A short time limit keeps the runaway queries the fuzzer writes by chance from taking the whole run.
  running = await startService({ env: { QUERY_TIMEOUT_MS: '2000', QUERY_QUEUE_WAIT_MS: '5000', QUERY_BUDGET_MS: '600000' } });
});

afterAll(async () => {
  await running.close();
});

const examples = readdirSync(join(ROOT, 'sparql', 'examples')).filter((f) => f.endsWith('.rq'))
  .map((f) => readFileSync(join(ROOT, 'sparql', 'examples', f), 'utf8'))
  // SERVICE to the outside world would leave the machine: only loopback endpoints are named here.
  .filter((text) => !/SERVICE/i.test(text));

const hostile = fc.constantFrom(MARKER, '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "javascript:alert('x')", '../../etc/passwd',
  '%00', '%E0%A4%A', '%ED%A0%80', '%', '\u0000', '\uD800', '💥', 'é', ' ', '\t', '\r\n', '?', '#', '//', 'a'.repeat(3000));
/** Percent-encoding of any string: a lone surrogate, which has no UTF-8, becomes U+FFFD. */
const encode = (value: string) => encodeURIComponent(value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));
const text = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }), hostile, fc.constantFrom('paris', 'sobriete', 'gouvernance-alimentaire', 'claire-dumontel'));
const segment = fc.tuple(text, fc.boolean()).map(([value, encoded]) => (encoded ? encode(value) : value.replace(/[/?#\s]/g, '')));
const kind = fc.constantFrom('document', 'dossier', 'actor', 'place', 'descriptor', 'component', 'angle', 'scale', 'scheme', 'localmap', 'membership', 'role', 'nothing');
const extension = fc.constantFrom('html', 'jsonld', 'ttl', 'nt', 'rdf', 'xml', 'json', '', 'html.ttl');

const TOKENS = ['SELECT', 'ASK', 'CONSTRUCT', 'DESCRIBE', '*', 'WHERE', '{', '}', '(', ')', '[', ']', '?s', '?p', '?o', '?x', '.', ';', ',', 'FILTER', 'UNION',
  'OPTIONAL', 'MINUS', 'VALUES', 'BIND', 'AS', 'GRAPH', 'SERVICE', 'SILENT', '<http://127.0.0.1:9/sparql>', '<id/place/paris>', '<ontology#Descriptor>', 'a',
  '"lit"', '"x"@en', '"1"^^<http://www.w3.org/2001/XMLSchema#integer>', '1', '2.5', '-', '+', '||', '&&', '=', '!', '<', '>', 'COUNT', 'GROUP BY', 'ORDER BY',
  'LIMIT 5', 'OFFSET 2', 'DISTINCT', 'REGEX', 'STR', 'LANG', 'PREFIX ex: <http://example.org/>', 'ex:p', 'BASE <http://e/>', '#c\n', '\\', '/', '|', '^', '?',
  'INSERT DATA', 'DELETE', 'LOAD', 'UNDEF', 'true', MARKER];
const sparql = fc.oneof(
  { weight: 3, arbitrary: fc.array(fc.constantFrom(...TOKENS), { maxLength: 50 }).map((tokens) => tokens.join(' ')) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...examples), fc.nat(), fc.nat(20), fc.constantFrom(...TOKENS)).map(([query, at, cut, token]) => {
    const position = at % (query.length + 1);
    return `${query.slice(0, position)}${token}${query.slice(position + cut)}`;
  }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('(', '{', '[', '!', '-'), fc.integer({ min: 1, max: 3000 })).map(([open, depth]) => {
    const close = { '(': ')', '{': '}', '[': ']', '!': '', '-': '' }[open];
    return open === '{' ? `ASK ${open.repeat(depth)} ?s ?p ?o ${close.repeat(depth)}` : `ASK { ?s ?p ?o FILTER(${open.repeat(depth)}1${close.repeat(depth)}) }`;
  }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 300 }) },
);

const accept = fc.oneof(
  fc.constantFrom('text/html', '*/*', 'application/ld+json', 'application/ld+json; profile="http://www.w3.org/ns/json-ld#expanded"', 'text/turtle;q=0.5, application/n-triples',
    'application/rdf+xml', 'application/sparql-results+json', 'text/csv', 'text/tab-separated-values', 'application/json', 'image/png', 'text/*;q=0', ';;;', 'q=2'),
  fc.string({ maxLength: 60 }),
);
const acceptLanguage = fc.oneof(fc.constantFrom('fr', 'en-GB,en;q=0.9', 'es', 'de', '*', 'zz-ZZ;q=abc', ''), fc.string({ maxLength: 40 }));
const parameter = fc.tuple(fc.constantFrom('lang', 'page', 'format', 'profile', 'edit', 'query', 'default-graph-uri', 'named-graph-uri', 'q', 'update', MARKER), fc.oneof(text, sparql))
  .map(([name, value]) => `${encode(name)}=${encode(value)}`);
const queryString = fc.array(parameter, { maxLength: 3 }).map((parts) => (parts.length ? `?${parts.join('&')}` : ''));

const known = fc.constantFrom('place/paris', 'descriptor/sobriete', 'descriptor/gouvernance-alimentaire', 'actor/claire-dumontel', 'scheme/atlas', 'component/economy');
const path = fc.oneof(
  { weight: 1, arbitrary: fc.constant('/') },
  { weight: 2, arbitrary: fc.tuple(kind, segment).map(([k, s]) => `/id/${k}/${s}`) },
  { weight: 2, arbitrary: fc.tuple(kind, segment, extension).map(([k, s, e]) => `/doc/${k}/${s}${e ? `.${e}` : ''}`) },
  { weight: 3, arbitrary: fc.tuple(known, extension, fc.boolean()).map(([thing, e, asIri]) => (asIri ? `/id/${thing}` : `/doc/${thing}${e ? `.${e}` : ''}`)) },
  { weight: 1, arbitrary: fc.oneof(kind, segment).map((k) => `/browse/${k}`) },
  { weight: 6, arbitrary: fc.constant('/sparql') },
  { weight: 1, arbitrary: segment.map((s) => `/sparql/assets/${s}`) },
  { weight: 2, arbitrary: fc.constantFrom('/ontology', '/ontology.ttl', '/ontology.jsonld', '/shapes', '/shapes.rdf', '/context/v1.jsonld', '/sitemap.xml', '/sitemap-1.xml',
    '/sitemap-99.xml', '/robots.txt', '/health', '/health/live', '/health/ready', '/metrics', '/assets/site-0.css') },
  { weight: 1, arbitrary: segment.map((s) => `/${s}`) },
);

const requestArbitrary = fc.record({
  method: fc.constantFrom('GET', 'GET', 'GET', 'GET', 'HEAD', 'POST', 'POST', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'),
  path,
  queryString,
  accept: fc.option(accept, { nil: undefined }),
  acceptLanguage: fc.option(acceptLanguage, { nil: undefined }),
  ifNoneMatch: fc.option(fc.oneof(fc.constant('*'), fc.string({ maxLength: 30 })), { nil: undefined }),
  contentType: fc.constantFrom('application/sparql-query', 'application/x-www-form-urlencoded', 'application/sparql-query; charset=latin1', 'text/plain', 'application/json', ''),
  body: sparql,
  sparqlGet: fc.option(sparql, { nil: undefined, freq: 4 }),
});

/** A header value fetch accepts: printable ASCII, no line breaks (what an HTTP client can send at all). */
const headerValue = (value: string) => value.replace(/[^\x20-\x7e]/g, '?');

describe('fuzzing every route', () => {
  it(`answers ${RUNS} random and hostile requests without a 500, a hang, unescaped input or a broken replica`, async () => {
    const statuses = new Map<number, number>();
    await fc.assert(fc.asyncProperty(requestArbitrary, async (r) => {
      const headers: Record<string, string> = {};
      if (r.accept !== undefined) headers.Accept = headerValue(r.accept);
      if (r.acceptLanguage !== undefined) headers['Accept-Language'] = headerValue(r.acceptLanguage);
      if (r.ifNoneMatch !== undefined) headers['If-None-Match'] = headerValue(r.ifNoneMatch);
      let url = `${running.origin}${r.path}${r.queryString}`;
      let body: string | undefined;
      if (r.path === '/sparql' && (r.method === 'GET' || r.method === 'HEAD') && r.sparqlGet !== undefined) url = `${running.origin}/sparql?query=${encode(r.sparqlGet)}${r.queryString.replace(/^\?/, '&')}`;
      if (r.method === 'POST' || r.method === 'PUT' || r.method === 'PATCH') {
        body = r.contentType === 'application/x-www-form-urlencoded' ? `query=${encode(r.body)}` : r.body;
        if (r.contentType) headers['Content-Type'] = r.contentType;
      }
      let response: Response;
      try {
        response = await fetch(url, { method: r.method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(HANG_MS) });
      } catch (error) {
        // fetch refuses some URLs itself (a malformed one never leaves the client): not the service's doing.
        if ((error as Error).name === 'TypeError' && !/fetch failed/.test((error as Error).message)) return;
        throw new Error(`${r.method} ${url.slice(0, 300)}: ${(error as Error).name === 'TimeoutError' ? `no answer within ${HANG_MS} ms` : (error as Error).message}`);
      }
      const answer = r.method === 'HEAD' ? '' : await response.text();
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      expect(response.status, `${r.method} ${url.slice(0, 300)}: ${answer.slice(0, 300)}`).not.toBe(500);
      expect(response.status).toBeLessThan(600);
      if (response.status >= 500) expect([502, 503], `${r.method} ${url.slice(0, 300)}: ${answer.slice(0, 300)}`).toContain(response.status);
      if (/^text\/html/.test(response.headers.get('content-type') ?? '')) {
        expect(answer, `${r.method} ${url.slice(0, 300)}`).not.toContain('<fz');
        expect(answer).not.toMatch(/<script>alert|<img src=x/);
      }
    }), { seed: SEED, numRuns: RUNS, endOnFailure: true });
    if (process.env.FUZZ_REPORT) console.log(JSON.stringify([...statuses].sort((a, b) => a[0] - b[0])));
    // Nothing the fuzzer sent broke a replica; everything is up.
    expect(running.store.stats().restarts.failed).toBe(0);
    const ready = await fetch(`${running.origin}/health/ready`);
    expect([200]).toContain(ready.status);
    expect(statuses.get(500)).toBeUndefined();
  }, 600_000);
});
