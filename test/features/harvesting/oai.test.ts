/**
 * The OAI-PMH repository as a harvester meets it: a full harvest through resumption tokens gives
 * every sheet exactly once, with and without sets and date ranges; tokens are idempotent, outlive
 * a restart and expire cleanly; every protocol error is answered as the specification says; and
 * every response validates against the OAI-PMH and oai_dc schemas (xmllint, from Debian's
 * libxml2-utils: .ci/run installs it and requires these checks). On generated data,
 * large enough for many pages.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datestampOf } from '../../../src/features/harvesting/oai/records.js';
import { ResumptionTokens, tokenKey } from '../../../src/features/harvesting/oai/tokens.js';
import { generate } from '../../../src/generate/generator.js';
import { BASE } from '../../helpers.js';
import { startService, type RunningService } from '../../service-harness.js';
import { parseRdf } from '../../support/rdf-formats.js';
import { schemaErrors } from '../../support/xmllint.js';

let running: RunningService;
let dataDir: string;
/** Every sheet of the data, by the SPARQL endpoint: its datestamp, dossiers, components and type. */
let sheets: Map<string, { datestamp: string; dossiers: Set<string>; components: Set<string>; types: Set<string> }>;
/** Every response received, validated against the schemas at the end. */
const responses: string[] = [];

const CITEGO = `${BASE}ontology#`;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'citego-oai-'));
  generate({ documents: 1100, seed: 11, outDir: dataDir });
  running = await startService({ env: { DATA_DIR: dataDir } });
  const rows = await running.store.select(`PREFIX dct: <http://purl.org/dc/terms/>
    SELECT ?sheet ?type ?issued ?modified ?dossier ?component WHERE {
      GRAPH <${BASE}ontology> { ?type <http://www.w3.org/2000/01/rdf-schema#subClassOf> <${CITEGO}Document> } ?sheet a ?type .
      OPTIONAL { ?sheet dct:issued ?issued } OPTIONAL { ?sheet dct:modified ?modified }
      OPTIONAL { ?sheet dct:isPartOf ?dossier } OPTIONAL { ?sheet dct:subject/<${CITEGO}component> ?component } }`, { timeoutMs: 60_000 });
  sheets = new Map();
  const slug = (iri: string) => iri.slice(iri.lastIndexOf('/') + 1);
  for (const row of rows) {
    const id = row.sheet!.value;
    let sheet = sheets.get(id);
    if (!sheet) sheets.set(id, sheet = { datestamp: '', dossiers: new Set(), components: new Set(), types: new Set() });
    const date = datestampOf((row.modified ?? row.issued)!.value)!;
    if (date > sheet.datestamp) sheet.datestamp = date;
    sheet.types.add(row.type!.value.slice(CITEGO.length));
    if (row.dossier) sheet.dossiers.add(slug(row.dossier.value));
    if (row.component) sheet.components.add(slug(row.component.value));
  }
}, 180_000);

