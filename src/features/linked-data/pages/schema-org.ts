/**
 * The schema.org description embedded in every page, for search engines: a sheet is a
 * Report, Article, Review or CreativeWork, an actor a Person or an Organization of the fitting
 * kind, a place a Place with its coordinates, a descriptor a DefinedTerm of the atlas's
 * DefinedTermSet, a dossier a Collection.
 */
import { FORMATS } from '../../../rdf/formats.js';
import { citegoNamespaces, localName, STANDARD_PREFIXES } from '../../../rdf/namespaces.js';
import type { PageLanguage } from '../../../web/i18n/catalogue.js';
import type { IriPolicy } from '../iri-policy.js';
import type { OntologyIndex } from '../ontology-index.js';
import type { DescriptionView } from '../view.js';
import { LANGUAGE_TAGS } from './names.js';

const { dct, foaf, org, schema, owl, skos, geo } = STANDARD_PREFIXES;

type Json = Record<string, unknown>;

export function schemaOrgDescription(view: DescriptionView, ontology: OntologyIndex, policy: IriPolicy, language: PageLanguage): Json {
  const citego = citegoNamespaces(policy.baseIRI).citego;
  const thing = view.thing;
  const types = view.types(thing);
  const page = policy.descriptionUrl(thing, FORMATS.html);
  const name = view.labelText(thing, language);
  const text = (predicate: string) => view.own(predicate).find((v) => v.termType === 'Literal' && (v.language === language || v.language === ''))?.value
    ?? view.own(predicate).find((v) => v.termType === 'Literal')?.value;
  const reference = (iri: string, type?: string): Json => ({
    ...(type ? { '@type': type } : {}),
    '@id': iri,
    name: view.labelText(iri, language),
    ...(policy.isThing(iri) ? { url: policy.descriptionUrl(iri, FORMATS.html) } : {}),
  });
  const agent = (iri: string): Json => reference(iri, ontology.isA(view.types(iri), `${foaf}Person`) ? 'Person' : 'Organization');
  const sameAs = view.own(`${owl}sameAs`).map((v) => v.value);
  const base: Json = {
    '@context': 'https://schema.org',
    '@id': thing,
    url: page,
    name,
    ...(sameAs.length ? { sameAs } : {}),
  };

  if (ontology.isA(types, `${citego}Document`)) {
    const kind = ontology.isA(types, `${citego}ExperienceRecord`) ? 'Report'
      : ontology.isA(types, `${citego}ResourceSheet`) ? 'Review'
        : ontology.isA(types, `${citego}Analysis`) || ontology.isA(types, `${citego}DossierIntroduction`) ? 'Article' : 'CreativeWork';
    const descriptors = view.own(`${dct}subject`).map((v) => v.value);
    return {
      ...base,
      '@type': kind,
      headline: name,
      abstract: text(`${dct}abstract`),
      inLanguage: view.own(`${dct}language`).map((v) => LANGUAGE_TAGS[localName(v.value)] ?? v.value),
      datePublished: view.own(`${dct}issued`)[0]?.value,
      dateModified: view.own(`${dct}modified`)[0]?.value,
      author: view.own(`${dct}creator`).map((v) => agent(v.value)),
      sourceOrganization: view.own(`${citego}partner`).map((v) => reference(v.value, 'Organization')),
      spatialCoverage: view.own(`${dct}spatial`).map((v) => reference(v.value, 'Place')),
      about: descriptors.map((d) => reference(d, 'DefinedTerm')),
      keywords: descriptors.map((d) => view.labelText(d, language)).join(', '),
      isPartOf: view.own(`${dct}isPartOf`).map((v) => reference(v.value, 'Collection')),
      isBasedOn: view.own(`${dct}source`)[0]?.value,
      ...(kind === 'Review' ? { itemReviewed: { '@type': 'CreativeWork', name: text(`${dct}bibliographicCitation`) } } : {}),
    };
  }
  if (ontology.isA(types, `${foaf}Person`)) {
    return {
      ...base,
      '@type': 'Person',
      givenName: text(`${foaf}givenName`),
      familyName: text(`${foaf}familyName`),
      affiliation: view.own(`${org}memberOf`).map((v) => reference(v.value, 'Organization')),
    };
  }
  if (ontology.isA(types, `${org}Organization`)) {
    const kind = ontology.isA(types, `${citego}LocalAuthority`) || ontology.isA(types, `${citego}PublicAgency`) ? 'GovernmentOrganization'
      : ontology.isA(types, `${citego}EducationInstitution`) ? 'EducationalOrganization'
        : ontology.isA(types, `${citego}ResearchCentre`) ? 'ResearchOrganization'
          : ontology.isA(types, `${citego}Association`) ? 'NGO'
            : ontology.isA(types, `${citego}Company`) ? 'Corporation' : 'Organization';
    return {
      ...base,
      '@type': kind,
      description: text(`${dct}description`),
      location: view.own(`${schema}location`).map((v) => reference(v.value, 'Place')),
      parentOrganization: view.own(`${org}subOrganizationOf`).map((v) => reference(v.value, 'Organization')),
      ...(view.own(`${foaf}homepage`)[0] ? { url: view.own(`${foaf}homepage`)[0]!.value } : {}),
    };
  }
  if (ontology.isA(types, `${dct}Location`)) {
    const latitude = view.own(`${geo}lat`)[0]?.value;
    const longitude = view.own(`${geo}long`)[0]?.value;
    return {
      ...base,
      '@type': 'Place',
      containedInPlace: view.own(`${schema}containedInPlace`).map((v) => reference(v.value, 'Place')),
      ...(latitude && longitude ? { geo: { '@type': 'GeoCoordinates', latitude: Number(latitude), longitude: Number(longitude) } } : {}),
    };
  }
  if (ontology.isA(types, `${citego}Dossier`)) {
    return {
      ...base,
      '@type': 'Collection',
      description: text(`${dct}description`),
      editor: view.own(`${citego}coordinator`).map((v) => reference(v.value, 'Person')),
      hasPart: view.incomingBy(`${dct}isPartOf`).map((s) => reference(s, 'CreativeWork')),
    };
  }
  if (ontology.isA(types, `${skos}ConceptScheme`)) {
    return { ...base, '@type': 'DefinedTermSet', description: text(`${skos}definition`) };
  }
  if (ontology.isA(types, `${skos}Concept`)) {
    const scheme = view.own(`${skos}inScheme`)[0]?.value;
    return {
      ...base,
      '@type': 'DefinedTerm',
      description: text(`${skos}definition`),
      termCode: view.own(`${skos}notation`)[0]?.value,
      ...(scheme ? { inDefinedTermSet: reference(scheme, 'DefinedTermSet') } : {}),
    };
  }
  return { ...base, '@type': 'Thing' };
}
