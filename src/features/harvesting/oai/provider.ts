/**
 * The OAI-PMH 2.0 data provider: the six verbs over the records of the version being served,
 * each response an XML document that the OAI-PMH and oai_dc schemas accept.
 *
 * The XML is built with xmlbuilder2, never by concatenating strings: it escapes text and
 * attributes, declares namespaces itself, drops the characters XML cannot hold (a control
 * character in a title), and imports the RDF/XML of the `rdf` format as a tree. We chose it for
 * being maintained, dependency-light, free of native code, and able to build and import
 * namespaced trees (the DOM-based builders need a native libxml or a whole DOM).
 */
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { IndexedVersion } from '../version-index.js';
import { bounds, checkArguments, OaiError, type OaiRequest } from './arguments.js';
import { describedSheet, dublinCore, METADATA_FORMATS, rdfXmlOf } from './metadata.js';
import { compareRecords, RecordCatalogue, type RepositoryRecord } from './records.js';
import { type ResumptionTokens, TOKEN_LIFETIME_SECONDS, TokenError, type TokenState } from './tokens.js';

const OAI = 'http://www.openarchives.org/OAI/2.0/';
const OAI_DC = 'http://www.openarchives.org/OAI/2.0/oai_dc/';
const DC = 'http://purl.org/dc/elements/1.1/';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const XML = 'http://www.w3.org/XML/1998/namespace';

/** Records on a page of ListRecords, and headers on a page of ListIdentifiers. */
export const PAGE_SIZES = { ListRecords: 100, ListIdentifiers: 500 } as const;

export interface ProviderOptions {
  readonly baseIRI: string;
  /** The repository's URL, in every response's request element. */
  readonly baseURL: string;
  readonly adminEmail: string;
  readonly tokens: ResumptionTokens;
}

/** UTC to the second, as OAI-PMH writes times. */
const utc = (time: Date): string => `${time.toISOString().slice(0, 19)}Z`;

export class OaiProvider {
  constructor(private readonly options: ProviderOptions) {}

  /** The catalogue of records of a version, prepared once per version. */
  private catalogue(version: IndexedVersion): RecordCatalogue {
    return version.derived('oai-records', (v) => new RecordCatalogue(v.index, this.options.baseIRI, v.status.readyAt));
  }

  /** The response to a request given as name-value pairs, as an XML document. */
  async respond(pairs: readonly (readonly [string, string])[], version: IndexedVersion, now = new Date()): Promise<string> {
    const document = create({ version: '1.0', encoding: 'UTF-8' });
    const root = document.ele(OAI, 'OAI-PMH').att(XSI, 'xsi:schemaLocation', `${OAI} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd`);
    root.ele('responseDate').txt(utc(now));
    let request: OaiRequest;
    try {
      request = checkArguments(pairs);
    } catch (error) {
      if (!(error instanceof OaiError)) throw error;
      // After badVerb or badArgument the request element carries no attribute (§3.6).
      root.ele('request').txt(this.options.baseURL);
      root.ele('error').att('code', error.code).txt(error.message);
      return document.end();
    }
    const requestElement = root.ele('request');
    for (const [name, value] of [['verb', request.verb], ...Object.entries(request.arguments)] as const) requestElement.att(name, value);
    requestElement.txt(this.options.baseURL);
    try {
      const body = create().ele(OAI, request.verb);
      await this.answer(request, body.root(), version, now);
      root.import(body);
    } catch (error) {
      if (!(error instanceof OaiError)) throw error;
      root.ele('error').att('code', error.code).txt(error.message);
    }
    return document.end();
  }

  private async answer(request: OaiRequest, body: XMLBuilder, version: IndexedVersion, now: Date): Promise<void> {
    const args = request.arguments;
    const catalogue = this.catalogue(version);
    switch (request.verb) {
      case 'Identify':
        return this.identify(body, catalogue);
      case 'ListMetadataFormats':
        if (args.identifier !== undefined) this.record(catalogue, args.identifier);
        for (const format of METADATA_FORMATS) {
          body.ele('metadataFormat').ele('metadataPrefix').txt(format.prefix).up().ele('schema').txt(format.schema).up()
            .ele('metadataNamespace').txt(format.namespace);
        }
        return;
      case 'ListSets':
        // Every set fits in one response: a token here was not issued by this repository.
        if (args.resumptionToken !== undefined) throw new OaiError('badResumptionToken', 'ListSets is answered in one response; this repository issued no token for it.');
        for (const set of catalogue.sets) body.ele('set').ele('setSpec').txt(set.spec).up().ele('setName').txt(set.name);
        return;
      case 'GetRecord': {
        const format = this.format(args.metadataPrefix!);
        await this.writeRecord(body, version, this.record(catalogue, args.identifier!), format);
        return;
      }
      case 'ListIdentifiers':
      case 'ListRecords':
        return this.list(request, body, version, catalogue, now);
    }
  }

