/**
 * Blank nodes in the dumps. A blank node's label means something only within one answer of the
 * store (it names them anew at each load), and the parts it computed about blank nodes exist
 * only there: so the quads that hold blank nodes are read from the store (in the graphs the
 * build found blank nodes in: sparql/service/blank-node-quads*.rq), every other quad from the
 * sources. Blank nodes are never shared between graphs (each file is loaded apart), so a query
 * per part is enough. Their labels are
 * then made canonical with RDF Dataset Canonicalization (RDFC-1.0, a W3C Recommendation):
 * `c14n0`, `c14n1`… depend only on the data, so the same data gives the same dumps.
 */
import canonizer from 'rdf-canonize';
import type { Solution } from '../../store/store.js';
import { solutionsFromJson } from '../../store/embedded-store.js';
import type { BlankNode, Quad, Term } from '../../rdf/terms.js';
import { canonicalTerm, statementOf } from './canonical.js';

const DEFAULT_GRAPH = { termType: 'DefaultGraph', value: '' } as const;

/** Whether a quad holds a blank node: such quads are taken from the store, not from the sources. */
export function holdsBlankNode(quad: Quad): boolean {
  return quad.subject.termType === 'BlankNode' || quad.object.termType === 'BlankNode' || quad.graph.termType === 'BlankNode';
}

function quadOf(solution: Solution): Quad {
  const { s, p, o, g } = solution;
  if (!s || !p || !o || s.termType === 'Literal' || p.termType !== 'NamedNode' || (g && g.termType === 'Literal')) {
    throw new Error('the store answered blank-node-quads.rq with a row that is not a quad');
  }
  return { subject: s, predicate: p, object: o, graph: g ?? DEFAULT_GRAPH };
}

/**
 * The canonical statements (see canonical.ts) of the quads holding blank nodes, each with its
 * graph ('' or its term), from the store's answers to blank-node-quads*.rq in SPARQL JSON results.
 */
export async function blankNodeStatements(results: readonly Uint8Array[]): Promise<[graph: string, statement: string][]> {
  const quads = results.flatMap((bytes) => solutionsFromJson(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8')).map(quadOf));
  if (quads.length === 0) return [];
  const labels = new Map<string, string>();
  // The default work factor (1) gives up on graphs with many alike blank nodes, which the
  // shapes have (the same lists in several shapes); 2 (quadratic, as the library advises for
  // data one trusts) suffices, and the data has passed the gate.
  await canonizer.canonize(quads, { algorithm: 'RDFC-1.0', canonicalIdMap: labels, maxWorkFactor: 2 });
  const relabel = <T extends Term>(term: T): T | BlankNode => (term.termType === 'BlankNode' ? { termType: 'BlankNode', value: labels.get(term.value)! } : term);
  return quads.map((quad) => [
    quad.graph.termType === 'DefaultGraph' ? '' : canonicalTerm(relabel(quad.graph)),
    statementOf({ subject: relabel(quad.subject), predicate: quad.predicate, object: relabel(quad.object), graph: DEFAULT_GRAPH }),
  ]);
}
