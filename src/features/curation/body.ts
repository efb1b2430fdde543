/**
 * A thing's description as a curator sends it: Turtle, N-Triples or JSON-LD (with our published
 * context, or full IRIs), relative IRIs resolved against the base IRI. It must describe the thing
 * it is sent to and nothing else, with IRIs only: a blank node could not be addressed by a later
 * write.
 */
import jsonld from 'jsonld';
import { contextLoader, type PublishedContext } from '../../rdf/jsonld.js';
import { chunksOf, parseRdfChunks, RdfSyntaxError } from '../../rdf/parse.js';
import type { Quad } from '../../rdf/terms.js';

export const WRITABLE_TYPES = ['text/turtle', 'application/n-triples', 'application/ld+json'] as const;
export type WritableType = (typeof WRITABLE_TYPES)[number];

/** A description that cannot be a thing's: the message says what to change. */
export class UnacceptableDescriptionError extends Error {
  constructor(message: string, readonly status: 400 | 422) {
    super(message);
    this.name = 'UnacceptableDescriptionError';
  }
}

export function writableType(contentType: string | undefined): WritableType | undefined {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json') return 'application/ld+json';
  if (type === 'application/x-turtle') return 'text/turtle';
  return WRITABLE_TYPES.find((t) => t === type);
}

async function parse(body: string, type: WritableType, baseIRI: string, context: PublishedContext): Promise<{ quads: Quad[]; lines: number[] }> {
  if (type === 'application/ld+json') {
    let document: unknown;
    try {
      document = JSON.parse(body);
    } catch (error) {
      throw new UnacceptableDescriptionError(`The JSON-LD is not JSON: ${(error as Error).message}`, 400);
    }
    try {
      body = await jsonld.toRDF(document as jsonld.JsonLdDocument, { base: baseIRI, format: 'application/n-quads', documentLoader: contextLoader(context) as never }) as unknown as string;
    } catch (error) {
      throw new UnacceptableDescriptionError(`The JSON-LD cannot be read: ${(error as Error).message}. Use our context, ${context.url}, or full IRIs.`, 400);
    }
  }
  const quads: Quad[] = [];
  const lines: number[] = [];
  try {
    const format = type === 'application/ld+json' ? 'application/n-quads' : type;
    await parseRdfChunks(chunksOf(new TextEncoder().encode(body)), 'request body', { baseIRI, format }, (batch) => {
      quads.push(...batch.quads);
      lines.push(...batch.lines);
    });
  } catch (error) {
    if (error instanceof RdfSyntaxError) throw new UnacceptableDescriptionError(error.message, 400);
    throw error;
  }
  return { quads, lines };
}

/** The quads of a description of `thing`, or an UnacceptableDescriptionError that says what is wrong. */
export async function readDescription(body: string, type: WritableType, thing: string, baseIRI: string, context: PublishedContext): Promise<{ quads: Quad[]; lines: number[] }> {
  const parsed = body.trim() === '' ? { quads: [], lines: [] } : await parse(body, type, baseIRI, context);
  if (parsed.quads.length === 0) throw new UnacceptableDescriptionError(`The description of <${thing}> is empty; to remove the thing, send DELETE.`, 422);
  for (const quad of parsed.quads) {
    if (quad.graph.termType !== 'DefaultGraph') throw new UnacceptableDescriptionError('A thing is described in the default graph: leave named graphs out.', 422);
    if (quad.subject.termType === 'BlankNode' || quad.object.termType === 'BlankNode') {
      throw new UnacceptableDescriptionError('The description holds a blank node: give every resource an IRI, so that later writes can address it.', 422);
    }
    if (quad.subject.value !== thing) {
      throw new UnacceptableDescriptionError(`This address takes the description of <${thing}> only; it holds triples about <${quad.subject.value}>, which go to that thing's own address.`, 422);
    }
  }
  return parsed;
}
