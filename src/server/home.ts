/**
 * The home page: what the service is, for whom, what it holds, and the way to each of its parts.
 * While the data is loading it says so, with the progress, and answers 503 so that robots come
 * back later.
 */
import type { Request, Response } from 'express';
import { html } from './html.js';
import { negotiateLanguage, type PageLanguage } from './language.js';
import { renderPage, siteName } from './layout.js';
import type { ServiceState } from './state.js';

type Texts = Record<PageLanguage, string>;

/** A part of the service listed on the home page; each feature adds its own. */
export interface ServicePart {
  readonly path: string;
  readonly title: Texts;
  readonly description: Texts;
}

const INTRO: Texts = {
  fr: 'CITEGO (Cités, territoires, gouvernance) outille les acteurs des territoires — collectivités, réseaux, universités, centres de recherche, associations — avec un fonds documentaire d\'expériences, d\'analyses et de propositions, et un atlas relationnel qui relie les questions de gouvernance entre elles. Ce service publie ces connaissances en données ouvertes liées, pour que chacun puisse les interroger, les relier et les réutiliser.',
  en: 'CITEGO (Cities, territories, governance) equips territorial actors — local authorities, networks, universities, research centres, associations — with a collection of experiences, analyses and proposals, and a relational atlas that links questions of governance to one another. This service publishes that knowledge as linked open data, so that anyone can query it, link it and reuse it.',
  es: 'CITEGO (Ciudades, territorios, gobernanza) equipa a los actores territoriales — gobiernos locales, redes, universidades, centros de investigación, asociaciones — con un fondo documental de experiencias, análisis y propuestas, y un atlas relacional que vincula entre sí las cuestiones de gobernanza. Este servicio publica esos conocimientos como datos abiertos enlazados, para que cualquiera pueda consultarlos, enlazarlos y reutilizarlos.',
};

const AUDIENCE: Texts = {
  fr: 'Pour les chercheurs qui interrogent les données en SPARQL, les portails qui les fédèrent, les moteurs qui moissonnent le JSON-LD, les réutilisateurs qui téléchargent les exports, et l\'équipe de CITEGO qui fait vivre la collection.',
  en: 'For researchers querying the data in SPARQL, portals federating it, crawlers harvesting its JSON-LD, reusers downloading its dumps, and the CITEGO team who curate the collection.',
  es: 'Para los investigadores que consultan los datos en SPARQL, los portales que los federan, los motores que recolectan su JSON-LD, los reutilizadores que descargan sus volcados y el equipo de CITEGO que cuida la colección.',
};

const WORDS = {
  holds: { fr: 'Ce que contient le service', en: 'What the service holds', es: 'Lo que contiene el servicio' },
  parts: { fr: 'Les parties du service', en: 'Parts of the service', es: 'Partes del servicio' },
  browse: { fr: 'Parcourir', en: 'Browse', es: 'Recorrer' },
  kind: { fr: 'Type', en: 'Kind', es: 'Tipo' },
  count: { fr: 'Nombre', en: 'Number', es: 'Número' },
  triples: { fr: 'triplets RDF au total', en: 'RDF triples in all', es: 'tripletas RDF en total' },
  loading: { fr: 'Chargement et validation des données…', en: 'Loading and validating the data…', es: 'Cargando y validando los datos…' },
  loadingHint: {
    fr: 'Les données sont validées par les formes SHACL avant d\'être publiées. Cette page se met à jour toute seule.',
    en: 'The data is validated against the SHACL shapes before it is published. This page refreshes itself.',
    es: 'Los datos se validan con las formas SHACL antes de publicarse. Esta página se actualiza sola.',
  },
  failed: { fr: 'Les données n\'ont pas pu être publiées', en: 'The data could not be published', es: 'No se pudieron publicar los datos' },
  validating: { fr: 'validation', en: 'validation', es: 'validación' },
  storing: { fr: 'chargement', en: 'loading', es: 'carga' },
} as const;

