/**
 * Where the reference engine, rdf-validate-shacl 0.6, departs from the SHACL specification. The
 * specification decides: the compiled engine follows it, and a test that meets one of these
 * cases accepts a disagreement between the engines only when one of these entries explains it.
 * Each entry names the clause it breaks, what the reference engine does instead, and how to
 * recognise a result one engine reports and the other does not because of it.
 */
import { termKey, type Literal, type Quad, type Term } from '../../src/rdf/terms.js';
import { outcomeOf, type ValidationOutcome, type ValidationResult } from '../../src/validation/results.js';
import type { ShapesModel, ValueConstraint } from '../../src/validation/shapes-model.js';
import { codePointLength, compareLiterals, isWellFormed } from '../../src/validation/xsd.js';
import { resultKeys } from '../helpers.js';

const SH = 'http://www.w3.org/ns/shacl#';
const XSD = 'http://www.w3.org/2001/XMLSchema#';

/** A result that one engine reported and the other did not, with what is needed to explain it. */
export interface Disagreement {
  readonly reportedBy: 'compiled' | 'reference';
  readonly result: ValidationResult;
  /** The values of a property of the result's focus node in the data validated. */
  readonly valuesOf: (predicate: string) => readonly Term[];
  readonly shapes: ShapesModel;
}

export interface ReferenceDeviation {
  /** The clause of the specification (SHACL 1.0, W3C Recommendation 2017, and what it refers to). */
  readonly clause: string;
  /** What the reference engine does instead. */
  readonly reference: string;
  /** Whether this deviation accounts for the disagreement. */
  readonly explains: (d: Disagreement) => boolean;
}

const componentOf = (result: ValidationResult): string => result.component.slice(SH.length).replace(/ConstraintComponent$/, '');
const literal = (term: Term | undefined): Literal | undefined => (term?.termType === 'Literal' ? term : undefined);

/** The constraints of the property shape that raised a result, its qualified value shape's included. */
function constraintsOf(d: Disagreement): ValueConstraint[] {
  const shape = d.shapes.propertyShapes.get(d.result.sourceShape);
  return shape ? [...shape.valueConstraints, ...(shape.qualified?.shape.constraints ?? [])] : [];
}

const RANGE_COMPONENTS = ['MinInclusive', 'MaxInclusive', 'MinExclusive', 'MaxExclusive'];
const ORDER_COMPONENTS = ['LessThan', 'LessThanOrEquals'];
/** The components through which a value's own test surfaces: directly, or through a nested shape. */
const VALUE_COMPONENTS = ['Datatype', 'Pattern', 'Or', 'Not', 'Node', 'And', 'Xone'];

