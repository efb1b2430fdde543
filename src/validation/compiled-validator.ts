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
 * What SHACL's semantics ask of a stream: the data graph is a set, so a triple written twice
 * (in one file, in two, or in a file read twice) counts once; rdfs:subClassOf axioms in the
 * data count wherever they stand (a run whose axioms changed a type already met runs again,
 * knowing them all) and may name classes by blank nodes or form cycles.
 *
 * Its verdicts are tested against the specification on a corpus of damaged data, and against
 * rdf-validate-shacl's on every fixture and on randomly damaged data.
 */
import { RDF_TYPE, RDFS_SUBCLASS_OF, RDF_LANG_STRING } from '../rdf/namespaces.js';
import type { QuadBatch } from '../rdf/parse.js';
import type { BlankNode, Literal, NamedNode, Quad, Term } from '../rdf/terms.js';
import { termKey } from '../rdf/terms.js';
import { ClassHierarchy } from './class-hierarchy.js';
import { outcomeOf, type SourceLocation, type ValidationOutcome, type ValidationResult } from './results.js';
import {
  classesUsedBy, COMPONENT_OF, type NodeShape, type PropertyShape, type Severity, type ShapesModel,
  type ValueConstraint, type ValueShape,
} from './shapes-model.js';
import { codePointLength, compareLiterals, isWellFormed } from './xsd.js';

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

/**
 * A test of one term. `classBits` are the term's class bits when they are known for sure (for
 * the focus node, whose description is at hand); a sh:class nested in sh:or, sh:not… reads them.
 */
type TermTest = (term: Term, classBits: number) => boolean;

/** What a compiled test is applied to: the focus node, or the values of a property. */
type TestedTerms = 'focus' | 'values';

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
  /** The properties with a constraint on all their values together (counts, languages, pairs). */
  readonly propertiesOnAllValues: readonly CompiledProperty[];
  readonly propertiesByPredicate: ReadonlyMap<string, readonly CompiledProperty[]>;
}

/** A sh:class check that waits for the type index to be complete. */
interface PendingClassCheck {
  readonly focusKey: string;
  readonly valueKey: string;
  readonly bit: number;
  readonly result: ValidationResult;
}

/** A subject's description: its predicates (by their numbers in the run) and objects, side by side. */
interface Block {
  key: string;
  subject: NamedNode | BlankNode;
  ids: number[];
  objects: Term[];
  location: SourceLocation;
  /** The index of the source the block was read from. */
  sourceIndex: number;
}

/** What the shapes do with one predicate, looked up once per run rather than once per triple and shape. */
interface PredicateUse {
  readonly predicate: string;
  /** The shapes that target the subjects of this predicate, by index. */
  readonly targeting: readonly number[];
  /** For each shape, by index, its property shapes on this predicate. */
  readonly properties: readonly (readonly CompiledProperty[] | undefined)[];
}

const SEEN_AS_SUBJECT = 1;
/** Bit 0 marks subjects already met; the 30 bits above it stand for the classes shapes use. */
const MAX_CLASSES = 30;
const DEFAULT_MAX_RESULTS = 100_000;
/** Below this many triples a description is searched for duplicates pairwise, above it with a set. */
const PAIRWISE_DUPLICATE_SEARCH = 48;

class ResultLimitReached extends Error {}

export class CompiledValidator {
  private readonly classBit = new Map<string, number>();
  private readonly ontologyHierarchy = new ClassHierarchy();
  private readonly nodeShapes: CompiledNodeShape[];
  private readonly shapesBySubjectOf = new Map<string, number[]>();
  private readonly shapesByTypeBits = new Map<number, number[]>();
  private readonly targetNodeShapes: number[];
  private readonly maxSlots: number;

