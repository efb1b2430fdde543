/**
 * What a consumer without inference needs spelled out: the standard classes and properties that
 * CITEGO's specialise, and both directions of the links the ontology declares inverse or
 * symmetric (SKOS's broader/narrower, topConceptOf/hasTopConcept, related). The rules are read
 * from the ontology (rdfs:subClassOf, rdfs:subPropertyOf, owl:equivalentClass, owl:inverseOf,
 * owl:SymmetricProperty) and closed here, so that the store applies them in one pass: nothing of
 * it is written by hand in the data.
 */
import { RDF_TYPE, RDFS_SUBCLASS_OF, STANDARD_PREFIXES } from '../rdf/namespaces.js';
import type { NamedNode, Quad, Term } from '../rdf/terms.js';

const { rdfs, owl } = STANDARD_PREFIXES;

/** A property implied by another, in the same direction or reversed (object becomes subject). */
export interface ImpliedProperty {
  readonly property: string;
  readonly reversed: boolean;
}

export interface EntailmentRules {
  /** Class → every class above it (itself excluded). */
  readonly superclasses: ReadonlyMap<string, readonly string[]>;
  /** Property → every property it implies, reversed or not (itself in the same direction excluded). */
  readonly impliedProperties: ReadonlyMap<string, readonly ImpliedProperty[]>;
}

function addEdge(edges: Map<string, Set<string>>, from: string, to: string): void {
  const set = edges.get(from) ?? new Set<string>();
  set.add(to);
  edges.set(from, set);
}

/** Everything reachable from `start` along `next` (start excluded unless a cycle leads back to it). */
function reachable<T>(start: T, next: (node: T) => Iterable<T>, key: (node: T) => string): T[] {
  const seen = new Map<string, T>();
  const stack = [...next(start)];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const k = key(node);
    if (seen.has(k)) continue;
    seen.set(k, node);
    stack.push(...next(node));
  }
  seen.delete(key(start));
  return [...seen.values()].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** The closed rules of an ontology's class and property axioms. */
export function entailmentRules(ontology: readonly Quad[]): EntailmentRules {
  const classEdges = new Map<string, Set<string>>();
  const propertyEdges = new Map<string, Set<string>>();
  const inverses = new Map<string, Set<string>>();
  const symmetric = new Set<string>();
  for (const { subject, predicate, object } of ontology) {
    if (subject.termType !== 'NamedNode' || object.termType !== 'NamedNode') continue;
    switch (predicate.value) {
      case RDFS_SUBCLASS_OF: addEdge(classEdges, subject.value, object.value); break;
      case `${owl}equivalentClass`: addEdge(classEdges, subject.value, object.value); addEdge(classEdges, object.value, subject.value); break;
      case `${rdfs}subPropertyOf`: addEdge(propertyEdges, subject.value, object.value); break;
      case `${owl}equivalentProperty`: addEdge(propertyEdges, subject.value, object.value); addEdge(propertyEdges, object.value, subject.value); break;
      case `${owl}inverseOf`: addEdge(inverses, subject.value, object.value); addEdge(inverses, object.value, subject.value); break;
      case RDF_TYPE: if (object.value === `${owl}SymmetricProperty`) symmetric.add(subject.value); break;
    }
  }

  const superclasses = new Map<string, string[]>();
  for (const cls of classEdges.keys()) {
    const above = reachable(cls, (c) => classEdges.get(c) ?? [], (c) => c);
    if (above.length > 0) superclasses.set(cls, above);
  }

  // A property in a direction leads to its superproperties (same direction), its inverses
  // (other direction) and, if symmetric, to itself reversed.
  const next = ({ property, reversed }: ImpliedProperty): ImpliedProperty[] => [
    ...[...propertyEdges.get(property) ?? []].map((p) => ({ property: p, reversed })),
    ...[...inverses.get(property) ?? []].map((p) => ({ property: p, reversed: !reversed })),
    ...(symmetric.has(property) ? [{ property, reversed: !reversed }] : []),
  ];
  const keyOf = (p: ImpliedProperty) => `${p.property} ${p.reversed ? 1 : 0}`;
  const impliedProperties = new Map<string, ImpliedProperty[]>();
  for (const property of new Set([...propertyEdges.keys(), ...inverses.keys(), ...symmetric])) {
    const implied = reachable({ property, reversed: false }, next, keyOf);
    if (implied.length > 0) impliedProperties.set(property, implied);
  }
  return { superclasses, impliedProperties };
}

