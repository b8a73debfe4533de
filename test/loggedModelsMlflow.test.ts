import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatId } from '../src/domain/ids';
import { toMetricValue } from '../src/domain/metric';
import { NodeType } from '../src/domain/nodeType';
import { storeKeyFor } from '../src/domain/trackingStore';
import type { GraphExecutor, Row } from '../src/graph/executor';
import type { ValueStoreKind } from '../src/sources/mlflow/values';
import { startTestApi, type TestApi } from './support/api';
import { testRoot } from './support/composition';
import { resetGraph, testGraph } from './support/graph';
import { expectedNumber, readExpected } from './support/mlflowExpected';
import { type MlflowServer, startMlflowServer } from './support/mlflowServer';
import { valuesStore } from './support/valuesStore';

/** One logged model as scripts/mlflow/export_expected.py wrote what MlflowClient.search_logged_models said. */
interface ExpectedModel {
  model_id: string;
  experiment_id: string;
  name: string;
  source_run_id: string | null;
  status: string;
  model_type: string | null;
  artifact_location: string;
  creation_timestamp: number;
  last_updated_timestamp: number;
  params: Record<string, string>;
  tags: Record<string, string>;
  metrics: { key: string; step: number; timestamp: number; value: number | string; run_id: string; dataset_name: string | null; dataset_digest: string | null }[];
}

const FIELDS = `id modelId name experimentId sourceRunId status modelType artifactLocation lifecycleStage createdAt updatedAt params tags
  metrics { key value special step timestamp datasetName datasetDigest runId }
  sourceRun { id runId }`;

const store = valuesStore();

/**
 * The latest point per key, dataset name and digest, from every point an SQL store returns (a
 * file store returns only these): the greatest (step, timestamp), as MLflow's file store picks.
 * The store logs no two points of a series at the same step and timestamp, so the value never decides.
 */
function latestPerSeries(points: ExpectedModel['metrics']): ExpectedModel['metrics'] {
  const best = new Map<string, ExpectedModel['metrics'][number]>();
  for (const p of points) {
    const k = JSON.stringify([p.key, p.dataset_name, p.dataset_digest]);
    const held = best.get(k);
    if (!held || p.step > held.step || (p.step === held.step && p.timestamp > held.timestamp)) best.set(k, p);
  }
  return [...best.values()];
}

const byText = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1);

/** What the API must answer for one model, field by field from MLflow's export. */
function wanted(m: ExpectedModel, storeKey: string, kind: ValueStoreKind) {
  const metrics = latestPerSeries(m.metrics)
    .map((p) => ({ key: p.key, ...toMetricValue(expectedNumber(p.value, kind)), step: p.step, timestamp: p.timestamp, datasetName: p.dataset_name, datasetDigest: p.dataset_digest, runId: p.run_id }))
    .sort((a, b) => byText(a.key, b.key) || byText(a.datasetName, b.datasetName) || byText(a.datasetDigest, b.datasetDigest));
  return {
    id: formatId(NodeType.LOGGED_MODEL, storeKey, m.model_id),
    modelId: m.model_id,
    name: m.name,
    experimentId: m.experiment_id,
    sourceRunId: m.source_run_id,
    status: m.status,
    modelType: m.model_type,
    artifactLocation: m.artifact_location,
    lifecycleStage: 'active',
    createdAt: new Date(m.creation_timestamp).toISOString(),
    updatedAt: new Date(m.last_updated_timestamp).toISOString(),
    params: m.params,
    tags: m.tags,
    metrics,
    sourceRun: m.source_run_id === null ? null : { id: formatId(NodeType.RUN, storeKey, m.source_run_id), runId: m.source_run_id },
  };
}

const KINDS = [
  { kind: 'file', expected: store.fileExpected, uri: async () => store.fileUri },
  { kind: 'sqlite', expected: store.sqliteExpected, uri: async () => store.sqliteUri },
  { kind: 'REST', expected: store.sqliteExpected, uri: null },
] as const;

/**
 * Logged models (params, metrics with NaN, ±inf, −0.0 and datasets, tags, status, model type,
 * source run) from a store the pinned mlflow wrote, against what MlflowClient says of it, read
 * from the file store, the SQLite store and a live `mlflow server` over that SQLite store.
 */
