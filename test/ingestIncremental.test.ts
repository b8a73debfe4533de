import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatId } from '../src/domain/ids';
import { NodeType } from '../src/domain/nodeType';
import { Role } from '../src/domain/role';
import { storeKeyFor } from '../src/domain/trackingStore';
import type { GraphExecutor, Row } from '../src/graph/executor';
import type { IngestService } from '../src/services/ingest/ingestService';
import { testRoot } from './support/composition';
import { normaliseStoreUri } from '../src/sources/mlflow/uri';
import { startTestApi, type TestApi } from './support/api';
import { resetGraph, testGraph } from './support/graph';
import { expectedNumber, readExpected } from './support/mlflowExpected';
import { toMetricValue } from '../src/domain/metric';
import { tokenWithRoles } from './support/identity';
import { DEMO_INGEST_ENV, DEMO_STORES_ROOT, registerStore } from './support/stores';
import { ingestThroughApi } from './support/ingestion';

const FIXTURE = path.resolve(__dirname, '..', 'demo/mlflow/filestore');

/** Everything but the ingest records themselves, which every ingest adds by design. */
async function snapshot(graph: GraphExecutor) {
  const nodes = await graph.query(
    'test.snapshot.nodes',
    `MATCH (n) WHERE NOT n:Ingestion AND NOT n:SchemaMigration AND NOT n:AuditEvent AND NOT n:AuditLog
     RETURN labels(n) AS labels, n{.*} AS props ORDER BY coalesce(n.id, n.runNodeId + '|' + n.key)`,
  );
  const rels = await graph.query(
    'test.snapshot.rels',
    `MATCH (a)-[r]->(b) WHERE NOT a:Ingestion AND NOT b:Ingestion
     RETURN coalesce(a.id, a.runNodeId) AS a, type(r) AS type, coalesce(b.id, b.runNodeId + '|' + b.key) AS b, r{.*} AS props ORDER BY a, type, b, r.context`,
  );
  return { nodes, rels };
}

describe('ingest: idempotent, incremental, deletions marked', () => {
  let graph: GraphExecutor;
  let ingest: IngestService;
  let dir: string;
  let mlruns: string;
  let sk: string;

  beforeAll(async () => {
    graph = testGraph();
    ingest = testRoot(graph).ingest;
    await resetGraph(graph);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pvl-ingest-'));
    fs.cpSync(FIXTURE, dir, { recursive: true });
    mlruns = path.join(dir, 'mlruns');
    sk = storeKeyFor(normaliseStoreUri(mlruns).uri);
  });
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await graph.close();
  });

  const runDir = (runId: string) => {
    for (const exp of fs.readdirSync(mlruns)) {
      const p = path.join(mlruns, exp, runId);
      if (fs.existsSync(p)) return p;
    }
    throw new Error(`run ${runId} not in the copy`);
  };
  const runNode = async (runId: string) =>
    (await graph.query('test.run', 'MATCH (r:Run {id: $id}) RETURN r{.*} AS r', { id: formatId(NodeType.RUN, sk, runId) }))[0]?.r as Row | undefined;

  it('gives the identical graph when the same store is ingested twice', async () => {
    const first = await ingest.ingestMlflow(mlruns, { actor: 'test' });
    const before = await snapshot(graph);
    const second = await ingest.ingestMlflow(mlruns, { actor: 'test' });
    const after = await snapshot(graph);
    expect(first.added).toBe(first.runsSeen);
    expect(second).toMatchObject({ added: 0, updated: 0, deleted: 0, unchanged: first.runsSeen });
    expect(after.nodes.length).toBe(before.nodes.length);
    expect(after.rels.length).toBe(before.rels.length);
    expect(after).toEqual(before);
    const records = await graph.query('test.ingestions', 'MATCH (i:Ingestion {storeId: $s}) RETURN i{.*} AS i ORDER BY i.startedAt', { s: first.storeId });
    expect(records.map((r) => (r.i as Row).status)).toEqual(['COMPLETED', 'COMPLETED']);
    expect((records[1].i as Row).unchanged).toBe(first.runsSeen);
    expect((records[0].i as Row).host).toBe(os.hostname());
  });

  it('updates a run that got a new metric point, a new tag and a new status, and records what changed', async () => {
    const expected = readExpected(path.join(FIXTURE, 'expected.json'));
    const target = expected.runs.find((r) => r.status === 'FINISHED' && r.lifecycle_stage === 'active' && r.metric_history.AUC_test) as (typeof expected.runs)[number];
    const d = runDir(target.run_id);
    const lastStep = Math.max(...target.metric_history.AUC_test.map((p) => p[0]));
    fs.appendFileSync(path.join(d, 'metrics', 'AUC_test'), `1800000000000 0.9999 ${lastStep + 1}\n`);
    fs.writeFileSync(path.join(d, 'tags', 'pv.reviewed'), 'yes');
    fs.writeFileSync(path.join(d, 'meta.yaml'), fs.readFileSync(path.join(d, 'meta.yaml'), 'utf8').replace(/^status: \d+$/m, 'status: 5'));
    const summary = await ingest.ingestMlflow(mlruns, { actor: 'test' });
    expect(summary).toMatchObject({ added: 0, updated: 1, deleted: 0, unchanged: summary.runsSeen - 1 });
    const node = (await runNode(target.run_id)) as Row;
    expect(node.status).toBe('KILLED');
    expect(node['t.pv.reviewed']).toBe('yes');
    expect(node['m.AUC_test']).toBe(0.9999);
    expect(node['ms.AUC_test']).toBe(lastStep + 1);
    const [series] = await graph.query('test.series', 'MATCH (m:MetricSeries {runNodeId: $id, key: "AUC_test"}) RETURN m.count AS n', { id: node.id });
    expect(series.n).toBe(target.metric_history_lengths.AUC_test + 1);
    const [change] = await graph.query(
      'test.change',
      'MATCH (i:Ingestion {id: $ing})-[c:RECORDED]->(r:Run) RETURN r.runId AS runId, c.change AS change, c.fields AS fields',
      { ing: summary.ingestionId },
    );
    expect(change.runId).toBe(target.run_id);
    expect(change.change).toBe('updated');
    expect([...(change.fields as string[])].sort()).toEqual(['info', 'metrics', 'tags']);
  });

  it('marks a run deleted in MLflow, and a run gone from the store, deleted without erasing them', async () => {
    const expected = readExpected(path.join(FIXTURE, 'expected.json'));
    const active = expected.runs.filter((r) => r.lifecycle_stage === 'active' && !expected.runs.some((c) => c.parent_run_id === r.run_id));
    const [deletedInMlflow, vanished] = [active[active.length - 1], active[active.length - 2]];
    const d = runDir(deletedInMlflow.run_id);
    fs.writeFileSync(path.join(d, 'meta.yaml'), fs.readFileSync(path.join(d, 'meta.yaml'), 'utf8').replace(/^lifecycle_stage: active$/m, 'lifecycle_stage: deleted'));
    fs.rmSync(runDir(vanished.run_id), { recursive: true });
    const runsBefore = (await graph.query('test.count', 'MATCH (r:Run {storeKey: $sk}) RETURN count(r) AS n', { sk }))[0].n;
    const summary = await ingest.ingestMlflow(mlruns, { actor: 'test' });
    expect(summary.deleted).toBe(2);
    expect((await runNode(deletedInMlflow.run_id))?.lifecycleStage).toBe('deleted');
    const gone = (await runNode(vanished.run_id)) as Row;
    expect(gone.lifecycleStage).toBe('deleted');
    expect(gone.deletedBy).toBe('ingest');
    expect((await graph.query('test.count', 'MATCH (r:Run {storeKey: $sk}) RETURN count(r) AS n', { sk }))[0].n).toBe(runsBefore);
    const changes = await graph.query('test.changes', 'MATCH (:Ingestion {id: $ing})-[c:RECORDED]->(r:Run) RETURN r.runId AS runId, c.change AS change ORDER BY runId', {
      ing: summary.ingestionId,
    });
    expect(changes).toEqual([deletedInMlflow.run_id, vanished.run_id].sort().map((runId) => ({ runId, change: 'deleted' })));
    const again = await ingest.ingestMlflow(mlruns, { actor: 'test' });
    expect(again).toMatchObject({ added: 0, updated: 0, deleted: 0 });
  });
});

