/**
 * The gate between sources and store: the validation rules (shapes, and the ontology whose
 * class hierarchy they follow), the sources to validate, and the choice of engine.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { formatOfFile, isRdfFile, type ParsedMediaType } from '../rdf/formats.js';
import { chunksOf, parseRdfChunks, parseRdfFile } from '../rdf/parse.js';
import type { Quad } from '../rdf/terms.js';
import { CompiledValidator, UnsupportedShapesError, type QuadSource } from './compiled-validator.js';
import { withLinksOutsideTheBase } from './external-links.js';
import { ReferenceValidator } from './reference-validator.js';
import type { ValidationOutcome } from './results.js';
import { readShapes, type ShapesModel } from './shapes-model.js';

export interface ValidationRules {
  readonly baseIRI: string;
  readonly shapes: ShapesModel;
  readonly shapesQuads: readonly Quad[];
  readonly ontologyFiles: readonly string[];
  readonly ontologyQuads: readonly Quad[];
}

/** The RDF files of a directory, sorted so that every run reads them in the same order. */
export async function rdfFilesIn(dir: string): Promise<string[]> {
  const names = await readdir(dir);
  return names.filter(isRdfFile).sort().map((name) => join(dir, name));
}

async function readAll(files: readonly string[], baseIRI: string): Promise<Quad[]> {
  const quads: Quad[] = [];
  for (const file of files) await parseRdfFile(file, { baseIRI }, (batch) => { for (const q of batch.quads) quads.push(q); });
  return quads;
}

export async function loadValidationRules(options: { baseIRI: string; ontologyDir: string; shapesDir: string }): Promise<ValidationRules> {
  const ontologyFiles = await rdfFilesIn(options.ontologyDir);
  const shapesQuads = withLinksOutsideTheBase(await readAll(await rdfFilesIn(options.shapesDir), options.baseIRI), options.baseIRI);
  return {
    baseIRI: options.baseIRI,
    shapes: readShapes(shapesQuads),
    shapesQuads,
    ontologyFiles,
    ontologyQuads: await readAll(ontologyFiles, options.baseIRI),
  };
}

export function fileSource(file: string, baseIRI: string, onProgress?: (bytesRead: number) => void): QuadSource {
  const format = formatOfFile(file).mediaType;
  return {
    name: file,
    read: async (onBatch) => { await parseRdfFile(file, { baseIRI, format, onProgress }, onBatch); },
  };
}

export function bytesSource(name: string, bytes: Uint8Array, format: ParsedMediaType, baseIRI: string,
  onProgress?: (bytesRead: number) => void): QuadSource {
  return {
    name,
    read: async (onBatch) => { await parseRdfChunks(chunksOf(bytes), name, { baseIRI, format, onProgress, source: bytes }, onBatch); },
  };
}

export type EngineName = 'compiled' | 'reference';

export interface Gate {
  /** The engine in use: 'reference' when the shapes need SHACL the compiled engine lacks. */
  readonly engine: EngineName;
  /** Why the compiled engine could not be used, when it could not. */
  readonly fallbackReason?: string;
  /** Validates the data sources together with the ontology (SHACL reads class axioms from the data graph). */
  validate(dataSources: readonly QuadSource[], options?: { maxResults?: number }): Promise<ValidationOutcome>;
}

export function createGate(rules: ValidationRules, engine: EngineName | 'auto' = 'auto'): Gate {
  const ontologySources = rules.ontologyFiles.map((file) => fileSource(file, rules.baseIRI));
  if (engine !== 'reference') {
    try {
      const compiled = CompiledValidator.compile(rules.shapes, rules.ontologyQuads);
      return {
        engine: 'compiled',
        validate: (dataSources, options) => compiled.validate([...ontologySources, ...dataSources], options),
      };
    } catch (error) {
      if (!(error instanceof UnsupportedShapesError) || engine === 'compiled') throw error;
      return referenceGate(rules, ontologySources, error.message);
    }
  }
  return referenceGate(rules, ontologySources);
}

function referenceGate(rules: ValidationRules, ontologySources: QuadSource[], fallbackReason?: string): Gate {
  const reference = new ReferenceValidator(rules.shapesQuads);
  return {
    engine: 'reference',
    fallbackReason,
    validate: (dataSources) => reference.validate([...ontologySources, ...dataSources]),
  };
}
