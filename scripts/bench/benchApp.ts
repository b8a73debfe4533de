import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { type Config, loadConfig } from '../../src/config';
import { createExecutor } from '../../src/graph/driver';
import type { GraphExecutor } from '../../src/graph/executor';
import { migrate } from '../../src/graph/migrate';
import { createApp, type App } from '../../src/http/app';

/** The bench database, migrated and emptied (bench suites own their data), and the config for it. */
export async function freshBenchGraph(env: Record<string, string> = {}): Promise<{ config: Config; graph: GraphExecutor }> {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', PVL_RATE_LIMIT_PER_MINUTE: '1000000', ...env });
  const graph = createExecutor(config.neo4j);
  await migrate(graph);
  await graph.autoCommit('bench.reset', 'MATCH (n) WHERE NOT n:SchemaMigration CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  return { config, graph };
}

/** The real app on an ephemeral loopback port, in this process; `base` is e.g. http://127.0.0.1:1234. */
export async function startBenchApp(config: Config, graph: GraphExecutor): Promise<App & { base: string }> {
  const server = createServer();
  const app = await createApp({ config, graph, log: pino({ level: 'silent' }), isStarted: () => true }, server);
  server.on('request', app.app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { ...app, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
