/**
 * RDF/XML for the small graphs the service builds itself (the service description, the
 * catalogue): one rdf:Description per subject. Data from the store is serialised by the store.
 */
import type { Quad, Term } from './terms.js';
import { XSD_STRING } from './namespaces.js';

const NAME = /^[A-Za-z_][\w.-]*$/;
const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
/** Text made safe inside XML content and double-quoted attributes. */
export const escapeXml = (text: string): string => text.replace(/[&<>"]/g, (c) => XML_ESCAPES[c]!);

function splitPredicate(iri: string): [string, string] {
  const cut = Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/')) + 1;
  const local = iri.slice(cut);
  if (!NAME.test(local)) throw new Error(`cannot write the predicate <${iri}> in RDF/XML: its local name is not an XML name`);
  return [iri.slice(0, cut), local];
}

function subjectAttribute(term: Term): string {
  return term.termType === 'BlankNode' ? `rdf:nodeID="${escapeXml(term.value)}"` : `rdf:about="${escapeXml(term.value)}"`;
}

export function toRdfXml(quads: readonly Quad[], prefixes: Readonly<Record<string, string>>): string {
  const namespaces = new Map<string, string>(Object.entries(prefixes).map(([prefix, ns]) => [ns, prefix]));
  namespaces.set('http://www.w3.org/1999/02/22-rdf-syntax-ns#', 'rdf');
  const qname = (iri: string): string => {
    const [ns, local] = splitPredicate(iri);
    let prefix = namespaces.get(ns);
    if (!prefix) {
      prefix = `ns${namespaces.size}`;
      namespaces.set(ns, prefix);
    }
    return `${prefix}:${local}`;
  };
  const bySubject = new Map<string, Quad[]>();
  for (const quad of quads) {
    const key = `${quad.subject.termType}:${quad.subject.value}`;
    bySubject.set(key, [...(bySubject.get(key) ?? []), quad]);
  }
  const descriptions: string[] = [];
  for (const group of bySubject.values()) {
    const properties = group.map(({ predicate, object }) => {
      const name = qname(predicate.value);
      if (object.termType === 'NamedNode') return `    <${name} rdf:resource="${escapeXml(object.value)}"/>`;
      if (object.termType === 'BlankNode') return `    <${name} rdf:nodeID="${escapeXml(object.value)}"/>`;
      const attributes = object.language ? ` xml:lang="${escapeXml(object.language)}"`
        : object.datatype.value === XSD_STRING ? '' : ` rdf:datatype="${escapeXml(object.datatype.value)}"`;
      return `    <${name}${attributes}>${escapeXml(object.value)}</${name}>`;
    });
    descriptions.push(`  <rdf:Description ${subjectAttribute(group[0]!.subject)}>\n${properties.join('\n')}\n  </rdf:Description>`);
  }
  const declarations = [...namespaces].map(([ns, prefix]) => `xmlns:${prefix}="${escapeXml(ns)}"`).join('\n    ');
  return `<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF\n    ${declarations}>\n${descriptions.join('\n')}\n</rdf:RDF>\n`;
}
