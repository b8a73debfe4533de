import neo4j, { type Driver } from 'neo4j-driver';
import { GraphExecutor } from './executor';
import type { Neo4jSettings } from './settings';

/** Builds the one driver of the process and its executor. */
export function createExecutor(config: Neo4jSettings): GraphExecutor {
  const driver: Driver = neo4j.driver(config.uri, neo4j.auth.basic(config.user, config.password), {
    maxConnectionPoolSize: config.maxPoolSize,
    // Fail fast while Neo4j is down so /readyz and requests answer SERVICE_UNAVAILABLE quickly.
    connectionAcquisitionTimeout: 5_000,
    connectionTimeout: 3_000,
    maxTransactionRetryTime: 5_000,
    userAgent: 'pv-lineage/0.1',
    logging: { level: 'error', logger: () => undefined },
  });
  return new GraphExecutor(driver, { database: config.database, txTimeoutMs: config.txTimeoutMs, settings: config });
}
