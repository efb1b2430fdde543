/** The form of a SPARQL request, read from its first keyword after the prologue. */
import { describe, expect, it } from 'vitest';
import { queryForm } from '../../src/queries/query-form.js';

describe('the form of a query', () => {
  it('reads the four query forms, whatever their case', () => {
    expect(queryForm('SELECT * WHERE { ?s ?p ?o }')).toBe('SELECT');
    expect(queryForm('ask { ?s ?p ?o }')).toBe('ASK');
    expect(queryForm('Construct { ?s ?p ?o } WHERE { ?s ?p ?o }')).toBe('CONSTRUCT');
    expect(queryForm('DESCRIBE <http://example.org/x>')).toBe('DESCRIBE');
  });

  it('passes over the prologue: comments, BASE and PREFIX declarations, even with keywords inside IRIs', () => {
    const query = `# SELECT in a comment
BASE <http://example.org/ASK/>
PREFIX select: <http://example.org/CONSTRUCT#>
PREFIX : <http://example.org/>
  # another comment
DESCRIBE :thing`;
    expect(queryForm(query)).toBe('DESCRIBE');
  });

  it('recognises every update operation, so that the endpoint can refuse them', () => {
    for (const update of ['INSERT DATA { <a> <b> <c> }', 'DELETE WHERE { ?s ?p ?o }', 'LOAD <http://example.org/data>', 'CLEAR ALL', 'DROP GRAPH <g>',
      'CREATE GRAPH <g>', 'ADD <a> TO <b>', 'MOVE <a> TO <b>', 'COPY <a> TO <b>', 'WITH <g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }',
      'PREFIX ex: <http://example.org/> insert data { ex:a ex:b ex:c }']) {
      expect(queryForm(update), update).toBe('UPDATE');
    }
  });

  it('says UNKNOWN for anything else, an unfinished prologue included', () => {
    for (const text of ['', '   ', 'SELEC * WHERE {}', '{ ?s ?p ?o }', 'PREFIX ex <http://example.org/> SELECT *', 'BASE http://example.org/ SELECT *', 'PREFIX ex: <http://example.org/']) {
      expect(queryForm(text), JSON.stringify(text)).toBe('UNKNOWN');
    }
  });
});
