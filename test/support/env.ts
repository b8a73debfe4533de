import type { Neo4jSettings } from '../../src/graph/settings';

/** Neo4j settings for tests, from the environment `npm test` prepares. */
export function testNeo4jConfig(): Neo4jSettings {
  const { NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD } = process.env;
  if (!NEO4J_URI || !NEO4J_USER || !NEO4J_PASSWORD) {
    throw new Error('NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD are not set: run the tests with `npm test`, which starts Neo4j');
  }
  return { uri: NEO4J_URI, user: NEO4J_USER, password: NEO4J_PASSWORD, database: 'neo4j', txTimeoutMs: 30_000, maxPoolSize: 20 };
}
