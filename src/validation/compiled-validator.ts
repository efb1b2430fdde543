/**
 * SHACL validation compiled to code and run over a stream of quads, resource by resource.
 *
 * Why not the reference engine: rdf-validate-shacl and shacl-engine hold the whole data graph
 * as RDF/JS datasets and ran out of a 4 GB heap on 400k triples. Here the quads pass once;
 * what stays in memory is one resource's description at a time, a compact index of which node
 * has which of the classes the shapes care about, and the results.
 *
 * How: consecutive quads with the same subject form a block, which holds the focus node's whole
 * description in data grouped by subject (as Turtle normally is). A subject met again later is
 * "split": its earlier verdicts are withdrawn and it is validated in a second pass that gathers
 * its scattered triples, so the verdict never depends on the order of the input. A sh:class
 * check on a value whose type is not known yet waits until the index is complete.
 *
 * Its verdicts are tested against rdf-validate-shacl's on every fixture and on generated data.
 */
import { RDF_TYPE, RDFS_SUBCLASS_OF, RDF_LANG_STRING } from '../rdf/namespaces.js';
import type { QuadBatch } from '../rdf/parse.js';
import type { BlankNode, Literal, NamedNode, Quad, Term } from '../rdf/terms.js';
import { termKey } from '../rdf/terms.js';
import { outcomeOf, type SourceLocation, type ValidationOutcome, type ValidationResult } from './results.js';
import {
  classesUsedBy, COMPONENT_OF, type NodeShape, type PropertyShape, type Severity, type ShapesModel,
  type ValueConstraint, type ValueShape,
} from './shapes-model.js';
import { compareLiterals, isWellFormed } from './xsd.js';

/** A source of quads that can be read more than once (the second pass reads it again). */
export interface QuadSource {
  readonly name: string;
  read(onBatch: (batch: QuadBatch) => void): Promise<void>;
}

export class UnsupportedShapesError extends Error {
  constructor(readonly features: readonly string[]) {
    super(`the compiled validator cannot run these shapes: ${features.join('; ')}`);
    this.name = 'UnsupportedShapesError';
  }
}

export interface ValidateOptions {
  /** Stop after this many results (memory stays bounded on a badly broken input). */
  maxResults?: number;
}

type TermTest = (term: Term) => boolean;

interface CompiledCheck {
  readonly component: string;
  readonly test: TermTest;
}

interface CompiledProperty {
  readonly shape: PropertyShape;
  readonly slot: number;
  readonly checks: readonly CompiledCheck[];
  readonly classBits: readonly number[];
  readonly qualifiedTest?: TermTest;
}

interface CompiledNodeShape {
  readonly shape: NodeShape;
  readonly targetBits: number;
  readonly targetNodeKeys: ReadonlySet<string>;
  readonly targetSubjectsOf: ReadonlySet<string>;
  readonly focusChecks: readonly CompiledCheck[];
  readonly focusClassBits: readonly number[];
  readonly properties: readonly CompiledProperty[];
  readonly propertiesByPredicate: ReadonlyMap<string, readonly CompiledProperty[]>;
}

/** A sh:class check that waits for the type index to be complete. */
interface PendingClassCheck {
  readonly focusKey: string;
  readonly valueKey: string;
  readonly bit: number;
  readonly result: ValidationResult;
}

interface Block {
  key: string;
  subject: NamedNode | BlankNode;
  predicates: string[];
  objects: Term[];
  location: SourceLocation;
}

const SEEN_AS_SUBJECT = 1;
/** Bit 0 marks subjects already met; the 30 bits above it stand for the classes shapes use. */
const MAX_CLASSES = 30;
const DEFAULT_MAX_RESULTS = 100_000;

class ResultLimitReached extends Error {}

export class CompiledValidator {
  private readonly classBit = new Map<string, number>();
  private readonly superclasses = new Map<string, Set<string>>();
  private readonly bitsOfType = new Map<string, number>();
  private readonly nodeShapes: CompiledNodeShape[];
  private readonly maxSlots: number;

