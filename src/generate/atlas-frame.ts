/**
 * The frame of the atlas (scales, components, angles), read from data/atlas-matrix.ttl at run
 * time rather than restated here: the generated descriptors must point at exactly the
 * components and angles the matrix declares, whatever it declares next year.
 */
import { readFileSync } from 'node:fs';
import { Parser } from 'n3';
import { STANDARD_PREFIXES } from '../rdf/namespaces.js';

/** Any base will do: the file's IRIs are relative, and we only need their relative form back. */
const PROBE_BASE = 'http://atlas-frame.invalid/';
const CITEGO = `${PROBE_BASE}ontology#`;
const RDF_TYPE = `${STANDARD_PREFIXES.rdf}type`;
const PREF_LABEL = `${STANDARD_PREFIXES.skos}prefLabel`;

export interface MatrixAxis {
  /** Relative IRI, as written in the generated files: `id/component/society`. */
  readonly iri: string;
  /** Last path segment of the IRI (`society`): the key of the vocabulary's word pools. */
  readonly key: string;
  readonly label: { readonly fr: string; readonly en: string };
}

export interface AtlasFrame {
  /** The matrix file's text, copied verbatim into the output. */
  readonly text: string;
  readonly triples: number;
  readonly atlasScheme: string;
  readonly scales: { readonly general: string; readonly intermediate: string; readonly detailed: string };
  readonly components: readonly MatrixAxis[];
  readonly angles: readonly MatrixAxis[];
}

export function readAtlasFrame(path: string): AtlasFrame {
  const text = readFileSync(path, 'utf8');
  const quads = new Parser({ baseIRI: PROBE_BASE }).parse(text);
  const typesOf = new Map<string, Set<string>>();
  const labelsOf = new Map<string, Map<string, string>>();
  for (const quad of quads) {
    const subject = quad.subject.value;
    if (quad.predicate.value === RDF_TYPE) {
      const types = typesOf.get(subject) ?? new Set<string>();
      types.add(quad.object.value);
      typesOf.set(subject, types);
    } else if (quad.predicate.value === PREF_LABEL && quad.object.termType === 'Literal') {
      const labels = labelsOf.get(subject) ?? new Map<string, string>();
      labels.set(quad.object.language, quad.object.value);
      labelsOf.set(subject, labels);
    }
  }

  const relative = (iri: string): string => {
    if (!iri.startsWith(PROBE_BASE)) throw new Error(`${path}: expected a relative IRI, found <${iri}>`);
    return iri.slice(PROBE_BASE.length);
  };
  const ofType = (type: string): string[] =>
    [...typesOf].filter(([, types]) => types.has(`${CITEGO}${type}`)).map(([iri]) => iri).sort();
  const axes = (type: string): MatrixAxis[] =>
    ofType(type).map((iri) => {
      const labels = labelsOf.get(iri);
      const fr = labels?.get('fr');
      if (fr === undefined) throw new Error(`${path}: <${relative(iri)}> has no French label`);
      const path_ = relative(iri);
      return { iri: path_, key: path_.slice(path_.lastIndexOf('/') + 1), label: { fr, en: labels?.get('en') ?? fr } };
    });

  const components = axes('Component');
  const angles = axes('GovernanceAngle');
  const scaleIris = new Set(ofType('Scale').map(relative));
  const atlases = ofType('Atlas').map(relative);
  const scales = { general: 'id/scale/general', intermediate: 'id/scale/intermediate', detailed: 'id/scale/detailed' };
  for (const scale of Object.values(scales)) {
    if (!scaleIris.has(scale)) throw new Error(`${path}: the scale <${scale}> the generator uses is not declared`);
  }
  const atlasScheme = atlases[0];
  if (atlasScheme === undefined) throw new Error(`${path}: no citego:Atlas declared`);
  if (components.length === 0 || angles.length === 0) throw new Error(`${path}: the matrix needs components and angles`);
  return { text, triples: quads.length, atlasScheme, scales, components, angles };
}
