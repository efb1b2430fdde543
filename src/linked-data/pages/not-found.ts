/** The page of an address that names nothing here: a 404 a person can act on. */
import { html } from '../../server/html.js';
import type { PageLanguage } from '../../server/language.js';
import { renderPage } from '../../server/layout.js';
import { say, UI } from './texts.js';

export function notFoundPage(address: string, language: PageLanguage): string {
  return renderPage({
    language,
    title: say(UI.notFound, language),
    path: '/',
    body: html`<h1>${say(UI.notFound, language)}</h1>
<p>${say(UI.notFoundText, language)}</p>
<p><code>${address}</code></p>
<p><a href="/?lang=${language}">${say(UI.home, language)}</a></p>`,
  });
}
