import { formatId } from '../src/domain/ids';
import { NodeType } from '../src/domain/nodeType';
import type { GraphExecutor } from '../src/graph/executor';
import { uncoveredDuring } from './support/auditCoverage';
import { testRoot } from './support/composition';
import { countGraph, resetGraph, testGraph } from './support/graph';

const dsId = (namespace: string, name: string) => formatId(NodeType.DATASET, namespace, name);

/** Datasets as an older naming rule wrote them: local files as `file://` + a relative path, HDFS paths without their slash. */
const LEGACY = `
CREATE (legacyFile:Dataset {id: $legacyFile, namespace: 'file://', name: 'data/faers/cases.csv', digest: 'aaaa1111'})
CREATE (canonicalFile:Dataset {id: $canonicalFile, namespace: 'file', name: '/data/faers/cases.csv', digest: 'bbbb2222'})
CREATE (legacyHdfs:Dataset {id: $legacyHdfs, namespace: 'hdfs://host', name: 'user/hive/warehouse/t1'})
CREATE (fine:Dataset {id: $fine, namespace: 's3://pv-data', name: 'faers/2024Q1/drug_event.parquet'})
CREATE (mlflowRun:Run {id: 'run:test:1'}), (olRun:Run {id: 'run:test:2'}), (report:Report {id: 'report:R1'})
CREATE (legacyFile)-[:INPUT_TO {digest: 'aaaa1111', context: 'training'}]->(mlflowRun)
CREATE (olRun)-[:PRODUCED]->(canonicalFile)
CREATE (legacyFile)-[:FEEDS]->(report)
CREATE (legacyHdfs)-[:INPUT_TO {digest: null}]->(olRun)`;

describe('the dataset-naming migration', () => {
  let graph: GraphExecutor;
  beforeAll(() => {
    graph = testGraph();
  });
  // The last case leaves a graph the migration refuses; no later test or server start may meet it.
  afterAll(async () => {
    await resetGraph(graph);
    await graph.close();
  });

  const ids = {
    legacyFile: dsId('file://', 'data/faers/cases.csv'),
    canonicalFile: dsId('file', '/data/faers/cases.csv'),
    legacyHdfs: dsId('hdfs://host', 'user/hive/warehouse/t1'),
    fine: dsId('s3://pv-data', 'faers/2024Q1/drug_event.parquet'),
  };

  it('renames lone legacy names, merges duplicates edges and all, and audits each change', async () => {
    await resetGraph(graph);
    await graph.write('test.legacy', (tx) => tx.run(LEGACY, ids));
    const before = await countGraph(graph);
    const root = testRoot(graph);

    let prepared = { datasetNames: [] } as unknown as Awaited<ReturnType<typeof root.prepare>>;
    // Every change the migration makes is in the trail (docs/audit.md, "The coverage test").
    expect((await uncoveredDuring(graph, async () => (prepared = await root.prepare()))).uncovered).toEqual([]);
    expect(prepared.datasetNames).toEqual([
      { from: ids.legacyFile, to: ids.canonicalFile, change: 'merged' },
      { from: ids.legacyHdfs, to: dsId('hdfs://host', '/user/hive/warehouse/t1'), change: 'renamed' },
    ]);

    const datasets = await graph.query('test.datasets', 'MATCH (d:Dataset) RETURN d.id AS id, d.namespace AS namespace, d.name AS name, d.digest AS digest ORDER BY id');
    expect(datasets).toEqual([
      { id: ids.canonicalFile, namespace: 'file', name: '/data/faers/cases.csv', digest: 'bbbb2222' },
      { id: dsId('hdfs://host', '/user/hive/warehouse/t1'), namespace: 'hdfs://host', name: '/user/hive/warehouse/t1', digest: null },
      { id: ids.fine, namespace: 's3://pv-data', name: 'faers/2024Q1/drug_event.parquet', digest: null },
    ]);
    // Every edge survives, on the merged node, with its properties.
    const edges = await graph.query('test.edges', 'MATCH (a)-[r]->(b) WHERE a:Dataset OR b:Dataset RETURN a.id AS from, type(r) AS type, b.id AS to, r.digest AS digest ORDER BY type, from, to');
    expect(edges).toEqual([
      { from: ids.canonicalFile, type: 'FEEDS', to: 'report:R1', digest: null },
      { from: ids.canonicalFile, type: 'INPUT_TO', to: 'run:test:1', digest: 'aaaa1111' },
      { from: dsId('hdfs://host', '/user/hive/warehouse/t1'), type: 'INPUT_TO', to: 'run:test:2', digest: null },
      { from: 'run:test:2', type: 'PRODUCED', to: ids.canonicalFile, digest: null },
    ]);

    const events = await graph.query('test.events', "MATCH (e:AuditEvent) WHERE e.entityType = 'Dataset' RETURN e.action AS action, e.entityId AS entityId, e.actorId AS actor ORDER BY e.seq");
    expect(events).toEqual([
      { action: 'DATASET_MERGED', entityId: ids.legacyFile, actor: 'system:dataset-naming' },
      { action: 'DATASET_MERGED', entityId: ids.canonicalFile, actor: 'system:dataset-naming' },
      { action: 'DATASET_RENAMED', entityId: dsId('hdfs://host', '/user/hive/warehouse/t1'), actor: 'system:dataset-naming' },
    ]);
    const after = await countGraph(graph);
    // One Dataset node fewer; the three AuditEvents and the audit log's own nodes are the other new nodes.
    expect(after.relationships - before.relationships).toBe(await auditRelationships(graph));
    expect(await graph.query('test.legacyGone', 'MATCH (d:Dataset {id: $id}) RETURN d', { id: ids.legacyFile })).toEqual([]);

    // Idempotent: a second start finds nothing to change and writes no event.
    expect((await root.prepare()).datasetNames).toEqual([]);
    const again = await graph.query('test.events', "MATCH (e:AuditEvent) WHERE e.entityType = 'Dataset' RETURN count(e) AS n");
    expect(again[0].n).toBe(3);
  });

  it('refuses to drop an edge it does not know how to move, and changes nothing', async () => {
    await resetGraph(graph);
    await graph.write('test.legacy', (tx) => tx.run(`${LEGACY} CREATE (legacyFile)-[:UNKNOWN_KIND]->(report)`, ids));
    const before = await countGraph(graph);
    await expect(testRoot(graph).prepare()).rejects.toThrow(`Dataset ${ids.legacyFile} has edges of types UNKNOWN_KIND that the dataset-naming migration cannot move onto ${ids.canonicalFile}; nothing was changed`);
    expect(await countGraph(graph)).toEqual(before);
  });
});

/** Relationships the audit log adds for its events (the log's chain), so the rest must be unchanged. */
async function auditRelationships(graph: GraphExecutor): Promise<number> {
  const [row] = await graph.query('test.auditRels', 'MATCH (a)-[r]->(b) WHERE a:AuditEvent OR b:AuditEvent OR a:AuditLog OR b:AuditLog RETURN count(r) AS n');
  return row.n as number;
}
