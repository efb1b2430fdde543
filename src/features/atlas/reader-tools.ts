/**
 * The reader's tools, kept in the reader's own browser (localStorage), nothing on the server:
 *  - the history of the path followed: every sheet and descriptor page visited, in order, with
 *    its page (read from the page's schema.org description), printable and clearable;
 *  - the basket of sheets set aside, from a sheet's page or from any list of sheets, exported as
 *    a bibliography (BibTeX, RIS, CSL-JSON) or as the list of IRIs by /api/bibliography.
 * The script runs on every page (the layout links it); the two pages are its views.
 */
import { html } from '../../web/html.js';
import type { Catalogue, PageLanguage } from '../../web/i18n/catalogue.js';
import { inLanguage, renderPage } from '../../web/layout.js';

export const READER_TOOLS_SCRIPT = `(function () {
  var HISTORY = 'citego.history', BASKET = 'citego.basket', MAX_HISTORY = 300;
  var tools = document.querySelector('.reader-tools');
  if (!tools || !window.localStorage) return;
  tools.hidden = false;
  var text = function (name) { return tools.getAttribute('data-' + name) || ''; };
  function read(key) { try { return JSON.parse(localStorage.getItem(key) || '[]'); } catch (e) { return []; } }
  function write(key, list) { try { localStorage.setItem(key, JSON.stringify(list)); } catch (e) { /* storage full or refused */ } }
  function inBasket(iri) { return read(BASKET).some(function (item) { return item.iri === iri; }); }
  function toggle(iri, title) {
    var basket = read(BASKET);
    var at = basket.findIndex(function (item) { return item.iri === iri; });
    if (at >= 0) basket.splice(at, 1); else basket.push({ iri: iri, title: title, at: new Date().toISOString() });
    write(BASKET, basket);
    refresh();
  }
  function counts() {
    var b = tools.querySelector('[data-count="basket"]'), h = tools.querySelector('[data-count="history"]');
    if (b) b.textContent = String(read(BASKET).length);
    if (h) h.textContent = String(read(HISTORY).length);
  }
  function button(iri, title) {
    var b = document.createElement('button');
    b.type = 'button';
    b.className = 'basket-button';
    b.setAttribute('data-iri', iri);
    b.addEventListener('click', function () { toggle(iri, title); });
    return b;
  }
  function refresh() {
    document.querySelectorAll('.basket-button').forEach(function (b) {
      var on = inBasket(b.getAttribute('data-iri'));
      b.setAttribute('aria-pressed', on ? 'true' : 'false');
      b.textContent = on ? text('remove') : text('add');
    });
    counts();
  }
  // What the page is about, from its schema.org description: sheets and descriptors enter the history.
  var about = null;
  document.querySelectorAll('script[type="application/ld+json"]').forEach(function (s) {
    try { var d = JSON.parse(s.textContent); if (d && d['@id'] && /\\/id\\/(document|descriptor)\\//.test(d['@id'])) about = d; } catch (e) { /* not ours */ }
  });
  if (about) {
    var kind = /\\/id\\/document\\//.test(about['@id']) ? 'document' : 'descriptor';
    var title = (document.querySelector('main h1') || {}).textContent || about.name || about['@id'];
    var history = read(HISTORY);
    var last = history[history.length - 1];
    if (!last || last.iri !== about['@id']) {
      history.push({ iri: about['@id'], title: title.trim(), kind: kind, url: location.pathname + location.search, at: new Date().toISOString() });
      write(HISTORY, history.slice(-MAX_HISTORY));
    }
    if (kind === 'document') {
      var heading = document.querySelector('main h1');
      if (heading) heading.insertAdjacentElement('afterend', button(about['@id'], title.trim()));
    }
  }
  document.querySelectorAll('[data-basket-iri]').forEach(function (element) {
    var b = button(element.getAttribute('data-basket-iri'), element.getAttribute('data-basket-title'));
    b.classList.add('small');
    element.appendChild(b);
  });
  refresh();

  // The basket's and the history's own pages.
  function link(href, label) { var a = document.createElement('a'); a.href = href; a.textContent = label; return a; }
  var basketList = document.getElementById('basket-items');
  if (basketList) {
    var form = document.getElementById('basket-export');
    var draw = function () {
      var basket = read(BASKET);
      basketList.textContent = '';
      form.querySelectorAll('input[name="iri"]').forEach(function (i) { i.remove(); });
      basket.forEach(function (item) {
        var li = document.createElement('li');
        li.appendChild(link(item.iri, item.title || item.iri));
        var remove = document.createElement('button');
        remove.type = 'button';
        remove.className = 'small';
        remove.textContent = text('remove');
        remove.setAttribute('aria-label', text('remove') + ' : ' + (item.title || item.iri));
        remove.addEventListener('click', function () { toggle(item.iri, item.title); draw(); });
        li.appendChild(document.createTextNode(' '));
        li.appendChild(remove);
        basketList.appendChild(li);
        var input = document.createElement('input');
        input.type = 'hidden'; input.name = 'iri'; input.value = item.iri;
        form.appendChild(input);
      });
      document.getElementById('basket-empty').hidden = basket.length > 0;
      form.hidden = basket.length === 0;
    };
    document.getElementById('basket-clear').addEventListener('click', function () { write(BASKET, []); draw(); counts(); });
    draw();
  }
  var historyList = document.getElementById('history-items');
  if (historyList) {
    var drawHistory = function () {
      var history = read(HISTORY);
      historyList.textContent = '';
      history.forEach(function (item) {
        var li = document.createElement('li');
        li.appendChild(link(item.url || item.iri, item.title || item.iri));
        var small = document.createElement('small');
        small.textContent = ' (' + text(item.kind) + ', ' + new Date(item.at).toLocaleString(document.documentElement.lang) + ')';
        li.appendChild(small);
        historyList.appendChild(li);
      });
      document.getElementById('history-empty').hidden = history.length > 0;
    };
    document.getElementById('history-clear').addEventListener('click', function () { write(HISTORY, []); drawHistory(); counts(); });
    document.getElementById('history-print').addEventListener('click', function () { window.print(); });
    drawHistory();
  }
})();
`;

