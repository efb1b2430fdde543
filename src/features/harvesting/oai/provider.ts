/**
 * The OAI-PMH 2.0 data provider: the six verbs over the records of the version being served,
 * each response an XML document that the OAI-PMH and oai_dc schemas accept, built as a tree of
 * elements and written by the XML library (xml.ts).
 */
import type { IndexedVersion } from '../version-index.js';
import { bounds, checkArguments, OaiError, type OaiRequest } from './arguments.js';
import { describedSheet, dublinCore, METADATA_FORMATS, rdfXmlOf } from './metadata.js';
import { compareRecords, RecordCatalogue, type Deletion, type RepositoryRecord } from './records.js';
import { TOKEN_LIFETIME_SECONDS, TokenError, type ResumptionTokens, type TokenState } from './tokens.js';
import { element, parseXml, writeXml, type XmlElement, type XmlNode } from './xml.js';

const OAI = 'http://www.openarchives.org/OAI/2.0/';
const OAI_DC = 'http://www.openarchives.org/OAI/2.0/oai_dc/';
const DC = 'http://purl.org/dc/elements/1.1/';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

/** Records on a page of ListRecords, and headers on a page of ListIdentifiers. */
export const PAGE_SIZES = { ListRecords: 100, ListIdentifiers: 500 } as const;

export interface ProviderOptions {
  readonly baseIRI: string;
  /** The repository's URL, in every response's request element. */
  readonly baseURL: string;
  readonly adminEmail: string;
  readonly tokens: ResumptionTokens;
  /**
   * How the repository keeps deleted records (OAI-PMH 2.0 §2.5.1), and the deletions of the
   * version being served: `persistent` with a journal on disk, `transient` with a change log
   * that lives as long as the process, `no` without a change log.
   */
  readonly deletions: () => { readonly policy: 'no' | 'transient' | 'persistent'; readonly deleted: Iterable<Deletion> };
}

/** UTC to the second, as OAI-PMH writes times. */
const utc = (time: Date): string => `${time.toISOString().slice(0, 19)}Z`;

export class OaiProvider {
  constructor(private readonly options: ProviderOptions) {}

  /** The catalogue of records of a version, prepared once per version. */
  private catalogue(version: IndexedVersion): RecordCatalogue {
    return version.derived('oai-records', (v) => new RecordCatalogue(v.index, v.model, this.options.baseIRI, v.status.readyAt, this.options.deletions().deleted));
  }

  /** The response to a request given as name-value pairs, as an XML document. */
  async respond(pairs: readonly (readonly [string, string])[], version: IndexedVersion, now = new Date()): Promise<string> {
    const envelope = (request: XmlElement, body: XmlNode[]) => writeXml(element('OAI-PMH',
      { xmlns: OAI, 'xmlns:xsi': XSI, 'xsi:schemaLocation': `${OAI} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd` },
      [element('responseDate', {}, [utc(now)]), request, ...body]));
    const error = (failure: OaiError) => element('error', { code: failure.code }, [failure.message]);
    let request: OaiRequest;
    try {
      request = checkArguments(pairs);
    } catch (failure) {
      if (!(failure instanceof OaiError)) throw failure;
      // After badVerb or badArgument the request element carries no attribute (§3.6).
      return envelope(element('request', {}, [this.options.baseURL]), [error(failure)]);
    }
    const requestElement = element('request', { verb: request.verb, ...request.arguments }, [this.options.baseURL]);
    try {
      return envelope(requestElement, [element(request.verb, {}, await this.answer(request, version, now))]);
    } catch (failure) {
      if (!(failure instanceof OaiError)) throw failure;
      return envelope(requestElement, [error(failure)]);
    }
  }

