import { formatId } from '../src/domain/ids';
import { NodeType } from '../src/domain/nodeType';
import type { RunRecord } from '../src/domain/records';
import { TrackingStoreKind } from '../src/domain/trackingStore';
import type { GraphExecutor } from '../src/graph/executor';
import { CatalogWriteRepository, storeIdOf } from '../src/graph/repositories/catalogWriteRepository';
import { olRunNodeId } from '../src/services/openlineage/openLineageService';
import { datasetRecord } from '../src/sources/mlflow/values';
import { type TestApi, startTestApi } from './support/api';
import { resetGraph, testGraph } from './support/graph';
import { type RawEdge, bfs } from './support/lineageGraph';
import { type DatasetName, facet, postEvent, runEvent, uuid } from './support/openlineage';
import { grantStoreWriteOnHost } from './support/stores';

const DATA_FLOW = ['INPUT_TO', 'PRODUCED', 'PARENT_OF', 'FEEDS'];
const LINEAGE = `query($id: ID!, $direction: LineageDirection, $rels: [LineageRelation!]) {
  lineage(id: $id, direction: $direction, depth: 10, limit: 100, relationshipTypes: $rels) { nodes { id } truncated }
}`;
const IMPACT = 'query($id: ID!) { impact(id: $id, limit: 100) { nodes { id } truncated } }';

const dsId = (d: DatasetName) => formatId(NodeType.DATASET, d.namespace, d.name);
const at = (minute: number) => new Date(Date.UTC(2024, 3, 2, 2, minute)).toISOString();

/**
 * The test's own model of what it sent: one edge per input (dataset → run) and output
 * (run → dataset). Expectations come from a BFS over this list, never from the graph.
 */
class Model {
  readonly edges: RawEdge[] = [];
  readonly events: Record<string, unknown>[] = [];
  private minute = 0;

  run(job: string, inputs: DatasetName[], outputs: DatasetName[], runFacets?: Record<string, unknown>): string {
    const runId = uuid();
    const j = { namespace: 'airflow://pv', name: job };
    this.events.push(runEvent({ eventType: 'START', runId, job: j, eventTime: at(this.minute++), inputs, runFacets }));
    this.events.push(runEvent({ eventType: 'COMPLETE', runId, job: j, eventTime: at(this.minute++), inputs, outputs }));
    const id = olRunNodeId(runId);
    for (const d of inputs) this.edges.push({ from: dsId(d), to: id, type: 'INPUT_TO' });
    for (const d of outputs) this.edges.push({ from: id, to: dsId(d), type: 'PRODUCED' });
    return runId;
  }
}

const set = (m: Map<string, number>) => [...m.keys()].sort();

