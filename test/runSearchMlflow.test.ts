import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatId } from '../src/domain/ids';
import { NodeType } from '../src/domain/nodeType';
import { storeKeyFor } from '../src/domain/trackingStore';
import type { GraphExecutor } from '../src/graph/executor';
import { startTestApi, type TestApi } from './support/api';
import { testRoot } from './support/composition';
import { resetGraph, testGraph } from './support/graph';
import { readExpected } from './support/mlflowExpected';
import { mlflowSearchRuns, type SearchAnswer, type SearchCase } from './support/mlflowSearch';

/**
 * Differential test of `runs(filter: { search }, orderBy: { search })` against MLflow's own
 * `MlflowClient.search_runs` on the committed fixture stores: for every case the runs, and their
 * order, must be MLflow's. `{RUNn}` stands for the n-th run id of the store's expected.json, as
 * the two stores' run ids differ.
 */
const CASES: readonly SearchCase[] = [
  // Metrics: latest values, NaN, missing metrics, number forms.
  { filter: 'metrics.AUC_test > 0.85' },
  { filter: 'metrics.AUC_test >= 0.869' },
  { filter: 'metrics.AUC_test < 0.85' },
  { filter: 'metrics.AUC_test <= 0.842' },
  { filter: 'metrics.AUC_test = 0.871' },
  { filter: 'metrics.AUC_test != 0.871' },
  { filter: 'metrics.AUC_eval > 0' },
  { filter: 'metrics.min_log_prr < 0' },
  { filter: 'metrics.logloss > 1000' },
  { filter: 'metrics.AP_test > .3' },
  { filter: 'metrics.AP_test > 3e-1' },
  { filter: 'metrics.AUC_test > -1' },
  { filter: 'metrics.`AUC_test` > 0.86' },
  { filter: 'metric.AUC_test > 0.85' },
  // Params: strings, quoting, LIKE and ILIKE wildcards, presence.
  { filter: "params.max_depth = '6'" },
  { filter: "params.max_depth != '6'" },
  { filter: 'params.eta = "0.05"' },
  { filter: "params.`features/count` = '6'" },
  { filter: 'params."features/count" = \'10\'' },
  { filter: "params.eta LIKE '0.0%'" },
  { filter: "params.eta LIKE '0._'" },
  { filter: "params.data_period LIKE '%Q1'" },
  { filter: "params.data_period ILIKE '%q1'" },
  { filter: "params.data_period LIKE '%q1'" },
  { filter: 'params.subsample IS NULL' },
  { filter: "`params`.eta = '0.1'" },
  { filter: "param.eta = '0.1'" },
  // Tags: dotted keys, quoted keys, presence.
  { filter: "tags.mlflow.runName LIKE 'prr-hpo%'" },
  { filter: "tags.`mlflow.runName` = 'prr-debug'", view: 'ALL' },
  { filter: 'tags.hpo.strategy IS NOT NULL' },
  { filter: 'tags.mlflow.parentRunId IS NULL' },
  { filter: 'tag.pv.signal_method IS NOT NULL' },
  // Attributes.
  { filter: "attributes.status = 'FINISHED'" },
  { filter: "attributes.status != 'FINISHED'", view: 'ALL' },
  { filter: "status = 'KILLED'" },
  { filter: "attribute.status LIKE 'F%'" },
  { filter: "attributes.run_name = 'prr-xgb-2023Q4'" },
  { filter: "attributes.run_name ILIKE '%SIGNAL%'" },
  { filter: "run_name LIKE 'xgb-signal-2024Q_'" },
  { filter: "attributes.`run name` = 'prr-hpo-2024Q1'" },
  { filter: "attributes.user_id = 'l.nguyen'", view: 'ALL' },
  { filter: 'attributes.start_time > 1713258000000' },
  { filter: 'attributes.start_time >= 1713258000000 and attributes.start_time < 1720000000000' },
  { filter: 'attributes.end_time < 1713270000000', view: 'ALL' },
  { filter: 'attributes.end_time > 0', view: 'ALL' },
  { filter: 'attributes.created > 1720000000000' },
  { filter: "attributes.run_id IN ('{RUN0}', '{RUN1}', '{RUN5}')" },
  { filter: "attributes.run_id NOT IN ('{RUN0}', '{RUN1}')", view: 'ALL' },
  { filter: "run_id = '{RUN2}'" },
  // Conjunctions.
  { filter: "metrics.AUC_test > 0.85 and params.max_depth = '6'" },
  { filter: "metrics.AUC_test > 0.8 AND params.eta = '0.05' and tags.mlflow.user = 'a.moreau'" },
  { filter: "params.eta = '0.05' AND attributes.status = 'FINISHED'", view: 'ALL' },
  { filter: "params.eta ILIKE '0.0%' and metrics.AP_test <= 0.35" },
  // Orders: NaN and missing values, ties, several terms.
  { filter: '', order_by: ['metrics.AUC_test DESC'] },
  { filter: '', order_by: ['metrics.AUC_test ASC'] },
  { filter: '', order_by: ['metrics.AUC_eval DESC'] },
  { filter: '', order_by: ['metrics.AUC_eval'] },
  { filter: '', order_by: ['params.max_depth DESC'] },
  { filter: '', order_by: ['params.eta', 'metrics.AUC_test DESC'] },
  { filter: '', order_by: ['attributes.start_time'] },
  { filter: '', order_by: ['attributes.end_time DESC'], view: 'ALL' },
  { filter: '', order_by: ['tags.hpo.strategy'] },
  { filter: '', order_by: ['attributes.run_name DESC'], view: 'ALL' },
  { filter: '', order_by: ['metrics.logloss DESC'] },
  { filter: '', order_by: ['status', 'params.eta DESC'], view: 'ALL' },
  { filter: 'metrics.logloss < 1', order_by: ['metrics.logloss'] },
  { filter: "params.eta = '0.05'", order_by: ['metrics.`AUC_test` DESC'], view: 'ALL' },
];

