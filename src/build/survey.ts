/**
 * What the build notes about the data as the validation gate reads it, so that nothing parses
 * the files a second time to learn it: which data file each record was read from (a record is a
 * thing under /id/ that is the subject of triples; it comes from every file that states
 * something about it), which records name their original page (dct:source), which graphs hold
 * blank nodes, and how many statements each file holds. It keeps only the records' IRIs, a few
 * per thousand triples.
 */
import { STANDARD_PREFIXES } from '../rdf/namespaces.js';
import type { Quad } from '../rdf/terms.js';
import type { QuadSource } from '../validation/compiled-validator.js';

const SOURCE = `${STANDARD_PREFIXES.dct}source`;

/** The graph a quad is in: '' for the default graph, its IRI, or '*' for a graph named by a blank node (the store renames it). */
function graphOf(quad: Quad): string {
  return quad.graph.termType === 'DefaultGraph' ? '' : quad.graph.termType === 'BlankNode' ? '*' : quad.graph.value;
}

export class DataSurvey {
  private readonly recordsByFile = new Map<string, Set<string>>();
  private readonly withOriginalPage = new Set<string>();
  private readonly graphsWithBlankNodes = new Set<string>();
  private readonly statementsByFile = new Map<string, number>();

  constructor(private readonly thingSpace: string) {}

  /** The same source, whose quads are surveyed as they are read. */
  observe(file: string, source: QuadSource): QuadSource {
    const records = this.recordsByFile.get(file) ?? new Set<string>();
    this.recordsByFile.set(file, records);
    let readings = 0;
    return {
      name: source.name,
      read: (onBatch) => {
        // The gate may read a source twice: its statements are counted on the first reading.
        const counting = readings++ === 0;
        if (counting) this.statementsByFile.set(file, 0);
        return source.read((batch) => {
          if (counting) this.statementsByFile.set(file, this.statementsByFile.get(file)! + batch.quads.length);
          let previous = '';
          for (const quad of batch.quads) {
            const { subject, predicate, object } = quad;
            if (subject.termType === 'BlankNode' || object.termType === 'BlankNode' || quad.graph.termType === 'BlankNode') {
              this.graphsWithBlankNodes.add(graphOf(quad));
            }
            if (subject.value !== previous) {
              previous = subject.value;
              if (subject.termType === 'NamedNode' && subject.value.startsWith(this.thingSpace)) records.add(subject.value);
            }
            if (predicate.value === SOURCE && subject.termType === 'NamedNode') this.withOriginalPage.add(subject.value);
          }
          onBatch(batch);
        });
      },
    };
  }

  /** The statements read from a file (as the parser gave them, duplicates included), or undefined if it was not read. */
  statementsIn(file: string): number | undefined {
    return this.statementsByFile.get(file);
  }

  /** Notes the blank nodes of quads read otherwise (the ontology, the shapes), loaded into `graph`. */
  surveyModel(quads: readonly Quad[], graph: string): void {
    for (const quad of quads) {
      if (quad.subject.termType === 'BlankNode' || quad.object.termType === 'BlankNode') this.graphsWithBlankNodes.add(graph);
    }
  }

  /** The records without an original page, sorted, by the file (its name) they were read from. */
  withoutOriginalPage(): ReadonlyMap<string, readonly string[]> {
    const result = new Map<string, string[]>();
    for (const [file, records] of this.recordsByFile) {
      result.set(file, [...records].filter((record) => !this.withOriginalPage.has(record)).sort());
    }
    return result;
  }

  /** The graphs that hold blank nodes, sorted: '' for the default graph, else their names ('*' for graphs named by blank nodes). */
  blankNodeGraphs(): readonly string[] {
    return [...this.graphsWithBlankNodes].sort();
  }
}