describe.each(KINDS)('logged models from a $kind store, as MlflowClient reports them', ({ kind, expected: file, uri }) => {
  let graph: GraphExecutor;
  let api: TestApi;
  let server: MlflowServer | null = null;
  let storeKey: string;
  let storeUri: string;
  let models: ExpectedModel[];
  let runId: string;

  const runModels = async (includeDeleted: boolean) => {
    const res = await api.gql<{ node: { loggedModels: Row[] } }>(
      `query($id: ID!, $all: Boolean) { node(id: $id) { ... on Run { loggedModels(includeDeleted: $all) { ${FIELDS} } } } }`,
      { id: formatId(NodeType.RUN, storeKey, runId), all: includeDeleted },
    );
    expect(res.errors).toBeUndefined();
    return res.data?.node.loggedModels ?? [];
  };

  beforeAll(async () => {
    graph = testGraph();
    await resetGraph(graph);
    const doc = readExpected(file) as unknown as { logged_models: ExpectedModel[]; runs: { run_id: string }[] };
    models = doc.logged_models;
    runId = doc.runs[0].run_id;
    let input: string;
    if (uri) input = await uri();
    else {
      // serve.sh serves a copy of the database, so the cached store stays as generated.
      server = await startMlflowServer(store.sqliteUri.replace(/^sqlite:\/\//, ''));
      input = server.url;
    }
    const summary = await testRoot(graph).ingest.ingestMlflow(input, { actor: 'test' });
    expect(summary.status).toBe('COMPLETED');
    expect(summary.skipped).toEqual([]);
    storeUri = summary.storeUri;
    storeKey = storeKeyFor(storeUri);
    api = await startTestApi(graph);
  }, 120_000);
  afterAll(async () => {
    await api?.close();
    await server?.stop();
    await graph.close();
  });

  const valueKind = (): ValueStoreKind => (kind === 'REST' ? 'sqlNoInfinity' : kind);

  it("lists the run's logged models in creation order with every field MLflow reports", async () => {
    const ofRun = models
      .filter((m) => m.source_run_id === runId)
      .sort((a, b) => a.creation_timestamp - b.creation_timestamp || byText(a.model_id, b.model_id));
    // vals-model with its metrics, and vals-failed; the deleted one is not in MLflow's answer.
    expect(ofRun.length).toBeGreaterThanOrEqual(2);
    expect(ofRun.some((m) => m.metrics.length > 5)).toBe(true);
    expect(await runModels(false)).toEqual(ofRun.map((m) => wanted(m, storeKey, valueKind())));
  });

  it('answers a model the run did not log through node(id), with no source run', async () => {
    const orphans = models.filter((m) => m.source_run_id === null);
    expect(orphans.length).toBe(1);
    for (const m of orphans) {
      const res = await api.gql<{ node: Row }>(`query($id: ID!) { node(id: $id) { ... on LoggedModel { ${FIELDS} } } }`, { id: formatId(NodeType.LOGGED_MODEL, storeKey, m.model_id) });
      expect(res.errors).toBeUndefined();
      expect(res.data?.node).toEqual(wanted(m, storeKey, valueKind()));
    }
  });

  it('adds the models deleted in MLflow only when includeDeleted is set (a server does not list them)', async () => {
    const live = await runModels(false);
    const all = await runModels(true);
    const extra = all.filter((m) => !live.some((l) => l.id === m.id));
    expect(all.filter((m) => live.some((l) => l.id === m.id))).toEqual(live);
    if (kind === 'REST') expect(extra).toEqual([]);
    else expect(extra.map((m) => [m.name, m.lifecycleStage, m.sourceRunId])).toEqual([['vals-deleted', 'deleted', runId]]);
  });

  it("brings a page of runs' logged models in the page's own statement, and a run's by id in one batch", async () => {
    const statements: string[] = [];
    const stop = graph.onStatement((e) => statements.push(e.operation));
    try {
      const page = await api.gql<{ runs: { edges: { node: { loggedModels: Row[] } }[] } }>('{ runs(first: 10) { edges { node { id loggedModels { id metrics { key } sourceRun { id } } } } } }');
      expect(page.errors).toBeUndefined();
      const listed = page.data?.runs.edges.flatMap((e) => e.node.loggedModels) ?? [];
      expect(listed.length).toBeGreaterThanOrEqual(2);
      // The source runs are the listed runs themselves, fetched by id in one batch.
      expect(statements.filter((op) => op !== 'run.byIds')).toEqual(['run.list']);
      expect(statements.filter((op) => op === 'run.byIds').length).toBeLessThanOrEqual(1);
    } finally {
      stop();
    }
  });

  it('recorded one LOGGED_MODEL_CREATED event per logged model it wrote, naming its fingerprint', async () => {
    const nodes = await graph.query('test.models', 'MATCH (m:LoggedModel {storeKey: $storeKey}) RETURN m.id AS id, m.fingerprint AS fingerprint ORDER BY id', { storeKey });
    const events = await graph.query('test.audit', "MATCH (e:AuditEvent {entityType: 'LoggedModel'}) RETURN e.action AS action, e.entityId AS id, e.entityVersion AS fingerprint ORDER BY id");
    expect(nodes.length).toBeGreaterThanOrEqual(models.length);
    expect(events).toEqual(nodes.map((n) => ({ action: 'LOGGED_MODEL_CREATED', id: n.id, fingerprint: n.fingerprint })));
  });

  it('re-ingests an unchanged store without changing a logged model or recording an event about one', async () => {
    const snapshot = async () => (await graph.query('test.models', 'MATCH (m:LoggedModel {storeKey: $storeKey}) RETURN m{.*} AS m ORDER BY m.id', { storeKey })).map((r) => r.m);
    const before = await snapshot();
    const [{ size }] = await graph.query('test.auditSize', 'MATCH (e:AuditEvent) RETURN count(e) AS size');
    const again = await testRoot(graph).ingest.ingestMlflow(server ? server.url : storeUri, { actor: 'test' });
    expect(again).toMatchObject({ status: 'COMPLETED', added: 0, updated: 0, deleted: 0 });
    expect(await snapshot()).toEqual(before);
    const events = await graph.query('test.audit', 'MATCH (e:AuditEvent) WHERE e.seq >= $from RETURN e.action AS action, e.entityId AS entityId ORDER BY e.seq', { from: size });
    // The ingestion's own start, model-sync and finish records, and nothing about a model or run.
    expect(events.map((e) => e.action)).toEqual(['INGESTION_STARTED', 'MODELS_SYNCED', 'INGESTION_FINISHED']);
  }, 120_000);
});

/** A logged model gone from the store (MLflow's garbage collection removes its folder) is kept, marked deleted, with a tombstone event. */
describe('a logged model the store no longer lists', () => {
  let graph: GraphExecutor;
  let dir: string;

  beforeAll(async () => {
    graph = testGraph();
    await resetGraph(graph);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pvl-logged-gone-'));
    fs.cpSync(store.fileUri.replace(/^file:\/\//, ''), path.join(dir, 'mlruns'), { recursive: true });
  });
  afterAll(async () => {
    await graph.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is marked deleted on the next ingest, once, and the others are left as they were', async () => {
    const ingest = testRoot(graph).ingest;
    const uri = `file://${path.join(dir, 'mlruns')}`;
    const first = await ingest.ingestMlflow(uri, { actor: 'test' });
    expect(first.status).toBe('COMPLETED');
    const storeKey = storeKeyFor(first.storeUri);
    const models = async () => (await graph.query('test.models', 'MATCH (m:LoggedModel {storeKey: $storeKey}) RETURN m{.*} AS m ORDER BY m.id', { storeKey })).map((r) => r.m as Row);
    const before = await models();
    const orphan = before.find((m) => m.sourceRunId === undefined) as Row;
    expect(orphan.lifecycleStage).toBe('active');
    const [exp] = fs.readdirSync(path.join(dir, 'mlruns')).filter((d) => fs.existsSync(path.join(dir, 'mlruns', d, 'models', String(orphan.modelId))));
    fs.rmSync(path.join(dir, 'mlruns', exp, 'models', String(orphan.modelId)), { recursive: true });

    const [{ size }] = await graph.query('test.auditSize', 'MATCH (e:AuditEvent) RETURN count(e) AS size');
    for (let i = 0; i < 2; i++) expect((await ingest.ingestMlflow(uri, { actor: 'test' })).status).toBe('COMPLETED');
    const after = await models();
    expect(after.find((m) => m.id === orphan.id)).toMatchObject({ lifecycleStage: 'deleted', deletedBy: 'ingest' });
    expect(after.filter((m) => m.id !== orphan.id)).toEqual(before.filter((m) => m.id !== orphan.id));
    const events = await graph.query('test.audit', "MATCH (e:AuditEvent {entityType: 'LoggedModel'}) WHERE e.seq >= $from RETURN e.action AS action, e.entityId AS id", { from: size });
    expect(events).toEqual([{ action: 'LOGGED_MODEL_MARKED_DELETED', id: orphan.id }]);
  }, 120_000);
});
