/**
 * SHACL shapes read into plain structures: what each node shape targets, and what each of its
 * constraints demands. The compiled validator executes this model; the report takes messages
 * and names from it. Anything of SHACL that the model does not represent is listed in
 * `unsupported`, so that a caller can fall back on the reference engine instead of silently
 * ignoring a rule.
 */
import { STANDARD_PREFIXES } from '../rdf/namespaces.js';
import type { Literal, Quad, Term } from '../rdf/terms.js';
import { termKey } from '../rdf/terms.js';
import { compileXPathRegex } from './xpath-regex.js';

const SH = STANDARD_PREFIXES.sh;
const RDF = STANDARD_PREFIXES.rdf;
const RDFS = STANDARD_PREFIXES.rdfs;
const OWL = STANDARD_PREFIXES.owl;

export type Severity = 'Violation' | 'Warning' | 'Info';
export type NodeKind = 'IRI' | 'BlankNode' | 'Literal' | 'BlankNodeOrIRI' | 'BlankNodeOrLiteral' | 'IRIOrLiteral';

/** Texts by language tag ('' for a text without one). */
export type LanguageTexts = Readonly<Record<string, string>>;

/** A constraint that looks at one value node alone. */
export type ValueConstraint =
  | { readonly kind: 'datatype'; readonly datatype: string }
  | { readonly kind: 'nodeKind'; readonly nodeKind: NodeKind }
  | { readonly kind: 'class'; readonly classIri: string }
  | { readonly kind: 'in'; readonly keys: ReadonlySet<string> }
  | { readonly kind: 'languageIn'; readonly ranges: readonly string[] }
  | { readonly kind: 'pattern'; readonly regex: RegExp }
  | { readonly kind: 'minLength' | 'maxLength'; readonly limit: number }
  | { readonly kind: 'minInclusive' | 'maxInclusive' | 'minExclusive' | 'maxExclusive'; readonly bound: Literal }
  | { readonly kind: 'or' | 'and' | 'xone'; readonly shapes: readonly ValueShape[] }
  | { readonly kind: 'not' | 'node'; readonly shape: ValueShape };

export type ValueConstraintKind = ValueConstraint['kind'];

/** A shape used only to test a value (inside sh:or, sh:not, sh:node, sh:qualifiedValueShape). */
export interface ValueShape {
  readonly id: string;
  readonly constraints: readonly ValueConstraint[];
  /** Property shapes under a value shape would need the value's own triples. */
  readonly hasPropertyShapes: boolean;
}

export interface PropertyShape {
  readonly id: string;
  readonly path: string;
  readonly names: LanguageTexts;
  readonly messages: LanguageTexts;
  readonly severity: Severity;
  readonly deactivated: boolean;
  readonly valueConstraints: readonly ValueConstraint[];
  readonly minCount?: number;
  readonly maxCount?: number;
  readonly uniqueLang: boolean;
  readonly hasValues: readonly Term[];
  readonly qualified?: { readonly shape: ValueShape; readonly min?: number; readonly max?: number };
  readonly equals: readonly string[];
  readonly disjoint: readonly string[];
  /** Predicates whose values every value of the path must be below (sh:lessThan) or not above. */
  readonly lessThan: readonly string[];
  readonly lessThanOrEquals: readonly string[];
}

export interface NodeShape {
  readonly id: string;
  readonly labels: LanguageTexts;
  readonly messages: LanguageTexts;
  readonly severity: Severity;
  readonly deactivated: boolean;
  readonly targetClasses: readonly string[];
  readonly targetNodes: readonly Term[];
  readonly targetSubjectsOf: readonly string[];
  readonly closed: boolean;
  /** Predicates allowed by a closed shape: its property paths and sh:ignoredProperties. */
  readonly allowedPredicates: ReadonlySet<string>;
  readonly valueConstraints: readonly ValueConstraint[];
  readonly properties: readonly PropertyShape[];
}

export interface ShapesModel {
  readonly nodeShapes: readonly NodeShape[];
  readonly propertyShapes: ReadonlyMap<string, PropertyShape>;
  /** SHACL features met in the shapes that this model does not represent, with where. */
  readonly unsupported: readonly string[];
}