  private constructor(private readonly model: ShapesModel, schema: Iterable<Quad>) {
    const problems = [...model.unsupported];
    const classes = [...classesUsedBy(model)];
    if (classes.length > MAX_CLASSES) problems.push(`more than ${MAX_CLASSES} classes in targets and sh:class`);
    classes.forEach((iri, i) => this.classBit.set(iri, 1 << (i + 1)));
    for (const quad of schema) {
      if (quad.predicate.value === RDFS_SUBCLASS_OF) this.addSubclassAxiom(quad.subject.value, quad.object.value);
    }
    this.nodeShapes = model.nodeShapes.filter((s) => !s.deactivated).map((s) => this.compileNodeShape(s, problems));
    if (problems.length > 0) throw new UnsupportedShapesError(problems);
    this.maxSlots = Math.max(1, ...this.nodeShapes.map((s) => s.properties.length));
  }

  /**
   * Compiles the shapes. `schema` holds the class hierarchy (rdfs:subClassOf) that targets and
   * sh:class follow: the ontology. Throws UnsupportedShapesError for SHACL it cannot run.
   */
  static compile(model: ShapesModel, schema: Iterable<Quad>): CompiledValidator {
    return new CompiledValidator(model, schema);
  }

  async validate(sources: readonly QuadSource[], options: ValidateOptions = {}): Promise<ValidationOutcome> {
    for (;;) {
      const run = new ValidationRun(this, options.maxResults ?? DEFAULT_MAX_RESULTS);
      const outcome = await run.execute(sources);
      // Class axioms met in the data change which nodes the shapes target: validate again with
      // them. The next run knows them all, so this loops at most once more.
      if (!run.hierarchyChanged) return outcome;
    }
  }

  // ---- used by ValidationRun -------------------------------------------------------------

  /** Records an rdfs:subClassOf axiom; true when it changes what the shapes see. */
  addSubclassAxiom(subclass: string, superclass: string): boolean {
    const known = this.superclasses.get(subclass);
    if (known?.has(superclass)) return false;
    if (known) known.add(superclass);
    else this.superclasses.set(subclass, new Set([superclass]));
    const changes = this.bitsOfType.size > 0 && this.closureBits(superclass) !== 0;
    this.bitsOfType.clear();
    return changes;
  }

  /** The class bits of an instance of `type`: the bits of every class it is a subclass of. */
  typeBits(type: string): number {
    let bits = this.bitsOfType.get(type);
    if (bits === undefined) {
      bits = this.closureBits(type);
      this.bitsOfType.set(type, bits);
    }
    return bits;
  }

  get compiledShapes(): readonly CompiledNodeShape[] {
    return this.nodeShapes;
  }

  get slots(): number {
    return this.maxSlots;
  }

  private closureBits(type: string): number {
    let bits = 0;
    const seen = new Set<string>();
    const stack = [type];
    while (stack.length > 0) {
      const current = stack.pop()!;
      if (seen.has(current)) continue;
      seen.add(current);
      bits |= this.classBit.get(current) ?? 0;
      for (const parent of this.superclasses.get(current) ?? []) stack.push(parent);
    }
    return bits;
  }

  // ---- compilation -----------------------------------------------------------------------

  private compileNodeShape(shape: NodeShape, problems: string[]): CompiledNodeShape {
    const focus = this.compileChecks(shape.valueConstraints, `${shape.id}`, problems, true);
    const properties = shape.properties.filter((p) => !p.deactivated).map((p, slot): CompiledProperty => {
      const compiled = this.compileChecks(p.valueConstraints, p.id, problems, true);
      return {
        shape: p,
        slot,
        checks: compiled.checks,
        classBits: compiled.classBits,
        qualifiedTest: p.qualified ? this.compileValueShape(p.qualified.shape, problems) : undefined,
      };
    });
    const byPredicate = new Map<string, CompiledProperty[]>();
    for (const p of properties) {
      const list = byPredicate.get(p.shape.path);
      if (list) list.push(p);
      else byPredicate.set(p.shape.path, [p]);
    }
    let targetBits = 0;
    for (const c of shape.targetClasses) targetBits |= this.classBit.get(c) ?? 0;
    return {
      shape,
      targetBits,
      targetNodeKeys: new Set(shape.targetNodes.map(termKey)),
      targetSubjectsOf: new Set(shape.targetSubjectsOf),
      focusChecks: focus.checks,
      focusClassBits: focus.classBits,
      properties,
      propertiesByPredicate: byPredicate,
    };
  }

