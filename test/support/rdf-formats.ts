/** Reading every RDF format the service writes back into triples, to compare them. */
import jsonld from 'jsonld';
import { Parser } from 'n3';
import { RdfXmlParser } from 'rdfxml-streaming-parser';
import type * as RDF from '@rdfjs/types';
import { contextLoader, publishedContext } from '../../src/rdf/jsonld.js';

export async function parseRdf(body: string, mediaType: string, baseIRI = 'http://localhost:3000/'): Promise<RDF.Quad[]> {
  const type = mediaType.split(';')[0]!.trim();
  if (type === 'text/turtle' || type === 'application/n-triples') {
    return new Parser({ format: type, baseIRI }).parse(body);
  }
  if (type === 'application/ld+json') {
    // Our documents name the published context; it is read here without the network.
    const documentLoader = contextLoader(publishedContext(baseIRI));
    const nquads = (await jsonld.toRDF(JSON.parse(body) as jsonld.JsonLdDocument, { format: 'application/n-quads', documentLoader: documentLoader as never })) as unknown as string;
    return new Parser({ format: 'application/n-quads' }).parse(nquads);
  }
  if (type === 'application/rdf+xml') {
    return new Promise((resolve, reject) => {
      const quads: RDF.Quad[] = [];
      const parser = new RdfXmlParser({ baseIRI });
      parser.on('data', (quad: RDF.Quad) => quads.push(quad));
      parser.on('error', reject);
      parser.on('end', () => resolve(quads));
      parser.write(body);
      parser.end();
    });
  }
  throw new Error(`no parser for ${mediaType}`);
}

/** Triples as sorted N-Triples-like lines, blank node labels replaced (they differ between formats). */
export function canonical(quads: readonly RDF.Quad[]): string[] {
  const term = (t: RDF.Term): string => (t.termType === 'BlankNode' ? '_:b'
    : t.termType === 'Literal' ? `"${t.value}"${t.language ? `@${t.language}` : `^^${t.datatype.value}`}` : `<${t.value}>`);
  return quads.map((q) => `${term(q.subject)} ${term(q.predicate)} ${term(q.object)}`).sort();
}
