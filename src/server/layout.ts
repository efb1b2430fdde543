/**
 * The frame of every HTML page: language, title, navigation, language switch, and the schema.org
 * JSON-LD that crawlers read. Pages are complete without JavaScript.
 */
import { html, jsonForScript, type SafeHtml } from './html.js';
import { PAGE_LANGUAGES, type PageLanguage } from './language.js';

const STYLE = `
:root { --ink: #1d2a33; --muted: #56636d; --accent: #1f6f8b; --line: #d8dee3; --paper: #fbfbf8; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--paper); }
a { color: var(--accent); }
a:focus-visible { outline: 3px solid #f4b400; outline-offset: 2px; }
header, main, footer { max-width: 64rem; margin: 0 auto; padding: 0 1.25rem; }
header { display: flex; flex-wrap: wrap; gap: .75rem 1.5rem; align-items: baseline; justify-content: space-between; padding-top: 1rem; padding-bottom: .75rem; border-bottom: 1px solid var(--line); }
header .brand { font-weight: 700; font-size: 1.15rem; text-decoration: none; color: var(--ink); }
nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1rem; margin: 0; padding: 0; }
.languages a[aria-current] { font-weight: 700; text-decoration: none; color: var(--ink); }
main { padding-top: 1.5rem; padding-bottom: 2.5rem; }
h1 { font-size: 1.8rem; line-height: 1.25; margin: .25rem 0 1rem; }
h2 { font-size: 1.25rem; margin-top: 2rem; }
.lead { font-size: 1.1rem; color: var(--muted); max-width: 48rem; }
table { border-collapse: collapse; }
th, td { text-align: left; padding: .35rem .9rem .35rem 0; border-bottom: 1px solid var(--line); }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
.parts { display: grid; grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr)); gap: 1rem; padding: 0; list-style: none; }
.parts li { border: 1px solid var(--line); border-radius: .5rem; padding: .9rem 1rem; background: #fff; }
.parts a { font-weight: 600; }
.parts p { margin: .35rem 0 0; color: var(--muted); font-size: .95rem; }
.notice { border-left: 4px solid var(--accent); background: #fff; padding: .75rem 1rem; }
progress { width: 100%; max-width: 30rem; height: 1rem; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: .5rem; background: #fff; padding: .25rem .5rem; }
footer { border-top: 1px solid var(--line); padding-top: .75rem; padding-bottom: 2rem; color: var(--muted); font-size: .9rem; }
`;

const SITE_NAME: Record<PageLanguage, string> = {
  fr: 'CITEGO — données ouvertes liées',
  en: 'CITEGO — linked open data',
  es: 'CITEGO — datos abiertos enlazados',
};

const SKIP_TO_CONTENT: Record<PageLanguage, string> = { fr: 'Aller au contenu', en: 'Skip to content', es: 'Ir al contenido' };
const LANGUAGE_NAMES: Record<PageLanguage, string> = { fr: 'Français', en: 'English', es: 'Español' };
const LANGUAGE_LABEL: Record<PageLanguage, string> = { fr: 'Langue', en: 'Language', es: 'Idioma' };
const FOOTER: Record<PageLanguage, string> = {
  fr: 'Données du fonds documentaire et de l\'atlas relationnel de CITEGO (Cités, territoires, gouvernance).',
  en: 'Data of the document collection and relational atlas of CITEGO (Cities, territories, governance).',
  es: 'Datos del fondo documental y del atlas relacional de CITEGO (Ciudades, territorios, gobernanza).',
};

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
}

export function siteName(language: PageLanguage): string {
  return SITE_NAME[language];
}

/** The same page in another language: its path with `lang` set, its other parameters kept. */
export function inLanguage(path: string, language: PageLanguage): string {
  const [pathname, query = ''] = path.split('?', 2) as [string, string?];
  const parameters = new URLSearchParams(query);
  parameters.set('lang', language);
  return `${pathname}?${parameters.toString()}`;
}

export function renderPage(options: PageOptions): string {
  const { language } = options;
  const switcher = PAGE_LANGUAGES.map((code) => html`<li><a href="${inLanguage(options.path, code)}" lang="${code}" hreflang="${code}"${code === language ? html` aria-current="true"` : ''}>${LANGUAGE_NAMES[code]}</a></li>`);
  // Search engines pair the translations of a page by these links; the plain path negotiates.
  const translations = [...PAGE_LANGUAGES.map((code) => html`<link rel="alternate" hreflang="${code}" href="${inLanguage(options.path, code)}">`),
    html`<link rel="alternate" hreflang="x-default" href="${options.path}">`];
  return `<!DOCTYPE html>\n${html`<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${options.title}</title>
<style>${STYLE}</style>
${translations}
${options.head ?? ''}
${options.jsonLd ? html`<script type="application/ld+json">${jsonForScript(options.jsonLd)}</script>` : ''}
</head>
<body>
<a href="#content" class="skip">${SKIP_TO_CONTENT[language]}</a>
<header>
<a class="brand" href="/?lang=${language}">${SITE_NAME[language]}</a>
<nav class="languages" aria-label="${LANGUAGE_LABEL[language]}"><ul>${switcher}</ul></nav>
</header>
<main id="content">
${options.body}
</main>
<footer><p>${FOOTER[language]}</p></footer>
</body>
</html>`}\n`;
}
