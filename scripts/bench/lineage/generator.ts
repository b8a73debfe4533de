import type { GraphExecutor } from '../../../src/graph/executor';
import { toNeoInt } from '../../../src/graph/convert';

/**
 * Synthetic pharmacovigilance graphs for the lineage benchmark, written in UNWIND batches.
 * Shape (per scale factor f = 1 for L, 0.1 for M, 0.01 for S):
 * - 1 store, 100·f experiments (min 5), 100k·f runs (HAS_RUN from their experiment);
 * - 1k·f datasets (min 10); the first 3 are hubs read by half of all runs each, and every run also
 *   reads 0–2 random other datasets (INPUT_TO);
 * - 200·f model versions (min 10) of one registered model, chained through retraining: version k
 *   is PRODUCED by a training run that reads version k-1 (INPUT_TO); every scoring run reads one version;
 * - enough signals PRODUCED by runs to reach the target node count (a screen emits many drug–event pairs);
 * - 10k·f reports, each FEEDS from 1–20 runs chosen at random.
 * Randomness is seeded so a scale always produces the same graph.
 */
export const GENERATOR_VERSION = 4;

export type Scale = 'S' | 'M' | 'L';
const FACTOR: Record<Scale, number> = { S: 0.01, M: 0.1, L: 1 };
const TARGET_NODES: Record<Scale, number> = { S: 10_000, M: 100_000, L: 1_000_000 };
const BATCH = 10_000;

export interface GraphSize {
  readonly scale: Scale;
  readonly experiments: number;
  readonly runs: number;
  readonly datasets: number;
  readonly versions: number;
  readonly reports: number;
  readonly signals: number;
}