afterAll(async () => {
  await running?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const unescape = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const all = (xml: string, element: string) => [...xml.matchAll(new RegExp(`<${element}(?: [^>]*)?>([^<]*)</${element}>`, 'g'))].map((m) => unescape(m[1]!));

async function oai(query: string, service = running, method: 'GET' | 'POST' = 'GET'): Promise<string> {
  const response = method === 'GET'
    ? await fetch(`${service.origin}/oai?${query}`)
    : await fetch(`${service.origin}/oai`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: query });
  expect(response.status, query).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/xml; charset=utf-8');
  const xml = await response.text();
  responses.push(xml);
  return xml;
}

function errorCode(xml: string): string | undefined {
  return /<error code="(\w+)">/.exec(xml)?.[1];
}

function tokenOf(xml: string): { token: string; cursor: number; size: number } | undefined {
  const match = /<resumptionToken completeListSize="(\d+)" cursor="(\d+)"(?: expirationDate="[^"]+")?(?:>([^<]*)<\/resumptionToken>|\/>)/.exec(xml);
  return match ? { token: unescape(match[3] ?? ''), cursor: Number(match[2]), size: Number(match[1]) } : undefined;
}

/** A whole list harvested through its tokens: identifiers in the order received, and each page's cursor. */
async function harvest(verb: 'ListRecords' | 'ListIdentifiers', args: string): Promise<{ identifiers: string[]; pages: string[] }> {
  const identifiers: string[] = [];
  const pages: string[] = [];
  let xml = await oai(`verb=${verb}&${args}`);
  for (;;) {
    pages.push(xml);
    if (errorCode(xml) === 'noRecordsMatch') return { identifiers, pages };
    expect(errorCode(xml), xml.slice(0, 500)).toBeUndefined();
    const headers = [...xml.matchAll(/<header><identifier>([^<]*)<\/identifier>/g)].map((m) => unescape(m[1]!));
    const token = tokenOf(xml);
    if (token) expect(token.cursor).toBe(identifiers.length);
    identifiers.push(...headers);
    if (!token?.token) return { identifiers, pages };
    xml = await oai(`verb=${verb}&resumptionToken=${encodeURIComponent(token.token)}`);
  }
}

const sorted = (values: Iterable<string>) => [...values].sort();

describe('a full harvest', () => {
  it('gives every sheet exactly once through the resumption tokens, the last one empty', async () => {
    const { identifiers, pages } = await harvest('ListRecords', 'metadataPrefix=oai_dc');
    expect(pages.length).toBe(Math.ceil(sheets.size / 100));
    expect(identifiers.length).toBe(sheets.size);
    expect(sorted(identifiers)).toEqual(sorted(sheets.keys()));
    expect(tokenOf(pages.at(-1)!)).toEqual({ token: '', cursor: sheets.size - (sheets.size % 100 || 100), size: sheets.size });
    // Datestamps are the records' own dates, in the stable order the tokens rely on.
    const datestamps = pages.flatMap((page) => all(page, 'datestamp'));
    expect(datestamps).toEqual([...datestamps].sort());
    expect(new Map(identifiers.map((id, i) => [id, datestamps[i]]))).toEqual(new Map([...sheets].map(([id, s]) => [id, s.datestamp])));
  });

  it('lists identifiers the same way, five hundred a page', async () => {
    const { identifiers, pages } = await harvest('ListIdentifiers', 'metadataPrefix=rdf');
    expect(pages.length).toBe(Math.ceil(sheets.size / 500));
    expect(sorted(identifiers)).toEqual(sorted(sheets.keys()));
  });

  it('harvests a set: a dossier, a component, a type, and a whole branch of sets', async () => {
    const [dossier] = [...sheets.values()].flatMap((s) => [...s.dossiers]);
    const [component] = [...sheets.values()].flatMap((s) => [...s.components]);
    const cases: [string, (s: { dossiers: Set<string>; components: Set<string>; types: Set<string> }) => boolean][] = [
      [`dossier:${dossier}`, (s) => s.dossiers.has(dossier!)],
      [`component:${component}`, (s) => s.components.has(component!)],
      ['type:Analysis', (s) => s.types.has('Analysis')],
      ['dossier', (s) => s.dossiers.size > 0],
    ];
    for (const [set, member] of cases) {
      const { identifiers } = await harvest('ListIdentifiers', `metadataPrefix=oai_dc&set=${encodeURIComponent(set)}`);
      const expected = [...sheets].filter(([, s]) => member(s)).map(([id]) => id);
      expect(expected.length, set).toBeGreaterThan(0);
      expect(sorted(identifiers), set).toEqual(sorted(expected));
    }
  });

  it('harvests incrementally by the records\' own dates, by day and by second', async () => {
    const dates = sorted(new Set([...sheets.values()].map((s) => s.datestamp)));
    const from = dates[Math.floor(dates.length / 3)]!;
    const until = dates[Math.floor((2 * dates.length) / 3)]!;
    const within = (low: string, high: string) => [...sheets].filter(([, s]) => s.datestamp >= low && s.datestamp <= high).map(([id]) => id);
    const bySecond = await harvest('ListRecords', `metadataPrefix=oai_dc&from=${from}&until=${until}`);
    expect(sorted(bySecond.identifiers)).toEqual(sorted(within(from, until)));
    const byDay = await harvest('ListIdentifiers', `metadataPrefix=oai_dc&from=${from.slice(0, 10)}`);
    expect(sorted(byDay.identifiers)).toEqual(sorted(within(`${from.slice(0, 10)}T00:00:00Z`, '9999')));
    const untilDay = await harvest('ListIdentifiers', `metadataPrefix=oai_dc&until=${until.slice(0, 10)}`);
    expect(sorted(untilDay.identifiers)).toEqual(sorted(within('0000', `${until.slice(0, 10)}T23:59:59Z`)));
    const [dossier] = [...sheets.values()].flatMap((s) => [...s.dossiers]);
    const both = await harvest('ListIdentifiers', `metadataPrefix=oai_dc&set=dossier:${dossier}&from=${from}`);
    expect(sorted(both.identifiers)).toEqual(sorted([...sheets].filter(([, s]) => s.dossiers.has(dossier!) && s.datestamp >= from).map(([id]) => id)));
  });
});

describe('resumption tokens', () => {
  it('give the same page every time they are used, by GET or by POST', async () => {
    const first = await oai('verb=ListRecords&metadataPrefix=oai_dc');
    const token = encodeURIComponent(tokenOf(first)!.token);
    const strip = (xml: string) => xml.replace(/<responseDate>[^<]*<\/responseDate>/, '');
    const again = await oai(`verb=ListRecords&resumptionToken=${token}`);
    expect(strip(await oai(`verb=ListRecords&resumptionToken=${token}`))).toBe(strip(again));
    expect(strip(await oai(`verb=ListRecords&resumptionToken=${token}`, running, 'POST'))).toBe(strip(again));
  });

  it('taken before a restart, work after it', async () => {
    const first = await oai('verb=ListIdentifiers&metadataPrefix=oai_dc');
    const token = encodeURIComponent(tokenOf(first)!.token);
    const before = await oai(`verb=ListIdentifiers&resumptionToken=${token}`);
    const restarted = await startService({ env: { DATA_DIR: dataDir }, replicas: 1 });
    try {
      const after = await oai(`verb=ListIdentifiers&resumptionToken=${token}`, restarted);
      expect(all(after, 'identifier')).toEqual(all(before, 'identifier'));
      expect(all(after, 'identifier').length).toBeGreaterThan(0);
    } finally {
      await restarted.close();
    }
  });

  it('are refused when altered, of another verb, expired, or signed with another key', async () => {
    const first = await oai('verb=ListIdentifiers&metadataPrefix=oai_dc');
    const token = tokenOf(first)!.token;
    const altered = `${token.slice(0, 5)}${token[5] === 'A' ? 'B' : 'A'}${token.slice(6)}`;
    const tokens = new ResumptionTokens(tokenKey(undefined, BASE));
    const state = { verb: 'ListIdentifiers' as const, metadataPrefix: 'oai_dc', after: { datestamp: '2000-01-01T00:00:00Z', identifier: '' }, cursor: 0 };
    const expired = tokens.issue({ ...state, expires: Math.floor(Date.now() / 1000) - 1 });
    const foreign = new ResumptionTokens(tokenKey('another secret of the sort', BASE)).issue({ ...state, expires: Math.floor(Date.now() / 1000) + 60 });
    for (const [query, message] of [
      [`verb=ListIdentifiers&resumptionToken=${encodeURIComponent(altered)}`, 'altered'],
      [`verb=ListRecords&resumptionToken=${encodeURIComponent(token)}`, 'continues ListIdentifiers'],
      [`verb=ListIdentifiers&resumptionToken=${encodeURIComponent(expired)}`, 'expired'],
      [`verb=ListIdentifiers&resumptionToken=${encodeURIComponent(foreign)}`, 'not issued by this repository'],
      ['verb=ListIdentifiers&resumptionToken=junk', 'not a resumption token'],
      ['verb=ListSets&resumptionToken=anything', 'issued no token'],
    ] as const) {
      const xml = await oai(query);
      expect(errorCode(xml), query).toBe('badResumptionToken');
      expect(xml, query).toContain(message);
      expect(xml, query).toMatch(/<request verb="\w+" resumptionToken="[^"]*">/);
    }
    // A valid token carried alone: anything beside it is a bad argument.
    expect(errorCode(await oai(`verb=ListIdentifiers&resumptionToken=${encodeURIComponent(token)}&metadataPrefix=oai_dc`))).toBe('badArgument');
  });
});

describe('the other verbs', () => {
  it('Identify names the repository, its earliest datestamp, granularity and deletion policy', async () => {
    const xml = await oai('verb=Identify');
    expect(all(xml, 'baseURL')).toEqual([`${BASE}oai`]);
    expect(all(xml, 'protocolVersion')).toEqual(['2.0']);
    expect(all(xml, 'earliestDatestamp')).toEqual([sorted([...sheets.values()].map((s) => s.datestamp))[0]]);
    expect(all(xml, 'granularity')).toEqual(['YYYY-MM-DDThh:mm:ssZ']);
    // Without a journal on disk, a reload may delete sheets and the change log forgets them at a restart.
    expect(all(xml, 'deletedRecord')).toEqual(['transient']);
  });

  it('ListMetadataFormats gives oai_dc and rdf, for the repository and for an item', async () => {
    const [sheet] = sheets.keys();
    for (const xml of [await oai('verb=ListMetadataFormats'), await oai(`verb=ListMetadataFormats&identifier=${encodeURIComponent(sheet!)}`)]) {
      expect(all(xml, 'metadataPrefix')).toEqual(['oai_dc', 'rdf']);
    }
  });

  it('ListSets gives the sets by type, dossier and component, with their names', async () => {
    const xml = await oai('verb=ListSets');
    const specs = all(xml, 'setSpec');
    expect(specs).toEqual(expect.arrayContaining(['type', 'dossier', 'component', 'type:ExperienceRecord', 'type:Analysis']));
    const dossiers = new Set([...sheets.values()].flatMap((s) => [...s.dossiers]));
    expect(specs.filter((s) => s.startsWith('dossier:')).sort()).toEqual(sorted([...dossiers].map((d) => `dossier:${d}`)));
    expect(all(xml, 'setName').every((name) => name.length > 0)).toBe(true);
  });

  it('GetRecord gives a sheet in Dublin Core and in RDF, the RDF being the sheet\'s description', async () => {
    const [sheet] = [...sheets].find(([, s]) => s.dossiers.size > 0)!;
    const dc = await oai(`verb=GetRecord&metadataPrefix=oai_dc&identifier=${encodeURIComponent(sheet)}`);
    expect(all(dc, 'dc:identifier')).toContain(sheet);
    expect(all(dc, 'dc:title').length).toBeGreaterThan(0);
    expect(dc).toMatch(/<dc:title xml:lang="fr">/);
    expect(dc).toMatch(/<dc:description xml:lang="\w+">/);
    expect(all(dc, 'dc:subject').some((s) => s.startsWith(`${BASE}id/descriptor/`))).toBe(true);
    expect(all(dc, 'dc:creator').length).toBeGreaterThan(0);
    expect(all(dc, 'dc:type')).toContain('Text');
    const rdf = await oai(`verb=GetRecord&metadataPrefix=rdf&identifier=${encodeURIComponent(sheet)}`);
    const body = /<metadata>([\s\S]*)<\/metadata>/.exec(rdf)![1]!;
    const quads = await parseRdf(body, 'application/rdf+xml');
    const own = await running.store.select(`SELECT ?p ?o WHERE { <${sheet}> ?p ?o }`);
    expect(quads.filter((q) => q.subject.value === sheet).length).toBe(own.length);
  });
});

describe('protocol errors, each as the specification says', () => {
  it.each([
    ['', 'badVerb'],
    ['verb=Frobnicate', 'badVerb'],
    ['verb=Identify&verb=Identify', 'badVerb'],
    ['verb=Identify&metadataPrefix=oai_dc', 'badArgument'],
    ['verb=ListRecords', 'badArgument'],
    ['verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=rdf', 'badArgument'],
    ['verb=ListRecords&metadataPrefix=oai_dc&from=2020-13-01', 'badArgument'],
    ['verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-01&until=2021-01-01T00:00:00Z', 'badArgument'],
    ['verb=ListRecords&metadataPrefix=oai_dc&from=2021-01-01&until=2020-01-01', 'badArgument'],
    ['verb=GetRecord&metadataPrefix=oai_dc', 'badArgument'],
    ['verb=ListRecords&metadataPrefix=marc21', 'cannotDisseminateFormat'],
    ['verb=GetRecord&metadataPrefix=mods&identifier=x', 'cannotDisseminateFormat'],
    [`verb=GetRecord&metadataPrefix=oai_dc&identifier=${encodeURIComponent(`${BASE}id/document/none`)}`, 'idDoesNotExist'],
    [`verb=ListMetadataFormats&identifier=${encodeURIComponent(`${BASE}id/descriptor/none`)}`, 'idDoesNotExist'],
    ['verb=ListRecords&metadataPrefix=oai_dc&from=2999-01-01', 'noRecordsMatch'],
    ['verb=ListIdentifiers&metadataPrefix=oai_dc&set=dossier:no-such-dossier', 'noRecordsMatch'],
  ])('%s → %s', async (query, code) => {
    const xml = await oai(query);
    expect(errorCode(xml)).toBe(code);
    expect(all(xml, 'error')[0]!.length).toBeGreaterThan(20);
    // After badVerb and badArgument, the request element has no attributes.
    if (code === 'badVerb' || code === 'badArgument') expect(xml).toContain(`<request>${BASE}oai</request>`);
  });

  it('answers other methods and bodies with HTTP errors that say what to send', async () => {
    expect((await fetch(`${running.origin}/oai?verb=Identify`, { method: 'PUT' })).status).toBe(405);
    expect((await fetch(`${running.origin}/oai`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status).toBe(415);
    expect((await fetch(`${running.origin}/oai`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `verb=Identify&x=${'y'.repeat(40_000)}` })).status).toBe(413);
  });
});

/** xmllint comes from Debian's libxml2-utils, which .ci/run installs and requires (CITEGO_INTEGRATION=require). */
describe.runIf(existsSync('/usr/bin/xmllint') || process.env.CITEGO_INTEGRATION === 'require')('every response', () => {
  it('validates against the OAI-PMH, oai_dc and rdf schemas', async () => {
    expect(responses.length).toBeGreaterThan(40);
    expect(await schemaErrors(responses)).toBe('');
  }, 120_000);

  it('is refused by the schema when it is wrong (the check can fail)', async () => {
    const broken = responses[0]!.replace('<responseDate>', '<responseDate>not a date');
    expect(await schemaErrors([broken])).toMatch(/responseDate/);
  });
});
