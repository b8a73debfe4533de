import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const SCRIPTS = ['scripts/mlflow/generate_values_store.py', 'scripts/mlflow/export_expected.py', 'scripts/mlflow/versions/3.x-pinned/requirements.txt'];

export interface ValuesStore {
  readonly fileUri: string;
  readonly sqliteUri: string;
  readonly fileExpected: string;
  readonly sqliteExpected: string;
}

function run(args: string[]): void {
  const py = path.join(ROOT, '.venv/mlflow/bin/python');
  const r = spawnSync(py, args, { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${args[0]} failed: ${r.stderr}`);
}

/**
 * The edge-value store (scripts/mlflow/generate_values_store.py) written by the pinned mlflow,
 * with MlflowClient's view of it. Cached under the temp dir by the hash of the scripts that
 * make it, as the venv is cached by its requirements hash: a warm run costs nothing.
 */
export function valuesStore(): ValuesStore {
  const hash = createHash('sha256');
  for (const f of SCRIPTS) hash.update(fs.readFileSync(path.join(ROOT, f)));
  const dir = path.join(os.tmpdir(), `pvl-mlflow-values-${hash.digest('hex').slice(0, 16)}`);
  const out: ValuesStore = {
    fileUri: `file://${path.join(dir, 'mlruns')}`,
    sqliteUri: `sqlite:///${path.join(dir, 'mlflow.db')}`,
    fileExpected: path.join(dir, 'file.json'),
    sqliteExpected: path.join(dir, 'sqlite.json'),
  };
  if (fs.existsSync(path.join(dir, 'complete'))) return out;
  fs.rmSync(dir, { recursive: true, force: true });
  run(['scripts/mlflow/generate_values_store.py', '--out', dir]);
  run(['scripts/mlflow/export_expected.py', '--tracking-uri', out.fileUri, '--out', out.fileExpected]);
  run(['scripts/mlflow/export_expected.py', '--tracking-uri', out.sqliteUri, '--out', out.sqliteExpected]);
  fs.writeFileSync(path.join(dir, 'complete'), '');
  return out;
}