export function sizeOf(scale: Scale): GraphSize {
  const f = FACTOR[scale];
  const experiments = Math.max(5, Math.round(100 * f));
  const runs = Math.round(100_000 * f);
  const datasets = Math.max(10, Math.round(1000 * f));
  const versions = Math.max(10, Math.round(200 * f));
  const reports = Math.round(10_000 * f);
  const signals = TARGET_NODES[scale] - (2 + experiments + runs + datasets + versions + reports);
  return { scale, experiments, runs, datasets, versions, reports, signals };
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const ids = {
  store: 'store:bench',
  experiment: (i: number) => `experiment:bench:${i}`,
  run: (i: number) => `run:bench:${String(i).padStart(6, '0')}`,
  dataset: (i: number) => `dataset:faers:extract-${String(i).padStart(4, '0')}`,
  version: (i: number) => `modelversion:bench:pv-signal:${i + 1}`,
  report: (i: number) => `report:R-${String(i).padStart(5, '0')}`,
  signal: (i: number) => `signal:S-${String(i).padStart(7, '0')}`,
};

const MARKER = 'MATCH (m:BenchGraph) RETURN m.scale AS scale, m.version AS version';

async function batched<T>(graph: GraphExecutor, op: string, cypher: string, rows: T[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    await graph.write(op, (tx) => tx.run(cypher, { rows: rows.slice(i, i + BATCH) }));
  }
}

/** Generates the graph unless the database already holds this scale from this generator version. */
export async function ensureBenchGraph(graph: GraphExecutor, scale: Scale, log: (m: string) => void): Promise<GraphSize> {
  const size = sizeOf(scale);
  const [marker] = await graph.query('bench.marker', MARKER);
  if (marker && marker.scale === scale && marker.version === GENERATOR_VERSION) {
    log(`bench graph ${scale} already present, reusing it`);
    return size;
  }
  const t0 = performance.now();
  log(`wiping and generating the ${scale} graph (${JSON.stringify(size)})`);
  await graph.autoCommit('bench.wipe', 'MATCH (n) WHERE NOT n:SchemaMigration CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  const rand = rng(42);
  const pick = (n: number) => Math.floor(rand() * n);
  const epoch = Date.UTC(2023, 0, 1);

  await graph.write('bench.store', (tx) =>
    tx.run(`CREATE (s:TrackingStore {id: $store, storeKey: 'bench', uri: 'file:///bench/mlruns', kind: 'FILE', displayName: 'bench'})
            CREATE (m:RegisteredModel {id: 'model:bench:pv-signal', storeKey: 'bench', name: 'pv-signal'})`, { store: ids.store }),
  );
  await batched(graph, 'bench.experiments', `UNWIND $rows AS row MATCH (s:TrackingStore {id: '${ids.store}'})
    CREATE (e:Experiment {id: row.id, storeKey: 'bench', experimentId: toString(row.i), name: 'pv-screen-' + row.i, lifecycleStage: 'active'})
    CREATE (s)-[:HAS_EXPERIMENT {since: datetime('2023-01-01T00:00:00Z')}]->(e)`,
    Array.from({ length: size.experiments }, (_, i) => ({ id: ids.experiment(i), i })));
  await batched(graph, 'bench.datasets', `UNWIND $rows AS row
    CREATE (:Dataset {id: row.id, namespace: 'faers', name: row.name, digest: row.digest, period: row.period})`,
    Array.from({ length: size.datasets }, (_, i) => ({ id: ids.dataset(i), name: `extract-${String(i).padStart(4, '0')}`, digest: (0x10000000 + i * 7919).toString(16), period: `20${10 + (i % 15)}Q${1 + (i % 4)}` })));

  // Training runs: one per version, spread through the run ids; every other run is a scoring run.
  const trainingRun = new Map<number, number>();
  const step = Math.floor(size.runs / size.versions);
  // Offset by v so training runs spread over the experiments (run i belongs to experiment i mod n).
  for (let v = 0; v < size.versions; v++) trainingRun.set(v * step + (v % size.experiments), v);
  const runs = Array.from({ length: size.runs }, (_, i) => {
    const inputs = new Set<number>();
    for (let h = 0; h < 3; h++) if (rand() < 0.5) inputs.add(h);
    const extra = pick(3);
    for (let k = 0; k < extra; k++) inputs.add(3 + pick(size.datasets - 3));
    const v = trainingRun.get(i);
    const usesVersion = v === undefined ? Math.min(size.versions - 1, Math.floor(i / step)) : v - 1;
    return {
      id: ids.run(i), runId: String(i).padStart(32, '0'), exp: ids.experiment(i % size.experiments),
      start: epoch + i * 60_000, status: rand() < 0.9 ? 'FINISHED' : 'FAILED',
      inputs: [...inputs].map(ids.dataset), version: usesVersion >= 0 ? ids.version(usesVersion) : null,
      auc: rand(),
    };
  });
  await batched(graph, 'bench.runs', `UNWIND $rows AS row MATCH (e:Experiment {id: row.exp})
    CREATE (r:Run {id: row.id, storeKey: 'bench', runId: row.runId, experimentId: e.experimentId, name: 'run-' + row.runId, status: row.status,
                   lifecycleStage: 'active', startTime: datetime({epochMillis: toInteger(row.start)}), userId: 'bench', \`p.max_depth\`: '6', \`m.AUC_test\`: row.auc})
    CREATE (e)-[:HAS_RUN {since: datetime({epochMillis: toInteger(row.start)})}]->(r)`, runs);
  await batched(graph, 'bench.inputs', `UNWIND $rows AS row MATCH (r:Run {id: row.id})
    UNWIND row.inputs AS did MATCH (d:Dataset {id: did})
    CREATE (d)-[:INPUT_TO {context: 'training', digest: d.digest, since: r.startTime}]->(r)`, runs);
  await batched(graph, 'bench.versions', `UNWIND $rows AS row
    MATCH (m:RegisteredModel {id: 'model:bench:pv-signal'}), (r:Run {id: row.run})
    CREATE (v:ModelVersion {id: row.id, storeKey: 'bench', name: 'pv-signal', version: row.v + 1, stage: CASE WHEN row.last THEN 'PRODUCTION' ELSE 'ARCHIVED' END,
                            source: 'models:/m-' + row.v, runId: r.runId, createdAt: r.startTime})
    CREATE (m)-[:HAS_VERSION {since: r.startTime}]->(v)
    CREATE (r)-[:PRODUCED {since: r.startTime}]->(v)`,
    [...trainingRun].map(([run, v]) => ({ id: ids.version(v), v, run: ids.run(run), last: v === size.versions - 1 })));
  await batched(graph, 'bench.versionInputs', `UNWIND $rows AS row MATCH (v:ModelVersion {id: row.version}), (r:Run {id: row.id})
    CREATE (v)-[:INPUT_TO {context: 'model', since: r.startTime}]->(r)`, runs.filter((r) => r.version !== null));
  await batched(graph, 'bench.signals', `UNWIND $rows AS row MATCH (r:Run {id: row.run})
    CREATE (s:Signal {id: row.id, drug: 'drug-' + row.d, eventTerm: 'event-' + row.e, status: 'DETECTED', prr: row.prr})
    CREATE (r)-[:PRODUCED {since: r.startTime}]->(s)`,
    Array.from({ length: size.signals }, (_, i) => ({ id: ids.signal(i), run: ids.run(pick(size.runs)), d: pick(500), e: pick(2000), prr: 1 + rand() * 4 })));
  await batched(graph, 'bench.reports', `UNWIND $rows AS row
    CREATE (rep:Report {id: row.id, title: 'Signal report ' + row.id, kind: 'SIGNAL_DETECTION', status: 'FINAL', period: row.period,
                        contentHash: row.hash, createdAt: datetime({epochMillis: toInteger(row.created)})})
    WITH rep, row UNWIND row.runs AS rid MATCH (r:Run {id: rid})
    CREATE (r)-[:FEEDS {since: rep.createdAt}]->(rep)`,
    Array.from({ length: size.reports }, (_, i) => {
      const n = 1 + pick(20);
      const base = pick(size.runs - 20);
      return { id: ids.report(i), period: `2024Q${1 + (i % 4)}`, hash: i.toString(16).padStart(64, '0'), created: epoch + size.runs * 60_000 + i * 1000,
               runs: [...new Set(Array.from({ length: n }, () => ids.run(base + pick(20))))] };
    }));
  await graph.write('bench.marker', (tx) => tx.run('MERGE (m:BenchGraph) SET m.scale = $scale, m.version = $version', { scale, version: toNeoInt(GENERATOR_VERSION) }));
  log(`generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return size;
}

/** `--scale S|M|L` (or PVL_BENCH_SCALE), M by default. */
export function scaleArg(): Scale {
  const i = process.argv.indexOf('--scale');
  const inline = process.argv.find((a) => a.startsWith('--scale='))?.slice('--scale='.length);
  const v = (i >= 0 ? process.argv[i + 1] : inline ?? process.env.PVL_BENCH_SCALE ?? 'M')?.toUpperCase();
  if (v !== 'S' && v !== 'M' && v !== 'L') throw new Error(`--scale must be S, M or L, got ${v}`);
  return v;
}
