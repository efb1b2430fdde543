/**
 * The gate for one write: the thing's new description and what references it, validated against
 * the shapes without reading the whole graph again.
 *
 * The data given to the gate is the thing as written, the things it points to and the things
 * that point to it (their whole descriptions), and the types of what those point to (sh:class
 * needs a value's types, and the ontology's class hierarchy). Only the thing and the things that
 * reference it are judged: the others are there as context, and a problem of theirs belongs to
 * another write.
 */
import type { QuadBatch } from '../../rdf/parse.js';
import type { Quad } from '../../rdf/terms.js';
import type { QuadSource } from '../../validation/compiled-validator.js';
import { createGate, type Gate, type ValidationRules } from '../../validation/gate.js';
import { outcomeOf, type ValidationOutcome } from '../../validation/results.js';
import { quadsOf, typesIn, type ThingGraph } from './thing-graph.js';
import { RDF_TYPE } from '../../rdf/namespaces.js';

export function memorySource(name: string, quads: readonly Quad[], lines?: readonly number[]): QuadSource {
  return { name, read: async (onBatch: (batch: QuadBatch) => void) => { onBatch({ quads: [...quads], lines: lines ? [...lines] : quads.map(() => 0) }); } };
}

export class WriteCheck {
  private readonly gate: Gate;
  private readonly ontology: QuadSource;

  constructor(rules: ValidationRules, engine: 'compiled' | 'reference' | 'auto' = 'auto') {
    // The ontology is read from memory rather than from its files at every write.
    this.gate = createGate({ ...rules, ontologyFiles: [] }, engine);
    this.ontology = memorySource('ontology', rules.ontologyQuads);
  }

  /**
   * Validates the graph with `thing` described by `quads` (absent: the thing deleted). `source`
   * names the new description in the report (the request's body), `lines` where its quads were.
   */
  async check(graph: ThingGraph, thing: string, quads: readonly Quad[] | undefined, source: string, lines?: readonly number[]): Promise<ValidationOutcome> {
    const referrers = graph.referrersOf(thing).filter((r) => r !== thing);
    const judged = new Set([thing, ...referrers]);
    const context = new Map<string, Quad[]>();
    const contextTypes = new Map<string, Quad[]>();
    const addContext = (iri: string) => {
      if (judged.has(iri) || context.has(iri)) return;
      const block = graph.get(iri);
      if (block) context.set(iri, quadsOf(block));
    };
    const addTypes = (iri: string) => {
      if (iri === thing || judged.has(iri) || context.has(iri) || contextTypes.has(iri)) return;
      const block = graph.get(iri);
      if (!block) return;
      contextTypes.set(iri, typesIn(block, iri).map((type) => ({
        subject: { termType: 'NamedNode', value: iri }, predicate: { termType: 'NamedNode', value: RDF_TYPE },
        object: { termType: 'NamedNode', value: type }, graph: { termType: 'DefaultGraph', value: '' },
      })));
    };
    for (const quad of quads ?? []) if (quad.object.termType === 'NamedNode') addContext(quad.object.value);
    const referrerQuads: Quad[] = [];
    for (const referrer of referrers) {
      const own = quadsOf(graph.get(referrer) ?? '');
      referrerQuads.push(...own);
      for (const quad of own) if (quad.object.termType === 'NamedNode') addTypes(quad.object.value);
    }
    const sources = [
      this.ontology,
      memorySource(source, quads ?? [], lines),
      memorySource('published data', [...referrerQuads, ...[...context.values()].flat(), ...[...contextTypes.values()].flat()]),
    ];
    const outcome = await this.gate.validate(sources);
    const results = outcome.results.filter((r) => judged.has(r.focusNode.value));
    return outcomeOf(results, outcome.triples, outcome.truncated);
  }
}