describe('OpenLineage lineage scenarios', () => {
  let graph: GraphExecutor;
  let api: TestApi;
  beforeAll(async () => {
    graph = testGraph();
    await resetGraph(graph);
    api = await startTestApi(graph);
  });
  afterAll(async () => {
    await api.close();
    await graph.close();
  });

  const walk = async (id: string, direction: 'UPSTREAM' | 'DOWNSTREAM') => {
    const res = await api.gql<{ lineage: { nodes: { id: string }[]; truncated: boolean } }>(LINEAGE, { id, direction, rels: DATA_FLOW });
    expect(res.errors).toBeUndefined();
    expect(res.data?.lineage.truncated).toBe(false);
    return (res.data?.lineage.nodes ?? []).map((n) => n.id).sort();
  };

  it('gives exact upstream and downstream sets through a diamond and a self-feeding job', async () => {
    const d = (name: string): DatasetName => ({ namespace: 's3://pv-scenario', name });
    const m = new Model();
    m.run('extract', [d('raw.zip')], [d('cases')]);
    m.run('drugs', [d('cases')], [d('drugs')]);
    m.run('reactions', [d('cases')], [d('reactions')]);
    m.run('join', [d('drugs'), d('reactions')], [d('pairs')]);
    // The dedup job reads its own previous output on its next run.
    m.run('dedup', [d('pairs')], [d('dedup_state')]);
    m.run('dedup', [d('pairs'), d('dedup_state')], [d('dedup_state')]);
    m.run('signals', [d('dedup_state')], [d('signals')]);
    m.run('unrelated', [d('other')], [d('other_out')]);
    for (const e of m.events) expect((await postEvent(api, e)).status).toBe(201);

    for (const root of ['raw.zip', 'cases', 'pairs', 'dedup_state', 'signals', 'other_out']) {
      const id = dsId(d(root));
      expect({ root, up: await walk(id, 'UPSTREAM') }).toEqual({ root, up: set(bfs(m.edges, id, 'UPSTREAM', 10)) });
      expect({ root, down: await walk(id, 'DOWNSTREAM') }).toEqual({ root, down: set(bfs(m.edges, id, 'DOWNSTREAM', 10)) });
    }
    // The diamond's sink sees the source once, through both branches.
    expect(await walk(dsId(d('pairs')), 'UPSTREAM')).toContain(dsId(d('raw.zip')));
  });

  it('connects an Airflow extract, an MLflow training run and a report into one story', async () => {
    await resetGraph(graph);
    const raw = { namespace: 's3://pv-raw', name: 'faers/2024Q1/ascii.zip' };
    const extract = { namespace: 's3://pv-curated', name: 'faers/2024Q1/cases.parquet' };
    const m = new Model();
    const extractRun = m.run('faers_load.extract', [raw], [extract]);
    for (const e of m.events) expect((await postEvent(api, e)).status).toBe(201);

    // The MLflow side, written as the MLflow ingester writes it: a dataset whose source is the extract's URI.
    const writer = new CatalogWriteRepository();
    const store = storeIdOf('file:///pv/mlruns');
    const mlflowRunId = uuid().replace(/-/g, '');
    const dataset = datasetRecord(store.storeKey, { name: 'faers_2024Q1', digest: 'a1b2c3d4', sourceType: 's3', source: JSON.stringify({ uri: `s3://pv-curated/${extract.name}` }), schema: null });
    const run: RunRecord = {
      runId: mlflowRunId, experimentId: '7', name: 'train-xgb', status: 'FINISHED', lifecycleStage: 'active', startTime: Date.UTC(2024, 3, 3), endTime: Date.UTC(2024, 3, 3, 1),
      userId: 'ds', sourceName: null, sourceType: null, gitCommit: null, artifactUri: null, params: {}, tags: {}, latestMetrics: [], parentRunId: null,
      inputs: [{ dataset, digest: 'a1b2c3d4', context: 'training' }],
    };
    const mlflowRunNode = formatId(NodeType.RUN, store.storeKey, mlflowRunId);
    const reportId = formatId(NodeType.REPORT, 'SDR-2024Q1');
    await graph.write('test.mlflowSide', async (tx) => {
      await writer.writeStore(tx, { uri: 'file:///pv/mlruns', kind: TrackingStoreKind.FILE, displayName: 'mlruns' });
      await writer.writeExperiments(tx, store.id, store.storeKey, [{ experimentId: '7', name: 'pv-signal', lifecycleStage: 'active', artifactLocation: null, createdAt: null, updatedAt: null, tags: {} }]);
      await writer.writeDatasets(tx, [dataset]);
      await writer.writeRuns(tx, store.storeKey, [run]);
      await writer.writeReport(tx, { reportId: 'SDR-2024Q1', title: 'Signal report', kind: 'PSUR', status: 'FINAL', period: '2024Q1', contentHash: '0'.repeat(64), uri: null, createdAt: Date.UTC(2024, 3, 4), runIds: [mlflowRunNode], modelVersionIds: [], datasetIds: [], signalIds: [] });
    });

    // The same identity whichever way the dataset arrived: one node.
    expect({ namespace: dataset.namespace, name: dataset.name }).toEqual(extract);
    const [count] = await graph.query('test.datasetCount', 'MATCH (d:Dataset {namespace: $namespace, name: $name}) RETURN count(d) AS n', extract);
    expect(count.n).toBe(1);

    const up = await api.gql<{ lineage: { nodes: { id: string }[] } }>(LINEAGE, { id: reportId, direction: 'UPSTREAM', rels: null });
    expect(up.data?.lineage.nodes.map((n) => n.id)).toEqual(expect.arrayContaining([dsId(raw), dsId(extract), olRunNodeId(extractRun), mlflowRunNode]));
    const impact = await api.gql<{ impact: { nodes: { id: string }[] } }>(IMPACT, { id: dsId(raw) });
    expect(impact.errors).toBeUndefined();
    expect(impact.data?.impact.nodes.map((n) => n.id)).toEqual(expect.arrayContaining([dsId(extract), mlflowRunNode, reportId]));

    // A training task that names the MLflow run in an `mlflow` run facet becomes its parent,
    // its producer being allowed to write to the run's store.
    await grantStoreWriteOnHost(graph, 'file:///pv/mlruns');
    const trainer = new Model();
    const trainRun = trainer.run('faers_train.fit', [extract], [], { mlflow: facet({ runId: mlflowRunId, experimentId: '7' }) });
    for (const e of trainer.events) expect((await postEvent(api, e)).status).toBe(201);
    const [link] = await graph.query('test.mlflowLink', 'MATCH (:Run {id: $ol})-[x:PARENT_OF]->(:Run {id: $ml}) RETURN count(x) AS n', { ol: olRunNodeId(trainRun), ml: mlflowRunNode });
    expect(link.n).toBe(1);
  });
  it('meets MLflow on one node for every naming scheme, however each side spells the source', async () => {
    await resetGraph(graph);
    // [MLflow source URI, OpenLineage namespace and name as a producer sends them]
    const pairs: [string, DatasetName][] = [
      ['hdfs://host/user/hive/warehouse/t1', { namespace: 'hdfs://host', name: '/user/hive/warehouse/t1' }],
      ['file:///data/faers/cases.csv', { namespace: 'file', name: '/data/faers/cases.csv' }],
      ['postgresql://etl:pw@db.internal/pv.public.cases', { namespace: 'postgres://db.internal:5432', name: 'pv.public.cases' }],
      ['s3a://pv-curated/faers/2024Q2/cases.parquet', { namespace: 's3://pv-curated', name: 'faers/2024Q2/cases.parquet' }],
      ['abfss://raw@pvlake.dfs.core.windows.net/faers/2024Q1', { namespace: 'abfss://raw@pvlake.dfs.core.windows.net', name: 'faers/2024Q1' }],
      ['bigquery:pv-project.faers.cases', { namespace: 'bigquery', name: 'pv-project.faers.cases' }],
      ['kafka://broker/faers-cases', { namespace: 'kafka://broker:9092', name: 'faers-cases' }],
    ];
    const m = new Model();
    m.run('publish', [], pairs.map(([, ol]) => ol));
    for (const e of m.events) expect((await postEvent(api, e)).status).toBe(201);
    const store = storeIdOf('file:///pv/mlruns');
    const datasets = pairs.map(([uri], i) => datasetRecord(store.storeKey, { name: `d${i}`, digest: `d1g3st0${i}`, sourceType: 'x', source: JSON.stringify({ uri }), schema: null }));
    await graph.write('test.mlflowDatasets', (tx) => new CatalogWriteRepository().writeDatasets(tx, datasets));
    const rows = await graph.query('test.datasets', 'MATCH (d:Dataset) RETURN d.namespace AS namespace, d.name AS name ORDER BY namespace, name');
    const expected = pairs.map(([, ol]) => ol).sort((a, b) => (a.namespace === b.namespace ? (a.name < b.name ? -1 : 1) : a.namespace < b.namespace ? -1 : 1));
    expect(rows.map((r) => ({ namespace: r.namespace, name: r.name }))).toEqual(expected);
  });
});