/** The SHACL constraint component that reports a violation of each kind of constraint. */
export const COMPONENT_OF: Readonly<Record<ValueConstraintKind | 'minCount' | 'maxCount' | 'uniqueLang' | 'hasValue' |
  'qualifiedMinCount' | 'qualifiedMaxCount' | 'equals' | 'disjoint' | 'lessThan' | 'lessThanOrEquals' | 'closed', string>> = {
  datatype: `${SH}DatatypeConstraintComponent`,
  nodeKind: `${SH}NodeKindConstraintComponent`,
  class: `${SH}ClassConstraintComponent`,
  in: `${SH}InConstraintComponent`,
  languageIn: `${SH}LanguageInConstraintComponent`,
  pattern: `${SH}PatternConstraintComponent`,
  minLength: `${SH}MinLengthConstraintComponent`,
  maxLength: `${SH}MaxLengthConstraintComponent`,
  minInclusive: `${SH}MinInclusiveConstraintComponent`,
  maxInclusive: `${SH}MaxInclusiveConstraintComponent`,
  minExclusive: `${SH}MinExclusiveConstraintComponent`,
  maxExclusive: `${SH}MaxExclusiveConstraintComponent`,
  or: `${SH}OrConstraintComponent`,
  and: `${SH}AndConstraintComponent`,
  xone: `${SH}XoneConstraintComponent`,
  not: `${SH}NotConstraintComponent`,
  node: `${SH}NodeConstraintComponent`,
  minCount: `${SH}MinCountConstraintComponent`,
  maxCount: `${SH}MaxCountConstraintComponent`,
  uniqueLang: `${SH}UniqueLangConstraintComponent`,
  hasValue: `${SH}HasValueConstraintComponent`,
  qualifiedMinCount: `${SH}QualifiedMinCountConstraintComponent`,
  qualifiedMaxCount: `${SH}QualifiedMaxCountConstraintComponent`,
  equals: `${SH}EqualsConstraintComponent`,
  disjoint: `${SH}DisjointConstraintComponent`,
  lessThan: `${SH}LessThanConstraintComponent`,
  lessThanOrEquals: `${SH}LessThanOrEqualsConstraintComponent`,
  closed: `${SH}ClosedConstraintComponent`,
};

/** Parameters the model understands; any other sh: parameter on a shape is reported unsupported. */
const KNOWN_PARAMETERS = new Set([
  'targetClass', 'targetNode', 'targetSubjectsOf', 'property', 'path', 'name', 'description', 'message',
  'severity', 'deactivated', 'closed', 'ignoredProperties', 'datatype', 'nodeKind', 'class', 'in',
  'languageIn', 'pattern', 'flags', 'minLength', 'maxLength', 'minInclusive', 'maxInclusive',
  'minExclusive', 'maxExclusive', 'or', 'and', 'xone', 'not', 'node', 'minCount', 'maxCount',
  'uniqueLang', 'hasValue', 'qualifiedValueShape', 'qualifiedMinCount', 'qualifiedMaxCount',
  'equals', 'disjoint', 'lessThan', 'lessThanOrEquals', 'order', 'group', 'defaultValue',
].map((local) => `${SH}${local}`));

const PROPERTY_ONLY_PARAMETERS = [
  'minCount', 'maxCount', 'uniqueLang', 'hasValue', 'qualifiedValueShape', 'equals', 'disjoint', 'lessThan', 'lessThanOrEquals',
];

/** A tiny index over the shapes graph, which is small enough to hold whole. */
class ShapesGraph {
  private readonly bySubject = new Map<string, Quad[]>();

  constructor(quads: Iterable<Quad>) {
    for (const quad of quads) {
      const key = termKey(quad.subject);
      const list = this.bySubject.get(key);
      if (list) list.push(quad);
      else this.bySubject.set(key, [quad]);
    }
  }

  objects(subject: Term, predicate: string): Term[] {
    return (this.bySubject.get(termKey(subject)) ?? []).filter((q) => q.predicate.value === predicate).map((q) => q.object);
  }

  object(subject: Term, predicate: string): Term | undefined {
    return this.objects(subject, predicate)[0];
  }

  predicates(subject: Term): string[] {
    return (this.bySubject.get(termKey(subject)) ?? []).map((q) => q.predicate.value);
  }

