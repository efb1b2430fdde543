/**
 * The rdfs:subClassOf relation of a data graph, as SHACL reads it (its definition of "SHACL
 * subclass"): classes are named by IRIs or blank nodes, axioms may come in any order and may
 * form cycles. A validation copies the ontology's hierarchy and adds the axioms its data holds,
 * so that one validation's axioms never leak into the next.
 */
export class ClassHierarchy {
  private readonly superclasses: Map<string, Set<string>>;

  /** Keys are term keys (an IRI, or `_:label` for a blank node). */
  constructor(from?: ClassHierarchy) {
    this.superclasses = new Map([...(from?.superclasses ?? [])].map(([key, set]) => [key, new Set(set)]));
  }

  /** Records `subclass rdfs:subClassOf superclass`; true when the axiom was not known yet. */
  add(subclass: string, superclass: string): boolean {
    const known = this.superclasses.get(subclass);
    if (known?.has(superclass)) return false;
    if (known) known.add(superclass);
    else this.superclasses.set(subclass, new Set([superclass]));
    return true;
  }

  /** The class and every class it is a subclass of, transitively; a cycle ends where it began. */
  closure(type: string): Set<string> {
    const seen = new Set<string>();
    const stack = [type];
    while (stack.length > 0) {
      const current = stack.pop()!;
      if (seen.has(current)) continue;
      seen.add(current);
      for (const parent of this.superclasses.get(current) ?? []) stack.push(parent);
    }
    return seen;
  }
}
