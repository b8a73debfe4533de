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

const EXAMPLE = `# pv-lineage playground.
# Which runs fed this report? Put a report id from \`reports\` into the variables.
query RunsThatFedReport($reportId: ID!) {
  report(id: $reportId) {
    title
    period
    runs {
      id
      runId
      name
      status
      params
      metrics { key value special }
      experiment { name }
      inputs { context dataset { name digest period } }
      modelVersions { name version stage }
    }
  }
}

query RecentReports {
  reports(first: 10) {
    totalCount
    edges { node { id title kind period status } }
  }
}

query BestRunsByAUC {
  runs(first: 5, orderBy: { field: METRIC, metricKey: "AUC_test", direction: DESC }) {
    edges { node { id name metrics { key value } experiment { name } } }
  }
}
`;

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
  var fetcher = GraphiQL.createFetcher({ url: window.location.pathname });
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, {
    fetcher: fetcher,
    defaultQuery: ${JSON.stringify(EXAMPLE)},
    defaultHeaders: ${JSON.stringify(JSON.stringify({ Authorization: 'Bearer <your token>' }, null, 2))},
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
