/** The URI policy: which paths name things and descriptions, and the URLs it writes. */
import { describe, expect, it } from 'vitest';
import { DESCRIPTION_FORMATS, IriPolicy } from '../../../src/features/linked-data/iri-policy.js';
import { formatByExtension } from '../../../src/rdf/formats.js';

const BASE = 'https://lod.example.org/';
const policy = new IriPolicy(BASE);
const turtle = formatByExtension('ttl', DESCRIPTION_FORMATS)!;

describe('the URI policy', () => {
  it('reads a thing from its IRI path and a description from its document path', () => {
    expect(policy.parse('/id/place/paris', '')).toEqual({ kind: 'thing', thing: `${BASE}id/place/paris` });
    expect(policy.parse('/doc/place/paris', '')).toEqual({ kind: 'description', thing: `${BASE}id/place/paris`, format: undefined, page: 1 });
    expect(policy.parse('/doc/place/paris.ttl', 'page=3')).toEqual({ kind: 'description', thing: `${BASE}id/place/paris`, format: turtle, page: 3 });
  });

  it('lets a slug hold a dot: only a known extension names a format', () => {
    expect(policy.parse('/doc/place/st.louis', '')).toMatchObject({ thing: `${BASE}id/place/st.louis`, format: undefined });
    expect(policy.parse('/doc/place/st.louis.ttl', '')).toMatchObject({ thing: `${BASE}id/place/st.louis`, format: turtle });
  });

  it('refuses paths that are not well-formed names, and pages that are not positive integers', () => {
    for (const path of ['/id/place', '/id/place/', '/id/../etc/passwd', '/id/place/%3Cscript%3E', '/id/place/.hidden', '/other/place/paris']) {
      expect(policy.parse(path, ''), path).toBeUndefined();
    }
    for (const page of ['0', '-2', '1.5', 'two', '']) expect(policy.parse('/doc/place/paris', `page=${page}`), page).toBeUndefined();
  });

  it('writes description URLs and paths, the page beyond the first only', () => {
    expect(policy.descriptionUrl(`${BASE}id/place/paris`)).toBe(`${BASE}doc/place/paris`);
    expect(policy.descriptionUrl(`${BASE}id/place/paris`, turtle, 2)).toBe(`${BASE}doc/place/paris.ttl?page=2`);
    expect(policy.descriptionPath(`${BASE}id/place/paris`, turtle, 1)).toBe('/doc/place/paris.ttl');
    expect(policy.isThing(`${BASE}id/place/paris`)).toBe(true);
    expect(policy.isThing(`${BASE}ontology#Descriptor`)).toBe(false);
    expect(policy.isThing('https://www.wikidata.org/id/place/paris')).toBe(false);
  });
});
