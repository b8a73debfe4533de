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
<link rel="stylesheet" href="${base}/playground.css">
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

/**
 * Contrast for GraphiQL's light theme: its secondary and tertiary text and its editor's token
 * colours sit at 2–4:1 on white, under the 4.5:1 WCAG 2.1 AA asks for text. The dark theme is left
 * as GraphiQL draws it.
 */
const PLAYGROUND_CSS = `html,body,#graphiql{height:100%;margin:0}
body:not(.graphiql-dark) .graphiql-container, body:not(.graphiql-dark) .graphiql-dialog, body:not(.graphiql-dark) .CodeMirror-info, body:not(.graphiql-dark) .CodeMirror-lint-tooltip, body:not(.graphiql-dark) .CodeMirror-hints {
  --alpha-secondary: 1; --alpha-tertiary: 0.88; --alpha-background-heavy: 0.3;
}
body:not(.graphiql-dark) .graphiql-tab:not(.graphiql-tab-active) > .graphiql-tab-button { color: hsl(219, 28%, 30%); }
body:not(.graphiql-dark) .cm-s-graphiql .CodeMirror-linenumber { color: #5a6270; }
body:not(.graphiql-dark) .cm-s-graphiql .cm-comment { color: #4f5966; }
body:not(.graphiql-dark) .cm-s-graphiql .cm-punctuation { color: #4a5260; }
body:not(.graphiql-dark) .cm-s-graphiql .cm-keyword { color: #a0135a; }
body:not(.graphiql-dark) .cm-s-graphiql .cm-def { color: #8a4500; }
body:not(.graphiql-dark) .cm-s-graphiql .cm-property { color: #1d5b94; }
body:not(.graphiql-dark) .cm-s-graphiql .cm-qualifier { color: #1d5b94; }
body:not(.graphiql-dark) .cm-s-graphiql .cm-attribute { color: #775000; }
body:not(.graphiql-dark) .cm-s-graphiql .cm-variable { color: #8a3b12; }
body:not(.graphiql-dark) .cm-s-graphiql .cm-atom { color: #6f3a96; }
body:not(.graphiql-dark) .cm-s-graphiql .cm-builtin { color: #775000; }
body:not(.graphiql-dark) .cm-s-graphiql .cm-number { color: #1f6b3a; }
body:not(.graphiql-dark) .cm-s-graphiql .cm-string { color: #9c2a1c; }
body:not(.graphiql-dark) .cm-s-graphiql .cm-string-2 { color: #1f6b3a; }
body:not(.graphiql-dark) .cm-s-graphiql .cm-meta { color: #1f6b3a; }
body:not(.graphiql-dark) .graphiql-doc-explorer-root-type { color: #a0135a; }
body:not(.graphiql-dark) .graphiql-doc-explorer-type-name { color: #8a4500; }
body:not(.graphiql-dark) .graphiql-doc-explorer-field-name { color: #1d5b94; }
body:not(.graphiql-dark) .graphiql-doc-explorer-argument-name { color: #6f3a96; }
body:not(.graphiql-dark) .graphiql-doc-explorer-argument-deprecated { color: #8a3b12; }
body:not(.graphiql-dark) .graphiql-doc-explorer-default-value { color: #1f6b3a; }
.graphiql-doc-explorer-section-content a.graphiql-doc-explorer-type-name, .graphiql-markdown-description a { text-decoration: underline; }
`;

/**
 * What GraphiQL 3's own markup lacks for assistive technology, added after each render: a name for
 * each editor's hidden textarea, a keyboard stop for each scrolling editor, and its operation tabs
 * as a named group of buttons (its `tablist` holds close buttons inside each `tab`, which screen
 * readers cannot announce); the selected one is marked `aria-current`.
 */
const A11Y_SCRIPT = `function accessible(root) {
  var named = function (el, name) { if (el && el.getAttribute('aria-label') !== name) el.setAttribute('aria-label', name); };
  root.querySelectorAll('.graphiql-query-editor textarea').forEach(function (t) { named(t, 'GraphQL query editor'); });
  root.querySelectorAll('.graphiql-editor-tool .graphiql-editor').forEach(function (e, i) {
    named(e.querySelector('textarea'), i === 0 ? 'Variables editor (JSON)' : 'Headers editor (JSON)');
  });
  root.querySelectorAll('.result-window textarea, textarea[readonly]').forEach(function (t) { named(t, 'Query result'); });
  // CodeMirror takes its scroller out of the tab order (tabindex -1); a scrolling region needs a stop.
  root.querySelectorAll('.CodeMirror-scroll').forEach(function (s) { if (s.getAttribute('tabindex') !== '0') s.setAttribute('tabindex', '0'); });
  root.querySelectorAll('ul.graphiql-tabs').forEach(function (u) { if (u.getAttribute('role') !== 'group') u.setAttribute('role', 'group'); });
  root.querySelectorAll('li.graphiql-tab').forEach(function (li) {
    if (li.getAttribute('role') !== 'none') li.setAttribute('role', 'none');
    if (li.hasAttribute('aria-selected')) li.removeAttribute('aria-selected');
    var b = li.querySelector('.graphiql-tab-button');
    if (!b) return;
    var active = li.classList.contains('graphiql-tab-active');
    if (active && b.getAttribute('aria-current') !== 'true') b.setAttribute('aria-current', 'true');
    if (!active && b.hasAttribute('aria-current')) b.removeAttribute('aria-current');
  });
}
var scheduled = false;
new MutationObserver(function () {
  if (scheduled) return;
  scheduled = true;
  window.requestAnimationFrame(function () { scheduled = false; accessible(document.body); });
}).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['class', 'role', 'aria-selected'] });`;

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
  ${A11Y_SCRIPT}
})();`;
}

export function mountGraphiql(app: Express): void {
  const cache = new Map<string, Buffer>();
  for (const [name, asset] of Object.entries(ASSETS)) {
    const root = dirname(require.resolve(`${asset.pkg}/package.json`));
    cache.set(name, readFileSync(join(root, asset.file)));
  }
  const own: Record<string, { body: Buffer; type: string }> = {
    'playground.js': { body: Buffer.from(bootScript()), type: 'text/javascript' },
    'playground.css': { body: Buffer.from(PLAYGROUND_CSS), type: 'text/css' },
  };
  app.get(`${GRAPHIQL_ASSET_PATH}/:name`, (req: Request, res: Response) => {
    const name = String(req.params.name);
    const body = Object.hasOwn(own, name) ? own[name].body : cache.get(name);
    if (!body) {
      res.status(404).end();
      return;
    }
    res.type(Object.hasOwn(own, name) ? own[name].type : ASSETS[name].type);
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
