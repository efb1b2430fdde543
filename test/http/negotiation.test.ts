/**
 * Content negotiation, as RFC 9110 specifies it: media ranges and their parameters (quoted ones
 * included), q-values and specificity, aliases, languages and content codings.
 */
import { describe, expect, it } from 'vitest';
import { negotiate, negotiateCoding, negotiateFormat, negotiateLanguage, parseAccept } from '../../src/http/negotiation.js';
import { FORMATS, GRAPH_FORMATS } from '../../src/rdf/formats.js';

const request = (headers: Record<string, string>) => ({ headers });

describe('media types', () => {
  it('reads ranges with their q-values and parameters, a quoted comma staying inside its parameter', () => {
    const ranges = parseAccept('application/ld+json;profile="http://www.w3.org/ns/json-ld#expanded, http://www.w3.org/ns/json-ld#compacted";q=0.8, text/turtle');
    expect(ranges).toHaveLength(2);
    expect(ranges[0]).toMatchObject({ type: 'application', subtype: 'ld+json', q: 0.8 });
    expect(ranges[0]!.parameters.profile).toBe('http://www.w3.org/ns/json-ld#expanded, http://www.w3.org/ns/json-ld#compacted');
    expect(ranges[1]).toMatchObject({ type: 'text', subtype: 'turtle', q: 1 });
  });

  it('treats no Accept as */*, and a malformed q as not acceptable', () => {
    expect(negotiate(undefined, ['text/turtle', 'text/html'])?.mediaType).toBe('text/turtle');
    expect(negotiate('text/turtle;q=abc', ['text/turtle'])).toBeUndefined();
  });

  it('lets the most specific range decide, q=0 excluding a type that a wildcard would allow', () => {
    expect(negotiate('text/*;q=0.5, text/turtle;q=0, */*;q=0.1', ['text/turtle', 'text/html', 'application/n-triples'])?.mediaType).toBe('text/html');
    expect(negotiate('text/turtle;q=0, */*', ['text/turtle'])).toBeUndefined();
  });

  it('prefers the higher q, then an exact match over a wildcard, then the client\'s order', () => {
    expect(negotiate('text/turtle;q=0.4, application/ld+json;q=0.9', ['text/turtle', 'application/ld+json'])?.mediaType).toBe('application/ld+json');
    expect(negotiate('*/*, application/n-triples', ['text/turtle', 'application/n-triples'])?.mediaType).toBe('application/n-triples');
    expect(negotiate('application/n-triples, text/turtle', ['text/turtle', 'application/n-triples'])?.mediaType).toBe('application/n-triples');
  });

  it('maps an alias to its format among those offered only, a canonical type winning over an alias', () => {
    expect(negotiateFormat('application/json', GRAPH_FORMATS)?.format).toBe(FORMATS.jsonld);
    expect(negotiateFormat('application/json', [FORMATS.sparqlJson, FORMATS.csv])?.format).toBe(FORMATS.sparqlJson);
    expect(negotiateFormat('text/plain', GRAPH_FORMATS)?.format).toBe(FORMATS.ntriples);
    expect(negotiateFormat('application/xml;q=0.9, application/rdf+xml;q=0.9', GRAPH_FORMATS)?.format).toBe(FORMATS.rdfxml);
    expect(negotiateFormat('image/png', GRAPH_FORMATS)).toBeUndefined();
  });

  it('keeps the profile of the range that chose JSON-LD', () => {
    const chosen = negotiateFormat('application/ld+json; profile="http://www.w3.org/ns/json-ld#expanded"', GRAPH_FORMATS);
    expect(chosen?.format).toBe(FORMATS.jsonld);
    expect(chosen?.range.parameters.profile).toBe('http://www.w3.org/ns/json-ld#expanded');
  });
});

describe('languages', () => {
  it('takes ?lang= first, then the best of Accept-Language among fr, en and es, then French', () => {
    expect(negotiateLanguage(request({ 'accept-language': 'en' }), 'es')).toBe('es');
    expect(negotiateLanguage(request({ 'accept-language': 'de;q=0.9, en-GB;q=0.8' }), undefined)).toBe('en');
    expect(negotiateLanguage(request({ 'accept-language': 'ES-mx, fr;q=0.5' }), 'de')).toBe('es');
    expect(negotiateLanguage(request({ 'accept-language': 'de, it' }), undefined)).toBe('fr');
    expect(negotiateLanguage(request({ 'accept-language': 'en;q=0, *' }), undefined)).toBe('fr');
    expect(negotiateLanguage(request({}), undefined)).toBe('fr');
  });
});

describe('content codings', () => {
  const coding = (header: string | undefined, compress = true) => negotiateCoding(request(header === undefined ? {} : { 'accept-encoding': header }), compress);

  it('sends the bytes as they are when nothing is asked', () => {
    expect(coding(undefined)).toBe('identity');
    expect(coding('')).toBe('identity');
  });

  it('compresses a body worth it, br before gzip between equals, the client\'s q-values first', () => {
    expect(coding('gzip, deflate, br')).toBe('br');
    expect(coding('gzip')).toBe('gzip');
    expect(coding('br;q=0.5, gzip')).toBe('gzip');
    expect(coding('*')).toBe('br');
  });

  it('keeps a small body as it is, unless the client refuses identity', () => {
    expect(coding('gzip, br', false)).toBe('identity');
    expect(coding('gzip, identity;q=0', false)).toBe('gzip');
    expect(coding('identity;q=0, br;q=0.4, gzip;q=0.2', false)).toBe('br');
  });

  it('falls back on identity when the client accepts no coding at all, as RFC 9110 advises', () => {
    expect(coding('identity;q=0')).toBe('identity');
    expect(coding('compress')).toBe('identity');
  });
});
