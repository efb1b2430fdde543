/**
 * The measures of a query's shape, read before anything parses it: depth (brackets and chains),
 * triple patterns as written, VALUES rows, size, SERVICE. Every example query stays far within
 * the limits; the shapes that broke the store are far past them; any text is measured in one
 * quick pass.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exceededLimit, measureQuery, QUERY_LIMITS } from '../../src/queries/query-measures.js';
import { ROOT } from '../helpers.js';

const repeat = (text: string, n: number) => text.repeat(n);

describe('query measures', () => {
  it('counts triple patterns as written: ; and , lists, blank nodes, collections, paths', () => {
    expect(measureQuery('SELECT * { ?s ?p ?o }').triplePatterns).toBe(1);
    expect(measureQuery('SELECT * { ?s ?p ?o ; ?q ?r , ?t . ?a ?b ?c }').triplePatterns).toBe(4);
    expect(measureQuery('PREFIX ex: <http://e/> SELECT * { ?s ex:a/ex:b ?o ; ex:c "x"@en , "y"^^ex:t , 1.5 }').triplePatterns).toBe(4);
    expect(measureQuery('SELECT * { ?s <http://e/p> [ <http://e/q> ?x ; <http://e/r> ?y ] }').triplePatterns).toBe(3);
    expect(measureQuery('SELECT * { ?s <http://e/p> (1 2 3) }').triplePatterns).toBe(7);
    expect(measureQuery('SELECT * { ?s (<http://e/a>|<http://e/b>)+ ?o }').triplePatterns).toBe(1);
    expect(measureQuery('SELECT * { ?s ?p 1. ?a ?b ?c . }').triplePatterns).toBe(2);
  });

  it('counts the triples after a FILTER, a BIND or a group, and none in strings, comments or expressions', () => {
    expect(measureQuery('SELECT * { FILTER(?x > 1) ?a ?b ?c . BIND(1 AS ?y) ?d ?e ?f OPTIONAL { ?g ?h ?i } ?j ?k ?l }').triplePatterns).toBe(4);
    expect(measureQuery('SELECT * { ?s ?p "?a ?b ?c . ?d ?e ?f" # ?g ?h ?i .\n }').triplePatterns).toBe(1);
    expect(measureQuery('SELECT (COUNT(?x) AS ?n) { ?s ?p ?x } GROUP BY ?s ORDER BY DESC(?n)').triplePatterns).toBe(1);
  });

  it('measures depth: brackets, and each link of a chain that becomes nesting in the algebra', () => {
    expect(measureQuery('ASK { ?s ?p ?o }').depth).toBe(1);
    expect(measureQuery(`ASK { ?s ?p ?o FILTER(${repeat('(', 50)}1${repeat(')', 50)}) }`).depth).toBe(53);
    expect(measureQuery(`ASK { ?s ?p ?o FILTER(${Array(40).fill('?o = 1').join(' || ')}) }`).depth).toBe(2 + 1 + 40 + 39);
    expect(measureQuery(`ASK { ${Array(30).fill('{ ?s ?p ?o }').join(' UNION ')} }`).depth).toBe(1 + 29 + 1);
    expect(measureQuery(`ASK { ?s ${Array(20).fill('<http://e/p>').join('/')} ?o }`).depth).toBe(1 + 19);
  });

  it('counts VALUES rows, with one variable or several', () => {
    expect(measureQuery('SELECT * { VALUES ?x { 1 2 3 <http://e/a> "b"@en } }').valuesRows).toBe(5);
    expect(measureQuery('SELECT * { VALUES (?a ?b) { (1 2) (3 UNDEF) ("x" "y") } ?a ?p ?b }')).toMatchObject({ valuesRows: 3, triplePatterns: 1 });
    expect(measureQuery('SELECT * { ?a ?p ?b } VALUES ?a { <http://e/1> <http://e/2> }').valuesRows).toBe(2);
  });

  it('finds SERVICE clauses, and not the word in a string, an IRI or a variable', () => {
    expect(measureQuery('SELECT * { SERVICE <http://e/sparql> { ?s ?p ?o } }').service).toBe(true);
    expect(measureQuery('SELECT * { service silent <http://e/sparql> { ?s ?p ?o } }').service).toBe(true);
    expect(measureQuery('SELECT ?service { ?service <http://e/SERVICE> "SERVICE" } # SERVICE').service).toBe(false);
  });

  it('leaves every example query far within the limits', () => {
    const dir = join(ROOT, 'sparql', 'examples');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.rq'))) {
      const measures = measureQuery(readFileSync(join(dir, file), 'utf8'));
      expect(exceededLimit(measures), file).toBeUndefined();
      expect(measures.depth, file).toBeLessThan(QUERY_LIMITS.depth / 4);
      expect(measures.triplePatterns, file).toBeGreaterThan(0);
    }
  });

  it('puts the shapes that broke the store past a limit', () => {
    const poison = `ASK { ?s ?p ?o FILTER(${repeat('(', 2000)}1${repeat(')', 2000)}) }`;
    expect(exceededLimit(measureQuery(poison))).toMatchObject({ name: 'depth', limit: QUERY_LIMITS.depth });
    expect(exceededLimit(measureQuery(`ASK { ${repeat('{ ', 800)}?s ?p ?o${repeat(' }', 800)} }`))?.name).toBe('depth');
    expect(exceededLimit(measureQuery(`ASK { ?s ?p ?o FILTER(${Array(3000).fill('1').join('+')} > 0) }`))?.name).toBe('depth');
    const joins = `SELECT * { ${Array.from({ length: 200 }, (_, i) => `?s${i} ?p${i} ?o${i} .`).join(' ')} }`;
    expect(exceededLimit(measureQuery(joins))?.name).toBe('triplePatterns');
    expect(exceededLimit(measureQuery(`SELECT * { VALUES ?x { ${Array.from({ length: 20_000 }, (_, i) => i).join(' ')} } }`))?.name).toBe('valuesRows');
  });

  it('stops early, once past a limit', () => {
    const measures = measureQuery(repeat('{', 100_000), QUERY_LIMITS);
    expect(measures.depth).toBe(QUERY_LIMITS.depth + 1);
    expect(measures.size).toBeLessThan(200);
  });

  it('measures any text without an exception, in bounded time, with bounded results', () => {
    const alphabet = fc.constantFrom(...'{}()[]<>"\'?$@_:.,;#\n\\ aZ19é^|!=&+-*/'.split(''), 'SERVICE', 'VALUES', 'UNION', 'OPTIONAL', '"""', "'''", '^^', '<http://e/x>');
    fc.assert(fc.property(fc.array(alphabet, { maxLength: 400 }).map((parts) => parts.join('')), (text) => {
      const measures = measureQuery(text);
      expect(measures.size).toBeLessThanOrEqual(text.length);
      expect(measures.depth).toBeLessThanOrEqual(text.length);
      expect(measures.triplePatterns).toBeLessThanOrEqual(2 * text.length);
    }), { seed: 13, numRuns: 500 });
    // The worst inputs found: one token per character, 100,000 of them.
    for (const text of [repeat('<a', 50_000), repeat('?', 100_000), repeat("'", 100_000), repeat('1.', 50_000), repeat('\\', 100_000)]) {
      const started = performance.now();
      measureQuery(text);
      expect(performance.now() - started).toBeLessThan(1500);
    }
  });
});
