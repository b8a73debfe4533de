import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { Neo4jGraphQL } from '@neo4j/graphql';
import express from 'express';
import neo4j from 'neo4j-driver';

/**
 * The alternative a user would pick: an @neo4j/graphql 7 server generated from type definitions
 * over the same database, with the relations as plain `@relationship` fields and no hand-written
 * `@cypher`. It gets its own driver (it is a separate product, not our executor).
 */
const TYPE_DEFS = /* GraphQL */ `
  type Experiment @node { id: ID! name: String runs: [Run!]! @relationship(type: "HAS_RUN", direction: OUT) }
  type Dataset @node { id: ID! name: String digest: String period: String
    readBy: [Run!]! @relationship(type: "INPUT_TO", direction: OUT) }
  type ModelVersion @node { id: ID! name: String version: Int stage: String
    producedBy: [Run!]! @relationship(type: "PRODUCED", direction: IN) }
  type Report @node { id: ID! title: String runs: [Run!]! @relationship(type: "FEEDS", direction: IN) }
  type Run @node { id: ID! name: String status: String startTime: DateTime
    experiment: [Experiment!]! @relationship(type: "HAS_RUN", direction: IN)
    inputs: [Dataset!]! @relationship(type: "INPUT_TO", direction: IN)
    usedVersions: [ModelVersion!]! @relationship(type: "INPUT_TO", direction: IN)
    modelVersions: [ModelVersion!]! @relationship(type: "PRODUCED", direction: OUT)
    reports: [Report!]! @relationship(type: "FEEDS", direction: OUT) }
`;

/** Nearest equivalents; null where the generated API cannot express the question without `@cypher`. */
export const NEO4J_GRAPHQL_QUERIES: Record<string, { query: string; variables: (v: Record<string, unknown>) => Record<string, unknown>; note: string } | null> = {
  // Five fixed levels of nesting along the real relation types; no de-duplication, no depth argument.
  a5: {
    query: `query($id: ID!) { reports(where: { id: { eq: $id } }) { id title runs { id name status experiment { id name }
      inputs { id name digest } usedVersions { id version stage producedBy { id name status experiment { id name }
      inputs { id name digest } usedVersions { id version stage producedBy { id name } } } } } } }`,
    variables: (v) => ({ id: v.id }),
    note: 'fixed 5-level nesting (repeats shared nodes)',
  },
  a20: null,
  b: null,
  c: {
    query: `query($id: ID!) { experiments(where: { id: { eq: $id } }) { runs { id reports { id title } } } }`,
    variables: (v) => ({ id: v.experimentId }),
    note: 'direct FEEDS only (path length 1); transitive paths need @cypher',
  },
  d: {
    query: `{ runs(limit: 100, sort: [{ startTime: DESC }]) { id name status experiment { id name } inputs { id name digest period }
      modelVersions { id version stage } reports { id title } } }`,
    variables: () => ({}),
    note: 'no params/metrics (dynamic property keys)',
  },
  e: null,
};

export async function startNeo4jGraphql(uri: string, user: string, password: string): Promise<{ url: string; close: () => Promise<void> }> {
  const driver = neo4j.driver(uri, neo4j.auth.basic(user, password), { maxConnectionPoolSize: 64 });
  const schema = await new Neo4jGraphQL({ typeDefs: TYPE_DEFS, driver }).getSchema();
  const apollo = new ApolloServer({ schema });
  await apollo.start();
  const app = express();
  app.use('/graphql', express.json({ limit: '1mb' }), expressMiddleware(apollo));
  const server: Server = createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    close: async () => {
      await apollo.stop();
      await new Promise<void>((r) => server.close(() => r()));
      await driver.close();
    },
  };
}