  private constructor(private readonly model: ShapesModel, schema: Iterable<Quad>) {
    const problems = [...model.unsupported];
    const classes = [...classesUsedBy(model)];
    if (classes.length > MAX_CLASSES) problems.push(`more than ${MAX_CLASSES} classes in targets and sh:class`);
    classes.forEach((iri, i) => this.classBit.set(iri, 1 << (i + 1)));
    for (const quad of schema) {
      if (quad.predicate.value === RDFS_SUBCLASS_OF && quad.object.termType !== 'Literal') {
        this.ontologyHierarchy.add(termKey(quad.subject), termKey(quad.object));
      }
    }
    this.nodeShapes = model.nodeShapes.filter((s) => !s.deactivated).map((s) => this.compileNodeShape(s, problems));
    if (problems.length > 0) throw new UnsupportedShapesError(problems);
    this.nodeShapes.forEach((shape, index) => {
      for (const predicate of shape.targetSubjectsOf) {
        const list = this.shapesBySubjectOf.get(predicate);
        if (list) list.push(index);
        else this.shapesBySubjectOf.set(predicate, [index]);
      }
    });
    this.targetNodeShapes = this.nodeShapes.flatMap((shape, s) => (shape.targetNodeKeys.size > 0 ? [s] : []));
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
    let hierarchy = this.ontologyHierarchy;
    for (;;) {
      const run = new ValidationRun(this, new ClassHierarchy(hierarchy), options.maxResults ?? DEFAULT_MAX_RESULTS);
      const outcome = await run.execute(sources);
      // Class axioms met in the data changed the classes of a type met before them: validate
      // again, knowing them all from the start. The next run finds no new axiom, so this loops
      // at most once more.
      if (!run.hierarchyChanged) return outcome;
      hierarchy = run.hierarchy;
    }
  }

  // ---- used by ValidationRun -------------------------------------------------------------

  /** The class bits of an instance of `type` (a term key): the bits of every class it belongs to. */
  classBits(hierarchy: ClassHierarchy, type: string): number {
    let bits = 0;
    for (const c of hierarchy.closure(type)) bits |= this.classBit.get(c) ?? 0;
    return bits;
  }

  /** What the shapes do with a predicate: which target its subjects, which constrain its values. */
  predicateUse(predicate: string): PredicateUse {
    return {
      predicate,
      targeting: this.shapesBySubjectOf.get(predicate) ?? [],
      properties: this.nodeShapes.map((shape) => shape.propertiesByPredicate.get(predicate)),
    };
  }

  get compiledShapes(): readonly CompiledNodeShape[] {
    return this.nodeShapes;
  }

  /** The shapes (by index) that target instances of the classes these bits stand for; few combinations occur. */
  shapesOfTypes(typeBits: number): readonly number[] {
    let found = this.shapesByTypeBits.get(typeBits);
    if (!found) {
      found = this.nodeShapes.flatMap((shape, s) => ((shape.targetBits & typeBits) !== 0 ? [s] : []));
      this.shapesByTypeBits.set(typeBits, found);
    }
    return found;
  }

  /** The shapes (by index) that name focus nodes with sh:targetNode. */
  get shapesWithTargetNodes(): readonly number[] {
    return this.targetNodeShapes;
  }

  get slots(): number {
    return this.maxSlots;
  }

  // ---- compilation -----------------------------------------------------------------------