const KIND_LABELS: Record<string, Texts> = {
  Document: { fr: 'Fiches', en: 'Sheets', es: 'Fichas' },
  Dossier: { fr: 'Dossiers thématiques', en: 'Thematic dossiers', es: 'Dossiers temáticos' },
  Person: { fr: 'Personnes', en: 'Persons', es: 'Personas' },
  Organization: { fr: 'Organisations', en: 'Organisations', es: 'Organizaciones' },
  Location: { fr: 'Lieux', en: 'Places', es: 'Lugares' },
  Descriptor: { fr: 'Descripteurs de l\'atlas', en: 'Atlas descriptors', es: 'Descriptores del atlas' },
};

function localName(iri: string): string {
  return iri.slice(Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/')) + 1);
}

/** A list of things of one kind, to browse. */
export interface BrowseLink {
  readonly path: string;
  readonly title: Texts;
}

export function homePage(state: ServiceState, parts: readonly ServicePart[], browse: readonly BrowseLink[] = []) {
  return (req: Request, res: Response): void => {
    const language = negotiateLanguage(req.query.lang, req.get('accept-language'));
    res.vary('Accept-Language');
    const status = state.status;
    let holdings;
    if (status.phase === 'ready') {
      const rows = Object.entries(status.counts)
        .filter(([kind]) => KIND_LABELS[localName(kind)])
        .sort(([a], [b]) => Object.keys(KIND_LABELS).indexOf(localName(a)) - Object.keys(KIND_LABELS).indexOf(localName(b)))
        .map(([kind, count]) => html`<tr><th scope="row">${KIND_LABELS[localName(kind)]![language]}</th><td class="number">${count.toLocaleString(language)}</td></tr>`);
      holdings = html`<h2>${WORDS.holds[language]}</h2>
<table><thead><tr><th scope="col">${WORDS.kind[language]}</th><th scope="col">${WORDS.count[language]}</th></tr></thead><tbody>${rows}</tbody></table>
<p>${status.triples.toLocaleString(language)} ${WORDS.triples[language]}.</p>`;
    } else if (status.phase === 'loading') {
      const percent = status.progress ? Math.floor((status.progress.bytesDone / Math.max(1, status.progress.bytesTotal)) * 100) : 0;
      const phase = status.progress?.phase === 'load' ? WORDS.storing[language] : WORDS.validating[language];
      holdings = html`<div class="notice" role="status"><p><strong>${WORDS.loading[language]}</strong></p>
<p><progress max="100" value="${percent}">${percent} %</progress> ${phase} ${percent} %</p><p>${WORDS.loadingHint[language]}</p></div>`;
    } else {
      holdings = html`<div class="notice" role="alert"><p><strong>${WORDS.failed[language]}</strong></p><pre>${status.reason}</pre></div>`;
    }
    const partList = parts.map((part) => html`<li><a href="${part.path}">${part.title[language]}</a><p>${part.description[language]}</p></li>`);
    const body = html`<h1>${siteName(language)}</h1>
<p class="lead">${INTRO[language]}</p>
<p>${AUDIENCE[language]}</p>
${holdings}
<h2>${WORDS.parts[language]}</h2>
<ul class="parts">${partList}</ul>
${browse.length ? html`<h2>${WORDS.browse[language]}</h2><ul class="browse">${browse.map((b) => html`<li><a href="${b.path}?lang=${language}">${b.title[language]}</a></li>`)}</ul>` : ''}`;
    if (status.phase !== 'ready') res.status(503).set('Retry-After', '5');
    res.type('html').send(renderPage({
      language,
      title: siteName(language),
      path: '/',
      body,
      head: status.phase === 'loading' ? html`<meta http-equiv="refresh" content="3">` : undefined,
      jsonLd: {
        '@context': 'https://schema.org',
        '@type': 'WebSite',
        name: siteName(language),
        description: INTRO[language],
        inLanguage: language,
        publisher: { '@type': 'Organization', name: 'CITEGO', url: 'https://www.citego.org/' },
      },
    }));
  };
}
