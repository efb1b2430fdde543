/**
 * The browser side of the atlas view and of the network of actors: Cytoscape.js (served from the
 * project's own dependencies) draws the data embedded in the page. Descriptors are coloured by
 * their components (a slice per component), marked with the letters of their angles and sized
 * by their scale; the descriptor at the centre is in the middle, its neighbours in rings by
 * distance, each beside the neighbour that leads to it. Actors are coloured by family and sized by their sheets; links across families are
 * drawn thicker and in the accent colour. Clicking a node (or Enter on it) opens its page. The
 * lists after the graph stay the way for keyboards and screen readers.
 */
export const GRAPH_SCRIPT = `(function () {
  var container = document.getElementById('graph');
  var source = document.getElementById('graph-data');
  if (!container || !source || typeof cytoscape === 'undefined') return;
  var data = JSON.parse(source.textContent);
  container.hidden = false;
  var elements = [];
  var kind = container.getAttribute('data-kind');
  if (kind === 'atlas') {
    var sizes = { 0: 60, 1: 38, 2: 24 };
    data.nodes.forEach(function (n) {
      var colours = n.components.map(function (c) { return data.components[c]; }).filter(Boolean);
      var letters = n.angles.map(function (a) { return data.angles[a]; }).filter(Boolean).join(' ');
      var node = { data: { id: n.iri, label: n.label + (letters ? ' \\u00b7 ' + letters : ''), href: n.href, size: sizes[n.distance] || 28, slices: colours.length, centre: n.distance === 0 } };
      for (var i = 0; i < 4; i++) node.data['c' + i] = colours[i] || '#cccccc';
      elements.push(node);
    });
    data.edges.forEach(function (e, i) { elements.push({ data: { id: 'e' + i, source: e.source, target: e.target, relation: e.relation } }); });
  } else {
    var most = Math.max.apply(null, data.nodes.map(function (n) { return n.documents; }).concat([1]));
    data.nodes.forEach(function (n) {
      elements.push({ data: { id: n.iri, label: n.label, href: n.href, colour: data.colours[n.family] || '#888888', size: 18 + 40 * Math.sqrt(n.documents / most) } });
    });
    data.edges.forEach(function (e, i) { elements.push({ data: { id: 'e' + i, source: e.source, target: e.target, relation: e.relation, width: Math.min(8, 1 + e.weight), crossing: e.crossesFamilies } }); });
  }
  var style = [
    { selector: 'node', style: { 'label': 'data(label)', 'font-size': 12, 'min-zoomed-font-size': 7, 'text-wrap': 'wrap', 'text-max-width': 140, 'text-valign': 'bottom', 'text-margin-y': 4, 'color': '#1d2a33', 'text-background-color': '#fbfbf8', 'text-background-opacity': 0.85, 'width': 'data(size)', 'height': 'data(size)', 'border-width': 1, 'border-color': '#1d2a33' } },
    { selector: 'edge', style: { 'width': 1.5, 'line-color': '#9aa5ad', 'curve-style': 'bezier' } },
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#f4b400' } }
  ];
  if (kind === 'atlas') {
    style.push({ selector: 'node', style: { 'background-color': '#ffffff', 'pie-size': '100%', 'pie-1-background-color': 'data(c0)', 'pie-2-background-color': 'data(c1)', 'pie-3-background-color': 'data(c2)', 'pie-4-background-color': 'data(c3)' } });
    [1, 2, 3, 4].forEach(function (count) {
      var share = 100 / count;
      var slices = {};
      for (var i = 1; i <= 4; i++) slices['pie-' + i + '-background-size'] = i <= count ? share : 0;
      style.push({ selector: 'node[slices = ' + count + ']', style: slices });
    });
    style.push({ selector: 'node[?centre]', style: { 'font-weight': 'bold', 'font-size': 14, 'border-width': 3 } });
    style.push({ selector: 'edge[relation = "broader"]', style: { 'target-arrow-shape': 'triangle', 'target-arrow-color': '#56636d', 'line-color': '#56636d' } });
    style.push({ selector: 'edge[relation = "related"]', style: { 'line-style': 'dashed' } });
  } else {
    style.push({ selector: 'node', style: { 'background-color': 'data(colour)' } });
    style.push({ selector: 'edge', style: { 'width': 'data(width)' } });
    style.push({ selector: 'edge[?crossing]', style: { 'line-color': '#b5541c', 'opacity': 0.9 } });
    style.push({ selector: 'edge[relation = "membership"]', style: { 'line-style': 'dotted' } });
  }
  var layout = kind === 'atlas'
    ? { name: 'breadthfirst', circle: true, roots: [data.centre], spacingFactor: 1.5, avoidOverlap: true, animate: false }
    : { name: 'cose', animate: false, nodeRepulsion: function () { return 9000; }, idealEdgeLength: function () { return 90; }, randomize: false };
  var cy = cytoscape({ container: container, elements: elements, style: style, layout: layout, wheelSensitivity: 0.3, minZoom: 0.2, maxZoom: 3 });
  // A large graph fitted to the frame would shrink its names out of sight: start readable, around the centre, and let the reader zoom out.
  if (cy.zoom() < 0.75) {
    cy.zoom(0.75);
    var middle = kind === 'atlas' ? cy.nodes('[?centre]') : cy.nodes().max(function (n) { return n.data('size'); }).ele;
    cy.center(middle);
  }
  cy.on('tap', 'node', function (event) { var href = event.target.data('href'); if (href) window.location.href = href; });
  cy.on('mouseover', 'node', function () { container.style.cursor = 'pointer'; });
  cy.on('mouseout', 'node', function () { container.style.cursor = ''; });
})();
`;
