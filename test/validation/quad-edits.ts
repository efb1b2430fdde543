/**
 * Building blocks for the tests that damage, reorder and split the demo data: terms, the demo
 * data file by file, seeded shuffles and splits, and sources made of quads.
 */
import { basename } from 'node:path';
import { citegoNamespaces, RDF_TYPE, STANDARD_PREFIXES } from '../../src/rdf/namespaces.js';
import { parseRdfFile } from '../../src/rdf/parse.js';
import type { BlankNode, Literal, NamedNode, Quad, SubjectTerm, Term } from '../../src/rdf/terms.js';
import type { QuadSource } from '../../src/validation/compiled-validator.js';
import { rdfFilesIn } from '../../src/validation/gate.js';
import { BASE, DATA_DIR, ntriplesSource } from '../helpers.js';

export const { rdf: RDF, rdfs: RDFS, xsd: XSD, dct: DCT } = STANDARD_PREFIXES;
export const CITEGO = citegoNamespaces(BASE).citego;
export { RDF_TYPE };

export const named = (value: string): NamedNode => ({ termType: 'NamedNode', value });
export const blank = (label: string): BlankNode => ({ termType: 'BlankNode', value: label });
export const text = (value: string, language = ''): Literal =>
  ({ termType: 'Literal', value, language, datatype: named(language ? `${RDF}langString` : `${XSD}string`) });
export const typed = (value: string, datatype: string): Literal => ({ termType: 'Literal', value, language: '', datatype: named(datatype) });
export const quad = (subject: SubjectTerm, predicate: string, object: Term): Quad =>
  ({ subject, predicate: named(predicate), object, graph: { termType: 'DefaultGraph', value: '' } });

export const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)]!;

export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** The quads dealt at random into `parts` files (some may stay empty), each keeping the order it got. */
export function splitRandomly(quads: readonly Quad[], parts: number, random: () => number): Quad[][] {
  const files: Quad[][] = Array.from({ length: parts }, () => []);
  for (const q of quads) files[Math.floor(random() * parts)]!.push(q);
  return files;
}

export interface DemoFile {
  readonly name: string;
  readonly quads: readonly Quad[];
}

/** The demo data, file by file, in the order the service reads it. */
export async function demoFiles(): Promise<DemoFile[]> {
  const files: DemoFile[] = [];
  for (const path of await rdfFilesIn(DATA_DIR)) {
    const quads: Quad[] = [];
    await parseRdfFile(path, { baseIRI: BASE }, (batch) => { quads.push(...batch.quads); });
    files.push({ name: basename(path), quads });
  }
  return files;
}

/** One N-Triples source per part, named after its position. */
export function sourcesOfParts(parts: readonly (readonly Quad[])[]): Promise<QuadSource[]> {
  return Promise.all(parts.map((part, i) => ntriplesSource(`part-${i + 1}.nt`, part)));
}
