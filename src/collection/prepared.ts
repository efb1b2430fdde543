/**
 * The collection of a version gathered from the quads its build reads, rather than read back from
 * the store once the version is published (seconds of queries for a large collection): the gate
 * parses every quad of the data anyway, and the collection keeps those of the properties it
 * reads. So that it holds what the store will give, value for value, it adds what materialising
 * the version adds (supertypes, both directions of SKOS links, by the build's own rules), reads
 * the model's graph (class hierarchy, class labels) from the ontology the build loads beside the
 * data, leaves quads of other named graphs and blank nodes aside as reading the store does, and
 * spells typed literals as the store spells them ("01"^^xsd:integer is "1").
 */
import type { QuadBatch, SourceChunk } from '../rdf/parse.js';
import type { Literal, NamedNode, Quad, Term } from '../rdf/terms.js';
import { termToNTriples } from '../rdf/terms.js';
import { citegoNamespaces, STANDARD_PREFIXES } from '../rdf/namespaces.js';
import { keptAsWritten, lexicalFormsInStore } from '../store/literal-spelling.js';
import { Collection } from './collection.js';
import { addValue, FactTable, TextStore, type SubjectFacts } from './facts.js';

/** A rule of materialising: the triples it adds for a triple of the data. */
type TripleRule = (quad: Quad, emit: (subject: string, predicate: string, object: Term) => void) => void;

/** What the store holds besides the data's default graph, and what it adds to it (build/materialise.ts). */
export interface CollectionModel {
  readonly ontologyGraph: string;
  readonly ontology: readonly Quad[];
  readonly entailed: (predicate: string) => TripleRule | undefined;
}

const WIDE = /[^\u0000-\u00ff]/;

/**
 * A string of its own, held in one byte a character when none needs more. The parser's strings
 * are cut out of the text of the file (which they would keep whole), and held in two bytes a
 * character as soon as any character of the file needs them: the texts of a large collection
 * are a hundred million characters.
 */
function compact(text: string): string {
  // Short strings are copied out of the file's text already.
  if (text.length <= 12) return text;
  // A text with a character beyond Latin-1 takes two bytes a character anyway: it is only copied.
  return WIDE.test(text) ? (` ${text}`).slice(1) : Buffer.from(text, 'latin1').toString('latin1');
}

/** What to do with a triple of a property: keep its values (at their place among the properties read), and what it implies. */
interface Action {
  readonly property: number;
  readonly rule: TripleRule | undefined;
}

export class CollectionGatherer {
  private readonly table: FactTable;
  /** Property → its place among the properties the collection reads. */
  private readonly wanted: Map<string, number>;
  /** Each property met, once: null when its triples matter to nothing here. */
  private readonly actions = new Map<string, Action | null>();
  /** One string per IRI: sheets name the same descriptors, places and actors again and again. */
  private readonly iris = new Map<string, string>();
  /** Typed literals the store writes otherwise than the files may: spelt by the store at the end. */
  private readonly respelt: { facts: SubjectFacts; property: number; literal: Literal }[] = [];
  /** The subject of the last triple kept: a subject's triples come one after the other. */
  private lastSubject = '';
  private lastFacts: SubjectFacts | undefined;
  private lastPredicate: NamedNode | undefined;
  private lastAction: Action | null = null;
  /** Where in its source the batch being read was read. */
  private chunk: SourceChunk | undefined;
  private readonly keep = (subject: string, predicate: string, object: Term): void => {
    const property = this.wanted.get(predicate);
    if (property !== undefined) this.keepIn(subject, property, object);
  };

  /** The abstracts' texts, stored as bytes; the place of dct:abstract among the properties. */
  private readonly stored = new TextStore();
  private readonly abstract: number;

  constructor(private readonly baseIRI: string, private readonly model: CollectionModel) {
    const properties = Collection.predicates(citegoNamespaces(baseIRI).citego);
    this.abstract = properties.indexOf(`${STANDARD_PREFIXES.dct}abstract`);
    this.table = new FactTable(properties);
    this.wanted = new Map(properties.map((predicate, place) => [predicate, place]));
    for (const quad of model.ontology) {
      if (quad.subject.termType === 'NamedNode') this.keep(quad.subject.value, quad.predicate.value, quad.object);
    }
  }

  /** Quads of the data as the build reads them: those of the default graph with what materialising adds for them, and those of the ontology's graph. */
  quads(batch: QuadBatch): void {
    this.chunk = batch.chunk;
    for (const quad of batch.quads) {
      const graph = quad.graph;
      const data = graph.termType === 'DefaultGraph';
      if (!data && !(graph.termType === 'NamedNode' && graph.value === this.model.ontologyGraph)) continue;
      // The parser gives the quads of `p o1, o2` one predicate term: its action is not looked up again.
      if (quad.predicate !== this.lastPredicate) {
        this.lastPredicate = quad.predicate;
        this.lastAction = this.actionOf(quad.predicate.value);
      }
      const action = this.lastAction;
      if (!action) continue;
      if (action.property >= 0 && quad.subject.termType === 'NamedNode') this.keepIn(quad.subject.value, action.property, quad.object);
      if (data && action.rule) action.rule(quad, this.keep);
    }
  }

  private actionOf(predicate: string): Action | null {
    let action = this.actions.get(predicate);
    if (action === undefined) {
      const property = this.wanted.get(predicate) ?? -1;
      const rule = this.model.entailed(predicate);
      action = property >= 0 || rule ? { property, rule } : null;
      this.actions.set(predicate, action);
    }
    return action;
  }

  /** The collection of the quads read. */
  collection(): Collection {
    if (this.respelt.length > 0) {
      const forms = lexicalFormsInStore(this.respelt.map(({ literal }) => termToNTriples(literal)));
      this.respelt.forEach(({ facts, property, literal }, i) => addValue(facts, property, { value: forms[i] ?? literal.value, language: literal.language }));
    }
    return Collection.of(this.baseIRI, this.table.facts());
  }

  private keepIn(subject: string, property: number, object: Term): void {
    if (subject !== this.lastSubject || !this.lastFacts) {
      this.lastSubject = subject;
      this.lastFacts = this.table.subject(this.iri(subject));
    }
    const facts = this.lastFacts;
    if (object.termType === 'NamedNode') {
      addValue(facts, property, this.iri(object.value));
    } else if (object.termType === 'Literal') {
      if (!keptAsWritten(object)) this.respelt.push({ facts, property, literal: object });
      else if (property === this.abstract) addValue(facts, property, this.stored.add(object.value, object.language, this.chunk));
      else addValue(facts, property, { value: compact(object.value), language: object.language });
    }
  }

  private iri(iri: string): string {
    let kept = this.iris.get(iri);
    if (kept === undefined) {
      // Kept under its own copy: the parser's string would keep the file's text around it.
      kept = compact(iri);
      this.iris.set(kept, kept);
    }
    return kept;
  }
}
