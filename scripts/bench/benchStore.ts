import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = process.cwd();
export const BENCH_RUNS = Number(process.env.PVL_BENCH_INGEST_RUNS ?? 10_000);

/**
 * The generated 10M-point SQLite store the ingest benchmarks read (10,000 runs × 20 params ×
 * 10 metrics × 100 steps, 50 datasets, 20 model versions), made once by
 * scripts/mlflow/generate_bench_store.py and cached in PVL_BENCH_DATA, else .neo4j/bench-data/
 * (or /tmp).
 */
export function benchStore(runs = BENCH_RUNS): string {
  const dir = process.env.PVL_BENCH_DATA ?? (existsSync(join(ROOT, '.neo4j')) ? join(ROOT, '.neo4j', 'bench-data') : '/tmp/pvl-bench-data');
  mkdirSync(dir, { recursive: true });
  const db = join(dir, runs === 10_000 ? 'mlflow-bench.db' : `mlflow-bench-${runs}.db`);
  if (existsSync(db)) return db;
  const setup = spawnSync('bash', ['scripts/mlflow/setup_venv.sh'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (setup.status !== 0) throw new Error('scripts/mlflow/setup_venv.sh failed');
  const py = setup.stdout.trim().split('\n').pop() as string;
  console.log(`[bench] generating ${db} (about 75 s for 10,000 runs) ...`);
  const gen = spawnSync(py, ['scripts/mlflow/generate_bench_store.py', '--out', db, '--runs', String(runs), '--steps', '100', '--params', '20', '--metrics', '10', '--datasets', '50', '--versions', '20'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (gen.status !== 0) throw new Error('generate_bench_store.py failed');
  return db;
}
