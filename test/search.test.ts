import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { GraphExecutor } from '../src/graph/executor';
import { seedDemoFromFixtures } from '../src/services/ingest/demoFixtures';
import { startTestApi, type TestApi } from './support/api';
import { testRoot } from './support/composition';
import { loadDemo } from './support/demo';
import { testGraph } from './support/graph';

const ROOT = path.resolve(__dirname, '..');
const PY = path.join(ROOT, '.venv/mlflow/bin/python');
// The shared fixtures live beside the clone (as CI places them), never at a fixed path.
const DB_2019 = path.resolve(ROOT, '..', 'shared', 'fixtures', 'mlflow-sqlite-2019', 'mlflow.db');

interface Hit {
  id: string;
  type: string;
  displayName: string;
  summary: string | null;
  match: string;
  storeId: string | null;
  source: string | null;
}
interface Results {
  hits: Hit[];
  countsByType: { type: string; count: number }[];
  total: number;
  totalCapped: boolean;
}

const Q = `query($text: String!, $types: [NodeType!], $stores: [ID!], $statuses: [String!], $first: Int) {
  searchResults(text: $text, types: $types, stores: $stores, statuses: $statuses, first: $first) {
    hits { id type displayName summary match storeId source } countsByType { type count } total totalCapped
  }
}`;

/**
 * The expected first hit of what a person types, on the demo data (the demo's MLflow stores and
 * the lineage scenario), the 2019 MLflow store and a store with an experiment `mlops_demo`.
 * A hit is named by type and display name (and a part of its id where names repeat), since
 * store keys depend on where the clone lives.
 */
