import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TrackingStoreKind } from '../../domain/trackingStore';
import { HistoryReader } from './historyReader';
import { readMetricHistories } from './sqliteMetrics';
import { SqliteSchema } from './sqliteSchema';
import { SqliteStoreSource } from './sqliteStore';

const MATRIX = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'mlflow-matrix');
const stores = fs
  .readdirSync(MATRIX)
  .map((label) => [label, path.join(MATRIX, label, 'sqlite', 'mlflow.db')] as const)
  .filter(([, file]) => fs.existsSync(file));

const runIdsOf = (file: string) => {
  const schema = SqliteSchema.open(file);
  try {
    return (schema.db.prepare('SELECT run_uuid FROM runs ORDER BY run_uuid').pluck().all() as string[]).reverse();
  } finally {
    schema.close();
  }
};

const store = (file: string) => ({ uri: `sqlite:///${file}`, kind: TrackingStoreKind.SQLITE, displayName: file });

/** Every batch's histories, loaded the way the ingester loads them. */
async function batchHistories(src: SqliteStoreSource) {
  const out = new Map<string, unknown>();
  for await (const b of src.runBatches(3)) {
    const loaded = await b.loadHistories?.(b.runs.map((r) => r.runId));
    for (const [id, h] of loaded ?? []) out.set(id, h);
  }
  return out;
}

describe('metric histories read by a worker thread', () => {
  it('has matrix stores to compare', () => {
    expect(stores.length).toBeGreaterThanOrEqual(4);
  });

  it.each(stores)('%s: the worker answers exactly what the inline reader does (NaN, ±inf, −0.0 and step order included)', async (_label, file) => {
    const ids = runIdsOf(file);
    const schema = SqliteSchema.open(file);
    const inline = readMetricHistories(schema, ids);
    schema.close();
    const reader = new HistoryReader(file);
    try {
      // Two requests in flight at once are answered each with its own runs.
      const [first, rest] = await Promise.all([reader.load(ids.slice(0, 2)), reader.load(ids.slice(2))]);
      expect(new Map([...first, ...rest])).toEqual(inline);
      expect([...first.keys()].every((id) => ids.slice(0, 2).includes(id))).toBe(true);
    } finally {
      await reader.close();
    }
    expect(inline.size).toBeGreaterThan(0);
  });

  it('a source past the threshold loads through the worker and gives the same batches as one below it', async () => {
    const [, file] = stores[stores.length - 1];
    const viaWorker = new SqliteStoreSource(store(file), file, { historyWorkerFromPoints: 0 });
    const inline = new SqliteStoreSource(store(file), file, { historyWorkerFromPoints: Number.MAX_SAFE_INTEGER });
    try {
      expect(await batchHistories(viaWorker)).toEqual(await batchHistories(inline));
    } finally {
      await viaWorker.close();
      await inline.close();
    }
  });

  it('a store that cannot be read in the worker fails the load, naming the file, and fails nothing else', async () => {
    const [, fixture] = stores[0];
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pvl-hist-')), 'mlflow.db');
    fs.copyFileSync(fixture, file);
    const reader = new HistoryReader(file);
    fs.rmSync(file);
    await expect(reader.load(['any-run'])).rejects.toThrow(file);
    await reader.close();
    expect(await new HistoryReader(fixture).load([])).toEqual(new Map());
  });
});
