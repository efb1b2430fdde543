/**
 * The home page: what the service is, for whom, what it holds, and the way to each of its parts
 * (each feature brings its card). While the data is loading it says so, with the progress, and
 * answers 503 so that robots come back later.
 */
import type { Request, Response } from 'express';
import type { ServiceState } from '../../build/state.js';
import { negotiateLanguage } from '../../http/negotiation.js';
import { localName } from '../../rdf/namespaces.js';
import { html } from '../../web/html.js';
import { textsIn, type Catalogue } from '../../web/i18n/catalogue.js';
import { inLanguage, renderPage } from '../../web/layout.js';
import type { Contributions } from '../feature.js';

/** The kinds counted on the home page, by the local name of their class, and how the page names them. */
const HOLDINGS: readonly (readonly [string, (t: Catalogue) => string])[] = [
  ['Document', (t) => t.kinds.document],
  ['Dossier', (t) => t.kinds.dossier],
  ['Person', (t) => t.kinds.person],
  ['Organization', (t) => t.kinds.organisation],
  ['Location', (t) => t.kinds.place],
  ['Descriptor', (t) => t.kinds.descriptor],
];

export function homePage(state: ServiceState, contributions: Contributions) {
  return (req: Request, res: Response): void => {
    const language = negotiateLanguage(req, req.query.lang);
    const t = textsIn(language);
    res.vary('Accept-Language');
    const status = state.status;
    let holdings;
    if (status.phase === 'ready') {
      const counted = new Map(Object.entries(status.counts).map(([kind, count]) => [localName(kind), count]));
      const rows = HOLDINGS.filter(([kind]) => counted.has(kind))
        .map(([kind, name]) => html`<tr><th scope="row">${name(t)}</th><td class="number">${counted.get(kind)!.toLocaleString(language)}</td></tr>`);
      holdings = html`<h2>${t.holds}</h2>
<table><thead><tr><th scope="col">${t.kind}</th><th scope="col">${t.count}</th></tr></thead><tbody>${rows}</tbody></table>
<p>${status.triples.toLocaleString(language)} ${t.triples}.</p>`;
    } else if (status.phase === 'loading') {
      const percent = status.progress ? Math.floor((status.progress.bytesDone / Math.max(1, status.progress.bytesTotal)) * 100) : 0;
      const phase = status.progress?.phase === 'load' ? t.storing : t.validating;
      holdings = html`<div class="notice" role="status"><p><strong>${t.loading}</strong></p>
<p><progress max="100" value="${percent}">${percent} %</progress> ${phase} ${percent} %</p><p>${t.loadingHint}</p></div>`;
    } else {
      holdings = html`<div class="notice" role="alert"><p><strong>${t.failed}</strong></p><pre>${status.reason}</pre></div>`;
    }
    const cards = contributions.cards().map((card) => {
      const { title, description } = card.text(t);
      return html`<li><a href="${inLanguage(card.path, language, card.languageParameter)}">${title}</a><p>${description}</p></li>`;
    });
    const browse = contributions.browse();
    const body = html`<h1>${t.siteName}</h1>
<p class="lead">${t.intro}</p>
<p>${t.audience}</p>
${holdings}
<h2>${t.parts}</h2>
<ul class="parts">${cards}</ul>
${browse.length ? html`<h2>${t.browse}</h2><ul class="browse links">${browse.map((b) => html`<li><a href="${inLanguage(b.path, language)}">${b.title(t)}</a></li>`)}</ul>` : ''}`;
    if (status.phase !== 'ready') res.status(503).set('Retry-After', '5');
    res.type('html').send(renderPage({
      language,
      title: t.siteName,
      path: '/',
      body,
      head: status.phase === 'loading' ? html`<meta http-equiv="refresh" content="3">` : undefined,
      jsonLd: {
        '@context': 'https://schema.org',
        '@type': 'WebSite',
        name: t.siteName,
        description: t.intro,
        inLanguage: language,
        publisher: { '@type': 'Organization', name: 'CITEGO', url: 'https://www.citego.org/' },
      },
    }));
  };
}
