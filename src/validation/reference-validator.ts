/**
 * The reference engine, rdf-validate-shacl, behind the same interface as the compiled one. It
 * holds the whole data graph in memory, so it serves small inputs: the tests that prove the
 * compiled validator's verdicts equal to it, and shapes the compiled validator cannot run.
 */
import datasetFactory from '@rdfjs/dataset';
import type * as RDF from '@rdfjs/types';
import SHACLValidator from 'rdf-validate-shacl';
import { fromRdfJsTerm, toRdfJsQuad } from '../rdf/rdfjs.js';
import type { Quad } from '../rdf/terms.js';
import type { QuadSource } from './compiled-validator.js';
import { outcomeOf, type ValidationOutcome, type ValidationResult } from './results.js';
import type { Severity } from './shapes-model.js';
import { STANDARD_PREFIXES } from '../rdf/namespaces.js';

function toDataset(quads: Iterable<Quad>): RDF.DatasetCore {
  const dataset = datasetFactory.dataset();
  for (const q of quads) dataset.add(toRdfJsQuad(q));
  return dataset;
}

const SEVERITY_BY_IRI: Record<string, Severity> = {
  [`${STANDARD_PREFIXES.sh}Violation`]: 'Violation',
  [`${STANDARD_PREFIXES.sh}Warning`]: 'Warning',
  [`${STANDARD_PREFIXES.sh}Info`]: 'Info',
};

/** The reference engine could not finish: the data is neither accepted nor refused. */
export class ReferenceEngineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReferenceEngineError';
  }
}

export class ReferenceValidator {
  private readonly engine: SHACLValidator;

  constructor(shapes: Iterable<Quad>) {
    this.engine = new SHACLValidator(toDataset(shapes));
  }

  async validate(sources: readonly QuadSource[]): Promise<ValidationOutcome> {
    const quads: Quad[] = [];
    for (const source of sources) await source.read((batch) => { for (const q of batch.quads) quads.push(q); });
    const report = await this.engine.validate(toDataset(quads)).catch((error: unknown) => {
      // rdf-validate-shacl follows rdfs:subClassOf recursively, without remembering where it has
      // been: a cycle of classes exhausts the stack.
      if (error instanceof RangeError) {
        throw new ReferenceEngineError('the reference engine (rdf-validate-shacl) ran out of stack, as it does on a cycle of ' +
          'rdfs:subClassOf (A subClassOf B, B subClassOf A): remove the cycle, or validate with the compiled engine, which follows it');
      }
      throw error;
    });
    const results: ValidationResult[] = report.results.map((r) => ({
      focusNode: fromRdfJsTerm(r.focusNode),
      path: r.path?.termType === 'NamedNode' ? r.path.value : undefined,
      value: r.value ? fromRdfJsTerm(r.value) : undefined,
      sourceShape: r.sourceShape.termType === 'BlankNode' ? `_:${r.sourceShape.value}` : r.sourceShape.value,
      component: r.sourceConstraintComponent.value,
      severity: SEVERITY_BY_IRI[r.severity.value] ?? 'Violation',
    }));
    return outcomeOf(results, quads.length, false);
  }
}
