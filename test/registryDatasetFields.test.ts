import { resolve } from 'node:path';
import { formatId } from '../src/domain/ids';
import { NodeType } from '../src/domain/nodeType';
import type { GraphExecutor } from '../src/graph/executor';
import { seedDemoFromFixtures } from '../src/services/ingest/demoFixtures';
import { type TestApi, startTestApi } from './support/api';
import { testRoot } from './support/composition';
import { READER_JOB, SHARED_DATASET_ID, WRITER_JOB, postDatasetJobs } from './support/datasetJobs';
import { resetGraph, testGraph } from './support/graph';

const VERSIONS = `{ modelVersions(first: 100) { edges { node { id stage run { id } signals { id drug eventTerm run { id } } } } } }`;
const DATASET = `query($id: ID!) { dataset(id: $id) { jobs { job { id name } reads writes } writers { id name } runs(first: 100) { totalCount } } }`;

interface Version { id: string; stage: string; run: { id: string } | null; signals: { id: string; drug: string; eventTerm: string; run: { id: string } | null }[] }

describe('ModelVersion.signals, Dataset.jobs and Dataset.writers on the demo data', () => {
  let graph: GraphExecutor;
  let api: TestApi;
  beforeAll(async () => {
    graph = testGraph();
    await resetGraph(graph);
    await seedDemoFromFixtures(testRoot(graph), resolve(__dirname, '..'));
    api = await startTestApi(graph);
    await postDatasetJobs(api);
  });
  afterAll(async () => {
    await api.close();
    await graph.close();
  });

  it('lists the signals the run that produced a version raised, by drug, then event term, and none for a version whose run raised none', async () => {
    const res = await api.gql<{ modelVersions: { edges: { node: Version }[] } }>(VERSIONS);
    expect(res.errors).toBeUndefined();
    const versions = res.data!.modelVersions.edges.map((e) => e.node);
    const signals = await api.gql<{ signals: { edges: { node: { id: string; run: { id: string } | null } }[] } }>(`{ signals(first: 100) { edges { node { id run { id } } } } }`);
    const raisedBy = new Map<string, string[]>();
    for (const { node } of signals.data!.signals.edges) if (node.run) raisedBy.set(node.run.id, [...(raisedBy.get(node.run.id) ?? []), node.id]);
    let withSignals = 0;
    for (const v of versions) {
      const expected = (v.run && raisedBy.get(v.run.id)) ?? [];
      expect(v.signals.map((s) => s.id).sort()).toEqual([...expected].sort());
      expect(v.signals.every((s) => s.run?.id === v.run?.id)).toBe(true);
      const keys = v.signals.map((s) => `${s.drug}\u0000${s.eventTerm}`);
      expect(keys).toEqual([...keys].sort());
      if (v.signals.length > 0) withSignals++;
    }
    // The demo must give some versions signals and leave others without, for the test to say anything.
    expect(withSignals).toBeGreaterThan(0);
    expect(withSignals).toBeLessThan(versions.length);
    // The store whose runs raised the signals: store keys follow the checkout's path, so their order does too.
    const signalStore = [...raisedBy.keys()][0].split(':')[1];
    const production = versions.find((v) => v.id === formatId(NodeType.MODEL_VERSION, signalStore, 'pv-signal-xgb', '2'));
    expect(production?.signals.length).toBeGreaterThan(0);
  });

  it('lists the OpenLineage jobs that read and wrote a dataset with their roles, and the runs that wrote it', async () => {
    const res = await api.gql<{ dataset: { jobs: { job: { id: string; name: string }; reads: boolean; writes: boolean }[]; writers: { id: string }[]; runs: { totalCount: number } } }>(DATASET, { id: SHARED_DATASET_ID });
    expect(res.errors).toBeUndefined();
    const d = res.data!.dataset;
    expect(d.jobs).toEqual([
      // By job id: faers_load.extract before faers_load.profile.
      { job: { id: formatId(NodeType.JOB, WRITER_JOB.namespace, WRITER_JOB.name), name: WRITER_JOB.name }, reads: false, writes: true },
      { job: { id: formatId(NodeType.JOB, READER_JOB.namespace, READER_JOB.name), name: READER_JOB.name }, reads: true, writes: false },
    ]);
    expect(d.writers).toHaveLength(1);
    const writer = await api.gql<{ job: { runs: { id: string }[] } }>(`query($id: ID!) { job(id: $id) { runs { id } } }`, { id: d.jobs[0].job.id });
    expect(d.writers.map((r) => r.id)).toEqual(writer.data!.job.runs.map((r) => r.id));
    // A dataset only MLflow runs touched: no jobs, no writers.
    const other = await api.gql<{ dataset: { jobs: unknown[]; writers: unknown[]; runs: { totalCount: number } } }>(DATASET, { id: formatId(NodeType.DATASET, 's3://pv-data', 'faers/2023Q4/drug_event.parquet') });
    expect(other.data!.dataset).toMatchObject({ jobs: [], writers: [] });
    expect(other.data!.dataset.runs.totalCount).toBeGreaterThan(0);
  });
});
