import type { GraphExecutor } from '../../src/graph/executor';

/**
 * Nodes and relationships of the catalogue, leaving out what differs between two equivalent
 * ingests by design: ingest records, their RECORDED/INGESTED_BY edges, audit events, accounts.
 */
export async function catalogCounts(graph: GraphExecutor): Promise<{ nodes: number; relationships: number }> {
  const skip = ['Ingestion', 'AuditEvent', 'AuditLog', 'AuditCheckpoint', 'User', 'ApiToken', 'Session', 'SecurityEvent', 'SchemaMigration'];
  const [row] = await graph.query(
    'test.catalogCounts',
    `CALL () { MATCH (n) WHERE none(l IN labels(n) WHERE l IN $skip) RETURN count(n) AS nodes }
     CALL () { MATCH (a)-[r]->(b) WHERE none(l IN labels(a) + labels(b) WHERE l IN $skip) RETURN count(r) AS relationships }
     RETURN nodes, relationships`,
    { skip },
  );
  return { nodes: row.nodes as number, relationships: row.relationships as number };
}
