/**
 * A fixed graph published at a path in every format: the ontology at /ontology, the shapes at
 * /shapes. The path itself is negotiated (HTML for people, RDF for programs) and each format
 * has its own URL with an extension. Being documents rather than things, they answer 200.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { serializeGraph } from '../rdf/serialize.js';
import type { Quad } from '../rdf/terms.js';
import { negotiateLanguage, type PageLanguage } from '../server/language.js';
import { addVary, Representation, sendRepresentation } from '../server/representation.js';
import { DESCRIPTION_FORMATS, formatByExtension, jsonLdProfile, negotiateFormat, type DescriptionFormat } from './formats.js';
import { toJsonLd } from './jsonld.js';

export interface StaticGraphOptions {
  readonly path: string;
  readonly quads: readonly Quad[];
  readonly prefixes: Readonly<Record<string, string>>;
  readonly jsonLdContext: Record<string, unknown>;
  readonly contextUrl: string;
  readonly page: (language: PageLanguage) => string;
  readonly lastModified: Date;
}

export class StaticGraph {
  private readonly prepared = new Map<string, Promise<Representation>>();

  constructor(private readonly options: StaticGraphOptions) {}

  /** Answers the graph's path and its extension URLs; false for other paths. */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    const [path = '', search = ''] = (req.url ?? '').split('?');
    const base = this.options.path;
    let format: DescriptionFormat | undefined;
    let negotiated: ReturnType<typeof negotiateFormat>;
    if (path === base) {
      negotiated = negotiateFormat(req.headers.accept);
      format = negotiated?.format;
      addVary(res, 'Accept');
      if (!format) {
        res.statusCode = 406;
        res.setHeader('Content-Type', 'text/plain; charset=utf-8');
        res.end(`Available as ${DESCRIPTION_FORMATS.map((f) => f.mediaType).join(', ')}.\n`);
        return true;
      }
      res.setHeader('Content-Location', `${base}.${format.extension}`);
    } else if (path.startsWith(`${base}.`)) {
      format = formatByExtension(path.slice(base.length + 1));
      if (!format) return false;
    } else {
      return false;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.statusCode = 405;
      res.setHeader('Allow', 'GET, HEAD');
      res.end();
      return true;
    }
    const parameters = new URLSearchParams(search);
    const language = negotiateLanguage(parameters.get('lang') ?? undefined, req.headers['accept-language']);
    if (format.name === 'html') addVary(res, 'Accept-Language');
    const profile = format.name === 'jsonld' ? jsonLdProfile(negotiated?.range, parameters.get('profile') ?? undefined) : 'compacted';
    res.setHeader('Access-Control-Allow-Origin', '*');
    this.representation(format, language, profile).then(
      (representation) => sendRepresentation(req, res, representation),
      (error: Error) => {
        res.statusCode = 500;
        res.end();
        console.error(`error writing ${path}:`, error);
      },
    );
    return true;
  }

  private representation(format: DescriptionFormat, language: PageLanguage, profile: 'compacted' | 'expanded'): Promise<Representation> {
    const key = `${format.name} ${format.name === 'html' ? language : ''} ${format.name === 'jsonld' ? profile : ''}`;
    let prepared = this.prepared.get(key);
    if (!prepared) {
      const { quads, prefixes } = this.options;
      const body = format.name === 'html' ? Promise.resolve(this.options.page(language))
        : format.name === 'jsonld' ? toJsonLd(quads, profile, this.options.jsonLdContext, this.options.contextUrl)
          : serializeGraph(quads, format.mediaType as 'text/turtle', prefixes);
      prepared = body.then((text) => new Representation(text, `${format.mediaType}; charset=utf-8`, {
        cacheControl: 'public, max-age=3600',
        lastModified: this.options.lastModified,
        headers: {
          Link: DESCRIPTION_FORMATS.filter((f) => f !== format).map((f) => `<${this.options.path}.${f.extension}>; rel="alternate"; type="${f.mediaType}"`).join(', '),
        },
      }));
      this.prepared.set(key, prepared);
    }
    return prepared;
  }
}