export const REFERENCE_DEVIATIONS = {
  'language-range': {
    clause: 'SHACL 4.4.4 sh:languageIn: a tag matches a range by the basic filtering of RFC 4647 (3.3.1): "fr" matches "fr" and "fr-CA", not "fra" or "frr"',
    reference: 'compares the start of the tag ("fra".startsWith("fr")), so @fra and @frr count as French',
    explains: (d) => {
      if (d.reportedBy !== 'compiled' || !['LanguageIn', 'QualifiedMinCount', 'QualifiedMaxCount'].includes(componentOf(d.result))) return false;
      const ranges = constraintsOf(d).flatMap((c) => (c.kind === 'languageIn' ? c.ranges : []));
      const tags = d.result.path ? d.valuesOf(d.result.path).flatMap((v) => (v.termType === 'Literal' ? [v.language] : [])) : [];
      return tags.some((tag) => ranges.some((r) => tag.startsWith(r) && tag !== r && !tag.startsWith(`${r}-`)));
    },
  },
  'xml-characters': {
    clause: 'SHACL 4.1.2 sh:datatype: a literal outside the lexical space of its datatype fails; an xsd:string holds only XML characters, which excludes NUL and most other C0 controls (XSD 1.1 Part 2, 3.3.1; XML 1.0, 2.2 Char)',
    reference: 'accepts any string as an xsd:string',
    explains: (d) => {
      const value = literal(d.result.value);
      return d.reportedBy === 'compiled' && VALUE_COMPONENTS.includes(componentOf(d.result)) && value?.datatype.value === `${XSD}string` && !isWellFormed(value);
    },
  },
  'decimal-lexical-space': {
    clause: 'SHACL 4.1.2 sh:datatype: a literal outside the lexical space of its datatype fails; xsd:decimal has one optional sign (XSD 1.1 Part 2, 3.3.3)',
    reference: 'accepts two signs in an xsd:decimal ("--8.7832")',
    explains: (d) => {
      const value = literal(d.result.value);
      return d.reportedBy === 'compiled' && VALUE_COMPONENTS.includes(componentOf(d.result)) && value?.datatype.value === `${XSD}decimal` &&
        /^[+-][+-](\d+\.?\d*|\.\d+)$/.test(value.value);
    },
  },
  'ill-formed-comparison': {
    clause: 'SHACL 4.3 (sh:minInclusive…) and 4.5.3, 4.5.4 (sh:lessThan, sh:lessThanOrEquals) compare with SPARQL\'s operators, for which an ill-formed literal is an error: the constraint fails',
    reference: 'compares what JavaScript reads in an ill-formed literal: "54,5260"^^xsd:decimal as 54, "1e2" as 100, a date that does not exist as the next month\'s, "n/a" as an invalid date that sh:lessThanOrEquals lets pass',
    explains: (d) => {
      if (d.reportedBy !== 'compiled') return false;
      const illFormed = (t: Term | undefined): boolean => t?.termType === 'Literal' && !isWellFormed(t);
      const component = componentOf(d.result);
      if (RANGE_COMPONENTS.includes(component)) return illFormed(d.result.value);
      if (!ORDER_COMPONENTS.includes(component)) return false;
      const shape = d.shapes.propertyShapes.get(d.result.sourceShape);
      const others = [...(shape?.lessThan ?? []), ...(shape?.lessThanOrEquals ?? [])];
      return illFormed(d.result.value) || others.some((p) => d.valuesOf(p).some(illFormed));
    },
  },
  'decimal-comparison': {
    clause: 'SHACL 4.3.2 and 4.3.4 (sh:minInclusive, sh:maxInclusive) compare as SPARQL\'s operators, which compare xsd:decimal values exactly (XPath op:numeric-less-than)',
    reference: 'compares floating-point numbers: 90.00000000000000001 is not above 90',
    explains: (d) => {
      const value = literal(d.result.value);
      const kind = componentOf(d.result);
      if (d.reportedBy !== 'compiled' || !value || !RANGE_COMPONENTS.includes(kind) || !isWellFormed(value)) return false;
      const bounds = constraintsOf(d).flatMap((c) => (c.kind === `${kind[0]!.toLowerCase()}${kind.slice(1)}` && 'bound' in c ? [c.bound] : []));
      return bounds.some((bound) => Math.sign(Number(value.value) - Number(bound.value)) !== compareLiterals(value, bound));
    },
  },
  'calendar-dates': {
    clause: 'SHACL 4.1.2 sh:datatype: a literal outside its datatype\'s lexical space fails; xsd:date and xsd:gYearMonth admit only real months and days (XSD 1.1 Part 2, 3.3.9, 3.3.14 and the day-of-month constraint of D.2.1)',
    reference: 'checks the form of dates only: "2013-02-30", "2017-02-29" and the month "2014-13" pass',
    explains: (d) => {
      const value = literal(d.result.value);
      return d.reportedBy === 'compiled' && VALUE_COMPONENTS.includes(componentOf(d.result)) && value !== undefined &&
        /^-?\d{4,}-\d{2}(-\d{2})?$/.test(value.value) && value.datatype.value.startsWith(XSD) && !isWellFormed(value);
    },
  },
  'xpath-regular-expressions': {
    clause: 'SHACL 4.4.3 sh:pattern uses the regular expressions of SPARQL REGEX, that is XPath fn:matches (XSD 1.1 Part 2, appendix G), where \\p{Cc} is a control character and \\p{Z} a separator',
    reference: 'reads the pattern as a JavaScript regular expression without the u flag, where \\p{Cc} is the letters "p{Cc}": control characters pass, and a text made only of the letters "p{Z}" fails',
    explains: (d) => {
      const value = literal(d.result.value)?.value;
      if (value === undefined || !VALUE_COMPONENTS.includes(componentOf(d.result))) return false;
      return d.reportedBy === 'compiled' ? /\p{Cc}/u.test(value) : /^[\sp{Z}]*$/.test(value) && /[p{Z}]/.test(value);
    },
  },
  'string-length': {
    clause: 'SHACL 4.4.1 and 4.4.2 (sh:minLength, sh:maxLength) count the characters of the string, as SPARQL STRLEN does (XPath fn:string-length counts code points)',
    reference: 'counts UTF-16 code units: a one-character name outside the Basic Multilingual Plane ("𠀀") has length 2',
    explains: (d) => {
      const value = literal(d.result.value)?.value;
      return d.reportedBy === 'compiled' && ['MinLength', 'MaxLength'].includes(componentOf(d.result)) &&
        value !== undefined && value.length !== codePointLength(value);
    },
  },
  'subclass-cycle': {
    clause: 'SHACL\'s definitions of SHACL subclass and SHACL instance follow rdfs:subClassOf transitively in the data graph, where RDF allows cycles (RDF Schema 1.1, 3.4: two classes may be subclasses of each other)',
    reference: 'walks rdfs:subClassOf recursively without remembering the classes it has seen: a cycle below a targeted class overflows the stack, and no report is made',
    // No result tells this one: the reference engine makes no report at all.
    explains: () => false,
  },
} satisfies Record<string, ReferenceDeviation>;