  private compileNodeShape(shape: NodeShape, problems: string[]): CompiledNodeShape {
    const focus = this.compileChecks(shape.valueConstraints, `${shape.id}`, problems, 'focus', true);
    const properties = shape.properties.filter((p) => !p.deactivated).map((p, slot): CompiledProperty => {
      const compiled = this.compileChecks(p.valueConstraints, p.id, problems, 'values', true);
      return {
        shape: p,
        slot,
        checks: compiled.checks,
        classBits: compiled.classBits,
        qualifiedTest: p.qualified ? this.compileValueShape(p.qualified.shape, problems, 'values') : undefined,
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
      propertiesOnAllValues: properties.filter(({ shape: p }) => p.minCount !== undefined || p.maxCount !== undefined || p.qualified !== undefined ||
        p.uniqueLang || p.hasValues.length > 0 || p.equals.length > 0 || p.disjoint.length > 0 || p.lessThan.length > 0 || p.lessThanOrEquals.length > 0),
      propertiesByPredicate: byPredicate,
    };
  }

  /**
   * A shape's own sh:class constraints (`topLevel`) are returned as class bits, checked against
   * the type index (waiting for it when needed). Nested in sh:or, sh:not…, a sh:class can be
   * decided only on the focus node, whose types are known when it is validated.
   */
  private compileChecks(constraints: readonly ValueConstraint[], where: string, problems: string[], terms: TestedTerms, topLevel: boolean):
    { checks: CompiledCheck[]; classBits: number[] } {
    const checks: CompiledCheck[] = [];
    const classBits: number[] = [];
    for (const c of constraints) {
      if (c.kind === 'class') {
        const bit = this.classBit.get(c.classIri)!;
        if (topLevel) classBits.push(bit);
        else if (terms === 'focus') checks.push({ component: COMPONENT_OF.class, test: (_, bits) => (bits & bit) !== 0 });
        else problems.push(`sh:class inside a nested shape on property values (${where})`);
        continue;
      }
      checks.push({ component: COMPONENT_OF[c.kind], test: this.compileConstraint(c, where, problems, terms) });
    }
    return { checks, classBits };
  }

  private compileConstraint(c: Exclude<ValueConstraint, { kind: 'class' }>, where: string, problems: string[], terms: TestedTerms): TermTest {
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
        // A range matches its own tag and the tags it is a prefix of, up to a hyphen (RFC 4647, 3.3.1).
        const anyLanguage = c.ranges.includes('*');
        const tags = new Set(c.ranges);
        const prefixes = c.ranges.map((r) => `${r}-`);
        return (t) => t.termType === 'Literal' && t.language !== '' &&
          (anyLanguage || tags.has(t.language) || prefixes.some((prefix) => t.language.startsWith(prefix)));
      }
      case 'pattern': {
        const regex = c.regex;
        return (t) => t.termType !== 'BlankNode' && regex.test(t.value);
      }
      // Lengths count characters, as XPath's fn:string-length does, not UTF-16 units.
      case 'minLength': {
        const limit = c.limit;
        return (t) => t.termType !== 'BlankNode' && codePointLength(t.value) >= limit;
      }
      case 'maxLength': {
        const limit = c.limit;
        return (t) => t.termType !== 'BlankNode' && codePointLength(t.value) <= limit;
      }
      case 'minInclusive': return rangeTest(c.bound, (cmp) => cmp >= 0);
      case 'maxInclusive': return rangeTest(c.bound, (cmp) => cmp <= 0);
      case 'minExclusive': return rangeTest(c.bound, (cmp) => cmp > 0);
      case 'maxExclusive': return rangeTest(c.bound, (cmp) => cmp < 0);
      case 'or': {
        // A choice among classes for the focus node, the common case, is one test of its class bits.
        const classes = c.shapes.map((s) => (s.constraints.length === 1 && s.constraints[0]!.kind === 'class' ? s.constraints[0].classIri : undefined));
        if (terms === 'focus' && classes.every((iri) => iri !== undefined)) {
          const mask = classes.reduce((bits, iri) => bits | this.classBit.get(iri)!, 0);
          return (_, bits) => (bits & mask) !== 0;
        }
        const tests = c.shapes.map((s) => this.compileValueShape(s, problems, terms));
        return (t, bits) => countPassing(tests, t, bits, 1) >= 1;
      }
      case 'and': {
        const tests = c.shapes.map((s) => this.compileValueShape(s, problems, terms));
        return (t, bits) => countPassing(tests, t, bits, tests.length) === tests.length;
      }
      case 'xone': {
        const tests = c.shapes.map((s) => this.compileValueShape(s, problems, terms));
        return (t, bits) => countPassing(tests, t, bits, 2) === 1;
      }
      case 'not': {
        const test = this.compileValueShape(c.shape, problems, terms);
        return (t, bits) => !test(t, bits);
      }
      case 'node': return this.compileValueShape(c.shape, problems, terms);
      default:
        problems.push(`unknown constraint in ${where}`);
        return () => true;
    }
  }

