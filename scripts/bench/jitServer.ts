import 'reflect-metadata';
import { loadConfig } from '../../src/config';
import { createExecutor } from '../../src/graph/driver';
import { startBenchApp } from './benchApp';

/**
 * One app of the jit suite, in a process of its own, so each execution mode has its own heap and
 * its own optimised code, as in production, where a server runs only one of them. It runs with
 * the PVL_GRAPHQL_JIT it was given and tells its parent its base URL.
 */
async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', PVL_RATE_LIMIT_PER_MINUTE: '1000000', PVL_MAX_QUERY_COST: '10000000' });
  const graph = createExecutor({ ...config.neo4j, maxPoolSize: 64 });
  const { base, apollo } = await startBenchApp(config, graph);
  process.send?.({ base });
  process.on('disconnect', () => {
    void apollo.stop().then(() => graph.close()).finally(() => process.exit(0));
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