export function basketPage(language: PageLanguage, t: Catalogue): string {
  const r = t.atlas.tools;
  const formats = [['bibtex', 'BibTeX'], ['ris', 'RIS'], ['csl-json', 'CSL-JSON'], ['iris', r.irisFormat]] as const;
  return renderPage({
    language, title: r.basket, path: '/reader/basket',
    body: html`<p><a href="${inLanguage('/', language)}">${t.home}</a></p>
<h1>${r.basket}</h1>
<p class="lead">${r.basketIntro}</p>
<noscript><p class="notice">${r.needsScript}</p></noscript>
<p id="basket-empty">${r.basketEmpty}</p>
<ol id="basket-items" class="basket"></ol>
<form id="basket-export" method="post" action="/api/bibliography" hidden>
<input type="hidden" name="ui" value="${language}">
<fieldset><legend>${r.export}</legend>${formats.map(([value, label]) => html`<button type="submit" class="tool-button" name="format" value="${value}">${label}</button> `)}</fieldset>
</form>
<p><button type="button" id="basket-clear" class="small">${r.clearBasket}</button></p>`,
  });
}

export function historyPage(language: PageLanguage, t: Catalogue): string {
  const r = t.atlas.tools;
  return renderPage({
    language, title: r.history, path: '/reader/history',
    body: html`<p class="no-print"><a href="${inLanguage('/', language)}">${t.home}</a></p>
<h1>${r.history}</h1>
<p class="lead">${r.historyIntro}</p>
<noscript><p class="notice">${r.needsScript}</p></noscript>
<p id="history-empty">${r.historyEmpty}</p>
<ol id="history-items" class="history"></ol>
<p class="no-print"><button type="button" id="history-print" class="tool-button">${r.print}</button> <button type="button" id="history-clear" class="small">${r.clearHistory}</button></p>`,
  });
}
