import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

/** A real MLflow SQLite store of `runs` runs, written by the generator the benchmarks use. */
export function generateSqliteStore(out: string, runs: number, extra: readonly string[] = ['--steps', '20', '--params', '5', '--metrics', '4', '--datasets', '5', '--versions', '3']): void {
  const py = path.join(ROOT, '.venv/mlflow/bin/python');
  const gen = spawnSync(py, [path.join(ROOT, 'scripts/mlflow/generate_bench_store.py'), '--out', out, '--runs', String(runs), ...extra], { cwd: ROOT, encoding: 'utf8' });
  if (gen.status !== 0) throw new Error(`generate_bench_store.py failed: ${gen.stderr}`);
}