  private readonly valueShapeTests: Record<TestedTerms, Map<ValueShape, TermTest>> = { focus: new Map(), values: new Map() };

  private compileValueShape(shape: ValueShape, problems: string[], terms: TestedTerms): TermTest {
    const tests = this.valueShapeTests[terms];
    const known = tests.get(shape);
    if (known) return known;
    // A recursive shape refers to itself through this indirection until it is compiled.
    let compiled: TermTest = () => true;
    tests.set(shape, (t, bits) => compiled(t, bits));
    const checks = this.compileChecks(shape.constraints, shape.id, problems, terms, false).checks.map((check) => check.test);
    compiled = (t, bits) => countPassing(checks, t, bits, checks.length) === checks.length;
    return compiled;
  }
}

/**
 * How many of the tests the term passes, counting no further than `enough` (and no further
 * than the first failure when `enough` is all of them). A loop rather than some() or every():
 * this runs for every value of every nested shape, and a closure a call costs.
 */
function countPassing(tests: readonly TermTest[], term: Term, bits: number, enough: number): number {
  let passed = 0;
  for (let i = 0; i < tests.length && passed < enough; i++) {
    if (tests[i]!(term, bits)) passed++;
    else if (enough === tests.length) return passed;
  }
  return passed;
}

function rangeTest(bound: Literal, accept: (comparison: number) => boolean): TermTest {
  return (t) => {
    if (t.termType !== 'Literal') return false;
    const comparison = compareLiterals(t, bound);
    return comparison !== undefined && accept(comparison);
  };
}

/** Whether two terms are the same RDF term (language tags are lower-cased when parsed). */
function sameTerm(a: Term, b: Term): boolean {
  if (a.termType !== b.termType || a.value !== b.value) return false;
  return a.termType !== 'Literal' || (a.language === (b as Literal).language && a.datatype.value === (b as Literal).datatype.value);
}

/**
 * The description without repeated triples: a graph is a set, so a triple written twice is one
 * triple (RDF 1.1 Concepts, 3). Returns the block itself when it has none, which is the rule.
 */
function withoutDuplicates(block: Block): Block {
  const { ids, objects } = block;
  const n = ids.length;
  let keep: boolean[] | undefined;
  if (n <= PAIRWISE_DUPLICATE_SEARCH) {
    for (let i = 1; i < n; i++) {
      for (let j = 0; j < i; j++) {
        if ((keep === undefined || keep[j]) && ids[j] === ids[i] && sameTerm(objects[j]!, objects[i]!)) {
          keep ??= new Array<boolean>(n).fill(true);
          keep[i] = false;
          break;
        }
      }
    }
  } else {
    const seen = new Set<string>();
    for (let i = 0; i < n; i++) {
      const key = `${ids[i]} ${termKey(objects[i]!)}`;
      if (seen.has(key)) (keep ??= new Array<boolean>(n).fill(true))[i] = false;
      else seen.add(key);
    }
  }
  if (keep === undefined) return block;
  const kept = keep;
  return {
    ...block, ids: ids.filter((_, i) => kept[i]), objects: objects.filter((_, i) => kept[i]),
  };
}