  subjectsWith(predicate: string, object?: string): Term[] {
    const found: Term[] = [];
    for (const quads of this.bySubject.values()) {
      const match = quads.find((q) => q.predicate.value === predicate && (object === undefined || q.object.value === object));
      if (match) found.push(match.subject);
    }
    return found;
  }

  list(head: Term): Term[] {
    const items: Term[] = [];
    let node: Term | undefined = head;
    const seen = new Set<string>();
    while (node && !(node.termType === 'NamedNode' && node.value === `${RDF}nil`)) {
      const key = termKey(node);
      if (seen.has(key)) break;
      seen.add(key);
      const first = this.object(node, `${RDF}first`);
      if (first) items.push(first);
      node = this.object(node, `${RDF}rest`);
    }
    return items;
  }
}

export function readShapes(quads: Iterable<Quad>): ShapesModel {
  return new ShapesReader(new ShapesGraph(quads)).read();
}

class ShapesReader {
  private readonly unsupported: string[] = [];
  private readonly propertyShapes = new Map<string, PropertyShape>();
  private readonly valueShapes = new Map<string, ValueShape>();

  constructor(private readonly graph: ShapesGraph) {}

  read(): ShapesModel {
    const g = this.graph;
    const candidates = new Map<string, Term>();
    for (const subject of [
      ...g.subjectsWith(`${RDF}type`, `${SH}NodeShape`),
      ...g.subjectsWith(`${SH}targetClass`),
      ...g.subjectsWith(`${SH}targetNode`),
      ...g.subjectsWith(`${SH}targetSubjectsOf`),
    ]) candidates.set(termKey(subject), subject);
    for (const predicate of [`${SH}targetObjectsOf`, `${SH}target`]) {
      for (const subject of g.subjectsWith(predicate)) this.unsupported.push(`${predicate} on ${termKey(subject)}`);
    }
    for (const subject of g.subjectsWith(`${RDF}type`, `${SH}NodeShape`)) {
      const types = g.objects(subject, `${RDF}type`).map((t) => t.value);
      if (types.includes(`${RDFS}Class`) || types.includes(`${OWL}Class`)) {
        this.unsupported.push(`implicit class target on ${termKey(subject)}`);
      }
    }
    const nodeShapes: NodeShape[] = [];
    for (const subject of candidates.values()) {
      // A property shape with its own target is validated like a node shape with that one property.
      if (g.object(subject, `${SH}path`)) {
        nodeShapes.push(this.wrapTargetedPropertyShape(subject));
      } else {
        nodeShapes.push(this.readNodeShape(subject));
      }
    }
    return { nodeShapes, propertyShapes: this.propertyShapes, unsupported: this.unsupported };
  }

  private readNodeShape(subject: Term): NodeShape {
    const g = this.graph;
    this.checkParameters(subject);
    this.checkPropertyOnlyParameters(subject);
    const properties = g.objects(subject, `${SH}property`).map((p) => this.readPropertyShape(p));
    const ignored = g.object(subject, `${SH}ignoredProperties`);
    const allowed = new Set<string>(properties.map((p) => p.path));
    if (ignored) for (const item of g.list(ignored)) allowed.add(item.value);
    return {
      id: termKey(subject),
      labels: this.texts(subject, `${RDFS}label`),
      messages: this.texts(subject, `${SH}message`),
      severity: this.severity(subject),
      deactivated: this.isTrue(subject, `${SH}deactivated`),
      targetClasses: g.objects(subject, `${SH}targetClass`).map((t) => t.value),
      targetNodes: g.objects(subject, `${SH}targetNode`),
      targetSubjectsOf: g.objects(subject, `${SH}targetSubjectsOf`).map((t) => t.value),
      closed: this.isTrue(subject, `${SH}closed`),
      allowedPredicates: allowed,
      valueConstraints: this.readValueConstraints(subject),
      properties,
    };
  }

  private wrapTargetedPropertyShape(subject: Term): NodeShape {
    const g = this.graph;
    const property = this.readPropertyShape(subject);
    return {
      id: `${termKey(subject)}#target`,
      labels: {},
      messages: property.messages,
      severity: property.severity,
      deactivated: property.deactivated,
      targetClasses: g.objects(subject, `${SH}targetClass`).map((t) => t.value),
      targetNodes: g.objects(subject, `${SH}targetNode`),
      targetSubjectsOf: g.objects(subject, `${SH}targetSubjectsOf`).map((t) => t.value),
      closed: false,
      allowedPredicates: new Set(),
      valueConstraints: [],
      properties: [property],
    };
  }

