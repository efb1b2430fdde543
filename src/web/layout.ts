/**
 * The frame of every HTML page: language, title, navigation, language switch, the one
 * stylesheet, and the schema.org JSON-LD that crawlers read. Pages are complete without
 * JavaScript.
 */
import { html, jsonForScript, type SafeHtml } from './html.js';
import { PAGE_LANGUAGES, textsIn, type PageLanguage } from './i18n/catalogue.js';
import { STYLESHEET_PATH } from './stylesheet.js';

/** The reader's tools (history, basket), a script of every page, served by the atlas feature. */
export const READER_TOOLS_PATH = '/reader/tools.js';

/** The data's licence and where to download the data, stated in every page's footer. */
export interface FooterLicence {
  readonly title: string;
  readonly iri: string;
  readonly downloadPath: string;
}

let footerLicence: FooterLicence | undefined;

/** Sets the licence every page's footer states (from the service's configuration). */
export function setFooterLicence(licence: FooterLicence): void {
  footerLicence = licence;
}

/** Each language's name in itself, for the language switch. */
const AUTONYMS: Readonly<Record<PageLanguage, string>> = { fr: 'Français', en: 'English', es: 'Español' };

export interface PageOptions {
  readonly language: PageLanguage;
  readonly title: string;
  /** The page's own path (with its query, if any), for the language switch. */
  readonly path: string;
  readonly body: SafeHtml;
  /** schema.org description of what the page is about. */
  readonly jsonLd?: unknown;
  /** Extra elements for <head> (alternate links, refresh). */
  readonly head?: SafeHtml;
  /** The page in another language, when its address names the language otherwise than with `lang`. */
  readonly languageLink?: (language: PageLanguage) => string;
}

/**
 * The same page in another language: its path with the language parameter set (`lang`, or the
 * one a page names otherwise, such as the search's `ui`), its other parameters kept.
 */
export function inLanguage(path: string, language: PageLanguage, parameter = 'lang'): string {
  const [pathname, query = ''] = path.split('?', 2) as [string, string?];
  const parameters = new URLSearchParams(query);
  parameters.set(parameter, language);
  return `${pathname}?${parameters.toString()}`;
}

/** A page's title in the browser's tab and history: what it is, then whose it is. */
export function documentTitle(title: string, t: { readonly siteName: string }): string {
  return title === t.siteName ? title : `${title} — ${t.siteName}`;
}

export function renderPage(options: PageOptions): string {
  const { language } = options;
  const t = textsIn(language);
  const linkIn = options.languageLink ?? ((code: PageLanguage) => inLanguage(options.path, code));
  const switcher = PAGE_LANGUAGES.map((code) => html`<li><a href="${linkIn(code)}" lang="${code}" hreflang="${code}"${code === language ? html` aria-current="true"` : ''}>${AUTONYMS[code]}</a></li>`);
  // Search engines pair the translations of a page by these links; the plain path negotiates.
  const translations = [...PAGE_LANGUAGES.map((code) => html`<link rel="alternate" hreflang="${code}" href="${linkIn(code)}">`),
    html`<link rel="alternate" hreflang="x-default" href="${options.path}">`];
  return `<!DOCTYPE html>\n${html`<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${documentTitle(options.title, t)}</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
${translations}
${options.head ?? ''}
${options.jsonLd ? html`<script type="application/ld+json">${jsonForScript(options.jsonLd)}</script>` : ''}
</head>
<body>
<a href="#content" class="skip">${t.skipToContent}</a>
<header>
<a class="brand" href="/?lang=${language}">${t.siteName}</a>
<nav class="languages" aria-label="${t.languageLabel}"><ul>${switcher}</ul></nav>
<nav class="reader-tools" aria-label="${t.atlas.tools.label}" data-add="${t.atlas.tools.add}" data-remove="${t.atlas.tools.remove}" data-document="${t.atlas.tools.document}" data-descriptor="${t.atlas.tools.descriptor}" hidden><ul>
<li><a href="${inLanguage('/reader/history', language)}">${t.atlas.tools.history} (<span data-count="history">0</span>)</a></li>
<li><a href="${inLanguage('/reader/basket', language)}">${t.atlas.tools.basket} (<span data-count="basket">0</span>)</a></li></ul></nav>
</header>
<main id="content">
${options.body}
</main>
<footer><p>${t.footer}</p>${footerLicence ? html`<p>${t.distribution.licence} <a rel="license" href="${footerLicence.iri}">${footerLicence.title}</a> · <a href="${footerLicence.downloadPath}?lang=${language}">${t.distribution.card.title}</a></p>` : ''}</footer>
<script src="${READER_TOOLS_PATH}" defer></script>
</body>
</html>`}\n`;
}
