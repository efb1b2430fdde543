/**
 * The one stylesheet of every page, served once at a path named by its content's hash: a page
 * links it, a browser keeps it for good, and a new version of it gets a new path.
 */
import { createHash } from 'node:crypto';

export const STYLESHEET = `
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
th, td { text-align: left; padding: .35rem .9rem .35rem 0; border-bottom: 1px solid var(--line); vertical-align: top; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
.scroll { overflow-x: auto; max-width: 100%; position: relative; }
.parts { display: grid; grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr)); gap: 1rem; padding: 0; list-style: none; }
.parts li { border: 1px solid var(--line); border-radius: .5rem; padding: .9rem 1rem; background: #fff; }
.parts a { font-weight: 600; display: inline-block; min-height: 24px; }
.parts p { margin: .35rem 0 0; color: var(--muted); font-size: .95rem; }
.notice { border-left: 4px solid var(--accent); background: #fff; padding: .75rem 1rem; }
progress { width: 100%; max-width: 30rem; height: 1rem; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: .5rem; background: #fff; padding: .25rem .5rem; }
footer { border-top: 1px solid var(--line); padding-top: .75rem; padding-bottom: 2rem; color: var(--muted); font-size: .9rem; }
ul.links { display: grid; grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr)); gap: .2rem 1.5rem; padding-left: 1.1rem; }
ul.inline { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
.kind { margin: 0; color: var(--muted); font-size: .95rem; text-transform: uppercase; letter-spacing: .04em; }
.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: .5rem 1.5rem; margin: 1rem 0; }
.facts dt, .term-facts dt { font-weight: 600; font-size: .9rem; color: var(--muted); }
.facts dd, .term-facts dd { margin: 0; }
ul.matrix { list-style: none; padding: 0; margin: 0; }
.swatch { display: inline-block; width: .9rem; height: .9rem; border-radius: .2rem; vertical-align: middle; border: 1px solid #0003; }
.properties th { font-weight: 600; }
.pagination { border-top: 1px solid var(--line); margin-top: 1rem; }
.formats { border-top: 1px solid var(--line); margin-top: 2rem; }
.term { border-top: 1px solid var(--line); padding-top: .5rem; }
.term h3 small { font-weight: 400; color: var(--muted); }
.other-language { color: var(--muted); font-style: italic; }
.term-facts { display: flex; flex-wrap: wrap; gap: .25rem 2rem; }
code, td { overflow-wrap: anywhere; }
pre { overflow-x: auto; }
.shapes td:nth-child(2) code { font-size: .85rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
ul.links a, nav ul a, ul.inline a, .facet a { display: inline-block; min-height: 24px; padding: .1rem 0; }
mark { background: #fde68a; color: inherit; padding: 0 .1em; }
input, select, button, textarea { font: inherit; }
button { cursor: pointer; }
.search-form label { font-weight: 600; display: block; margin-bottom: .25rem; }
.search-line { display: flex; gap: .5rem; max-width: 40rem; }
.search-line input { flex: 1; min-width: 0; padding: .4rem .6rem; border: 1px solid var(--muted); border-radius: .3rem; }
.search-line button, .tool-button { padding: .4rem .9rem; border: 1px solid var(--accent); background: var(--accent); color: #fff; border-radius: .3rem; }
.suggestions { list-style: none; max-width: 40rem; margin: .25rem 0; padding: .25rem .6rem; border: 1px solid var(--line); background: #fff; }
.combine { border: 1px solid var(--line); margin: .75rem 0; max-width: 40rem; }
.combine label { display: inline-block; font-weight: 400; margin-right: 1.5rem; }
.search-results { display: grid; grid-template-columns: minmax(0, 1fr); gap: 1rem 2rem; }
@media (min-width: 60rem) { .search-results { grid-template-columns: minmax(0, 1fr) 17rem; } }
.results { padding-left: 1.5rem; }
.result { margin-bottom: 1.1rem; }
.result h3 { font-size: 1.05rem; margin: 0 0 .15rem; }
.result .meta { margin: 0; color: var(--muted); font-size: .9rem; }
.result .snippet { margin: .25rem 0 0; font-size: .95rem; }
.facets h2 { margin-top: 0; }
.facet h3 { font-size: .95rem; margin: 1rem 0 .25rem; color: var(--muted); }
.facet ul { list-style: none; padding: 0; margin: 0; }
.facet .count, .count { color: var(--muted); font-size: .85rem; font-variant-numeric: tabular-nums; }
.facet a.chosen { font-weight: 700; }
.chosen-filters ul { gap: .4rem .6rem; }
.chosen-filters a { border: 1px solid var(--line); border-radius: 1rem; padding: .15rem .6rem; background: #fff; text-decoration: none; }
.graph { width: 100%; height: 34rem; border: 1px solid var(--line); border-radius: .5rem; background: #fff; margin: 1rem 0; }
.matrix-table th, .matrix-table td { text-align: center; padding: .35rem .5rem; }
.matrix-table tbody th { text-align: left; font-weight: 600; }
.matrix-table td a { display: block; min-width: 4.5rem; padding: .2rem; text-decoration: none; border-radius: .3rem; }
.matrix-table td a:hover { background: #eef5f8; }
.matrix-table td.empty { color: var(--muted); }
.legend-columns { display: grid; grid-template-columns: repeat(auto-fill, minmax(18rem, 1fr)); gap: 1rem 2rem; }
.legend h3 { font-size: 1rem; }
ul.plain { list-style: none; padding: 0; }
ul.plain li { min-height: 24px; }
.letter { display: inline-block; min-width: 1.4rem; text-align: center; border: 1px solid var(--ink); border-radius: .2rem; font-size: .85rem; }
.marks { white-space: nowrap; }
.marks .swatch { margin-right: 1px; }
abbr.angles { text-decoration: none; font-size: .85rem; font-weight: 600; color: var(--muted); }
.family-legend { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; }
.line-sample { display: inline-block; width: 1.6rem; height: 4px; vertical-align: middle; background: #b5541c; }
li.crossing small, tr.crossing td { color: #8a3d12; }
.basket-button { margin: .25rem 0 .75rem; padding: .3rem .8rem; border: 1px solid var(--accent); background: #fff; color: var(--accent); border-radius: .3rem; }
.basket-button.small, button.small { margin: 0 0 0 .4rem; padding: .1rem .5rem; font-size: .85rem; border: 1px solid var(--line); background: #fff; color: var(--ink); border-radius: .3rem; }
.basket-button[aria-pressed="true"] { background: var(--accent); color: #fff; }
.reader-tools ul { gap: .25rem 1rem; font-size: .95rem; }
.letters ul { gap: .25rem .6rem; }
#yasgui .cm-string-2, #yasgui .cm-string { color: #8a3a00; }
#yasgui .cm-variable-2 { color: #1a4f9c; }
#yasgui .cm-comment { color: #5c5c5c; }
#yasgui .cm-atom, #yasgui .cm-number { color: #6b3fa0; }
#yasgui .CodeMirror-linenumber { color: #555; }
#yasgui .addTab { display: none; }
@media (max-width: 40rem) { #yasgui .yasqe .yasqe_buttons { position: static; display: flex; justify-content: flex-end; gap: .5rem; padding: .25rem 0; } }
#yasgui .yasr a.iri, #yasgui .yasr a { color: var(--accent); }
@media print { header, footer, .no-print, .skip { display: none !important; } main { max-width: none; } }
`;

export const STYLESHEET_PATH = `/assets/site-${createHash('sha256').update(STYLESHEET).digest('base64url').slice(0, 12)}.css`;
