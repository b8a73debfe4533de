import { parentPort, workerData } from 'node:worker_threads';
import type { HistoryReply, HistoryRequest } from './historyReader';
import { readMetricHistories } from './sqliteMetrics';
import { SqliteSchema } from './sqliteSchema';

/**
 * Reads metric histories for the ingester in a thread of its own (historyReader.ts): the SQLite
 * scan of millions of points then runs on the second core while the main thread writes the
 * previous batch to Neo4j. Its own read-only connection; requests are answered in order.
 */
const schema = SqliteSchema.open((workerData as { file: string }).file);
parentPort?.on('message', (req: HistoryRequest) => {
  let reply: HistoryReply;
  try {
    reply = { seq: req.seq, entries: [...readMetricHistories(schema, req.runIds)] };
  } catch (err) {
    reply = { seq: req.seq, error: err instanceof Error ? err.message : String(err) };
  }
  parentPort?.postMessage(reply);
});
parentPort?.on('close', () => schema.close());