const CASES: [text: string, type: string, displayName: string, match: string][] = [
  // Runs, by exact name, name words, fragments and ids.
  ['logistic_regression', 'RUN', 'logistic_regression', 'EXACT'],
  ['random_forest', 'RUN', 'random_forest', 'EXACT'],
  ['xgb-2024Q1-d4-eta0.2', 'RUN', 'xgb-2024Q1-d4-eta0.2', 'EXACT'],
  ['eta0.2', 'RUN', 'xgb-2023Q3-d6-eta0.2', 'WORD'],
  ['sandbox-notebook', 'RUN', 'sandbox-notebook', 'EXACT'],
  ['prr-hpo-2024Q1-trial-2', 'RUN', 'prr-hpo-2024Q1-trial-2', 'EXACT'],
  ['hyperopt', 'RUN', 'hyperopt-sweep', 'WORD'],
  ['hyperop', 'RUN', 'hyperopt-sweep', 'PREFIX'],
  ['sweep', 'RUN', 'hyperopt-sweep', 'WORD'],
  ['7658f35e', 'RUN', 'prr-xgb-2023Q4', 'PREFIX'],
  ['7658f35e19484e9599520b72d4d6910d', 'RUN', 'prr-xgb-2023Q4', 'EXACT'],
  ['f8a6361f177a40b291751d743ec0cd52', 'RUN', 'f8a6361f177a40b291751d743ec0cd52', 'EXACT'],
  ['regression', 'RUN', 'logistic_regression', 'FRAGMENT'],
  ['fix-cv', 'RUN', 'xgb-signal-2024Q1-fix-cv', 'WORD'],
  // Users.
  ['m.silva', 'RUN', 'xgb-2023Q3-d6-eta0.2', 'EXACT'],
  ['czumar', 'RUN', '0e77b745f78c4985825c66aafb15f45e', 'EXACT'],
  // Experiments.
  ['mlops_demo', 'EXPERIMENT', 'mlops_demo', 'EXACT'],
  ['pv-signal-ml-prr', 'EXPERIMENT', 'pv-signal-ml-prr', 'EXACT'],
  ['pv-sandbox', 'EXPERIMENT', 'pv-sandbox', 'EXACT'],
  ['Default', 'EXPERIMENT', 'Default', 'EXACT'],
  // Datasets: the label the explorer shows, its parts, MLflow names and digests.
  ['faers/2024Q1/drug_event.parquet', 'DATASET', 'faers/2024Q1/drug_event.parquet', 'EXACT'],
  ['faers/2024Q1-r2/drug_event.parquet', 'DATASET', 'faers/2024Q1-r2/drug_event.parquet', 'EXACT'],
  ['drug_event.parquet', 'DATASET', 'faers/2023Q1/drug_event.parquet', 'WORD'],
  ['drug_event', 'DATASET', 'faers/2023Q1/drug_event.parquet', 'PREFIX'],
  ['parquet', 'DATASET', 'faers/2023Q1/drug_event.parquet', 'FRAGMENT'],
  // Two snapshots carry this MLflow name; equal matches go by display name.
  ['faers_2024Q1', 'DATASET', 'faers/2024Q1-r2/drug_event.parquet', 'EXACT'],
  ['faers_2023Q4', 'DATASET', 'faers/2023Q4/drug_event.parquet', 'EXACT'],
  ['faers_ascii_2024q2.zip', 'DATASET', 'content/Exports/faers_ascii_2024q2.zip', 'WORD'],
  ['content/Exports', 'DATASET', 'content/Exports/faers_ascii_2024q2.zip', 'WORD'],
  // Reports and signals, by id, title, drug and event term.
  ['SDR-2024Q1', 'REPORT', 'Quarterly signal detection report 2024Q1', 'EXACT'],
  ['SDR-2024Q3', 'REPORT', 'Quarterly signal detection report 2024Q3', 'EXACT'],
  ['report:SDR-2024Q2', 'REPORT', 'Quarterly signal detection report 2024Q2', 'EXACT'],
  ['Quarterly signal detection report 2024Q4', 'REPORT', 'Quarterly signal detection report 2024Q4', 'EXACT'],
  ['SAR_2024Q1.pdf', 'REPORT', 'Signal Assessment Report — FAERS 2024Q1 (XGBoost re-ranked PRR signals)', 'WORD'],
  ['Assessment', 'REPORT', 'Signal Assessment Report — FAERS 2024Q1 (XGBoost re-ranked PRR signals)', 'WORD'],
  ['SIG-2024-001', 'SIGNAL', 'atorvastatin – Rhabdomyolysis', 'EXACT'],
  ['SIG-2024-004', 'SIGNAL', 'amiodarone – Interstitial lung disease', 'EXACT'],
  ['atorvastatin', 'SIGNAL', 'atorvastatin – Rhabdomyolysis', 'EXACT'],
  ['rhabdo', 'SIGNAL', 'atorvastatin – Rhabdomyolysis', 'PREFIX'],
  ['levofloxacin', 'SIGNAL', 'fluoroquinolone (levofloxacin) – Tendon rupture', 'WORD'],
  ['Lactic acidosis', 'SIGNAL', 'metformin – Lactic acidosis', 'EXACT'],
  ['haemorrhage', 'SIGNAL', 'warfarin – Gastrointestinal haemorrhage', 'WORD'],
  // Models and stores.
  ['pv-signal-xgb', 'REGISTERED_MODEL', 'pv-signal-xgb', 'EXACT'],
  ['Production', 'MODEL_VERSION', 'pv-signal-xgb v2', 'EXACT'],
  ['SQLite mlflow.db', 'TRACKING_STORE', 'SQLite mlflow.db', 'EXACT'],
  ['Windows', 'TRACKING_STORE', 'pv-team file store (Windows)', 'WORD'],
];

