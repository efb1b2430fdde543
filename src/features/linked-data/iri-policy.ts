/**
 * The URI policy: a thing is named `{base}id/{kind}/{slug}`; its description lives at
 * `{base}doc/{kind}/{slug}` (negotiated) and at one URL per format, `{base}doc/{kind}/{slug}.ttl`
 * and so on, so that each format can be linked and cached. Incoming links past the first
 * hundred are on pages: `?page=2`.
 */
import { formatByExtension, FORMATS, GRAPH_FORMATS } from '../../rdf/formats.js';

/** The formats a description comes in: a page for people, the four RDF syntaxes for programs. */
export const DESCRIPTION_FORMATS = [FORMATS.html, ...GRAPH_FORMATS] as const;
export type DescriptionFormat = (typeof DESCRIPTION_FORMATS)[number];

/** Kinds and slugs are kept to a safe alphabet: they are written into SPARQL and HTML. */
const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._~-]*$/;

export type ParsedPath =
  | { readonly kind: 'thing'; readonly thing: string }
  | { readonly kind: 'description'; readonly thing: string; readonly format?: DescriptionFormat; readonly page: number };

export class IriPolicy {
  private readonly idPrefix: string;
  private readonly docPrefix: string;

  constructor(readonly baseIRI: string) {
    this.idPrefix = `${baseIRI}id/`;
    this.docPrefix = `${baseIRI}doc/`;
  }

  /** Whether an IRI names a thing of ours (something the service describes). */
  isThing(iri: string): boolean {
    return iri.startsWith(this.idPrefix) && this.segmentsOf(iri.slice(this.idPrefix.length)) !== undefined;
  }

  /** The kind of a thing of ours: the first segment of its IRI under id/ (document, actor…). */
  kindOf(thing: string): string {
    return thing.slice(this.idPrefix.length).split('/')[0] ?? '';
  }

  /** The description URL of a thing: negotiated, or in one format; with its page beyond the first. */
  descriptionUrl(thing: string, format?: DescriptionFormat, page = 1): string {
    const rest = thing.slice(this.idPrefix.length);
    const extension = format ? `.${format.extensions[0]}` : '';
    return `${this.docPrefix}${rest}${extension}${page > 1 ? `?page=${page}` : ''}`;
  }

  /** The same, as a path from the root (for links inside pages). */
  descriptionPath(thing: string, format?: DescriptionFormat, page = 1): string {
    return this.descriptionUrl(thing, format, page).slice(this.baseIRI.length - 1);
  }

  /**
   * What a request path asks for, or undefined when it is not under /id/ or /doc/ or not a
   * well-formed name (then it is simply not found).
   */
  parse(path: string, search: string): ParsedPath | undefined {
    if (path.startsWith('/id/')) {
      const segments = this.segmentsOf(path.slice(4));
      return segments ? { kind: 'thing', thing: `${this.idPrefix}${segments.join('/')}` } : undefined;
    }
    if (!path.startsWith('/doc/')) return undefined;
    let rest = path.slice(5);
    let format: DescriptionFormat | undefined;
    // A slug may hold a dot itself: only a known extension names a format.
    const dot = rest.lastIndexOf('.');
    if (dot > rest.lastIndexOf('/')) {
      format = formatByExtension(rest.slice(dot + 1), DESCRIPTION_FORMATS);
      if (format) rest = rest.slice(0, dot);
    }
    const segments = this.segmentsOf(rest);
    if (!segments) return undefined;
    const page = Number(new URLSearchParams(search).get('page') ?? '1');
    if (!Number.isInteger(page) || page < 1) return undefined;
    return { kind: 'description', thing: `${this.idPrefix}${segments.join('/')}`, format, page };
  }

  private segmentsOf(rest: string): string[] | undefined {
    const segments = rest.split('/');
    if (segments.length < 2 || !segments.every((s) => SEGMENT.test(s))) return undefined;
    return segments;
  }
}