  private identify(body: XMLBuilder, catalogue: RecordCatalogue): void {
    body.ele('repositoryName').txt('CITEGO — fonds documentaire (Cités, territoires, gouvernance)');
    body.ele('baseURL').txt(this.options.baseURL);
    body.ele('protocolVersion').txt('2.0');
    body.ele('adminEmail').txt(this.options.adminEmail);
    body.ele('earliestDatestamp').txt(catalogue.earliestDatestamp);
    // No change log is kept yet: a deleted sheet simply disappears (see the README).
    body.ele('deletedRecord').txt('no');
    body.ele('granularity').txt('YYYY-MM-DDThh:mm:ssZ');
    body.ele('compression').txt('gzip');
  }

  private record(catalogue: RecordCatalogue, identifier: string): RepositoryRecord {
    const record = catalogue.get(identifier);
    if (!record) throw new OaiError('idDoesNotExist', `No sheet of this repository has the identifier ${identifier}; identifiers are the sheets' IRIs, as ListIdentifiers gives them.`);
    return record;
  }

  private format(prefix: string): string {
    if (!METADATA_FORMATS.some((f) => f.prefix === prefix)) {
      throw new OaiError('cannotDisseminateFormat', `The metadata format "${prefix}" is not offered; use ${METADATA_FORMATS.map((f) => f.prefix).join(' or ')}.`);
    }
    return prefix;
  }

  private async list(request: OaiRequest, body: XMLBuilder, version: IndexedVersion, catalogue: RecordCatalogue, now: Date): Promise<void> {
    const args = request.arguments;
    let state: Omit<TokenState, 'after' | 'cursor'> & { after?: TokenState['after']; cursor: number };
    if (args.resumptionToken !== undefined) {
      let read: TokenState;
      try {
        read = this.options.tokens.read(args.resumptionToken, now.getTime());
      } catch (error) {
        if (error instanceof TokenError) throw new OaiError('badResumptionToken', error.message);
        throw error;
      }
      if (read.verb !== request.verb) throw new OaiError('badResumptionToken', `This resumption token continues ${read.verb}, not ${request.verb}.`);
      state = read;
    } else {
      const format = this.format(args.metadataPrefix!);
      state = { verb: request.verb as TokenState['verb'], metadataPrefix: format, set: args.set, from: args.from, until: args.until,
        cursor: 0, expires: Math.floor(now.getTime() / 1000) + TOKEN_LIFETIME_SECONDS };
    }
    if (state.set !== undefined && !catalogue.hasSet(state.set)) {
      throw new OaiError('noRecordsMatch', `This repository has no set "${state.set}"; ListSets lists them.`);
    }
    const selected = catalogue.select({ set: state.set, ...bounds(state.from, state.until) });
    const start = state.after ? firstAfter(selected, state.after) : 0;
    const size = PAGE_SIZES[state.verb];
    const page = selected.slice(start, start + size);
    if (page.length === 0) throw new OaiError('noRecordsMatch', state.after ? 'No record is left after this resumption token: the harvest is complete.' : 'No record matches these arguments.');
    for (const record of page) {
      if (state.verb === 'ListIdentifiers') writeHeader(body, record);
      else await this.writeRecord(body, version, record, state.metadataPrefix);
    }
    const last = page.at(-1)!;
    const more = start + page.length < selected.length;
    if (!more && !state.after) return;
    const token = body.ele('resumptionToken').att('completeListSize', String(selected.length)).att('cursor', String(state.cursor));
    if (more) {
      token.att('expirationDate', utc(new Date(state.expires * 1000)));
      token.txt(this.options.tokens.issue({ ...state, after: { datestamp: last.datestamp, identifier: last.identifier }, cursor: state.cursor + page.length }));
    }
  }

  private async writeRecord(body: XMLBuilder, version: IndexedVersion, record: RepositoryRecord, prefix: string): Promise<void> {
    const element = body.ele('record');
    writeHeader(element, record);
    const metadata = element.ele('metadata');
    if (prefix === 'oai_dc') {
      const dc = metadata.ele(OAI_DC, 'oai_dc:dc').att('xmlns:dc', DC)
        .att(XSI, 'xsi:schemaLocation', `${OAI_DC} http://www.openarchives.org/OAI/2.0/oai_dc.xsd`);
      for (const element of dublinCore(version.index, record.identifier, this.options.baseIRI)) {
        const child = dc.ele(DC, `dc:${element.name}`);
        if (element.language) child.att(XML, 'xml:lang', element.language);
        child.txt(element.value);
      }
    } else {
      metadata.import(create(await rdfXmlOf(describedSheet(version.index, record.identifier))));
    }
  }
}

function writeHeader(parent: XMLBuilder, record: RepositoryRecord): void {
  const header = parent.ele('header');
  header.ele('identifier').txt(record.identifier);
  header.ele('datestamp').txt(record.datestamp);
  for (const set of record.sets) header.ele('setSpec').txt(set);
}

/** The index of the first record after a position, in the stable order (binary search). */
function firstAfter(records: readonly RepositoryRecord[], after: TokenState['after']): number {
  let low = 0;
  let high = records.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareRecords(records[middle]!, after) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}
