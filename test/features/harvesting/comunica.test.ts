/**
 * Comunica, the project's own linked-data client, querying our Triple Pattern Fragments as it
 * queries any fragments server on the Web, given nothing but the fragments' address: it finds
 * the search form, the counts and the pages in the fragments' own metadata.
 *
 * For each example query of the workbench that a fragments client can run, Comunica over the
 * fragments finds exactly the rows that Comunica finds over the same triples in its own memory
 * (the fragments hide nothing and add nothing), and those are our SPARQL endpoint's rows,
 * except where Comunica and Oxigraph evaluate the query itself differently: those examples are
 * listed below with the reason, and the test checks that the difference is the engines' (it is
 * there with the triples in memory too), never the fragments'.
 */
import { join } from 'node:path';
import { QueryEngine } from '@comunica/query-sparql';
import type * as RDF from '@rdfjs/types';
import { Parser, Store as N3Store } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solutionsFromJson } from '../../../src/store/embedded-store.js';
import { readExamples, withBase } from '../../../src/features/sparql/examples.js';
import { ntriplesKey } from '../../../src/features/harvesting/ntriples-terms.js';
import { fromRdfJsTerm } from '../../../src/rdf/rdfjs.js';
import type { Term } from '../../../src/rdf/terms.js';
import { BASE, ROOT } from '../../helpers.js';
import { startService, type RunningService } from '../../service-harness.js';

/**
 * Examples a fragments client cannot finish in a test's time: property paths with `*` and
 * alternatives of three properties, which a client evaluates by asking for fragment after fragment.
 */
const TOO_LONG_FOR_A_CLIENT = new Set(['03-sheets-by-country-and-year', '09-two-steps-in-the-lattice']);

/** Where Comunica 4 and Oxigraph read the same query differently, whatever the source. */
const ENGINE_DIFFERENCES: Readonly<Record<string, string>> = {
  '04-matrix-coverage': 'COUNT(DISTINCT) over a group with unbound values is unbound in Comunica, 0 in Oxigraph',
  '08-organisations-by-family': 'COUNT(DISTINCT) over a group with unbound values is unbound in Comunica, 0 in Oxigraph',
};

/**
 * Examples whose ORDER BY … LIMIT cuts between tied rows: which tied rows are kept is the
 * engine's choice (and, in Comunica, the order in which the answers arrive), so these are
 * compared without their LIMIT, on all the rows.
 */
const CUT_BETWEEN_TIES = new Set(['02-co-authors', '06-most-used-descriptors']);

/**
 * The fragments are those of the default graph, the data; the examples that read the ontology in
 * its own graph (GRAPH <ontology>) are answered by the endpoint alone.
 */
const READS_A_NAMED_GRAPH = /\bGRAPH\s*</;
const examples = readExamples(join(ROOT, 'sparql', 'examples'))
  .filter((e) => !e.federated && e.form === 'SELECT' && !TOO_LONG_FOR_A_CLIENT.has(e.id) && !READS_A_NAMED_GRAPH.test(e.text));
let running: RunningService;
const engine = new QueryEngine();
/** The store's own triples in Comunica's memory: the reference for what the fragments must give. */
const inMemory = new N3Store();

beforeAll(async () => {
  running = await startService({ replicas: 1 });
  inMemory.addQuads(new Parser({ format: 'application/n-triples' }).parse(await running.store.dump('application/n-triples')));
});

afterAll(async () => {
  await running.close();
});

/** Rows as sorted strings of their bindings: the same multiset of rows, whatever the order of ties. */
function rows(solutions: readonly Readonly<Record<string, Term>>[]): string[] {
  return solutions.map((row) => Object.keys(row).sort().map((name) => `${name}=${ntriplesKey(row[name]!)}`).join(' ')).sort();
}

async function comunicaRows(query: string, source: N3Store | { type: 'qpf'; value: string }): Promise<string[]> {
  const bindings = await (await engine.queryBindings(query, { sources: [source], baseIRI: BASE })).toArray();
  return rows(bindings.map((b) => Object.fromEntries([...b].map(([variable, term]: [RDF.Variable, RDF.Term]) => [variable.value, fromRdfJsTerm(term)]))));
}

describe('Comunica over the fragments', () => {
  it('finds the fragments interface from its entry point alone', async () => {
    const bindings = await (await engine.queryBindings(`SELECT ?label WHERE { <${BASE}id/angle/actors> <http://www.w3.org/2004/02/skos/core#prefLabel> ?label }`,
      { sources: [`${running.origin}/fragments`] })).toArray();
    expect(bindings.length).toBeGreaterThan(1);
  });

  it.each(examples.map((e) => [e.id, e] as const))('%s gives the endpoint\'s rows', async (_id, example) => {
    const query = CUT_BETWEEN_TIES.has(example.id) ? withBase(example, BASE).replace(/\bLIMIT\s+\d+/g, '') : withBase(example, BASE);
    const response = await fetch(`${running.origin}/sparql`, {
      method: 'POST', headers: { 'Content-Type': 'application/sparql-query', Accept: 'application/sparql-results+json' }, body: query,
    });
    const expected = rows(solutionsFromJson(await response.text()));
    expect(expected.length).toBeGreaterThan(0);
    const overFragments = await comunicaRows(query, { type: 'qpf', value: `${running.origin}/fragments` });
    const overMemory = await comunicaRows(query, inMemory);
    expect(overFragments).toEqual(overMemory);
    if (ENGINE_DIFFERENCES[example.id]) expect(overMemory, ENGINE_DIFFERENCES[example.id]).not.toEqual(expected);
    else expect(overFragments).toEqual(expected);
  }, 120_000);
});
