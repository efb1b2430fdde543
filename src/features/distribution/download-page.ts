/**
 * The /download page: every file of the version being served, with its format, size, what it
 * holds, its SHA-256 and the date of the data, the licence, and the other ways to the data (the
 * catalogue, VoID, the endpoint). While the files are being written it shows the progress and
 * refreshes itself.
 */
import { Representation } from '../../http/representation.js';
import type { DataLicence } from '../../config.js';
import { html } from '../../web/html.js';
import { textsIn, type PageLanguage } from '../../web/i18n/catalogue.js';
import { renderPage } from '../../web/layout.js';
import { FILE_KINDS, fileKind } from './files.js';
import { SOURCES_DIR, type DumpFile } from './dump.js';
import type { DumpsStatus } from './dumps.js';

export interface DownloadPageOptions {
  readonly dumps: DumpsStatus;
  readonly language: PageLanguage;
  readonly licence: DataLicence;
  readonly download: string;
}

function size(bytes: number, language: PageLanguage): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toLocaleString(language, { maximumFractionDigits: unit === 0 ? 0 : 1 })} ${units[unit]}`;
}

export function downloadPage(options: DownloadPageOptions): Representation {
  const { dumps, language, licence, download } = options;
  const t = textsIn(language);
  const d = t.distribution;
  let body;
  if (dumps.phase === 'ready') {
    const { files, modified } = dumps.manifest;
    const row = (file: DumpFile) => html`<tr><td><a href="${download}/${file.file}" download>${file.file.split('/').pop()}</a></td>
<td>${fileKind(file.file)?.title ?? ''}</td><td class="number">${size(file.bytes, language)}</td>
<td class="number">${file.count === undefined ? '' : `${file.count.toLocaleString(language)} ${file.file.startsWith('csv/') ? d.rows : d.triples}`}</td>
<td><code>${file.sha256}</code></td></tr>`;
    const table = (list: readonly DumpFile[]) => html`<table><thead><tr><th scope="col">${d.file}</th><th scope="col">${d.format}</th><th scope="col">${d.size}</th><th scope="col">${d.count}</th><th scope="col">${d.checksum}</th></tr></thead>
<tbody>${list.map(row)}</tbody></table>`;
    body = html`<p>${d.modified} <time datetime="${modified}">${new Date(modified).toLocaleString(language, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' })} UTC</time>.</p>
<h2>${d.rdf}</h2>${table(files.filter((f) => FILE_KINDS[f.file] && !f.file.startsWith('csv/')))}
<h2>${d.tables}</h2><p>${d.tablesIntro}</p>${table(files.filter((f) => f.file.startsWith('csv/')))}
<h2>${d.sources}</h2><p>${d.sourcesIntro}</p>${table(files.filter((f) => f.file.startsWith(`${SOURCES_DIR}/`)))}
<p>${d.verify}</p>`;
  } else if (dumps.phase === 'preparing') {
    const percent = dumps.progress?.phase === 'sort' ? Math.floor((dumps.progress.done / Math.max(1, dumps.progress.total)) * 100) : dumps.progress ? 100 : 0;
    body = html`<div class="notice" role="status"><p>${d.preparing}</p><p><progress max="100" value="${percent}">${percent} %</progress></p></div>`;
  } else {
    body = html`<div class="notice" role="alert"><p>${d.failed}</p></div>`;
  }
  const page = renderPage({
    language,
    title: d.title,
    path: download,
    head: dumps.phase === 'preparing' ? html`<meta http-equiv="refresh" content="3">` : undefined,
    body: html`<h1>${d.title}</h1><p class="lead">${d.intro}</p>
<p>${d.licence} <a rel="license" href="${licence.iri}">${licence.title}</a>.</p>
${body}
<h2>${d.others}</h2><ul><li><a href="/catalog">${d.catalogue}</a></li><li><a href="/.well-known/void">${d.void}</a></li><li><a href="/sparql">${d.sparql}</a></li></ul>`,
    jsonLd: {
      '@context': 'https://schema.org',
      '@type': 'Dataset',
      name: d.title,
      description: d.intro,
      license: licence.iri,
      ...(dumps.phase === 'ready' ? {
        dateModified: dumps.manifest.modified,
        distribution: dumps.manifest.files.filter((f) => FILE_KINDS[f.file]).map((f) => ({
          '@type': 'DataDownload', contentUrl: `${download}/${f.file}`, encodingFormat: FILE_KINDS[f.file]!.mediaType, contentSize: String(f.bytes),
        })),
      } : {}),
    },
  });
  return new Representation(page, 'text/html; charset=utf-8', {
    cacheControl: dumps.phase === 'ready' ? 'public, max-age=300' : 'no-store',
    lastModified: dumps.phase === 'ready' ? new Date(dumps.manifest.modified) : undefined,
  });
}
