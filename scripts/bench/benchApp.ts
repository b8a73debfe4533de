import { createServer } from 'node:http';
import { Worker } from 'node:worker_threads';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { type Composition, compose } from '../../src/composition/root';
import { type Config, loadConfig } from '../../src/config';
import type { GraphExecutor } from '../../src/graph/executor';
import { migrate } from '../../src/graph/migrate';
import { createApp, type App } from '../../src/http/app';

/** The bench database, migrated and emptied (bench suites own their data), and the config for it. */
export async function freshBenchGraph(env: Record<string, string> = {}): Promise<{ config: Config; graph: GraphExecutor; root: Composition }> {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', PVL_RATE_LIMIT_PER_MINUTE: '1000000', ...env });
  const root = compose(config);
  const { graph } = root;
  await migrate(graph);
  await graph.autoCommit('bench.reset', 'MATCH (n) WHERE NOT n:SchemaMigration CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  return { config, graph, root };
}

/** The real app on an ephemeral loopback port, in this process; `base` is e.g. http://127.0.0.1:1234. */
export async function startBenchApp(root: Composition): Promise<App & { base: string }> {
  const server = createServer();
  const app = await createApp({ root, log: pino({ level: 'silent' }), isStarted: () => true }, server);
  server.on('request', app.app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { ...app, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** What a bench's client worker says: it has warmed up and starts measuring, it is done, or it failed. */
type ClientMessage = { type: 'measuring'; [k: string]: unknown } | { type: 'done'; samples: number[] } | { type: 'error'; message: string };

/**
 * Runs a bench's clients in a worker thread (real clients are not inside the server's process,
 * and sharing its one JavaScript thread would measure them too). `onMeasuring` runs when the
 * worker has warmed up; the promise gives the measured latencies.
 */
export function runClientWorker(script: string, workerData: unknown, onMeasuring: (message: Record<string, unknown>) => void): Promise<number[]> {
  return new Promise<number[]>((resolve, reject) => {
    const worker = new Worker(script, { workerData });
    worker.on('message', (m: ClientMessage) => {
      if (m.type === 'measuring') onMeasuring(m);
      else if (m.type === 'done') resolve(m.samples);
      else reject(new Error(m.message));
    });
    worker.on('error', reject);
  });
}
