/**
 * What readers met wrong on the description pages, checked: a person's local maps are not among
 * the sheets they wrote, a local map names its descriptors as such, the atlas's page gives its
 * definition in the page's language first, the browse pages say what they count and show persons
 * and organisations apart, every internal link of the home page keeps the language, titles name
 * the site, and Spanish pages name types in Spanish.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../../service-harness.js';

let running: RunningService;
const page = async (path: string) => (await fetch(`${running.origin}${path}`, { headers: { Accept: 'text/html' } })).text();
/** The list under a heading of a page. */
const section = (html: string, heading: string) => html.match(new RegExp(`<h2>${heading}</h2>([\\s\\S]*?)</section>`))?.[1] ?? '';

beforeAll(async () => {
  running = await startService();
});

afterAll(async () => {
  await running?.close();
});

describe('description pages, for readers', () => {
  it('show a person\'s local maps apart from the sheets they wrote', async () => {
    const html = await page('/doc/actor/etienne-lagarde.html?lang=fr');
    expect(section(html, 'Cartes locales réalisées')).toContain('Carte locale des Coteaux du Lignon');
    expect(section(html, 'Fiches écrites')).not.toContain('Carte locale');
  });

  it('name a local map\'s descriptors as such', async () => {
    const html = await page('/doc/localmap/coteaux-du-lignon.html?lang=fr');
    expect(section(html, 'Descripteurs de la carte')).toContain('Projet alimentaire territorial');
    expect(html).not.toMatch(/<th scope="row">Membre<\/th>/);
  });

  it('give the atlas\'s definition in the page\'s language, and name its top concepts', async () => {
    const html = await page('/doc/scheme/atlas.html?lang=fr');
    expect(html.indexOf('Système de descripteurs reliés')).toBeGreaterThan(0);
    expect(html.indexOf('Système de descripteurs reliés')).toBeLessThan(html.indexOf('System of interlinked descriptors'));
    expect(section(html, 'Descripteurs les plus généraux')).toContain('Gouvernance territoriale');
    const descriptor = await page('/doc/descriptor/gouvernance-territoriale.html?lang=fr');
    expect(descriptor).toContain('Concept de tête de');
    expect(descriptor).toContain('href="/atlas/neighbourhood?descriptor=');
  });

  it('name types in Spanish and the site in every title', async () => {
    const html = await page('/doc/document/lille-jardins-partages-faubourg.html?lang=es');
    expect(html).toContain('<a href="/ontology?lang=es#ExperienceRecord" lang="es">Ficha de experiencia</a>');
    expect(html).toMatch(/<title>[^<]+ — CITEGO — datos abiertos enlazados<\/title>/);
  });

  it('count what they list, with persons and organisations apart', async () => {
    const html = await page('/browse/actor?lang=fr');
    expect(html).toMatch(/<p>\d+ éléments/);
    expect(html).toContain('<h2>Personnes</h2>');
    expect(html).toContain('<h2>Organisations</h2>');
  });

  it('keep the reader\'s language on every internal link of the home page', async () => {
    const html = await page('/?lang=en');
    // Links to the page in the other languages (the switch, hreflang) aside.
    // Attributes are HTML: '&' is written '&amp;'.
    const internal = [...html.matchAll(/<a href="(\/[^"#]*)"(?![^>]*hreflang)/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
    expect(internal.length).toBeGreaterThan(10);
    for (const href of internal) expect(href, href).toMatch(/[?&](lang|ui)=en/);
  });
});
