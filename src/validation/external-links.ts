/**
 * The one rule of the shapes that depends on where the service runs. A link out of the service
 * written without its scheme (`<www.citego.org/bdf_fiche-document-1187_fr.html>`) is a relative
 * IRI: the parser resolves it against the base IRI, and it then looks like any http link. The
 * shapes file serves every deployment and cannot name the base IRI, so when the rules are loaded
 * shape:ExternalLink is given, as SHACL, the constraint that a link does not lie under it:
 *
 *     shape:ExternalLink sh:not [ sh:pattern "^http://localhost:3000/" ] .
 *
 * Both engines then check it like any other constraint, and /shapes publishes it.
 */
import { citegoNamespaces, STANDARD_PREFIXES, XSD_STRING } from '../rdf/namespaces.js';
import type { BlankNode, NamedNode, Quad } from '../rdf/terms.js';

const SH = STANDARD_PREFIXES.sh;
const DEFAULT_GRAPH = { termType: 'DefaultGraph', value: '' } as const;

/** The name of the shape every link out of the service conforms to. */
export function externalLinkShape(baseIRI: string): string {
  return `${citegoNamespaces(baseIRI).shape}ExternalLink`;
}

/** A string as an XPath regular expression that matches exactly it. */
function escapeForXPath(text: string): string {
  return text.replace(/[\\|.?*+(){}[\]^$-]/g, '\\$&');
}

/** The shapes, with shape:ExternalLink (when they have it) refusing IRIs under the base IRI. */
export function withLinksOutsideTheBase(shapes: readonly Quad[], baseIRI: string): Quad[] {
  const link: NamedNode = { termType: 'NamedNode', value: externalLinkShape(baseIRI) };
  if (!shapes.some((q) => q.subject.termType === 'NamedNode' && q.subject.value === link.value)) return [...shapes];
  const underBase: BlankNode = { termType: 'BlankNode', value: 'link-under-the-base-iri' };
  const quad = (subject: NamedNode | BlankNode, predicate: string, object: Quad['object']): Quad =>
    ({ subject, predicate: { termType: 'NamedNode', value: predicate }, object, graph: DEFAULT_GRAPH });
  return [
    ...shapes,
    quad(link, `${SH}not`, underBase),
    quad(underBase, `${SH}pattern`, { termType: 'Literal', value: `^${escapeForXPath(baseIRI)}`, language: '', datatype: { termType: 'NamedNode', value: XSD_STRING } }),
  ];
}
