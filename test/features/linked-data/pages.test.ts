/**
 * Description pages as people and search engines read them: what each kind of thing shows,
 * every link a link, three languages with fallback, schema.org JSON-LD of the right type, and
 * texts from the data shown as text, however they are written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDataWith } from '../../helpers.js';
import { startService, type RunningService } from '../../service-harness.js';

let running: RunningService;

beforeAll(async () => {
  running = await startService({ env: { DATA_DIR: demoDataWith('hostile/hostile-sheet.ttl', 'hostile/hostile-links.ttl') } });
});

afterAll(async () => {
  await running.close();
});

async function page(path: string, language?: string): Promise<string> {
  const response = await fetch(`${running.origin}${path}`, { headers: language ? { 'Accept-Language': language } : {} });
  expect(response.status, path).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  return response.text();
}

function schemaOrg(html: string): Record<string, unknown> {
  const block = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html);
  expect(block).not.toBeNull();
  return JSON.parse(block![1]!) as Record<string, unknown>;
}

describe('description pages', () => {
  it('show a sheet with its authors, places, dossier, descriptors and translations, each a link', async () => {
    const html = await page('/doc/document/relocaliser-alimentation-question-gouvernance.html', 'fr');
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('<h1 lang="fr">Relocaliser l&#39;alimentation : une question de gouvernance</h1>');
    expect(html).toContain('<a href="/doc/actor/claire-dumontel.html?lang=fr">Claire Dumontel</a>');
    expect(html).toContain('<a href="/doc/place/france.html?lang=fr" lang="fr">France</a>');
    expect(html).toContain('href="/doc/dossier/gouvernance-alimentaire.html?lang=fr" lang="fr">Gouvernance alimentaire des territoires</a>');
    expect(html).toContain('href="/doc/descriptor/circuits-courts.html?lang=fr" lang="fr">Circuits courts alimentaires</a>');
    expect(html).toContain('<span lang="en">Relocalising food: a question of governance</span>');
    expect(html).toContain('<link rel="alternate" type="text/turtle" href="/doc/document/relocaliser-alimentation-question-gouvernance.ttl">');
    expect(schemaOrg(html)).toMatchObject({
      '@context': 'https://schema.org', '@type': 'Article', datePublished: '2012-03-15',
      author: [{ '@type': 'Person', name: 'Claire Dumontel' }],
    });
  });

  it('show a descriptor with its place in the matrix, its neighbours and its sheets', async () => {
    const html = await page('/doc/descriptor/gouvernance-alimentaire.html?lang=en');
    expect(html).toContain('<h1 lang="en">Food governance</h1>');
    expect(html).toContain('<h2>Place in the atlas matrix</h2>');
    expect(html).toMatch(/<strong>2<\/strong> <a href="\/doc\/component\/economy\.html\?lang=en" lang="en">Economy and territory<\/a>/);
    expect(html).toMatch(/<strong>A<\/strong> <a href="\/doc\/angle\/actors\.html\?lang=en" lang="en">Actors and relations<\/a>/);
    expect(html).toContain('<h2>Neighbours</h2>');
    expect(html).toContain('<h2>Indexed sheets</h2>');
    expect(html).toContain('href="/doc/document/relocaliser-alimentation-question-gouvernance.html?lang=en" lang="en">Relocalising food');
    expect(schemaOrg(html)).toMatchObject({ '@type': 'DefinedTerm', inDefinedTermSet: { '@type': 'DefinedTermSet', '@id': 'http://localhost:3000/id/scheme/atlas' } });
  });

  it('speak French, English or Spanish, falling back to French where a translation is missing', async () => {
    const spanish = await page('/doc/descriptor/gouvernance-alimentaire.html', 'es-ES,es;q=0.9');
    expect(spanish).toContain('<html lang="es">');
    expect(spanish).toContain('<h1 lang="es">Gobernanza alimentaria</h1>');
    expect(spanish).toContain('<h2>Lugar en la matriz del atlas</h2>');
    const noSpanishLabel = await page('/doc/descriptor/partenariat-multi-acteurs.html?lang=es');
    expect(noSpanishLabel).toContain('<h1 lang="fr">Partenariat multi-acteurs</h1>');
  });

  it('give each kind of thing its schema.org type', async () => {
    const types: Record<string, string> = {
      '/doc/actor/claire-dumontel.html': 'Person',
      '/doc/actor/observatoire-systemes-alimentaires.html': 'ResearchOrganization',
      '/doc/place/paris.html': 'Place',
      '/doc/dossier/gouvernance-alimentaire.html': 'Collection',
      '/doc/scheme/atlas.html': 'DefinedTermSet',
      '/doc/document/regie-agricole-cantines-coteaux-lignon.html': 'Report',
    };
    for (const [path, type] of Object.entries(types)) expect(schemaOrg(await page(path))['@type'], path).toBe(type);
    expect(schemaOrg(await page('/doc/place/paris.html'))).toMatchObject({ geo: { '@type': 'GeoCoordinates', latitude: 48.8566 }, sameAs: expect.arrayContaining(['http://www.wikidata.org/entity/Q90']) });
  });

  it('show texts from the data as text, whatever markup they hold', async () => {
    const html = await page('/doc/document/hostile-sheet.html?lang=fr');
    expect(html).toContain('&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;');
    expect(html).toContain('&lt;/p&gt;&lt;img src=x onerror=alert(1)&gt; un résumé &lt;b&gt;gras&lt;/b&gt;');
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    const jsonLdBlock = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)![1]!;
    expect(jsonLdBlock).not.toContain('</script');
    expect((JSON.parse(jsonLdBlock) as { name: string }).name).toBe('<script>alert(\'title\')</script> & "quotes"');
  });

  it('make a link of an IRI from the data only when it is an http(s) IRI', async () => {
    const html = await page('/doc/place/paris.html?lang=en');
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
    expect(hrefs.filter((href) => href !== 'data:,' && !/^(https?:\/\/|\/|#)/.test(href)), 'links that are neither web links nor the service\'s own (the empty icon aside)').toEqual([]);
    expect(html).toContain('javascript:alert(document.domain)');
    expect(html).toContain('vbscript:msgbox(1)');
    expect(hrefs).toContain('http://www.wikidata.org/entity/Q90');
  });
});

describe('the model, published', () => {
  it('documents every class and property of the ontology at its own anchor, in French and English', async () => {
    const html = await page('/ontology?lang=fr');
    for (const term of ['Document', 'ExperienceRecord', 'Descriptor', 'Component', 'GovernanceAngle', 'LocalAuthority', 'partner', 'component', 'scale']) {
      expect(html).toContain(`id="${term}"`);
    }
    expect(html).toContain('<h3><span lang="fr">Descripteur</span> <small><code>citego:Descriptor</code></small></h3>');
    // The other languages' labels once each; the definition once, in the reader's language.
    expect(html).toContain('<p class="other-language"><span lang="en">Descriptor</span> · <span lang="es">Descriptor</span></p>');
    const spanish = await page('/ontology?lang=es');
    expect(spanish).toContain('<h3><span lang="es">Ficha de experiencia</span> <small><code>citego:ExperienceRecord</code></small></h3>');
    const definitions = (spanish.match(/<section id="Descriptor" class="term">[\s\S]*?<\/section>/)?.[0] ?? '').match(/<p lang="(fr|en)">/g) ?? [];
    expect(definitions).toEqual(['<p lang="fr">']);
    expect(spanish.match(/<h2>Clases<\/h2>/g)?.length ?? 0).toBeLessThanOrEqual(1);
    const turtle = await fetch(`${running.origin}/ontology`, { headers: { Accept: 'text/turtle' } });
    expect(turtle.headers.get('content-location')).toBe('/ontology.ttl');
    expect(await turtle.text()).toContain('citego:Descriptor a owl:Class');
    const jsonLd = await fetch(`${running.origin}/ontology.jsonld`);
    expect(jsonLd.headers.get('content-type')).toMatch(/^application\/ld\+json/);
  });

  it('lists the shapes with their messages, and lets them be downloaded', async () => {
    const html = await page('/shapes?lang=en');
    expect(html).toContain('A sheet must have a title (dct:title).');
    const turtle = await fetch(`${running.origin}/shapes.ttl`);
    expect(turtle.status).toBe(200);
    expect(await turtle.text()).toContain('shape:Document-title-required');
  });
});