/** Receives a triple the rules add: its subject's IRI, its property and its object. */
export type EntailedTriple = (subject: string, predicate: string, object: Term) => void;

/** What a triple of a property implies: the triples the rules add for it. */
export type TripleRule = (quad: Quad, emit: EntailedTriple) => void;

/**
 * The rule of each property whose triples imply others (undefined for the others): what the
 * entailment query adds for a triple of the default graph, exactly (between IRIs and literals),
 * for a reader that follows the data as the build reads it rather than asks the store once it is
 * materialised. A class's supertypes are the same term objects each time.
 */
export function entailmentOf(rules: EntailmentRules): (predicate: string) => TripleRule | undefined {
  const superTerms = new Map([...rules.superclasses].map(([cls, supers]) => [cls, supers.map((value): NamedNode => ({ termType: 'NamedNode', value }))]));
  const supertypes: TripleRule = ({ subject, object }, emit) => {
    if (subject.termType !== 'NamedNode' || object.termType !== 'NamedNode') return;
    for (const type of superTerms.get(object.value) ?? []) emit(subject.value, RDF_TYPE, type);
  };
  const implied = (properties: readonly ImpliedProperty[]): TripleRule => ({ subject, object }, emit) => {
    if (subject.termType !== 'NamedNode' || object.termType === 'BlankNode') return;
    for (const { property, reversed } of properties) {
      if (!reversed) emit(subject.value, property, object);
      else if (object.termType === 'NamedNode') emit(object.value, property, subject);
    }
  };
  const byProperty = new Map([...rules.impliedProperties].map(([property, properties]) => [property, implied(properties)]));
  if (superTerms.size > 0) {
    const typeRule = byProperty.get(RDF_TYPE);
    byProperty.set(RDF_TYPE, typeRule ? (quad, emit) => { supertypes(quad, emit); typeRule(quad, emit); } : supertypes);
  }
  return (predicate) => byProperty.get(predicate);
}

/** The group binding ?s ?p ?o to every triple the rules add to the default graph; undefined when they add none. */
function entailedPattern(rules: EntailmentRules): string | undefined {
  const classRows = [...rules.superclasses].flatMap(([cls, supers]) => supers.map((s) => `(<${cls}> <${s}>)`));
  const forward: string[] = [];
  const reversed: string[] = [];
  for (const [property, implied] of rules.impliedProperties) {
    for (const i of implied) (i.reversed ? reversed : forward).push(`(<${property}> <${i.property}>)`);
  }
  const parts: string[] = [];
  if (classRows.length) parts.push(`{ VALUES (?class ?super) { ${classRows.join(' ')} } ?s a ?class . BIND(<${RDF_TYPE}> AS ?p) BIND(?super AS ?o) }`);
  if (forward.length) parts.push(`{ VALUES (?given ?p) { ${forward.join(' ')} } ?s ?given ?o . }`);
  if (reversed.length) parts.push(`{ VALUES (?given ?p) { ${reversed.join(' ')} } ?o ?given ?s . FILTER(!isLiteral(?s)) }`);
  return parts.length === 0 ? undefined : `{\n  ${parts.join('\n  UNION\n  ')}\n}`;
}

/**
 * The triples the rules add to the default graph between IRIs and literals, as one CONSTRUCT
 * query whose result is loaded as a part of its own. The ontology itself lives in a named graph
 * and is left as it is.
 */
export function entailmentQuery(rules: EntailmentRules): string {
  const pattern = entailedPattern(rules);
  if (!pattern) return 'CONSTRUCT { ?s ?p ?o } WHERE { FILTER(false) }';
  return `CONSTRUCT { ?s ?p ?o } WHERE {\n${pattern}\nFILTER(!isBlank(?s) && !isBlank(?o))\n}`;
}

/**
 * The triples the rules add about blank nodes, as an update: loaded as bytes they would name new
 * blank nodes rather than the data's, so the store inserts them itself.
 */
export function blankNodeEntailmentUpdate(rules: EntailmentRules): string | undefined {
  const pattern = entailedPattern(rules);
  return pattern && `INSERT { ?s ?p ?o } WHERE {\n${pattern}\nFILTER(isBlank(?s) || isBlank(?o))\n}`;
}