/** One validation over the sources: the state of the passes and the results found. */
class ValidationRun {
  hierarchyChanged = false;
  private readonly nodeInfo = new Map<string, number>();
  private readonly bitsOfType = new Map<string, number>();
  private readonly split = new Set<string>();
  /** Where each subject was first met, and the sources that hold part of a split subject: only those are read again. */
  private readonly sourceOfSubject = new Map<string, number>();
  private readonly sourcesOfSplitSubjects = new Set<number>();
  private readonly resultsByFocus = new Map<string, ValidationResult[]>();
  private readonly pending: PendingClassCheck[] = [];
  private readonly counts: Int32Array;
  private readonly qualifiedCounts: Int32Array;
  /** Marks the shapes that target the description being validated. */
  private readonly targeted: Float64Array;
  /** The predicates met, numbered, and what the shapes do with each. */
  private readonly predicateIds = new Map<string, number>();
  private readonly predicateUses: PredicateUse[] = [];
  private readonly typeId: number;
  private targetMark = 0;
  private lastPredicate: NamedNode | undefined;
  private lastPredicateId = -1;
  private dataAxioms = false;
  private resultCount = 0;
  private triples = 0;
  private typeIndexComplete = false;
  private block: Block | undefined;
  /** The node shape being evaluated, named in each result. */
  private nodeShape = '';

  constructor(private readonly validator: CompiledValidator, readonly hierarchy: ClassHierarchy, private readonly maxResults: number) {
    this.counts = new Int32Array(validator.slots);
    this.qualifiedCounts = new Int32Array(validator.slots);
    this.targeted = new Float64Array(validator.compiledShapes.length);
    this.typeId = this.idOf(RDF_TYPE);
  }

  /**
   * The id of a quad's predicate. A parser gives the quads of `p o1, o2, o3` one predicate term:
   * the last one's id is kept, which spares looking its IRI up again (a hash of a new string each time).
   */
  private predicateIdOf(predicate: NamedNode): number {
    if (predicate !== this.lastPredicate) {
      this.lastPredicate = predicate;
      this.lastPredicateId = this.idOf(predicate.value);
    }
    return this.lastPredicateId;
  }

  private idOf(predicate: string): number {
    let id = this.predicateIds.get(predicate);
    if (id === undefined) {
      id = this.predicateUses.length;
      this.predicateIds.set(predicate, id);
      this.predicateUses.push(this.validator.predicateUse(predicate));
    }
    return id;
  }

