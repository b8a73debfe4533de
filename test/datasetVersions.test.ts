import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { datasetVersionId } from '../src/domain/datasetVersion';
import { formatId } from '../src/domain/ids';
import { NodeType } from '../src/domain/nodeType';
import { storeKeyFor } from '../src/domain/trackingStore';
import type { GraphExecutor } from '../src/graph/executor';
import { normaliseStoreUri } from '../src/sources/mlflow/uri';
import { type TestApi, startTestApi } from './support/api';
import { uncoveredDuring } from './support/auditCoverage';
import { testRoot } from './support/composition';
import { resetGraph, testGraph } from './support/graph';

const DEMO_FILE_STORE = path.resolve(__dirname, '..', 'demo/mlflow/filestore/mlruns');
const DATASET = { namespace: 's3://pv-data', name: 'faers/2024Q1-r2/drug_event.parquet' };
const DATASET_ID = formatId(NodeType.DATASET, DATASET.namespace, DATASET.name);
const DATASET_META = '674322928145291563/datasets/217251b400b9bb34c2e15941e0ef11ec/meta.yaml';

const QUERY = `query($id: ID!) { dataset(id: $id) {
  digest
  versions { id source digest schema profile recordedAt }
  runs(first: 100) { edges { node { id inputs { dataset { id } digest version { id digest source } newerVersion { id digest } } } } } } }`;

interface Answer {
  dataset: {
    digest: string;
    versions: { id: string; source: string; digest: string; schema: string | null; profile: string | null; recordedAt: string }[];
    runs: { edges: { node: { id: string; inputs: { dataset: { id: string }; digest: string | null; version: { id: string; digest: string; source: string } | null; newerVersion: { id: string; digest: string } | null }[] } }[] };
  };
}

/** A copy of the demo file store whose one dataset reports another snapshot (digest), as a second store would. */
function secondStore(digest: string): string {
  const root = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pvl-versions-')), 'mlruns');
  fs.cpSync(DEMO_FILE_STORE, root, { recursive: true });
  const meta = path.join(root, DATASET_META);
  const text = fs.readFileSync(meta, 'utf8');
  expect(text).toMatch(/^digest: 3301eb85$/m);
  fs.writeFileSync(meta, text.replace(/^digest: 3301eb85$/m, `digest: ${digest}`));
  return root;
}

const keyOf = (location: string) => storeKeyFor(normaliseStoreUri(location).uri);

describe('dataset snapshots are versions, never overwrites', () => {
  let graph: GraphExecutor;
  let api: TestApi;
  let other: string;
  beforeAll(async () => {
    graph = testGraph();
    await resetGraph(graph);
    api = await startTestApi(graph);
    other = secondStore('d1a2b3c4');
    const root = testRoot(graph);
    expect((await root.ingest.ingestMlflow(DEMO_FILE_STORE, { actor: 'test' })).status).toBe('COMPLETED');
    expect((await root.ingest.ingestMlflow(other, { actor: 'test' })).status).toBe('COMPLETED');
  });
  afterAll(async () => {
    await api.close();
    await resetGraph(graph);
    await graph.close();
  });

  const answer = async () => {
    const res = await api.gql<Answer>(QUERY, { id: DATASET_ID });
    expect(res.errors).toBeUndefined();
    return (res.data as Answer).dataset;
  };

  it('two stores reporting one source with different digests make two versions, each naming its store', async () => {
    const d = await answer();
    expect(d.versions.map((v) => [v.source, v.digest])).toEqual([
      [keyOf(DEMO_FILE_STORE), '3301eb85'],
      [keyOf(other), 'd1a2b3c4'],
    ]);
    expect(d.versions[0].id).toBe(datasetVersionId(DATASET.namespace, DATASET.name, keyOf(DEMO_FILE_STORE), '3301eb85'));
    expect(d.versions.every((v) => v.schema?.includes('pt_term') && v.profile?.includes('num_rows'))).toBe(true);
  });

  it("each run's input names the version it read, and the first store's runs see that a newer one exists", async () => {
    const d = await answer();
    const inputs = d.runs.edges.flatMap((e) => e.node.inputs.filter((i) => i.dataset.id === DATASET_ID).map((i) => ({ run: e.node.id, ...i })));
    expect(inputs.length).toBeGreaterThanOrEqual(2);
    for (const i of inputs) {
      const store = i.run.split(':')[1];
      expect(i.version).toEqual({ id: expect.any(String), digest: i.digest, source: store });
      expect(i.newerVersion).toEqual(store === keyOf(other) ? null : { id: d.versions[1].id, digest: 'd1a2b3c4' });
    }
    expect(new Set(inputs.map((i) => i.digest))).toEqual(new Set(['3301eb85', 'd1a2b3c4']));
  });

  it('the audit trail holds both versions, and a re-ingest adds none', async () => {
    const recorded = async () =>
      graph.query('test.versionEvents', "MATCH (e:AuditEvent {action: 'DATASET_VERSION_RECORDED'}) WHERE e.entityId STARTS WITH $prefix RETURN e.entityId AS id, e.newValue AS value ORDER BY e.seq", {
        prefix: `${datasetVersionId(DATASET.namespace, DATASET.name, 'x', 'y').split(':').slice(0, 3).join(':')}:`,
      });
    const before = await recorded();
    expect(before.map((e) => JSON.parse(String(e.value)).digest)).toEqual(['3301eb85', 'd1a2b3c4']);
    expect(JSON.parse(String(before[1].value))).toMatchObject({ datasetId: DATASET_ID, source: keyOf(other), store: normaliseStoreUri(other).uri });
    expect((await testRoot(graph).ingest.ingestMlflow(other, { actor: 'test' })).status).toBe('COMPLETED');
    expect(await recorded()).toEqual(before);
  });
});

