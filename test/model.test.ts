/**
 * The ontology and the shapes are read by people as much as by programs: every term CITEGO adds
 * is labelled and defined in French and English and aligned to schema.org for crawlers; every
 * constraint of the shapes tells a curator what is wrong in both languages.
 */
import { describe, expect, it } from 'vitest';
import { STANDARD_PREFIXES } from '../src/rdf/namespaces.js';
import { projectRules } from './helpers.js';

const { rdf, rdfs, owl, schema } = STANDARD_PREFIXES;
const CITEGO = 'http://localhost:3000/ontology#';

describe('ontology', () => {
  it('labels and defines every CITEGO class and property in French and English', async () => {
    const { ontologyQuads } = await projectRules();
    const terms = ontologyQuads
      .filter((q) => q.predicate.value === `${rdf}type` && q.subject.value.startsWith(CITEGO) &&
        [`${owl}Class`, `${owl}ObjectProperty`, `${owl}DatatypeProperty`].includes(q.object.value))
      .map((q) => q.subject.value);
    expect(terms.length).toBeGreaterThanOrEqual(25);
    const missing: string[] = [];
    for (const term of terms) {
      for (const predicate of [`${rdfs}label`, `${rdfs}comment`]) {
        const languages = ontologyQuads.filter((q) => q.subject.value === term && q.predicate.value === predicate)
          .map((q) => (q.object.termType === 'Literal' ? q.object.language : ''));
        for (const language of ['fr', 'en']) if (!languages.includes(language)) missing.push(`${term} ${predicate} @${language}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('aligns every CITEGO class with schema.org or a standard vocabulary, directly or through its superclass', async () => {
    const { ontologyQuads } = await projectRules();
    const parents = (c: string) => ontologyQuads.filter((q) => q.subject.value === c && q.predicate.value === `${rdfs}subClassOf`).map((q) => q.object.value);
    const classes = ontologyQuads.filter((q) => q.object.value === `${owl}Class` && q.subject.value.startsWith(CITEGO)).map((q) => q.subject.value);
    const unaligned = classes.filter((c) => {
      const seen = new Set<string>();
      const stack = parents(c);
      while (stack.length) {
        const p = stack.pop()!;
        if (p.startsWith(schema)) return false;
        if (!seen.has(p)) { seen.add(p); stack.push(...parents(p)); }
      }
      return !parents(c).some((p) => !p.startsWith(CITEGO));
    });
    expect(unaligned).toEqual([]);
  });
});

describe('shapes', () => {
  it('give every constrained property shape a message in French and English', async () => {
    const { shapes } = await projectRules();
    const silent = [...shapes.propertyShapes.values()]
      .filter((p) => !p.messages.fr || !p.messages.en)
      .map((p) => p.id);
    expect(shapes.propertyShapes.size).toBeGreaterThan(50);
    expect(silent).toEqual([]);
    for (const node of shapes.nodeShapes.filter((n) => n.closed)) expect(node.messages).toMatchObject({ fr: expect.any(String), en: expect.any(String) });
  });

  it('are all runnable by the compiled engine', async () => {
    expect((await projectRules()).shapes.unsupported).toEqual([]);
  });
});
