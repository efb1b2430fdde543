/**
 * The Triple Pattern Fragments interface at /fragments, on node:http's own objects like the
 * other hot paths: the pattern is looked up in the version's index (bounded time, exact counts,
 * no query to the store), the page written once per version, format and language, then kept
 * with its strong ETag, so that a repeated request is answered from memory with 200 or 304.
 *
 * The page's IRIs use the scheme of the base IRI and the host the client addressed: a client
 * finds a page's metadata by the URL it asked for, and stays on the server it talks to.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { negotiateFormat, negotiateLanguage } from '../../../http/negotiation.js';
import { sendPlainText, sendStillLoading } from '../../../http/plain-text.js';
import { RepresentationCache } from '../../../http/representation-cache.js';
import { addVary, Representation, sendRepresentation } from '../../../http/representation.js';
import { FORMATS } from '../../../rdf/formats.js';
import type { PublishedContext } from '../../../rdf/jsonld.js';
import type { DefaultGraph, NamedNode } from '../../../rdf/terms.js';
import { writeGraph } from '../../../rdf/write.js';
import type { PageLanguage } from '../../../web/i18n/catalogue.js';
import { ntriplesKey } from '../ntriples-terms.js';
import type { VersionIndex } from '../version-index.js';
import { renderFragmentPage } from './fragment-page.js';
import { fragmentMetadata, FRAGMENTS_PATH, FragmentRequestError, parseFragmentRequest, patternText, selectFragment, type Fragment } from './fragment.js';

/** The formats of a fragment, HTML first for browsers; TriG keeps the metadata in a graph of its own. */
export const FRAGMENT_FORMATS = [FORMATS.html, FORMATS.trig, FORMATS.turtle, FORMATS.ntriples, FORMATS.jsonld] as const;
type FragmentFormat = (typeof FRAGMENT_FORMATS)[number];
const AVAILABLE = FRAGMENT_FORMATS.map((f) => f.mediaType).join(', ');
const CACHE_CONTROL = 'public, max-age=300';
const DEFAULT_GRAPH: DefaultGraph = { termType: 'DefaultGraph', value: '' };

export interface FragmentsDoorOptions {
  readonly versions: VersionIndex;
  readonly baseIRI: string;
  readonly prefixes: Readonly<Record<string, string>>;
  readonly context: PublishedContext;
  /** Memory kept for written pages, in bytes. */
  readonly cacheBytes: number;
}

export class FragmentsDoor {
  private readonly pages: RepresentationCache;
  private readonly scheme: string;

  constructor(private readonly options: FragmentsDoorOptions) {
    this.pages = new RepresentationCache(options.cacheBytes);
    this.scheme = new URL(options.baseIRI).protocol;
  }

  /** Answers /fragments; false for any other path. */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    const path = query < 0 ? url : url.slice(0, query);
    if (path !== FRAGMENTS_PATH) return false;
    this.answer(req, res, query < 0 ? '' : url.slice(query + 1)).catch((error: unknown) => {
      console.error(`error on ${req.method} ${url}:`, error);
      if (!res.headersSent) sendPlainText(res, 500, 'internal error');
      else res.destroy();
    });
    return true;
  }

  /** The origin the client addressed, with the base IRI's scheme. */
  private origin(req: IncomingMessage): string {
    const host = req.headers.host;
    return host && /^[\w.-]+(:\d+)?$|^\[[\d:a-fA-F.]+\](:\d+)?$/.test(host) ? `${this.scheme}//${host}` : new URL(this.options.baseIRI).origin;
  }

  private async answer(req: IncomingMessage, res: ServerResponse, search: string): Promise<void> {
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') {
      sendPlainText(res, 405, `Fragments are read with GET or HEAD, not ${method}.`, { Allow: 'GET, HEAD, OPTIONS' });
      return;
    }
    addVary(res, 'Accept');
    const negotiated = negotiateFormat(req.headers.accept, FRAGMENT_FORMATS);
    if (!negotiated) {
      sendPlainText(res, 406, `A fragment is available as ${AVAILABLE}; none of them is acceptable to your client.`);
      return;
    }
    const format = negotiated.format;
    let request;
    try {
      request = parseFragmentRequest(this.origin(req), search);
    } catch (error) {
      if (!(error instanceof FragmentRequestError)) throw error;
      sendPlainText(res, 400, `${error.message} A pattern is written ?subject=IRI&predicate=IRI&object=IRI-or-"literal", each optional.`);
      return;
    }
    const indexed = await this.options.versions.current();
    if (!indexed) {
      sendStillLoading(res);
      return;
    }
    const language = format.name === 'html' ? negotiateLanguage(req, new URLSearchParams(search).get('lang')) : 'fr';
    if (format.name === 'html') addVary(res, 'Accept-Language');
    const version = indexed.status.dataVersion;
    const key = `${format.name} ${format.name === 'html' ? language : ''} ${request.pageUrl}`;
    let page = this.pages.get(version, key);
    if (!page) {
      const fragment = selectFragment(indexed.index, request);
      if (!fragment) {
        sendPlainText(res, 404, `This fragment has fewer pages; its first page is ${request.fragmentUrl}`);
        return;
      }
      page = new Representation(await this.write(fragment, format, language), `${format.mediaType}; charset=utf-8`, {
        cacheControl: CACHE_CONTROL,
        lastModified: indexed.status.readyAt,
      });
      this.pages.set(version, key, page);
    }
    sendRepresentation(req, res, page);
  }

  private async write(fragment: Fragment, format: FragmentFormat, language: PageLanguage): Promise<string> {
    if (format.name === 'html') return renderFragmentPage(fragment, language);
    const metadata = fragmentMetadata(fragment);
    if (format.name === 'jsonld') {
      // JSON-LD names no graph here: the metadata stands beside the data, as the specification allows.
      return writeGraph([...fragment.triples, ...metadata.map((q) => ({ ...q, graph: DEFAULT_GRAPH }))], format, { prefixes: this.options.prefixes, context: this.options.context });
    }
    // The index holds the store's own N-Triples spellings: the data lines are written as they are,
    // and N-Triples lines are Turtle and TriG too. Only TriG puts the metadata in its own graph.
    const line = (s: string, p: string, o: string) => `${s} ${p} ${o} .\n`;
    const data = fragment.spellings.map(([s, p, o]) => line(s, p, o)).join('');
    const controls = metadata.map((q) => line(ntriplesKey(q.subject), ntriplesKey(q.predicate), ntriplesKey(q.object))).join('');
    if (format.name === 'trig') return `${data}${ntriplesKey(metadata[0]!.graph as NamedNode)} {\n${controls}}\n`;
    // A Turtle document says what it is in a comment (one line: the pattern's terms are escaped),
    // which also keeps its bytes, and so its ETag, apart from the N-Triples document's.
    return format.name === 'turtle' ? `# Triple Pattern Fragment ${patternText(fragment.request)}, page ${fragment.request.page}\n${data}${controls}` : `${data}${controls}`;
  }
}