describe('the dataset-versions migration', () => {
  let graph: GraphExecutor;
  beforeAll(() => {
    graph = testGraph();
  });
  afterAll(async () => {
    await resetGraph(graph);
    await graph.close();
  });

  /** An older graph: digests only on input edges, two stores' runs of one dataset. */
  const LEGACY = `
CREATE (d:Dataset {id: $id, namespace: $namespace, name: $name, digest: 'bbbb2222'})
CREATE (a1:Run {id: 'run:storea:1', storeKey: 'storea'}), (a2:Run {id: 'run:storea:2', storeKey: 'storea'}), (b1:Run {id: 'run:storeb:1', storeKey: 'storeb'})
CREATE (d)-[:INPUT_TO {context: 'training', digest: 'aaaa1111', mlflowSchema: '{"mlflow_colspec": []}', since: datetime('2024-01-01T00:00:00Z')}]->(a1)
CREATE (d)-[:INPUT_TO {context: 'training', digest: 'aaaa1111', since: datetime('2024-01-02T00:00:00Z')}]->(a2)
CREATE (d)-[:INPUT_TO {context: 'training', digest: 'bbbb2222', since: datetime('2024-02-01T00:00:00Z')}]->(b1)`;

  it('makes one version per store and digest, points each input at its own, audits each, and then finds nothing to do', async () => {
    await resetGraph(graph);
    await graph.write('test.legacy', (tx) => tx.run(LEGACY, { id: DATASET_ID, ...DATASET }));
    const root = testRoot(graph);
    const a = datasetVersionId(DATASET.namespace, DATASET.name, 'storea', 'aaaa1111');
    const b = datasetVersionId(DATASET.namespace, DATASET.name, 'storeb', 'bbbb2222');
    let made: string[] = [];
    // Every change the migration makes is in the trail (docs/audit.md, "The coverage test").
    expect((await uncoveredDuring(graph, async () => (made = (await root.prepare()).datasetVersions))).uncovered).toEqual([]);
    expect(made).toEqual([a, b]);
    const edges = await graph.query('test.edges', 'MATCH (:Dataset)-[i:INPUT_TO]->(r:Run) RETURN r.id AS run, i.versionId AS version ORDER BY run');
    expect(edges).toEqual([
      { run: 'run:storea:1', version: a },
      { run: 'run:storea:2', version: a },
      { run: 'run:storeb:1', version: b },
    ]);
    const versions = await graph.query('test.versions', 'MATCH (:Dataset {id: $id})-[:HAS_DATASET_VERSION]->(v) RETURN v.id AS id, v.schema AS schema ORDER BY id', { id: DATASET_ID });
    expect(versions).toEqual([
      { id: a, schema: '{"mlflow_colspec": []}' },
      { id: b, schema: null },
    ]);
    const trail = await graph.query('test.trail', "MATCH (e:AuditEvent {action: 'DATASET_VERSION_RECORDED'}) RETURN e.entityId AS id, e.actorName AS actor ORDER BY e.seq");
    expect(trail).toEqual([
      { id: a, actor: 'pv-lineage dataset-versions migration' },
      { id: b, actor: 'pv-lineage dataset-versions migration' },
    ]);
    expect((await root.prepare()).datasetVersions).toEqual([]);
  });
});
