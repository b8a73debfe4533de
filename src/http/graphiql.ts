import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Express, Request, Response } from 'express';

/**
 * GraphiQL from local files only: these users are often on closed networks with no CDN.
 * GraphiQL 3 ships UMD bundles, so the page needs no build step.
 */
const ASSETS: Record<string, { pkg: string; file: string; type: string }> = {
  'react.js': { pkg: 'react', file: 'umd/react.production.min.js', type: 'text/javascript' },
  'react-dom.js': { pkg: 'react-dom', file: 'umd/react-dom.production.min.js', type: 'text/javascript' },
  'graphiql.js': { pkg: 'graphiql', file: 'graphiql.min.js', type: 'text/javascript' },
  'graphiql.css': { pkg: 'graphiql', file: 'graphiql.min.css', type: 'text/css' },
};

export const GRAPHIQL_ASSET_PATH = '/assets/graphiql';

const TOKEN_HOWTO = `# How to pass a token: get one from the login mutation
#   mutation { login(userId: "…", password: "…") { token } }
# (or \`npm run admin -- token create\`), then open the
# Headers tab below and write
#   {"Authorization": "Bearer <token>"}
# The demo also answers reads without a token. Signed in
# on the lineage explorer (/lineage) in this browser tab?
# Its token is already in the Headers tab.
`;

/** One tab per question users ask, so each runs with one click (one operation per tab). */
export const EXAMPLE_TABS: readonly { readonly title: string; readonly query: string; readonly variables: Record<string, unknown> }[] = [
  {
    title: 'Which runs fed this report',
    query: `${TOKEN_HOWTO}
# Which runs fed this report, at any depth, and how far
# upstream each one is.
query RunsThatFedReport($reportId: ID!) {
  report(id: $reportId) {
    title
    period
    sourceRuns {
      pathLength
      run {
        id
        runId
        name
        status
        params
        metrics { key value special }
        experiment { name }
        inputs { context dataset { name digest period } }
      }
    }
  }
}
`,
    variables: { reportId: 'report:SDR-2024Q1' },
  },
  {
    title: 'Impact of this dataset',
    query: `# This FAERS extract was faulty: which runs, model
# versions and reports does it touch?
query ImpactOfDataset($datasetId: ID!) {
  dataset(id: $datasetId) { name impactedReports { id title status } }
  impact(id: $datasetId, limit: 1000) {
    truncated
    stats { nodesByType { type count } deepestLevel }
    nodes { id type displayName depth summary }
  }
}
`,
    variables: { datasetId: 'dataset:s3%3A%2F%2Fpv-data:faers%2F2024Q1%2Fdrug_event.parquet' },
  },
  {
    title: 'Audit trail of this report',
    query: `# Every recorded change to this report and its versions:
# who, what, when, why, old -> new. Needs REVIEWER or QA.
query AuditTrailOfReport($reportId: ID!) {
  auditTrail(entityId: $reportId, first: 50) {
    totalCount
    edges {
      node {
        seq
        at
        actor { id name role }
        action
        entityVersion
        reason
        changes { field oldValue newValue }
        summary
      }
    }
  }
}
`,
    variables: { reportId: 'report:SDR-2024Q1' },
  },
  {
    title: 'Upstream lineage',
    query: `# The graph the lineage explorer (/lineage) draws:
# nodes with their depth, and edges.
query UpstreamLineage($id: ID!) {
  lineage(id: $id, direction: UPSTREAM, depth: 5) {
    nodes { id type displayName depth summary }
    edges { from to type }
    truncated
    stats { nodesByType { type count } deepestLevel elapsedMs }
  }
}
`,
    variables: { id: 'report:SDR-2024Q1' },
  },
  {
    title: 'Best runs by AUC',
    query: `query BestRunsByAUC {
  runs(first: 5, orderBy: { field: METRIC, metricKey: "AUC_test", direction: DESC }, filter: { statuses: [FINISHED] }) {
    edges { node { id name metrics { key value } experiment { name } reports { id title } } }
  }
}
`,
    variables: {},
  },
];

function page(): string {
  const base = GRAPHIQL_ASSET_PATH;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>pv-lineage · GraphiQL</title>
<link rel="stylesheet" href="${base}/graphiql.css">
<style>html,body,#graphiql{height:100%;margin:0}</style>
</head>
<body>
<div id="graphiql" role="main" aria-label="GraphiQL playground">Loading GraphiQL…</div>
<script src="${base}/react.js"></script>
<script src="${base}/react-dom.js"></script>
<script src="${base}/graphiql.js"></script>
<script src="${base}/playground.js"></script>
</body>
</html>`;
}

function bootScript(): string {
  return `(function () {
  var tabs = ${JSON.stringify(EXAMPLE_TABS.map((t) => ({ query: t.query, variables: JSON.stringify(t.variables, null, 2) })))};
  // The explorer keeps its sign-in token in this tab's sessionStorage (same origin).
  var token = null;
  try { token = window.sessionStorage.getItem('pvl.token'); } catch (e) {}
  var headers = token ? JSON.stringify({ Authorization: 'Bearer ' + token }, null, 2) : '';
  tabs.forEach(function (t) { t.headers = headers; });
  var fetcher = GraphiQL.createFetcher({ url: window.location.pathname });
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, {
    fetcher: fetcher,
    defaultTabs: tabs,
    // GraphiQL 3 fills the first tab's editors from these props, not from defaultTabs[0].
    variables: tabs[0].variables,
    defaultHeaders: headers,
    shouldPersistHeaders: false,
  }));
})();`;
}

export function mountGraphiql(app: Express): void {
  const cache = new Map<string, Buffer>();
  for (const [name, asset] of Object.entries(ASSETS)) {
    const root = dirname(require.resolve(`${asset.pkg}/package.json`));
    cache.set(name, readFileSync(join(root, asset.file)));
  }
  const boot = Buffer.from(bootScript());
  app.get(`${GRAPHIQL_ASSET_PATH}/:name`, (req: Request, res: Response) => {
    const name = String(req.params.name);
    const body = name === 'playground.js' ? boot : cache.get(name);
    if (!body) {
      res.status(404).end();
      return;
    }
    res.type(name === 'playground.js' ? 'text/javascript' : ASSETS[name].type);
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.send(body);
  });
  const html = page();
  app.get('/graphql', (req, res, next) => {
    if (!req.accepts('html') || req.query.query !== undefined) {
      next();
      return;
    }
    res.type('html').send(html);
  });
}