  private compileChecks(constraints: readonly ValueConstraint[], where: string, problems: string[], allowClass: boolean):
    { checks: CompiledCheck[]; classBits: number[] } {
    const checks: CompiledCheck[] = [];
    const classBits: number[] = [];
    for (const c of constraints) {
      if (c.kind === 'class') {
        if (allowClass) classBits.push(this.classBit.get(c.classIri)!);
        else problems.push(`sh:class inside a nested shape (${where})`);
        continue;
      }
      checks.push({ component: COMPONENT_OF[c.kind], test: this.compileConstraint(c, where, problems) });
    }
    return { checks, classBits };
  }

  private compileConstraint(c: Exclude<ValueConstraint, { kind: 'class' }>, where: string, problems: string[]): TermTest {
    switch (c.kind) {
      case 'datatype': {
        const datatype = c.datatype;
        if (datatype === RDF_LANG_STRING) return (t) => t.termType === 'Literal' && t.language !== '';
        return (t) => t.termType === 'Literal' && t.datatype.value === datatype && t.language === '' && isWellFormed(t);
      }
      case 'nodeKind': {
        const allowed = new Set<Term['termType']>();
        if (c.nodeKind.includes('IRI')) allowed.add('NamedNode');
        if (c.nodeKind.includes('BlankNode')) allowed.add('BlankNode');
        if (c.nodeKind.includes('Literal')) allowed.add('Literal');
        return (t) => allowed.has(t.termType);
      }
      case 'in': {
        const keys = c.keys;
        return (t) => keys.has(termKey(t));
      }
      case 'languageIn': {
        const ranges = c.ranges;
        return (t) => t.termType === 'Literal' && t.language !== '' &&
          ranges.some((r) => r === '*' || t.language === r || t.language.startsWith(`${r}-`));
      }
      case 'pattern': {
        const regex = c.regex;
        return (t) => t.termType !== 'BlankNode' && regex.test(t.value);
      }
      case 'minLength': {
        const limit = c.limit;
        return (t) => t.termType !== 'BlankNode' && t.value.length >= limit;
      }
      case 'maxLength': {
        const limit = c.limit;
        return (t) => t.termType !== 'BlankNode' && t.value.length <= limit;
      }
      case 'minInclusive': return rangeTest(c.bound, (cmp) => cmp >= 0);
      case 'maxInclusive': return rangeTest(c.bound, (cmp) => cmp <= 0);
      case 'minExclusive': return rangeTest(c.bound, (cmp) => cmp > 0);
      case 'maxExclusive': return rangeTest(c.bound, (cmp) => cmp < 0);
      case 'or': {
        const tests = c.shapes.map((s) => this.compileValueShape(s, problems));
        return (t) => tests.some((test) => test(t));
      }
      case 'and': {
        const tests = c.shapes.map((s) => this.compileValueShape(s, problems));
        return (t) => tests.every((test) => test(t));
      }
      case 'xone': {
        const tests = c.shapes.map((s) => this.compileValueShape(s, problems));
        return (t) => tests.filter((test) => test(t)).length === 1;
      }
      case 'not': {
        const test = this.compileValueShape(c.shape, problems);
        return (t) => !test(t);
      }
      case 'node': return this.compileValueShape(c.shape, problems);
      default:
        problems.push(`unknown constraint in ${where}`);
        return () => true;
    }
  }

  private readonly valueShapeTests = new Map<ValueShape, TermTest>();

  private compileValueShape(shape: ValueShape, problems: string[]): TermTest {
    const known = this.valueShapeTests.get(shape);
    if (known) return known;
    // A recursive shape refers to itself through this indirection until it is compiled.
    let compiled: TermTest = () => true;
    this.valueShapeTests.set(shape, (t) => compiled(t));
    const { checks } = this.compileChecks(shape.constraints, shape.id, problems, false);
    compiled = (t) => checks.every((check) => check.test(t));
    return compiled;
  }
}

