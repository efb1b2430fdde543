/**
 * What a validation finds, in the vocabulary of a SHACL validation report, whichever engine
 * found it.
 */
import type { Term } from '../rdf/terms.js';
import type { Severity } from './shapes-model.js';

export interface SourceLocation {
  readonly source: string;
  /** 0 when the parser could not tell. */
  readonly line: number;
}

export interface ValidationResult {
  readonly focusNode: Term;
  /** The predicate at fault, for property constraints and closed shapes. */
  readonly path?: string;
  readonly value?: Term;
  /** The id (IRI, or `_:label`) of the shape whose constraint failed. */
  readonly sourceShape: string;
  /** The IRI of the SHACL constraint component, e.g. sh:MinCountConstraintComponent. */
  readonly component: string;
  /** The node shape that targeted the focus node, when the engine knows it. */
  readonly nodeShape?: string;
  readonly severity: Severity;
  /** Where the focus node's description starts in the sources, when the engine knows. */
  readonly location?: SourceLocation;
}

export interface ValidationOutcome {
  readonly results: readonly ValidationResult[];
  /** True when no result has the severity Violation: warnings and notes do not stop a build. */
  readonly conforms: boolean;
  readonly violations: number;
  readonly triples: number;
  /** True when validation stopped at the result limit: there may be more. */
  readonly truncated: boolean;
}

export function outcomeOf(results: readonly ValidationResult[], triples: number, truncated: boolean): ValidationOutcome {
  const violations = results.filter((r) => r.severity === 'Violation').length;
  return { results, conforms: violations === 0 && !truncated, violations, triples, truncated };
}