  private readPropertyShape(subject: Term): PropertyShape {
    const key = termKey(subject);
    const known = this.propertyShapes.get(key);
    if (known) return known;
    const g = this.graph;
    this.checkParameters(subject);
    const path = g.object(subject, `${SH}path`);
    if (!path || path.termType !== 'NamedNode') {
      this.unsupported.push(`a path that is not a single predicate on ${key}`);
    }
    const qualifiedShape = g.object(subject, `${SH}qualifiedValueShape`);
    const qualifiedMin = this.integer(subject, `${SH}qualifiedMinCount`);
    const qualifiedMax = this.integer(subject, `${SH}qualifiedMaxCount`);
    if (this.isTrue(subject, `${SH}qualifiedValueShapesDisjoint`)) {
      this.unsupported.push(`sh:qualifiedValueShapesDisjoint on ${key}`);
    }
    const shape: PropertyShape = {
      id: key,
      path: path?.value ?? '',
      names: this.texts(subject, `${SH}name`),
      messages: this.texts(subject, `${SH}message`),
      severity: this.severity(subject),
      deactivated: this.isTrue(subject, `${SH}deactivated`),
      valueConstraints: this.readValueConstraints(subject),
      minCount: this.integer(subject, `${SH}minCount`),
      maxCount: this.integer(subject, `${SH}maxCount`),
      uniqueLang: this.isTrue(subject, `${SH}uniqueLang`),
      hasValues: g.objects(subject, `${SH}hasValue`),
      qualified: qualifiedShape ? { shape: this.readValueShape(qualifiedShape), min: qualifiedMin, max: qualifiedMax } : undefined,
      equals: g.objects(subject, `${SH}equals`).map((t) => t.value),
      disjoint: g.objects(subject, `${SH}disjoint`).map((t) => t.value),
      lessThan: g.objects(subject, `${SH}lessThan`).map((t) => t.value),
      lessThanOrEquals: g.objects(subject, `${SH}lessThanOrEquals`).map((t) => t.value),
    };
    this.propertyShapes.set(key, shape);
    return shape;
  }

  private readValueShape(subject: Term): ValueShape {
    const key = termKey(subject);
    const known = this.valueShapes.get(key);
    if (known) return known;
    this.checkParameters(subject);
    this.checkPropertyOnlyParameters(subject);
    const hasPropertyShapes = this.graph.objects(subject, `${SH}property`).length > 0;
    if (hasPropertyShapes) this.unsupported.push(`property shapes inside the value shape ${key}`);
    if (this.graph.object(subject, `${SH}closed`)) this.unsupported.push(`sh:closed inside the value shape ${key}`);
    // Registered before its constraints are read, so that a shape referring to itself terminates.
    const shape: { id: string; constraints: ValueConstraint[]; hasPropertyShapes: boolean } = { id: key, constraints: [], hasPropertyShapes };
    this.valueShapes.set(key, shape);
    shape.constraints.push(...this.readValueConstraints(subject));
    return shape;
  }