describe('ingest through GraphQL: ingestMlflow, ingestions and Run.metricHistory', () => {
  let graph: GraphExecutor;
  let api: TestApi;

  beforeAll(async () => {
    graph = testGraph();
    await resetGraph(graph);
    api = await startTestApi(graph, DEMO_INGEST_ENV);
  });
  afterAll(async () => {
    await api.close();
    await graph.close();
  });

  it('ingests a registered store by mutation and serves full metric histories with NaN and ±inf marked', async () => {
    const db = path.resolve(__dirname, '..', 'demo/mlflow/sqlite/mlflow.db');
    const storeId = await registerStore(api, `sqlite:///${db}`);
    const done = await ingestThroughApi(api, `sqlite:///${db}`);
    expect(done.storeId).toBe(storeId);
    const expected = readExpected(path.resolve(__dirname, '..', 'demo/mlflow/sqlite/expected.json'));
    expect(done).toMatchObject({ status: 'COMPLETED', added: expected.counts.runs, skipped: [] });
    const failed = expected.runs.find((r) => r.status === 'FAILED') as (typeof expected.runs)[number];
    const sk = storeKeyFor(normaliseStoreUri(`sqlite:///${db}`).uri);
    const q = await api.gql<{ node: { metricHistory: { step: number; timestamp: number; value: number | null; special: string | null }[] } }>(
      'query($id: ID!) { node(id: $id) { ... on Run { metricHistory(key: "logloss") { step timestamp value special } } } }',
      { id: formatId(NodeType.RUN, sk, failed.run_id) },
    );
    expect(q.errors).toBeUndefined();
    const want = failed.metric_history.logloss.map(([step, timestamp, v]) => {
      // An SQLite store: ±DBL_MAX stays DBL_MAX, as MlflowClient returns it (values.ts ValueStoreKind).
      return { step, timestamp, ...toMetricValue(expectedNumber(v, 'sqlite')) };
    });
    expect(q.data?.node.metricHistory).toEqual(want);
    expect(want.some((p) => p.special === 'NAN')).toBe(true);
    // MLflow logged +inf here; the SQLite store (and MlflowClient) hold it as DBL_MAX.
    expect(want.some((p) => p.value === 1.7976931348623157e308)).toBe(true);
    const list = await api.gql<{ ingestions: { storeUri: string; status: string; added: number }[] }>('{ ingestions(last: 5) { storeUri status added } }');
    expect(list.errors).toBeUndefined();
    expect(list.data?.ingestions[0]).toEqual({ storeUri: normaliseStoreUri(`sqlite:///${db}`).uri, status: 'COMPLETED', added: expected.counts.runs });
  });

  it('answers BAD_USER_INPUT naming the folder for a store inside the allowed folder that does not exist', async () => {
    const missing = `${DEMO_STORES_ROOT}/no/such/mlruns`;
    const res = await api.gql('mutation($uri: String!) { registerTrackingStore(input: { uri: $uri, label: "x", reason: "y" }) { id } }', { uri: missing }, { token: await tokenWithRoles([Role.ADMIN]) });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.uri' });
    expect(res.errors?.[0].message).toContain(missing);
  });
});
