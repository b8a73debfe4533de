/**
 * The layer rules of src/ (DEVELOPERS.md, "Layers"), checked by `npm test` and `npm run lint:deps`.
 * Type-only imports count: a type import is still an arrow in the design.
 *
 * Outer to inner: entry points (main.ts, cli/, composition/) → http/ → schema/ → services/ →
 * loaders/ → graph/ → domain/. sources/ (readers of external systems) sit beside graph/.
 * export/, verifier/ and ui/ are clients of the API and share only domain/ with the server.
 * The configuration modules (src/*Config.ts, src/config.ts) are read by the outer layers.
 */
const LAYER = (name) => `^src/${name}/`;
const CONFIG = '^src/(config|securityConfig|auditConfig|mlflowTrackingConfig)\\.ts$';

const only = (name, from, allowed, comment) => ({
  name,
  comment,
  severity: 'error',
  from: { path: from },
  to: { path: '^src/', pathNot: [from, ...allowed] },
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'A cycle, even through type imports, is a loop in the design: move the shared part inward.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    only('domain-is-innermost', LAYER('domain'), [], 'domain/ holds plain types and rules; it imports nothing else from src/.'),
    {
      name: 'domain-without-frameworks',
      comment: 'domain/ imports neither GraphQL nor the Neo4j driver.',
      severity: 'error',
      from: { path: LAYER('domain') },
      to: { path: 'node_modules/(graphql|type-graphql|graphql-scalars|neo4j-driver|@apollo)/' },
    },
    only('graph-sees-domain', LAYER('graph'), [LAYER('domain')], 'graph/ (Neo4j data access) depends on domain/ only.'),
    only('loaders-see-graph', LAYER('loaders'), [LAYER('graph'), LAYER('domain')], 'loaders/ wrap repository batch functions; they never call services.'),
    only('sources-see-domain', LAYER('sources'), [LAYER('domain')], 'sources/ read external systems into domain values; they do not write the graph.'),
    only(
      'services-point-inward',
      LAYER('services'),
      [LAYER('loaders'), LAYER('graph'), LAYER('sources'), LAYER('domain'), '^src/securityConfig\\.ts$', '^src/auditConfig\\.ts$'],
      'services/ use loaders, repositories, sources and domain rules; never schema/, http/ or entry points.',
    ),
    only(
      'schema-calls-services',
      LAYER('schema'),
      [LAYER('services'), LAYER('loaders'), LAYER('domain')],
      'schema/ (types and thin resolvers) calls services; it never reaches the graph directly.',
    ),
    only('export-is-a-client', LAYER('export'), [LAYER('domain'), LAYER('verifier')], 'The exporter talks to the API over GraphQL like any client.'),
    only('verifier-is-offline', LAYER('verifier'), [LAYER('domain')], 'The offline verifier ships to auditors without the server.'),
    only('ui-is-a-client', LAYER('ui'), [LAYER('domain')], 'The explorer runs in the browser and talks to the API only.'),
    only('config-is-settings', CONFIG, [CONFIG, LAYER('domain'), LAYER('graph') + 'settings\\.ts$'], 'Configuration parses the environment; it needs nothing but domain types.'),
    {
      name: 'driver-only-in-graph',
      comment: 'One module opens sessions: only graph/ imports the Neo4j driver.',
      severity: 'error',
      from: { path: '^src/', pathNot: LAYER('graph') },
      to: { path: 'node_modules/neo4j-driver' },
    },
    {
      name: 'product-never-reads-tests',
      comment: 'Product code never depends on test/, scripts/ or anything outside the repository; tests beside it may use test/support.',
      severity: 'error',
      from: { path: '^src/', pathNot: '\\.test\\.ts$' },
      to: { path: '^(test|scripts)/|^\\.\\./' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^src/ui/.*\\.d\\.ts$' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