/** Strings MLflow refuses; pv-lineage must refuse them too, naming where. */
const MALFORMED: readonly string[] = [
  "metrics.AUC_test > '0.8'",
  'params.eta = 0.1',
  "metrics.AUC_test LIKE '0.8%'",
  "params.eta = '0.1' OR params.eta = '0.2'",
  "foo.bar = 'x'",
  "attributes.status IN ('FINISHED')",
  'params.eta =',
  "attributes.nope = 'x'",
  "params.eta IN ('0.1')",
];

const FIXTURES = path.resolve(__dirname, '..', 'demo/mlflow');
const STORES = [
  { kind: 'file store', uri: path.join(FIXTURES, 'filestore/mlruns'), expected: path.join(FIXTURES, 'filestore/expected.json') },
  { kind: 'SQLite store', uri: `sqlite:///${path.join(FIXTURES, 'sqlite/mlflow.db')}`, expected: path.join(FIXTURES, 'sqlite/expected.json') },
];

const QUERY = `query($filter: RunFilter, $orderBy: RunOrder) {
  runs(filter: $filter, orderBy: $orderBy, first: 100) { totalCount edges { node { runId } } } }`;

describe('MLflow filter strings vs MlflowClient.search_runs', () => {
  let graph: GraphExecutor;
  let api: TestApi;
  let tmp: string;
  const storeIds = new Map<string, string>();

  beforeAll(async () => {
    graph = testGraph();
    await resetGraph(graph);
    const ingest = testRoot(graph).ingest;
    for (const s of STORES) {
      const summary = await ingest.ingestMlflow(s.uri, { actor: 'test' });
      expect(summary.status).toBe('COMPLETED');
      storeIds.set(s.kind, formatId(NodeType.TRACKING_STORE, storeKeyFor(summary.storeUri)));
    }
    api = await startTestApi(graph);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pvl-search-'));
  }, 120_000);
  afterAll(async () => {
    fs.rmSync(tmp, { recursive: true, force: true });
    await api.close();
    await graph.close();
  });

  it('has enough cases to mean something', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    expect(CASES.filter((c) => c.order_by).length).toBeGreaterThanOrEqual(10);
  });

  describe.each(STORES)('$kind', (store) => {
    let answers: SearchAnswer[];
    let refusals: SearchAnswer[];
    let storeId: string;
    let cases: SearchCase[];

    beforeAll(async () => {
      const runIds = readExpected(store.expected).runs.map((r) => r.run_id);
      cases = CASES.map((c) => ({ ...c, filter: c.filter.replace(/\{RUN(\d+)\}/g, (_m, n: string) => runIds[Number(n)]) }));
      // MLflow's client may migrate or write to a store it opens: it gets a copy.
      const copy = path.join(tmp, store.kind.replace(' ', '-'));
      let uri: string;
      if (store.uri.startsWith('sqlite:')) {
        fs.mkdirSync(copy);
        fs.copyFileSync(store.uri.slice('sqlite:///'.length), path.join(copy, 'mlflow.db'));
        uri = `sqlite:///${path.join(copy, 'mlflow.db')}`;
      } else {
        fs.cpSync(store.uri, copy, { recursive: true });
        uri = copy;
      }
      [answers, refusals] = await Promise.all([mlflowSearchRuns(uri, cases), mlflowSearchRuns(uri, MALFORMED.map((filter) => ({ filter })))]);
      storeId = storeIds.get(store.kind) as string;
    }, 120_000);

    it.each(CASES.map((c, i) => ({ i, filter: c.filter || '(no filter)', order: c.order_by?.join(', ') ?? 'default order', view: c.view ?? 'ACTIVE_ONLY' })))(
      'case $i: $filter, $order, $view',
      async ({ i }) => {
        const c = cases[i];
        const answer = answers[i];
        expect(answer).toHaveProperty('run_ids');
        const wanted = (answer as { run_ids: string[] }).run_ids;
        const res = await api.gql<{ runs: { totalCount: number; edges: { node: { runId: string } }[] } }>(QUERY, {
          filter: { storeId, search: c.filter, includeDeleted: c.view === 'ALL' },
          ...(c.order_by ? { orderBy: { search: c.order_by } } : {}),
        });
        expect(res.errors).toBeUndefined();
        expect(res.data!.runs.edges.map((e) => e.node.runId)).toEqual(wanted);
        expect(res.data!.runs.totalCount).toBe(wanted.length);
      },
    );

    it.each(MALFORMED.map((filter, i) => ({ i, filter })))('refuses malformed string $i as MLflow does: $filter', async ({ i, filter }) => {
      expect(refusals[i]).toHaveProperty('error');
      const res = await api.gql(QUERY, { filter: { storeId, search: filter } });
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0].extensions?.position).toEqual(expect.any(Number));
      expect(res.errors?.[0].message).toMatch(/at column \d+/);
    });
  });
});
