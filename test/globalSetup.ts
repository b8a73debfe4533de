import 'reflect-metadata';
import { createExecutor } from '../src/graph/driver';
import { migrate } from '../src/graph/migrate';
import { testNeo4jConfig } from './support/env';

/**
 * Tests need a real Neo4j. `npm test` (scripts/test.mjs) starts the test profile's server and
 * passes its credentials in NEO4J_*; this only checks that it answers and migrates it.
 */
export default async function globalSetup(): Promise<void> {
  const graph = createExecutor(testNeo4jConfig());
  try {
    await graph.ping();
    await migrate(graph);
  } finally {
    await graph.close();
  }
}
