/**
 * XML for the OAI-PMH responses, written by fast-xml-parser's builder from a tree of elements,
 * never by concatenating strings: it escapes text and attribute values itself. We chose it for
 * being maintained, free of native code and fast (the DOM-based builders took several times
 * longer for a page of a hundred records), and because its parser reads the RDF/XML of the `rdf`
 * format into the same tree, so that a record's description is embedded as elements, not as text.
 *
 * What XML 1.0 cannot hold at all (most control characters) is dropped from texts here, before
 * the builder escapes the rest.
 */
import { XMLBuilder, XMLParser } from 'fast-xml-parser';

/** An element in fast-xml-parser's ordered form: its name → its children, and its attributes under ':@'. */
export interface XmlElement {
  [name: string]: XmlNode[] | Readonly<Record<string, string>> | undefined;
}
export type XmlNode = XmlElement | { readonly '#text': string };

const ATTRIBUTE = '@_';
const OPTIONS = { preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: ATTRIBUTE, processEntities: true } as const;
const builder = new XMLBuilder({ ...OPTIONS, suppressEmptyNode: true, format: false });
const parser = new XMLParser({ ...OPTIONS, ignoreDeclaration: true, trimValues: false, htmlEntities: false });

 
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text as XML 1.0 can hold it. */
export function xmlText(value: string): string {
  return value.replace(NOT_XML, '');
}

/** An element with its attributes (in this order) and children; strings become text. */
export function element(name: string, attributes: Readonly<Record<string, string | undefined>> = {}, children: readonly (XmlNode | string)[] = []): XmlElement {
  const node: XmlElement = { [name]: children.map((child) => (typeof child === 'string' ? { '#text': xmlText(child) } : child)) };
  const present = Object.entries(attributes).filter((entry): entry is [string, string] => entry[1] !== undefined);
  if (present.length) node[':@'] = Object.fromEntries(present.map(([key, value]) => [`${ATTRIBUTE}${key}`, xmlText(value)]));
  return node;
}

/** A document: the declaration, then the root element. */
export function writeXml(root: XmlElement): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build([root])}`;
}

/** The elements of an XML document (its declaration left out), to embed them in another. */
export function parseXml(xml: string): XmlNode[] {
  return parser.parse(xml) as XmlNode[];
}
