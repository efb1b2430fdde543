/**
 * The layers of src/, bottom to top, and the only directions imports may take between them:
 *   rdf/ (and config.ts)      terms, parsing, the format registry, writers, namespaces
 *   queries/, web/            the .rq catalogue and the query form; page layout, translations
 *   store/, validation/       the store and its workers; the SHACL gate
 *   build/                    the pipeline that publishes a version of the data
 *   collection/               the collection as readers meet it, read from the store per version
 *   http/                     negotiation, representations and their cache, CORS, answers
 *   features/<name>/          one module per door (linked data, SPARQL, the site…)
 *   app/                      the composition root: wires the features, nothing else
 *   cli/                      the commands
 * generate/ (the synthetic data generator) uses rdf/ and config.ts only.
 */
const layer = (name, from, allowed) => ({
  name,
  severity: 'error',
  comment: `${from} may import only ${allowed.join(', ')}`,
  from: { path: `^src/${from}` },
  to: { path: '^src/', pathNot: allowed.map((a) => `^src/${a}`) },
});

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'a cycle makes two modules one', from: {}, to: { circular: true } },
    layer('rdf-is-the-ground-floor', 'rdf/', ['rdf/']),
    layer('config-stands-alone', 'config\\.ts$', ['config\\.ts$']),
    layer('queries-beside-the-store', 'queries/', ['queries/']),
    layer('web-renders-only', 'web/', ['web/']),
    layer('store-below-the-build', 'store/', ['store/', 'rdf/', 'queries/']),
    layer('validation-below-the-build', 'validation/', ['validation/', 'rdf/']),
    layer('generate-writes-rdf', 'generate/', ['generate/', 'rdf/', 'config\\.ts$']),
    layer('build-below-http', 'build/', ['build/', 'store/', 'validation/', 'rdf/', 'queries/', 'config\\.ts$']),
    layer('collection-beside-http', 'collection/', ['collection/', 'store/', 'rdf/', 'queries/']),
    layer('http-below-the-features', 'http/', ['http/', 'web/', 'rdf/']),
    layer('features-below-the-root', 'features/', ['features/', 'http/', 'collection/', 'web/', 'build/', 'store/', 'validation/', 'queries/', 'rdf/', 'config\\.ts$']),
    {
      name: 'features-stay-apart',
      severity: 'error',
      comment: 'a feature imports its own modules and the shared contract, never another feature',
      from: { path: '^src/features/([^/]+)/' },
      to: { path: '^src/features/', pathNot: ['^src/features/$1/', '^src/features/feature\\.ts$'] },
    },
    layer('app-wires-features', 'app/', ['app/', 'features/', 'http/', 'collection/', 'web/', 'build/', 'store/', 'validation/', 'queries/', 'rdf/', 'config\\.ts$']),
  ],
  options: {
    includeOnly: '^src/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
