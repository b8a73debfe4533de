import { formatId } from '../src/domain/ids';
import { NodeType } from '../src/domain/nodeType';
import type { DatasetRecord, RunRecord } from '../src/domain/records';
import { TrackingStoreKind } from '../src/domain/trackingStore';
import type { GraphExecutor } from '../src/graph/executor';
import { CatalogWriteRepository } from '../src/graph/repositories/catalogWriteRepository';
import { startTestApi, type TestApi } from './support/api';
import { resetGraph, testGraph } from './support/graph';

/** A run that stops reading a dataset keeps the old edge as history (`until`), for `asOf`. */
describe('run inputs over time', () => {
  let graph: GraphExecutor;
  let api: TestApi;
  const writer = new CatalogWriteRepository();
  const dataset = (name: string): DatasetRecord => ({ namespace: 's3://pv-data', name, digest: `d-${name}`, source: null, sourceType: 's3', period: null, schema: null });
  const [extractA, extractB] = [dataset('faers/2024Q1.parquet'), dataset('faers/2024Q2.parquet')];
  const run = (inputs: DatasetRecord[]): RunRecord => ({
    runId: 'a'.repeat(32), experimentId: '1', name: 'train', status: 'FINISHED', lifecycleStage: 'active', startTime: 1_700_000_000_000, endTime: null,
    userId: 'u', sourceName: null, sourceType: null, gitCommit: null, artifactUri: null, params: {}, tags: {}, latestMetrics: [], parentRunId: null,
    inputs: inputs.map((d) => ({ dataset: d, digest: d.digest, context: 'training' })),
  });
  let runId = '';

  const write = (r: RunRecord) =>
    graph.write('test.write', async (tx) => {
      const store = await writer.writeStore(tx, { uri: 'sqlite:///history.db', kind: TrackingStoreKind.SQLITE, displayName: 'history' });
      await writer.writeExperiments(tx, store.id, store.storeKey, [{ experimentId: '1', name: 'e', lifecycleStage: 'active', artifactLocation: null, createdAt: null, updatedAt: null, tags: {} }]);
      await writer.writeDatasets(tx, [extractA, extractB]);
      await writer.writeRuns(tx, store.storeKey, [r]);
      runId = formatId(NodeType.RUN, store.storeKey, r.runId);
    });
  const inputsNow = async () =>
    (await api.gql<{ run: { inputs: { dataset: { name: string } }[] } }>('query($id: ID!) { run(id: $id) { inputs { dataset { name } } } }', { id: runId })).data!.run.inputs.map((i) => i.dataset.name);
  const upstreamAsOf = async (asOf: string | null) => {
    const res = await api.gql<{ lineage: { nodes: { id: string; type: string }[] } }>(
      'query($id: ID!, $asOf: DateTime) { lineage(id: $id, direction: UPSTREAM, depth: 1, nodeTypes: [RUN, DATASET], asOf: $asOf) { nodes { id type } } }',
      { id: runId, asOf },
    );
    expect(res.errors).toBeUndefined();
    return res.data!.lineage.nodes.filter((n) => n.type === 'DATASET').map((n) => n.id).sort();
  };
  const pause = () => new Promise((r) => setTimeout(r, 50));

  beforeAll(async () => {
    graph = testGraph();
    await resetGraph(graph);
    api = await startTestApi(graph);
  });
  afterAll(async () => {
    await api.close();
    await graph.close();
  });

  it('supersedes a dropped input instead of deleting it, and gives a returning input a new edge', async () => {
    await write(run([extractA, extractB]));
    await pause();
    const beforeDrop = new Date().toISOString();
    await pause();
    await write(run([extractA]));
    expect(await inputsNow()).toEqual([extractA.name]);
    const ids = [extractA, extractB].map((d) => formatId(NodeType.DATASET, d.namespace, d.name)).sort();
    expect(await upstreamAsOf(beforeDrop)).toEqual(ids);
    expect(await upstreamAsOf(null)).toEqual([ids[0]]);

    await write(run([extractA])); // unchanged: nothing new superseded or created
    await write(run([extractA, extractB]));
    expect((await inputsNow()).sort()).toEqual([extractA.name, extractB.name].sort());
    const edges = await graph.query('test.edges', 'MATCH (d:Dataset)-[i:INPUT_TO]->(:Run {id: $id}) RETURN d.name AS name, i.until IS NULL AS live ORDER BY name, live', { id: runId });
    expect(edges).toEqual([
      { name: extractA.name, live: true },
      { name: extractB.name, live: false },
      { name: extractB.name, live: true },
    ]);
  });
});
