import { createExecutor } from '../../src/graph/driver';
import type { GraphExecutor } from '../../src/graph/executor';
import { testNeo4jConfig } from './env';

export function testGraph(): GraphExecutor {
  return createExecutor(testNeo4jConfig());
}

/** Empties the test database but keeps the migration records (the schema stays in place). */
export async function resetGraph(graph: GraphExecutor): Promise<void> {
  await graph.write('test.reset', (tx) => tx.run('MATCH (n) WHERE NOT n:SchemaMigration DETACH DELETE n'));
}

export interface GraphCounts {
  readonly nodes: number;
  readonly relationships: number;
}

export async function countGraph(graph: GraphExecutor): Promise<GraphCounts> {
  const [row] = await graph.query(
    'test.count',
    'CALL () { MATCH (n) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships } RETURN nodes, relationships',
  );
  return { nodes: row.nodes as number, relationships: row.relationships as number };
}