  private async answer(request: OaiRequest, version: IndexedVersion, now: Date): Promise<XmlNode[]> {
    const args = request.arguments;
    const catalogue = this.catalogue(version);
    switch (request.verb) {
      case 'Identify':
        return this.identify(catalogue);
      case 'ListMetadataFormats':
        if (args.identifier !== undefined) this.record(catalogue, args.identifier);
        return METADATA_FORMATS.map((format) => element('metadataFormat', {}, [
          element('metadataPrefix', {}, [format.prefix]), element('schema', {}, [format.schema]), element('metadataNamespace', {}, [format.namespace]),
        ]));
      case 'ListSets':
        // Every set fits in one response: a token here was not issued by this repository.
        if (args.resumptionToken !== undefined) throw new OaiError('badResumptionToken', 'ListSets is answered in one response; this repository issued no token for it.');
        return catalogue.sets.map((set) => element('set', {}, [element('setSpec', {}, [set.spec]), element('setName', {}, [set.name])]));
      case 'GetRecord': {
        const format = this.format(args.metadataPrefix!);
        return [await this.recordElement(version, this.record(catalogue, args.identifier!), format)];
      }
      case 'ListIdentifiers':
      case 'ListRecords':
        return this.list(request, version, catalogue, now);
    }
  }

  private identify(catalogue: RecordCatalogue): XmlNode[] {
    const field = (name: string, value: string) => element(name, {}, [value]);
    return [
      field('repositoryName', 'CITEGO — fonds documentaire (Cités, territoires, gouvernance)'),
      field('baseURL', this.options.baseURL),
      field('protocolVersion', '2.0'),
      field('adminEmail', this.options.adminEmail),
      field('earliestDatestamp', catalogue.earliestDatestamp),
      field('deletedRecord', this.options.deletions().policy),
      field('granularity', 'YYYY-MM-DDThh:mm:ssZ'),
      field('compression', 'gzip'),
    ];
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

  private async list(request: OaiRequest, version: IndexedVersion, catalogue: RecordCatalogue, now: Date): Promise<XmlNode[]> {
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
    const page = selected.slice(start, start + PAGE_SIZES[state.verb]);
    if (page.length === 0) throw new OaiError('noRecordsMatch', state.after ? 'No record is left after this resumption token: the harvest is complete.' : 'No record matches these arguments.');
    const items: XmlNode[] = [];
    for (const record of page) items.push(state.verb === 'ListIdentifiers' ? header(record) : await this.recordElement(version, record, state.metadataPrefix));
    const last = page.at(-1)!;
    const more = start + page.length < selected.length;
    if (!more && !state.after) return items;
    const counts = { completeListSize: String(selected.length), cursor: String(state.cursor) };
    items.push(more
      ? element('resumptionToken', { ...counts, expirationDate: utc(new Date(state.expires * 1000)) },
        [this.options.tokens.issue({ ...state, after: { datestamp: last.datestamp, identifier: last.identifier }, cursor: state.cursor + page.length })])
      : element('resumptionToken', counts));
    return items;
  }

  private async recordElement(version: IndexedVersion, record: RepositoryRecord, prefix: string): Promise<XmlElement> {
    if (record.deleted) return element('record', {}, [header(record)]);
    let metadata: XmlNode[];
    if (prefix === 'oai_dc') {
      const elements = dublinCore(version.index, record.identifier, this.options.baseIRI)
        .map((dc) => element(`dc:${dc.name}`, { 'xml:lang': dc.language }, [dc.value]));
      metadata = [element('oai_dc:dc', {
        'xmlns:oai_dc': OAI_DC, 'xmlns:dc': DC, 'xmlns:xsi': XSI, 'xsi:schemaLocation': `${OAI_DC} http://www.openarchives.org/OAI/2.0/oai_dc.xsd`,
      }, elements)];
    } else {
      metadata = parseXml(await rdfXmlOf(describedSheet(version.index, record.identifier)));
    }
    return element('record', {}, [header(record), element('metadata', {}, metadata)]);
  }
}

function header(record: RepositoryRecord): XmlElement {
  return element('header', record.deleted ? { status: 'deleted' } : {}, [
    element('identifier', {}, [record.identifier]),
    element('datestamp', {}, [record.datestamp]),
    ...record.sets.map((set) => element('setSpec', {}, [set])),
  ]);
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