describe('search finds what people type', () => {
  let graph: GraphExecutor;
  let api: TestApi;
  let tmp: string;

  beforeAll(async () => {
    graph = testGraph();
    await loadDemo(graph);
    const root = testRoot(graph);
    await seedDemoFromFixtures(root, ROOT);
    await root.ingest.ingestMlflow(`sqlite:///${DB_2019}`, { actor: 'test' });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pvl-search-'));
    // The same experiment and run names in two stores: two hits each, told apart by their store.
    for (const uri of [`sqlite:///${path.join(tmp, 'mlflow.db')}`, `file://${path.join(tmp, 'mlruns')}`]) {
      execFileSync(PY, [path.join(ROOT, 'scripts/mlflow/write_named_runs.py'), '--tracking-uri', uri, '--experiment', 'mlops_demo', '--run', 'logistic_regression', '--run', 'random_forest']);
      await root.ingest.ingestMlflow(uri.startsWith('file://') ? path.join(tmp, 'mlruns') : uri, { actor: 'test' });
    }
    api = await startTestApi(graph);
  }, 180_000);

  afterAll(async () => {
    await api?.close();
    await graph.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const ask = async (variables: Record<string, unknown>): Promise<Results> => {
    const res = await api.gql<{ searchResults: Results }>(Q, variables);
    expect(res.errors).toBeUndefined();
    return res.data!.searchResults;
  };

  it(`has at least 40 cases`, () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
  });

  it.each(CASES)('%s → %s "%s" (%s)', async (text, type, displayName, match) => {
    const { hits } = await ask({ text, first: 5 });
    expect(hits[0]).toMatchObject({ type, displayName, match });
  });

  it('ranks exact before whole word before prefix before fragment, and says which', async () => {
    for (const text of ['drug_event', 'faers', '2024Q1', 'xgb', 'signal']) {
      const { hits } = await ask({ text, first: 100 });
      const ranks = hits.map((h) => ['EXACT', 'WORD', 'PREFIX', 'FRAGMENT'].indexOf(h.match));
      expect(ranks.every((r) => r >= 0)).toBe(true);
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    }
  });

  it('tells same-named runs apart by their store', async () => {
    const { hits } = await ask({ text: 'logistic_regression', types: ['RUN'] });
    expect(hits).toHaveLength(2);
    expect(new Set(hits.map((h) => h.storeId)).size).toBe(2);
    expect(new Set(hits.map((h) => h.source)).size).toBe(2);
    for (const h of hits) expect(h.source).toEqual(expect.any(String));
  });

  it('counts by type across types while filtering the hits by type', async () => {
    const all = await ask({ text: '2024Q1', first: 100 });
    const runsOnly = await ask({ text: '2024Q1', types: ['RUN'], first: 100 });
    expect(runsOnly.countsByType).toEqual(all.countsByType);
    const runCount = all.countsByType.find((c) => c.type === 'RUN')!.count;
    expect(runsOnly.hits).toHaveLength(Math.min(100, runCount));
    expect(runsOnly.hits.every((h) => h.type === 'RUN')).toBe(true);
    expect(all.total).toBe(all.countsByType.reduce((n, c) => n + c.count, 0));
    expect(all.countsByType.length).toBeGreaterThan(1);
  });

  it('filters by store and by status', async () => {
    const [one] = (await ask({ text: 'logistic_regression', types: ['RUN'] })).hits;
    const inStore = await ask({ text: 'logistic_regression', stores: [one.storeId] });
    expect(inStore.hits.map((h) => h.id)).toContain(one.id);
    expect(inStore.hits.every((h) => h.storeId === one.storeId)).toBe(true);
    const failed = await ask({ text: 'xgb', types: ['RUN'], statuses: ['FAILED'], first: 100 });
    expect(failed.hits.length).toBeGreaterThan(0);
    expect(failed.hits.every((h) => h.summary === 'FAILED')).toBe(true);
    const production = await ask({ text: 'pv-signal-xgb', statuses: ['Production'] });
    expect(production.hits.length).toBeGreaterThan(0);
    expect(production.hits.every((h) => h.type === 'MODEL_VERSION' && h.summary === 'Production')).toBe(true);
  });

  it('finds a dataset by digest prefix, and only datasets with that digest', async () => {
    const [row] = await graph.query('test.digest', "MATCH (d:Dataset) WHERE d.digest IS NOT NULL RETURN d.digest AS digest ORDER BY d.id LIMIT 1");
    const digest = String(row.digest);
    const { hits } = await ask({ text: digest.slice(0, 8), types: ['DATASET'], first: 100 });
    expect(hits.length).toBeGreaterThan(0);
    for (const h of hits) expect(h.summary?.startsWith(`digest ${digest.slice(0, 8)}`)).toBe(true);
  });

  it('never lets the text become Lucene syntax', async () => {
    for (const text of ['a:b OR (c* AND "d")', '~e^2 \\ /', '[x TO y]', 'title:*', '+-&&||!(){}[]^"~*?:\\/ x', '*', '?x']) {
      const res = await api.gql(Q, { text });
      const code = res.errors?.[0]?.extensions?.code;
      // Text with nothing to search for is refused by name; everything else is searched, never a parse error.
      if (res.errors) expect({ text, code, argument: res.errors[0].extensions?.argument }).toEqual({ text, code: 'BAD_USER_INPUT', argument: 'text' });
    }
  });

  it.each([
    [{ text: 'x', stores: [] }, 'stores'],
    [{ text: 'x', stores: ['run:a:b'] }, 'stores'],
    [{ text: 'x', statuses: [] }, 'statuses'],
    [{ text: 'x'.repeat(201) }, 'text'],
    [{ text: ' -- ' }, 'text'],
  ])('rejects %j naming %s', async (variables, argument) => {
    const res = await api.gql(Q, variables);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
  });
});
