/**
 * The search page's script: suggestions as the reader types (descriptors, actors, places and
 * dossiers, each a link that adds it to the search), announced to screen readers, reachable
 * with the arrow keys and the Tab key, closed with Escape. Without it the form works as well.
 */
export const SEARCH_SCRIPT = `(function () {
  var input = document.getElementById('search-words');
  var list = document.getElementById('search-suggestions');
  var status = document.getElementById('search-suggestions-status');
  if (!input || !list || !status || !window.fetch) return;
  var ui = document.documentElement.lang || 'fr';
  var timer = null;
  var asked = 0;
  function close() { list.hidden = true; list.textContent = ''; input.setAttribute('aria-expanded', 'false'); }
  function show(suggestions) {
    list.textContent = '';
    suggestions.forEach(function (s) {
      var item = document.createElement('li');
      var link = document.createElement('a');
      link.href = s.search;
      link.textContent = s.preferred && s.preferred !== s.label ? s.label + ' \\u2192 ' + s.preferred : s.label;
      if (s.language) link.lang = s.language;
      var kind = document.createElement('small');
      kind.textContent = ' (' + s.kindLabel + ')';
      item.appendChild(link);
      item.appendChild(kind);
      list.appendChild(item);
    });
    list.hidden = suggestions.length === 0;
    input.setAttribute('aria-expanded', suggestions.length ? 'true' : 'false');
    status.textContent = status.getAttribute('data-count-' + Math.min(suggestions.length, 2)) || '';
  }
  input.addEventListener('input', function () {
    clearTimeout(timer);
    var text = input.value.trim();
    if (text.length < 2) { close(); return; }
    timer = setTimeout(function () {
      var ticket = ++asked;
      fetch('/search/suggest?' + new URLSearchParams({ q: text, ui: ui }), { headers: { Accept: 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
        .then(function (answer) { if (ticket === asked) show(answer.suggestions); })
        .catch(function () { close(); });
    }, 150);
  });
  input.addEventListener('keydown', function (event) {
    if (event.key === 'ArrowDown' && !list.hidden) { event.preventDefault(); var first = list.querySelector('a'); if (first) first.focus(); }
    if (event.key === 'Escape') close();
  });
  list.addEventListener('keydown', function (event) {
    var links = Array.prototype.slice.call(list.querySelectorAll('a'));
    var at = links.indexOf(document.activeElement);
    if (event.key === 'ArrowDown' && at < links.length - 1) { event.preventDefault(); links[at + 1].focus(); }
    if (event.key === 'ArrowUp') { event.preventDefault(); (at > 0 ? links[at - 1] : input).focus(); }
    if (event.key === 'Escape') { close(); input.focus(); }
  });
})();
`;