function rangeTest(bound: Literal, accept: (comparison: number) => boolean): TermTest {
  return (t) => {
    if (t.termType !== 'Literal') return false;
    const comparison = compareLiterals(t, bound);
    return comparison !== undefined && accept(comparison);
  };
}

/** One validation over the sources: the state of the passes and the results found. */
class ValidationRun {
  hierarchyChanged = false;
  private readonly nodeInfo = new Map<string, number>();
  private readonly split = new Set<string>();
  private readonly resultsByFocus = new Map<string, ValidationResult[]>();
  private readonly pending: PendingClassCheck[] = [];
  private readonly counts: Int32Array;
  private readonly qualifiedCounts: Int32Array;
  private resultCount = 0;
  private triples = 0;
  private typeIndexComplete = false;
  private block: Block | undefined;
  /** The node shape being evaluated, named in each result. */
  private nodeShape = '';

  constructor(private readonly validator: CompiledValidator, private readonly maxResults: number) {
    this.counts = new Int32Array(validator.slots);
    this.qualifiedCounts = new Int32Array(validator.slots);
  }

  async execute(sources: readonly QuadSource[]): Promise<ValidationOutcome> {
    let truncated = false;
    try {
      for (const source of sources) {
        await source.read((batch) => this.firstPass(batch, source.name));
        this.closeBlock();
      }
      if (this.hierarchyChanged) return outcomeOf([], this.triples, false);
      this.typeIndexComplete = true;
      if (this.split.size > 0) await this.secondPass(sources);
      this.resolvePendingClassChecks();
      this.validateTargetNodesWithoutTriples();
    } catch (error) {
      if (!(error instanceof ResultLimitReached)) throw error;
      truncated = true;
    }
    return outcomeOf([...this.resultsByFocus.values()].flat(), this.triples, truncated);
  }

  private firstPass(batch: QuadBatch, sourceName: string): void {
    const { quads, lines } = batch;
    for (let i = 0; i < quads.length; i++) {
      const quad = quads[i]!;
      this.triples++;
      const subject = quad.subject;
      const key = subject.termType === 'NamedNode' ? subject.value : `_:${subject.value}`;
      let block = this.block;
      if (block === undefined || block.key !== key) {
        this.closeBlock();
        block = { key, subject, predicates: [], objects: [], location: { source: sourceName, line: lines[i] ?? 0 } };
        this.block = block;
      }
      block.predicates.push(quad.predicate.value);
      block.objects.push(quad.object);
      if (quad.predicate.value === RDFS_SUBCLASS_OF && quad.object.termType === 'NamedNode' &&
        this.validator.addSubclassAxiom(subject.value, quad.object.value)) {
        this.hierarchyChanged = true;
      }
    }
  }

  private closeBlock(): void {
    const block = this.block;
    if (!block) return;
    this.block = undefined;
    const typeBits = this.typeBitsOf(block);
    const info = this.nodeInfo.get(block.key) ?? 0;
    this.nodeInfo.set(block.key, info | SEEN_AS_SUBJECT | typeBits);
    if (info & SEEN_AS_SUBJECT) {
      // Met before: its first verdicts were made on part of its description.
      if (!this.split.has(block.key)) {
        this.split.add(block.key);
        this.withdraw(block.key);
      }
      return;
    }
    this.validateFocus(block, typeBits);
  }

  private typeBitsOf(block: Block): number {
    let bits = 0;
    for (let i = 0; i < block.predicates.length; i++) {
      const object = block.objects[i]!;
      if (block.predicates[i] === RDF_TYPE && object.termType === 'NamedNode') bits |= this.validator.typeBits(object.value);
    }
    return bits;
  }

  private withdraw(focusKey: string): void {
    const withdrawn = this.resultsByFocus.get(focusKey);
    if (withdrawn) {
      this.resultCount -= withdrawn.length;
      this.resultsByFocus.delete(focusKey);
    }
  }

