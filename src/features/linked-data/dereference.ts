/**
 * Dereferencing, the hot path of crawlers and harvesters: `/id/…` answers 303 See Other to the
 * description in the format Accept prefers; `/doc/…` serves the description, negotiated or in
 * the format its extension names, with Vary, Content-Location, Link rel="alternate", a strong
 * ETag, Last-Modified, Cache-Control and CORS. It runs on node:http's own objects, before any
 * middleware, and serves prepared bytes: each description is queried once per version of the
 * data, each format written once, then kept within a budget of memory.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServiceState } from '../../build/state.js';
import { negotiateFormat, negotiateLanguage } from '../../http/negotiation.js';
import { sendNotFound } from '../../http/not-found.js';
import { annotate, requestLog } from '../../http/observability.js';
import { sendPlainText, sendStillLoading, sendStoreUnavailable } from '../../http/plain-text.js';
import { RepresentationCache } from '../../http/representation-cache.js';
import { addVary, Representation, sendRepresentation } from '../../http/representation.js';
import { jsonLdProfile, type JsonLdProfile, type PublishedContext } from '../../rdf/jsonld.js';
import { allPrefixes } from '../../rdf/namespaces.js';
import { writeGraph } from '../../rdf/write.js';
import { isStoreUnavailable } from '../../store/store.js';
import type { PageLanguage } from '../../web/i18n/catalogue.js';
import { Describer, type Description } from './describe.js';
import { DESCRIPTION_FORMATS, type DescriptionFormat, type IriPolicy } from './iri-policy.js';
import type { OntologyIndex } from './ontology-index.js';
import { renderDescriptionPage } from './pages/render.js';
import { DescriptionView } from './view.js';

export interface DereferenceOptions {
  readonly state: ServiceState;
  readonly policy: IriPolicy;
  readonly describer: Describer;
  readonly ontology: OntologyIndex;
  readonly context: PublishedContext;
  /** Memory kept for prepared representations, in bytes. */
  readonly cacheBytes: number;
}

const CACHE_CONTROL = 'public, max-age=300';
const AVAILABLE = DESCRIPTION_FORMATS.map((f) => f.mediaType).join(', ');

/** The key of a prepared representation: what the bytes depend on, the description aside. */
function representationKey(thing: string, page: number, format: DescriptionFormat, language: PageLanguage, profile: JsonLdProfile): string {
  return `${thing} ${page} ${format.name} ${format.name === 'html' ? language : ''} ${format.name === 'jsonld' ? profile : ''}`;
}

export class Dereferencer {
  private readonly representations: RepresentationCache;
  /** Descriptions being queried or recently queried, shared by the formats written from them. */
  private readonly descriptions = new Map<string, Promise<Description | undefined>>();
  /** Things known to exist in this version of the data: a 303 for them needs no query. */
  private readonly known = new Set<string>();
  private descriptionsVersion = '';
  private readonly prefixes: Record<string, string>;

  constructor(private readonly options: DereferenceOptions) {
    this.representations = new RepresentationCache(options.cacheBytes);
    this.prefixes = allPrefixes(options.policy.baseIRI);
  }

  /** Bytes of prepared representations held, for the metrics. */
  get cachedBytes(): number {
    return this.representations.size;
  }