  private readValueConstraints(subject: Term): ValueConstraint[] {
    const g = this.graph;
    const constraints: ValueConstraint[] = [];
    for (const t of g.objects(subject, `${SH}datatype`)) constraints.push({ kind: 'datatype', datatype: t.value });
    for (const t of g.objects(subject, `${SH}nodeKind`)) constraints.push({ kind: 'nodeKind', nodeKind: t.value.slice(SH.length) as NodeKind });
    for (const t of g.objects(subject, `${SH}class`)) constraints.push({ kind: 'class', classIri: t.value });
    for (const t of g.objects(subject, `${SH}in`)) constraints.push({ kind: 'in', keys: new Set(g.list(t).map(termKey)) });
    for (const t of g.objects(subject, `${SH}languageIn`)) {
      constraints.push({ kind: 'languageIn', ranges: g.list(t).map((item) => item.value.toLowerCase()) });
    }
    // Patterns are XPath's regular expressions (SHACL 4.4.3), translated into JavaScript ones.
    const flags = g.object(subject, `${SH}flags`)?.value;
    for (const t of g.objects(subject, `${SH}pattern`)) {
      try {
        constraints.push({ kind: 'pattern', regex: compileXPathRegex(t.value, flags) });
      } catch (error) {
        this.unsupported.push(`sh:pattern on ${termKey(subject)}: ${(error as Error).message}`);
      }
    }
    for (const kind of ['minLength', 'maxLength'] as const) {
      const limit = this.integer(subject, `${SH}${kind}`);
      if (limit !== undefined) constraints.push({ kind, limit });
    }
    for (const kind of ['minInclusive', 'maxInclusive', 'minExclusive', 'maxExclusive'] as const) {
      for (const t of g.objects(subject, `${SH}${kind}`)) {
        if (t.termType === 'Literal') constraints.push({ kind, bound: t });
        else this.unsupported.push(`a non-literal sh:${kind} on ${termKey(subject)}`);
      }
    }
    for (const kind of ['or', 'and', 'xone'] as const) {
      for (const t of g.objects(subject, `${SH}${kind}`)) {
        constraints.push({ kind, shapes: g.list(t).map((item) => this.readValueShape(item)) });
      }
    }
    for (const kind of ['not', 'node'] as const) {
      for (const t of g.objects(subject, `${SH}${kind}`)) constraints.push({ kind, shape: this.readValueShape(t) });
    }
    return constraints;
  }

  private checkParameters(subject: Term): void {
    for (const predicate of this.graph.predicates(subject)) {
      if (predicate.startsWith(SH) && !KNOWN_PARAMETERS.has(predicate) &&
        predicate !== `${SH}qualifiedValueShapesDisjoint`) {
        this.unsupported.push(`${predicate.replace(SH, 'sh:')} on ${termKey(subject)}`);
      }
    }
  }

  /** The model reads these only on property shapes: on any other shape they would be ignored. */
  private checkPropertyOnlyParameters(subject: Term): void {
    for (const local of PROPERTY_ONLY_PARAMETERS) {
      if (this.graph.object(subject, `${SH}${local}`)) this.unsupported.push(`sh:${local} on ${termKey(subject)}, which has no sh:path`);
    }
  }

  private texts(subject: Term, predicate: string): LanguageTexts {
    const texts: Record<string, string> = {};
    for (const t of this.graph.objects(subject, predicate)) {
      if (t.termType === 'Literal') texts[t.language] = t.value;
    }
    return texts;
  }

  private severity(subject: Term): Severity {
    const value = this.graph.object(subject, `${SH}severity`)?.value;
    if (value === `${SH}Warning`) return 'Warning';
    if (value === `${SH}Info`) return 'Info';
    return 'Violation';
  }

  private isTrue(subject: Term, predicate: string): boolean {
    const value = this.graph.object(subject, predicate);
    return value?.termType === 'Literal' && value.value === 'true';
  }

  private integer(subject: Term, predicate: string): number | undefined {
    const value = this.graph.object(subject, predicate);
    return value === undefined ? undefined : Number(value.value);
  }
}

/** The IRIs of the classes a model refers to: targets and sh:class, at any depth. */
export function classesUsedBy(model: ShapesModel): Set<string> {
  const classes = new Set<string>();
  const seen = new Set<ValueShape>();
  const visit = (constraints: readonly ValueConstraint[]): void => {
    for (const c of constraints) {
      if (c.kind === 'class') classes.add(c.classIri);
      else if (c.kind === 'or' || c.kind === 'and' || c.kind === 'xone') c.shapes.forEach(visitShape);
      else if (c.kind === 'not' || c.kind === 'node') visitShape(c.shape);
    }
  };
  const visitShape = (shape: ValueShape): void => {
    if (seen.has(shape)) return;
    seen.add(shape);
    visit(shape.constraints);
  };
  for (const shape of model.nodeShapes) {
    shape.targetClasses.forEach((c) => classes.add(c));
    visit(shape.valueConstraints);
    for (const property of shape.properties) {
      visit(property.valueConstraints);
      if (property.qualified) visitShape(property.qualified.shape);
    }
  }
  return classes;
}

