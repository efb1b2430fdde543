/**
 * The demo data is the slice of the collection people see first: it must be valid, and as rich
 * as the issue asks — every kind of sheet in several dossiers, actors of every family with
 * memberships, places linked to authorities, an atlas placed on the matrix and linked to its
 * neighbours, every sheet indexed by two to six descriptors, French first with translations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildKnowledgeGraph, modelGraphs } from '../../src/build/build.js';
import { EmbeddedStore } from '../../src/store/embedded-store.js';
import { BASE, DATA_DIR, projectRules } from '../helpers.js';

const PREFIXES = `PREFIX citego: <ontology#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
`;
let store: EmbeddedStore;

beforeAll(async () => {
  store = new EmbeddedStore({ replicas: 1 });
  const report = await buildKnowledgeGraph({ rules: await projectRules(), dataDir: DATA_DIR, store });
  expect(report.outcome.results).toEqual([]);
});

afterAll(async () => {
  await store.close();
});

async function count(where: string): Promise<number> {
  const [row] = await store.select(`${PREFIXES} SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ${where} }`, { baseIRI: BASE });
  return Number(row!.n!.value);
}

async function countsBy(where: string): Promise<Record<string, number>> {
  const rows = await store.select(`${PREFIXES} SELECT ?k (COUNT(DISTINCT ?x) AS ?n) WHERE { ${where} } GROUP BY ?k`, { baseIRI: BASE });
  return Object.fromEntries(rows.map((r) => [r.k!.value.replace(/^.*[#/]/, ''), Number(r.n!.value)]));
}

/** `?x` of a class or of one of its subclasses: the class hierarchy is in the ontology's own graph. */
function ofClass(variable: string, cls: string): string {
  return `${variable} a ?type${variable.slice(1)} . GRAPH <${modelGraphs(BASE).ontology}> { ?type${variable.slice(1)} rdfs:subClassOf* ${cls} }`;
}

describe('demo data', () => {
  it('has at least 60 sheets of every type, in several dossiers', async () => {
    expect(await count(ofClass('?x', 'citego:Document'))).toBeGreaterThanOrEqual(60);
    const byType = await countsBy('VALUES ?k { citego:ExperienceRecord citego:Analysis citego:Proposal citego:ResourceSheet citego:DossierIntroduction } ?x a ?k');
    expect(Object.keys(byType).sort()).toEqual(['Analysis', 'DossierIntroduction', 'ExperienceRecord', 'Proposal', 'ResourceSheet']);
    expect(await count('?x a citego:Dossier ; citego:introduction ?i . ?s dct:isPartOf ?x')).toBeGreaterThanOrEqual(5);
  });

  it('indexes every sheet by two to six descriptors', async () => {
    const rows = await store.select(`${PREFIXES} SELECT ?d (COUNT(?s) AS ?n) WHERE { ${ofClass('?d', 'citego:Document')} ?d dct:subject ?s } GROUP BY ?d`, { baseIRI: BASE });
    expect(rows.length).toBe(await count(ofClass('?x', 'citego:Document')));
    const perSheet = rows.map((row) => Number(row.n!.value));
    expect(Math.min(...perSheet)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...perSheet)).toBeLessThanOrEqual(6);
  });

  it('has at least 40 actors: persons, and organisations of all seven families, with memberships', async () => {
    expect(await count(`{ ?x a foaf:Person } UNION { ${ofClass('?x', 'org:Organization')} }`)).toBeGreaterThanOrEqual(40);
    const families = await countsBy('VALUES ?k { citego:LocalAuthority citego:ProfessionalNetwork citego:EducationInstitution citego:ResearchCentre citego:Association citego:Company citego:PublicAgency } ?x a ?k');
    expect(Object.keys(families)).toHaveLength(7);
    expect(await count('?x a org:Membership ; org:member ?p ; org:organization ?o ; org:role ?r')).toBeGreaterThanOrEqual(20);
  });

  it('has at least 30 places linked to Wikidata or GeoNames', async () => {
    expect(await count('?x a dct:Location ; owl:sameAs ?same FILTER(STRSTARTS(STR(?same), "http://www.wikidata.org/entity/Q") || STRSTARTS(STR(?same), "https://sws.geonames.org/"))')).toBeGreaterThanOrEqual(30);
  });

  it('has at least 80 descriptors placed on the matrix, linked to their neighbours, covering every component and angle', async () => {
    expect(await count('?x a citego:Descriptor ; citego:component ?c ; citego:angle ?a ; skos:related ?n')).toBeGreaterThanOrEqual(80);
    expect(await count('?x a citego:Component FILTER NOT EXISTS { ?d citego:component ?x }')).toBe(0);
    expect(await count('?x a citego:GovernanceAngle FILTER NOT EXISTS { ?d citego:angle ?x }')).toBe(0);
    const scales = await countsBy('?x a citego:Descriptor ; citego:scale ?k');
    expect(Object.keys(scales).sort()).toEqual(['detailed', 'general', 'intermediate']);
  });

  it('links the atlas both ways: neighbours are mutual, broader and narrower are inverse', async () => {
    expect(await count('?x skos:related ?y FILTER NOT EXISTS { ?y skos:related ?x }')).toBe(0);
    expect(await count('?x skos:broader ?y FILTER NOT EXISTS { ?y skos:narrower ?x }')).toBe(0);
    expect(await count('?x skos:narrower ?y FILTER NOT EXISTS { ?y skos:broader ?x }')).toBe(0);
  });

  it('is French first, with English and Spanish translations for part of it', async () => {
    expect(await count('?x a citego:Descriptor FILTER NOT EXISTS { ?x skos:prefLabel ?l FILTER(lang(?l) = "fr") }')).toBe(0);
    expect(await count('?x dct:title ?t FILTER(lang(?t) = "en")')).toBeGreaterThanOrEqual(20);
    expect(await count('?x dct:title ?t FILTER(lang(?t) = "es")')).toBeGreaterThanOrEqual(8);
    expect(await count('?x dct:abstract ?t FILTER(lang(?t) = "en")')).toBeGreaterThanOrEqual(10);
  });
});