  /** Reads the sources again, gathers the split subjects' triples, and validates them whole. */
  private async secondPass(sources: readonly QuadSource[]): Promise<void> {
    const gathered = new Map<string, Block>();
    for (const source of sources) {
      await source.read(({ quads, lines }) => {
        for (let i = 0; i < quads.length; i++) {
          const quad = quads[i]!;
          const key = termKey(quad.subject);
          if (!this.split.has(key)) continue;
          let block = gathered.get(key);
          if (!block) {
            block = { key, subject: quad.subject, predicates: [], objects: [], location: { source: source.name, line: lines[i] ?? 0 } };
            gathered.set(key, block);
          }
          block.predicates.push(quad.predicate.value);
          block.objects.push(quad.object);
        }
      });
    }
    for (const block of gathered.values()) this.validateFocus(block, this.nodeInfo.get(block.key)! & ~SEEN_AS_SUBJECT);
  }

  private resolvePendingClassChecks(): void {
    for (const check of this.pending) {
      if (this.split.has(check.focusKey)) continue;
      if (((this.nodeInfo.get(check.valueKey) ?? 0) & check.bit) === 0) this.record(check.focusKey, check.result);
    }
  }

  /** sh:targetNode names focus nodes that may have no triple at all: they are validated empty. */
  private validateTargetNodesWithoutTriples(): void {
    for (const compiled of this.validator.compiledShapes) {
      for (const node of compiled.shape.targetNodes) {
        const key = termKey(node);
        if (this.nodeInfo.has(key) || node.termType === 'Literal') continue;
        this.nodeInfo.set(key, SEEN_AS_SUBJECT);
        this.validateFocus({ key, subject: node, predicates: [], objects: [], location: { source: '', line: 0 } }, 0);
      }
    }
  }

  private validateFocus(block: Block, typeBits: number): void {
    for (const compiled of this.validator.compiledShapes) {
      if ((compiled.targetBits & typeBits) !== 0 || compiled.targetNodeKeys.has(block.key) ||
        (compiled.targetSubjectsOf.size > 0 && block.predicates.some((p) => compiled.targetSubjectsOf.has(p)))) {
        this.validateAgainst(compiled, block, typeBits);
      }
    }
  }

  private validateAgainst(compiled: CompiledNodeShape, block: Block, typeBits: number): void {
    const { shape } = compiled;
    const focus = block.subject;
    this.nodeShape = shape.id;
    for (const check of compiled.focusChecks) {
      if (!check.test(focus)) this.emit(block, shape.id, shape.severity, check.component, undefined, focus);
    }
    for (const bit of compiled.focusClassBits) {
      if ((typeBits & bit) === 0) this.emit(block, shape.id, shape.severity, COMPONENT_OF.class, undefined, focus);
    }
    if (shape.closed) {
      for (let i = 0; i < block.predicates.length; i++) {
        const predicate = block.predicates[i]!;
        if (!shape.allowedPredicates.has(predicate)) {
          this.emit(block, shape.id, shape.severity, COMPONENT_OF.closed, predicate, block.objects[i]);
        }
      }
    }
    if (compiled.properties.length === 0) return;

    const counts = this.counts;
    const qualified = this.qualifiedCounts;
    counts.fill(0);
    qualified.fill(0);
    let languages: Map<number, Map<string, number>> | undefined;
    for (let i = 0; i < block.predicates.length; i++) {
      const properties = compiled.propertiesByPredicate.get(block.predicates[i]!);
      if (!properties) continue;
      const value = block.objects[i]!;
      for (const property of properties) {
        counts[property.slot]!++;
        const p = property.shape;
        for (const check of property.checks) {
          if (!check.test(value)) this.emit(block, p.id, p.severity, check.component, p.path, value);
        }
        for (const bit of property.classBits) this.checkClass(block, p, value, bit);
        if (property.qualifiedTest?.(value)) qualified[property.slot]!++;
        if (p.uniqueLang && value.termType === 'Literal' && value.language !== '') {
          languages ??= new Map();
          let perLanguage = languages.get(property.slot);
          if (!perLanguage) languages.set(property.slot, (perLanguage = new Map()));
          perLanguage.set(value.language, (perLanguage.get(value.language) ?? 0) + 1);
        }
      }
    }
    for (const property of compiled.properties) {
      const p = property.shape;
      const count = counts[property.slot]!;
      if (p.minCount !== undefined && count < p.minCount) this.emit(block, p.id, p.severity, COMPONENT_OF.minCount, p.path);
      if (p.maxCount !== undefined && count > p.maxCount) this.emit(block, p.id, p.severity, COMPONENT_OF.maxCount, p.path);
      if (p.qualified) {
        const matching = qualified[property.slot]!;
        if (p.qualified.min !== undefined && matching < p.qualified.min) {
          this.emit(block, p.id, p.severity, COMPONENT_OF.qualifiedMinCount, p.path);
        }
        if (p.qualified.max !== undefined && matching > p.qualified.max) {
          this.emit(block, p.id, p.severity, COMPONENT_OF.qualifiedMaxCount, p.path);
        }
      }
      if (p.uniqueLang) {
        for (const n of languages?.get(property.slot)?.values() ?? []) {
          if (n > 1) this.emit(block, p.id, p.severity, COMPONENT_OF.uniqueLang, p.path);
        }
      }
      if (p.hasValues.length > 0 || p.equals.length > 0 || p.disjoint.length > 0) this.checkValueSets(block, p);
    }
  }