  async execute(sources: readonly QuadSource[]): Promise<ValidationOutcome> {
    let truncated = false;
    try {
      for (const [index, source] of sources.entries()) {
        await source.read((batch) => this.firstPass(batch, source.name, index));
        this.closeBlock();
      }
      if (this.dataAxioms && this.typesChangedClasses()) {
        this.hierarchyChanged = true;
        return outcomeOf([], this.triples, false);
      }
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

  private firstPass(batch: QuadBatch, sourceName: string, sourceIndex: number): void {
    const { quads, lines } = batch;
    for (let i = 0; i < quads.length; i++) {
      const quad = quads[i]!;
      this.triples++;
      const subject = quad.subject;
      const key = subject.termType === 'NamedNode' ? subject.value : `_:${subject.value}`;
      let block = this.block;
      if (block === undefined || block.key !== key) {
        this.closeBlock();
        block = { key, subject, ids: [], objects: [], location: { source: sourceName, line: lines[i] ?? 0 }, sourceIndex };
        this.block = block;
      }
      block.ids.push(this.predicateIdOf(quad.predicate));
      block.objects.push(quad.object);
      if (quad.predicate.value === RDFS_SUBCLASS_OF && quad.object.termType !== 'Literal' &&
        this.hierarchy.add(key, termKey(quad.object))) {
        this.dataAxioms = true;
      }
    }
  }

  /** Whether the data's own class axioms give a type met during the pass other classes than it was given. */
  private typesChangedClasses(): boolean {
    for (const [type, bits] of this.bitsOfType) {
      if (this.validator.classBits(this.hierarchy, type) !== bits) return true;
    }
    return false;
  }

  private typeBits(type: string): number {
    let bits = this.bitsOfType.get(type);
    if (bits === undefined) {
      bits = this.validator.classBits(this.hierarchy, type);
      this.bitsOfType.set(type, bits);
    }
    return bits;
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
      this.sourcesOfSplitSubjects.add(this.sourceOfSubject.get(block.key)!).add(block.sourceIndex);
      if (!this.split.has(block.key)) {
        this.split.add(block.key);
        this.withdraw(block.key);
      }
      return;
    }
    this.sourceOfSubject.set(block.key, block.sourceIndex);
    this.validateFocus(block, typeBits);
  }

  private typeBitsOf(block: Block): number {
    let bits = 0;
    for (let i = 0; i < block.ids.length; i++) {
      if (block.ids[i] !== this.typeId) continue;
      const object = block.objects[i]!;
      // A class may be a blank node (SHACL defines "SHACL instance" and "SHACL subclass" on nodes, not IRIs).
      if (object.termType === 'NamedNode') bits |= this.typeBits(object.value);
      else if (object.termType === 'BlankNode') bits |= this.typeBits(`_:${object.value}`);
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

  /**
   * Reads again the sources that hold part of a split subject (often a few small files of the
   * ontology, never the bulk of the data when it is grouped by subject), gathers the split
   * subjects' triples, and validates them whole.
   */
  private async secondPass(sources: readonly QuadSource[]): Promise<void> {
    const gathered = new Map<string, Block>();
    for (const [sourceIndex, source] of sources.entries()) {
      if (!this.sourcesOfSplitSubjects.has(sourceIndex)) continue;
      await source.read(({ quads, lines }) => {
        for (let i = 0; i < quads.length; i++) {
          const quad = quads[i]!;
          const key = termKey(quad.subject);
          if (!this.split.has(key)) continue;
          let block = gathered.get(key);
          if (!block) {
            block = { key, subject: quad.subject, ids: [], objects: [], location: { source: source.name, line: lines[i] ?? 0 }, sourceIndex };
            gathered.set(key, block);
          }
          block.ids.push(this.idOf(quad.predicate.value));
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
        this.validateFocus({ key, subject: node, ids: [], objects: [], location: { source: '', line: 0 }, sourceIndex: -1 }, 0);
      }
    }
  }

  private validateFocus(whole: Block, typeBits: number): void {
    const block = withoutDuplicates(whole);
    const shapes = this.validator.compiledShapes;
    // The shapes that target the description (by its classes, as the subject of one of its
    // predicates, by name) are marked with a number new to it, then validated in their order.
    const marks = this.targeted;
    const mark = ++this.targetMark;
    for (const s of this.validator.shapesOfTypes(typeBits)) marks[s] = mark;
    let previous = -1;
    for (const id of block.ids) {
      if (id === previous) continue;
      previous = id;
      for (const s of this.predicateUses[id]!.targeting) marks[s] = mark;
    }
    for (const s of this.validator.shapesWithTargetNodes) {
      if (shapes[s]!.targetNodeKeys.has(block.key)) marks[s] = mark;
    }
    for (let s = 0; s < shapes.length; s++) {
      if (marks[s] === mark) this.validateAgainst(shapes[s]!, s, block, typeBits);
    }
  }

  private validateAgainst(compiled: CompiledNodeShape, shapeIndex: number, block: Block, typeBits: number): void {
    const { shape } = compiled;
    const focus = block.subject;
    this.nodeShape = shape.id;
    for (const check of compiled.focusChecks) {
      if (!check.test(focus, typeBits)) this.emit(block, shape.id, shape.severity, check.component, undefined, focus);
    }
    for (const bit of compiled.focusClassBits) {
      if ((typeBits & bit) === 0) this.emit(block, shape.id, shape.severity, COMPONENT_OF.class, undefined, focus);
    }
    if (shape.closed) {
      for (let i = 0; i < block.ids.length; i++) {
        const predicate = this.predicateUses[block.ids[i]!]!.predicate;
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
    const uses = this.predicateUses;
    const ids = block.ids;
    for (let i = 0; i < ids.length; i++) {
      const properties = uses[ids[i]!]!.properties[shapeIndex];
      if (!properties) continue;
      const value = block.objects[i]!;
      for (const property of properties) {
        counts[property.slot]!++;
        const p = property.shape;
        for (const check of property.checks) {
          if (!check.test(value, 0)) this.emit(block, p.id, p.severity, check.component, p.path, value);
        }
        for (const bit of property.classBits) this.checkClass(block, p, value, bit);
        if (property.qualifiedTest?.(value, 0)) qualified[property.slot]!++;
        if (p.uniqueLang && value.termType === 'Literal' && value.language !== '') {
          languages ??= new Map();
          let perLanguage = languages.get(property.slot);
          if (!perLanguage) languages.set(property.slot, (perLanguage = new Map()));
          perLanguage.set(value.language, (perLanguage.get(value.language) ?? 0) + 1);
        }
      }
    }
    for (const property of compiled.propertiesOnAllValues) {
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
      // Without values of the path there is no pair to compare.
      if ((p.lessThan.length > 0 || p.lessThanOrEquals.length > 0) && count > 0) this.checkOrder(block, p);
    }
  }

  /**
   * sh:lessThan and sh:lessThanOrEquals: each value of the path against each value of the other
   * property; values that cannot be compared fail too (SHACL 4.5.3 and 4.5.4).
   */
  private checkOrder(block: Block, p: PropertyShape): void {
    for (const other of p.lessThan) this.compareWith(block, p, other, false);
    for (const other of p.lessThanOrEquals) this.compareWith(block, p, other, true);
  }

  private compareWith(block: Block, p: PropertyShape, other: string, orEqual: boolean): void {
    const otherId = this.predicateIds.get(other);
    // Most descriptions have no value of the other property, and so no pair: look before gathering.
    if (otherId === undefined || !block.ids.includes(otherId)) return;
    const component = orEqual ? COMPONENT_OF.lessThanOrEquals : COMPONENT_OF.lessThan;
    const bounds = this.valuesOf(block, other);
    for (const value of this.valuesOf(block, p.path)) {
      for (const bound of bounds) {
        const comparison = value.termType === 'Literal' && bound.termType === 'Literal' ? compareLiterals(value, bound) : undefined;
        if (comparison === undefined || comparison > 0 || (comparison === 0 && !orEqual)) this.emit(block, p.id, p.severity, component, p.path, value);
      }
    }
  }

  /** The objects of one predicate in a description. */
  private valuesOf(block: Block, predicate: string): Term[] {
    const id = this.predicateIds.get(predicate);
    return block.objects.filter((_, i) => block.ids[i] === id);
  }

  /** sh:hasValue, sh:equals and sh:disjoint compare whole sets of values of the focus node. */
  private checkValueSets(block: Block, p: PropertyShape): void {
    const values = this.valuesOf(block, p.path);
    const keys = new Set(values.map(termKey));
    for (const expected of p.hasValues) {
      if (!keys.has(termKey(expected))) this.emit(block, p.id, p.severity, COMPONENT_OF.hasValue, p.path);
    }
    for (const other of p.equals) {
      const otherValues = this.valuesOf(block, other);
      const otherKeys = new Set(otherValues.map(termKey));
      for (const v of values) if (!otherKeys.has(termKey(v))) this.emit(block, p.id, p.severity, COMPONENT_OF.equals, p.path, v);
      for (const v of otherValues) if (!keys.has(termKey(v))) this.emit(block, p.id, p.severity, COMPONENT_OF.equals, p.path, v);
    }
    for (const other of p.disjoint) {
      const otherKeys = new Set(this.valuesOf(block, other).map(termKey));
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
