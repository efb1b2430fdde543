/**
 * The pages' guard on links to values from the data: only an http(s) IRI becomes a link, however
 * the other schemes are spelt; everything else is shown as escaped text.
 */
import { describe, expect, it } from 'vitest';
import { html } from '../../src/web/html.js';
import { dataLink, isWebLink } from '../../src/web/links.js';

describe('a link to a value from the data', () => {
  it('is made for http and https IRIs only', () => {
    expect(isWebLink('http://www.wikidata.org/entity/Q90')).toBe(true);
    expect(isWebLink('HTTPS://sws.geonames.org/2988507/')).toBe(true);
    for (const iri of ['javascript:alert(document.domain)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'data:text/html;base64,PHNjcmlwdD4=',
      'vbscript:msgbox(1)', 'mailto:someone@example.org', '//example.org/', '/doc/place/paris.html', 'http:/missing-slash', 'https://']) {
      expect(isWebLink(iri), iri).toBe(false);
    }
  });

  it('is an anchor around a web link, and escaped text otherwise', () => {
    expect(String(dataLink('https://www.wikidata.org/entity/Q90', 'Paris', { external: true }))).toBe('<a href="https://www.wikidata.org/entity/Q90" rel="external">Paris</a>');
    const text = String(dataLink('javascript:alert("x")', html`<code>javascript:alert("x")</code>`));
    expect(text).not.toContain('href');
    expect(text).toBe('<span class="iri"><code>javascript:alert("x")</code></span>');
  });
});
