import type { GraphExecutor } from '../src/graph/executor';
import { DataMigration, runOnce } from '../src/services/migrations/runOnce';
import { testRoot } from './support/composition';
import { resetGraph, testGraph } from './support/graph';

/**
 * Data migrations scan the whole graph for records of an older rule. They run once: the
 * completion record, written in the migration's own transaction, lets later start-ups skip the
 * scan, and a migration that fails leaves no record, so it runs again.
 */
let graph: GraphExecutor;

beforeAll(() => {
  graph = testGraph();
});
beforeEach(() => resetGraph(graph));
afterAll(async () => {
  await resetGraph(graph);
  await graph.close();
});

const records = () => graph.query('test.dataMigrations', 'MATCH (m:DataMigration) RETURN m.name AS name, m.changes AS changes ORDER BY name');

/** An older graph's snapshot: a digest only on the input edge, which the dataset-versions migration turns into a version. */
const LEGACY_INPUT = `
CREATE (d:Dataset {id: 'dataset:s3://pv-data:legacy.parquet', namespace: 's3://pv-data', name: 'legacy.parquet'})
CREATE (r:Run {id: 'run:storea:1', storeKey: 'storea'})
CREATE (d)-[:INPUT_TO {context: 'training', digest: 'aaaa1111', since: datetime('2024-01-01T00:00:00Z')}]->(r)`;

it('records each data migration once it has run, with how many records it changed', async () => {
  await graph.write('test.legacy', (tx) => tx.run(LEGACY_INPUT));
  const prepared = await testRoot(graph).prepare();
  expect(prepared.datasetVersions).toHaveLength(1);
  expect(await records()).toEqual([
    { name: DataMigration.DATASET_NAMES, changes: prepared.datasetNames.length },
    { name: DataMigration.DATASET_VERSIONS, changes: 1 },
    { name: DataMigration.OPENLINEAGE_VERSIONS, changes: 0 },
    { name: DataMigration.SCHEMA_SOURCES, changes: prepared.schemaSources.length },
    // Fragment texts are derived from the nodes: no record changes.
    { name: DataMigration.SEARCH_TEXTS, changes: 0 },
  ]);
});

it('does not scan the graph again once a migration has completed', async () => {
  const root = testRoot(graph);
  await root.prepare();
  // Written behind the product's back, after the migration completed: only a scan would find it.
  await graph.write('test.legacy', (tx) => tx.run(LEGACY_INPUT));
  expect((await root.prepare()).datasetVersions).toEqual([]);
  const [edge] = await graph.query('test.edge', 'MATCH (:Dataset)-[i:INPUT_TO]->(:Run) RETURN i.versionId AS versionId');
  expect(edge.versionId).toBeNull();
  await graph.write('test.forget', (tx) => tx.run('MATCH (m:DataMigration {name: $name}) DELETE m', { name: DataMigration.DATASET_VERSIONS }));
  expect((await root.prepare()).datasetVersions).toHaveLength(1);
});

it('leaves no record, and no change, when a migration fails, so it runs at the next start', async () => {
  const root = testRoot(graph);
  const failing = runOnce(root.repos, DataMigration.DATASET_VERSIONS, async (tx) => {
    await tx.run("CREATE (:Dataset {id: 'dataset:s3://pv-data:half.parquet', namespace: 's3://pv-data', name: 'half.parquet'})");
    throw new Error('interrupted');
  });
  await expect(failing).rejects.toThrow('interrupted');
  expect(await records()).toEqual([]);
  expect(await graph.query('test.half', 'MATCH (d:Dataset) RETURN d.id AS id')).toEqual([]);
  expect(await runOnce(root.repos, DataMigration.DATASET_VERSIONS, async () => ['ran'])).toEqual(['ran']);
});