  /** sh:hasValue, sh:equals and sh:disjoint compare whole sets of values of the focus node. */
  private checkValueSets(block: Block, p: PropertyShape): void {
    const valuesOf = (predicate: string): Term[] => block.objects.filter((_, i) => block.predicates[i] === predicate);
    const values = valuesOf(p.path);
    const keys = new Set(values.map(termKey));
    for (const expected of p.hasValues) {
      if (!keys.has(termKey(expected))) this.emit(block, p.id, p.severity, COMPONENT_OF.hasValue, p.path);
    }
    for (const other of p.equals) {
      const otherValues = valuesOf(other);
      const otherKeys = new Set(otherValues.map(termKey));
      for (const v of values) if (!otherKeys.has(termKey(v))) this.emit(block, p.id, p.severity, COMPONENT_OF.equals, p.path, v);
      for (const v of otherValues) if (!keys.has(termKey(v))) this.emit(block, p.id, p.severity, COMPONENT_OF.equals, p.path, v);
    }
    for (const other of p.disjoint) {
      const otherKeys = new Set(valuesOf(other).map(termKey));
      for (const v of values) if (otherKeys.has(termKey(v))) this.emit(block, p.id, p.severity, COMPONENT_OF.disjoint, p.path, v);
    }
  }

  private checkClass(block: Block, p: PropertyShape, value: Term, bit: number): void {
    if (value.termType === 'Literal') {
      this.emit(block, p.id, p.severity, COMPONENT_OF.class, p.path, value);
      return;
    }
    const valueKey = value.termType === 'NamedNode' ? value.value : `_:${value.value}`;
    if (((this.nodeInfo.get(valueKey) ?? 0) & bit) !== 0) return;
    const result = this.result(block, p.id, p.severity, COMPONENT_OF.class, p.path, value);
    // Until every subject has been met, a missing type may still come.
    if (this.typeIndexComplete) this.record(block.key, result);
    else this.pending.push({ focusKey: block.key, valueKey, bit, result });
  }

  private result(block: Block, sourceShape: string, severity: Severity, component: string, path?: string, value?: Term): ValidationResult {
    return {
      focusNode: block.subject, path, value, sourceShape, component, severity, nodeShape: this.nodeShape,
      location: block.location.line || block.location.source ? block.location : undefined,
    };
  }

  private emit(block: Block, sourceShape: string, severity: Severity, component: string, path?: string, value?: Term): void {
    this.record(block.key, this.result(block, sourceShape, severity, component, path, value));
  }

  private record(focusKey: string, result: ValidationResult): void {
    if (this.resultCount >= this.maxResults) throw new ResultLimitReached();
    this.resultCount++;
    const list = this.resultsByFocus.get(focusKey);
    if (list) list.push(result);
    else this.resultsByFocus.set(focusKey, [result]);
  }
}
