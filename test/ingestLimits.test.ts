import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { INPUT_LIMITS } from '../src/domain/inputLimits';
import type { GraphExecutor } from '../src/graph/executor';
import type { IngestService } from '../src/services/ingest/ingestService';
import { testRoot } from './support/composition';
import { resetGraph, testGraph } from './support/graph';

const FIXTURE = path.resolve(__dirname, '..', 'demo/mlflow/filestore');
const DATASET = 'mlruns/674322928145291563/datasets/217251b400b9bb34c2e15941e0ef11ec/meta.yaml';
const FILLER = 'q'.repeat(10 * 1024);

async function countOf(graph: GraphExecutor, label: 'Run' | 'Dataset', storeUriPart: string): Promise<number> {
  const cypher =
    label === 'Run'
      ? 'MATCH (s:TrackingStore)-[*1..2]->(r:Run) WHERE s.uri CONTAINS $part RETURN count(DISTINCT r) AS n'
      : 'MATCH (d:Dataset) RETURN count(d) AS n';
  const [row] = await graph.query('test.count', cypher, { part: storeUriPart });
  return row.n as number;
}

describe('an MLflow item over the input limits is skipped and listed; a failed write leaves its batch unwritten', () => {
  let graph: GraphExecutor;
  let ingest: IngestService;
  let dir: string;
  const warnings: { obj: Record<string, unknown>; msg: string }[] = [];

  beforeAll(async () => {
    graph = testGraph();
    const log = { warn: (obj: Record<string, unknown>, msg: string) => void warnings.push({ obj, msg }) };
    ingest = testRoot(graph, {}, { log: log as never }).ingest;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pvl-limits-'));
  });
  beforeEach(() => resetGraph(graph));
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await graph.close();
  });

  function storeWithLongSource(name: string): string {
    const copy = path.join(dir, name);
    fs.cpSync(FIXTURE, copy, { recursive: true });
    const meta = path.join(copy, DATASET);
    const text = fs.readFileSync(meta, 'utf8').replace(/^source: .*$/m, `source: '{"uri": "s3://pv-data/${FILLER}"}'`);
    fs.writeFileSync(meta, text);
    return path.join(copy, 'mlruns');
  }

  it('ingests a store whose dataset source is 10 kB: COMPLETED, every run written, the dataset input skipped and listed without its value', async () => {
    const mlruns = storeWithLongSource('long-source');
    const summary = await ingest.ingestMlflow(mlruns, { actor: 'test' });
    expect(summary.error).toBeNull();
    expect(summary.status).toBe('COMPLETED');
    expect(summary.runsSeen).toBe(10);
    expect(await countOf(graph, 'Run', 'long-source')).toBe(10);
    const items = summary.skipped.filter((s) => s.kind === 'dataset');
    expect(items.length).toBeGreaterThan(0);
    for (const s of items) {
      expect(s.reason).toMatch(new RegExp(`^the dataset source is \\d+ bytes long; the limit for a uri is ${INPUT_LIMITS.uri} bytes$`));
      expect(s.where).toMatch(/ run [0-9a-f]{32} input #\d+$/);
      expect(`${s.where} ${s.reason}`).not.toContain('qqqq');
    }
    const [rec] = await graph.query('test.rec', 'MATCH (i:Ingestion {id: $id}) RETURN i.status AS status, i.skipped AS skipped', { id: summary.ingestionId });
    expect(rec.status).toBe('COMPLETED');
    expect((rec.skipped as string[]).filter((s) => s.startsWith('dataset '))).toHaveLength(items.length);
  });

  it('a driver failure in a batch rolls the whole batch back and leaves ingestions.error free of driver text, which goes to the log', async () => {
    const mlruns = path.join(dir, 'plain');
    fs.cpSync(FIXTURE, mlruns, { recursive: true });
    const failing = async (tx: { run: (cypher: string, params?: Record<string, unknown>) => Promise<unknown> }) => {
      // Runs after the batch's datasets, runs and series are written, inside its transaction.
      await tx.run('RETURN 1 / toInteger($zero) AS boom', { zero: 0 });
    };
    const summary = await ingest.ingestMlflow(path.join(mlruns, 'mlruns'), { actor: 'test', hooks: [failing as never] });
    expect(summary.status).toBe('FAILED');
    expect(summary.error).toMatch(/^Writing a batch of runs to the graph failed and was rolled back; the server log has the cause/);
    const [rec] = await graph.query('test.rec', 'MATCH (i:Ingestion {id: $id}) RETURN i.status AS status, i.error AS error', { id: summary.ingestionId });
    expect(rec.status).toBe('FAILED');
    expect(rec.error).toBe(summary.error);
    expect(rec.error).not.toMatch(/zero|Neo|Arithmetic|Cypher|\/ by/i);
    // Nothing of the failing batch: no run, no dataset. The store and experiments, written before, stay.
    expect(await countOf(graph, 'Run', 'plain')).toBe(0);
    expect(await countOf(graph, 'Dataset', 'plain')).toBe(0);
    const [store] = await graph.query('test.store', 'MATCH (s:TrackingStore)-[]->(e:Experiment) WHERE s.uri CONTAINS "plain" RETURN count(e) AS n');
    expect(store.n).toBe(4);
    const logged = warnings.find((w) => w.obj.ingestionId === summary.ingestionId);
    expect(String((logged?.obj.err as Error | undefined)?.message)).toMatch(/zero/i);
  });
});