export type DeviationName = keyof typeof REFERENCE_DEVIATIONS;

export function isDeviationName(name: string): name is DeviationName {
  return Object.hasOwn(REFERENCE_DEVIATIONS, name);
}

/** A result as SHACL defines it, to match one engine's results with the other's. */
const keyOf = (r: ValidationResult): string => resultKeys(outcomeOf([r], 0, false))[0]!;

/** The values of each property of each node in the quads, for `compareEngines`. */
export function valuesIn(quads: readonly Quad[]): (node: Term, predicate: string) => readonly Term[] {
  const index = new Map<string, Term[]>();
  for (const q of quads) {
    const key = `${termKey(q.subject)} ${q.predicate.value}`;
    const list = index.get(key);
    if (list) list.push(q.object);
    else index.set(key, [q.object]);
  }
  return (node, predicate) => index.get(`${termKey(node)} ${predicate}`) ?? [];
}

export interface Comparison {
  /** Disagreements no known deviation explains: a bug in one engine or the other. */
  readonly unexplained: readonly string[];
  /** The deviations that explain the disagreements found. */
  readonly deviations: ReadonlySet<DeviationName>;
}

/**
 * Compares the compiled engine's outcome with the reference engine's, result for result;
 * `valuesOf` gives the values of a property of a node in the data both validated.
 */
export function compareEngines(compiled: ValidationOutcome, reference: ValidationOutcome, shapes: ShapesModel,
  valuesOf: (node: Term, predicate: string) => readonly Term[]): Comparison {
  const unexplained: string[] = [];
  const deviations = new Set<DeviationName>();
  const referenceKeys = new Set(reference.results.map(keyOf));
  const compiledKeys = new Set(compiled.results.map(keyOf));
  const sides = [['compiled', compiled.results, referenceKeys], ['reference', reference.results, compiledKeys]] as const;
  for (const [reportedBy, results, otherKeys] of sides) {
    for (const result of results) {
      if (otherKeys.has(keyOf(result))) continue;
      const disagreement: Disagreement = { reportedBy, result, shapes, valuesOf: (p) => valuesOf(result.focusNode, p) };
      const names = (Object.keys(REFERENCE_DEVIATIONS) as DeviationName[]).filter((n) => REFERENCE_DEVIATIONS[n].explains(disagreement));
      if (names.length === 0) unexplained.push(`only the ${reportedBy} engine: ${keyOf(result)}`);
      names.forEach((n) => deviations.add(n));
    }
  }
  return { unexplained, deviations };
}