  /** Answers requests under /id/ and /doc/; false for any other path. */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    const path = query < 0 ? url : url.slice(0, query);
    if (!path.startsWith('/id/') && !path.startsWith('/doc/')) return false;
    this.answer(req, res, path, query < 0 ? '' : url.slice(query + 1)).catch((error: unknown) => {
      const unavailable = isStoreUnavailable(error);
      requestLog(req)[unavailable ? 'warn' : 'error']({ err: error }, unavailable ? 'the store could not answer' : 'internal error');
      if (res.headersSent) res.destroy();
      else if (unavailable) sendStoreUnavailable(res);
      else sendPlainText(res, 500, 'internal error');
    });
    return true;
  }

  private async answer(req: IncomingMessage, res: ServerResponse, path: string, search: string): Promise<void> {
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') {
      sendPlainText(res, 405, `Linked data is read with GET or HEAD, not ${method}.`, { Allow: 'GET, HEAD, OPTIONS' });
      return;
    }
    const parameters = new URLSearchParams(search);
    // Only pages (and not-found pages) have a language: machine formats skip the negotiation.
    const language = () => negotiateLanguage(req, parameters.get('lang'));
    const parsed = this.options.policy.parse(path, search);
    const status = this.options.state.status;

    if (!parsed) {
      await sendNotFound(req, res, { address: `${this.options.policy.baseIRI}${path.slice(1)}`, language: language(), format: negotiateFormat(req.headers.accept, DESCRIPTION_FORMATS)?.format });
      return;
    }
    if (status.phase !== 'ready') {
      sendStillLoading(res);
      return;
    }
    const explicit = parsed.kind === 'description' ? parsed.format : undefined;
    const negotiated = explicit ? undefined : negotiateFormat(req.headers.accept, DESCRIPTION_FORMATS);
    if (!explicit) addVary(res, 'Accept');
    const format = explicit ?? negotiated?.format;
    if (!format) {
      sendPlainText(res, 406, `This description is available as ${AVAILABLE}; none of them is acceptable to your client.`);
      return;
    }
    const version = status.dataVersion;
    if (parsed.kind === 'thing') {
      if (!this.knows(parsed.thing, version) && !await this.describe(parsed.thing, 1, version)) {
        await sendNotFound(req, res, { address: parsed.thing, language: language(), format });
        return;
      }
      // 303: the IRI names a thing, not a document; its description is elsewhere.
      res.statusCode = 303;
      res.setHeader('Location', this.options.policy.descriptionPath(parsed.thing, format));
      res.setHeader('Cache-Control', CACHE_CONTROL);
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.end(`See ${this.options.policy.descriptionPath(parsed.thing, format)}\n`);
      return;
    }
    const { page } = parsed;
    const profile = format.name === 'jsonld' ? jsonLdProfile(negotiated?.range.parameters.profile, parameters.get('profile') ?? undefined) : 'compacted';
    const pageLanguage = format.name === 'html' ? language() : 'fr';
    if (format.name === 'html') addVary(res, 'Accept-Language');
    const key = representationKey(parsed.thing, page, format, pageLanguage, profile);
    let representation = this.representations.get(version, key);
    annotate(req, { cache: { name: 'descriptions', hit: representation !== undefined } });
    if (!representation) {
      const description = await this.describe(parsed.thing, page, version);
      if (!description) {
        await sendNotFound(req, res, { address: parsed.thing, language: language(), format });
        return;
      }
      representation = await this.write(description, format, pageLanguage, profile, Describer.lastModified(description) ?? status.dataModified);
      if (representation) this.representations.set(version, key, representation);
    }
    if (!representation) {
      const others = DESCRIPTION_FORMATS.filter((f) => f !== format).map((f) => f.mediaType).join(', ');
      sendPlainText(res, 406, `This description cannot be written as ${format.label}; it is available as ${others}.`);
      return;
    }
    if (!explicit) res.setHeader('Content-Location', this.options.policy.descriptionPath(parsed.thing, format, page));
    sendRepresentation(req, res, representation);
  }

  private knows(thing: string, version: string): boolean {
    return version === this.descriptionsVersion && this.known.has(thing);
  }

  private describe(thing: string, page: number, version: string): Promise<Description | undefined> {
    if (version !== this.descriptionsVersion) {
      this.descriptions.clear();
      this.known.clear();
      this.descriptionsVersion = version;
    }
    const key = `${thing} ${page}`;
    let pending = this.descriptions.get(key);
    if (!pending) {
      const status = this.options.state.status;
      if (status.phase !== 'ready') return Promise.resolve(undefined);
      pending = this.options.describer.describe(status.store, thing, page);
      pending.then((description) => { if (description && version === this.descriptionsVersion) this.known.add(thing); }, () => {});
      this.descriptions.set(key, pending);
      pending.catch(() => this.descriptions.delete(key));
      // The quads are only needed until every format is written; the representations stay cached.
      setTimeout(() => this.descriptions.delete(key), 60_000).unref();
    }
    return pending;
  }

  /** The representation of a description in a format, or undefined when the format cannot hold it. */
  private async write(description: Description, format: DescriptionFormat, language: PageLanguage, profile: JsonLdProfile,
    lastModified: Date): Promise<Representation | undefined> {
    let body: string;
    try {
      body = await this.body(description, format, language, profile);
    } catch {
      // RDF/XML cannot write a predicate whose IRI does not end with an XML name.
      return undefined;
    }
    const { policy } = this.options;
    const links = DESCRIPTION_FORMATS.filter((f) => f !== format)
      .map((f) => `<${policy.descriptionPath(description.thing, f, description.page)}>; rel="alternate"; type="${f.mediaType}"`);
    if (description.page < description.pages) links.push(`<${policy.descriptionPath(description.thing, format, description.page + 1)}>; rel="next"`);
    if (description.page > 1) links.push(`<${policy.descriptionPath(description.thing, format, description.page - 1)}>; rel="prev"`);
    if (format.name === 'jsonld' && profile === 'compacted') links.push(`<${this.options.context.url}>; rel="http://www.w3.org/ns/json-ld#context"; type="application/ld+json"`);
    return new Representation(body, `${format.mediaType}; charset=utf-8`, {
      cacheControl: CACHE_CONTROL,
      lastModified,
      headers: { Link: links.join(', ') },
    });
  }

  private body(description: Description, format: DescriptionFormat, language: PageLanguage, profile: JsonLdProfile): Promise<string> | string {
    if (format.name === 'html') {
      return renderDescriptionPage(new DescriptionView(description), { language, policy: this.options.policy, ontology: this.options.ontology });
    }
    return writeGraph(description.quads, format, { prefixes: this.prefixes, context: this.options.context, profile });
  }
}
