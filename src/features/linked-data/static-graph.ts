/**
 * A fixed graph published at a path in every format: the ontology at /ontology, the shapes at
 * /shapes. The path itself is negotiated (HTML for people, RDF for programs) and each format
 * has its own URL with an extension. Being documents rather than things, they answer 200.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { negotiateFormat, negotiateLanguage } from '../../http/negotiation.js';
import { sendPlainText } from '../../http/plain-text.js';
import { addVary, Representation, sendRepresentation } from '../../http/representation.js';
import { formatByExtension } from '../../rdf/formats.js';
import { jsonLdProfile, type JsonLdProfile, type PublishedContext } from '../../rdf/jsonld.js';
import type { Quad } from '../../rdf/terms.js';
import { writeGraph } from '../../rdf/write.js';
import type { PageLanguage } from '../../web/i18n/catalogue.js';
import { DESCRIPTION_FORMATS, type DescriptionFormat } from './iri-policy.js';

export interface StaticGraphOptions {
  readonly path: string;
  readonly quads: readonly Quad[];
  readonly prefixes: Readonly<Record<string, string>>;
  readonly context: PublishedContext;
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
    let negotiated: ReturnType<typeof negotiateFormat<DescriptionFormat>>;
    if (path === base) {
      negotiated = negotiateFormat(req.headers.accept, DESCRIPTION_FORMATS);
      format = negotiated?.format;
      addVary(res, 'Accept');
      if (!format) {
        sendPlainText(res, 406, `Available as ${DESCRIPTION_FORMATS.map((f) => f.mediaType).join(', ')}.`);
        return true;
      }
      res.setHeader('Content-Location', `${base}.${format.extensions[0]}`);
    } else if (path.startsWith(`${base}.`)) {
      format = formatByExtension(path.slice(base.length + 1), DESCRIPTION_FORMATS);
      if (!format) return false;
    } else {
      return false;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendPlainText(res, 405, `${base} is read with GET or HEAD, not ${req.method}.`, { Allow: 'GET, HEAD, OPTIONS' });
      return true;
    }
    const parameters = new URLSearchParams(search);
    const language = negotiateLanguage(req, parameters.get('lang'));
    if (format.name === 'html') addVary(res, 'Accept-Language');
    const profile = format.name === 'jsonld' ? jsonLdProfile(negotiated?.range.parameters.profile, parameters.get('profile') ?? undefined) : 'compacted';
    this.representation(format, language, profile).then(
      (representation) => sendRepresentation(req, res, representation),
      (error: Error) => {
        console.error(`error writing ${path}:`, error);
        sendPlainText(res, 500, 'internal error');
      },
    );
    return true;
  }

  private representation(format: DescriptionFormat, language: PageLanguage, profile: JsonLdProfile): Promise<Representation> {
    const key = `${format.name} ${format.name === 'html' ? language : ''} ${format.name === 'jsonld' ? profile : ''}`;
    let prepared = this.prepared.get(key);
    if (!prepared) {
      const { quads, prefixes, context } = this.options;
      const body = format.name === 'html' ? Promise.resolve(this.options.page(language)) : writeGraph(quads, format, { prefixes, context, profile });
      prepared = body.then((text) => new Representation(text, `${format.mediaType}; charset=utf-8`, {
        cacheControl: 'public, max-age=3600',
        lastModified: this.options.lastModified,
        headers: {
          Link: DESCRIPTION_FORMATS.filter((f) => f !== format).map((f) => `<${this.options.path}.${f.extensions[0]}>; rel="alternate"; type="${f.mediaType}"`).join(', '),
        },
      }));
      this.prepared.set(key, prepared);
    }
    return prepared;
  }
}
