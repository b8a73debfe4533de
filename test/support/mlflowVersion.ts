import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Expected, readExpected } from './mlflowExpected';
import { type MlflowServer, type ServeOptions, startMlflowServer } from './mlflowServer';

const ROOT = path.resolve(__dirname, '..', '..');

/** The venv python of one scripts/mlflow/versions/<label> (provisioned by `npm test`). */
export function versionPython(label: string): string {
  return execFileSync('bash', [path.join(ROOT, 'scripts/mlflow/setup_venv.sh'), label], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n').pop() as string;
}

export interface PopulatedServer {
  readonly server: MlflowServer;
  readonly python: string;
  /** What that version's MlflowClient reports through the server (export_expected.py). */
  expected(): Expected;
  stop(): Promise<void>;
}

/**
 * A fresh SQLite store written by that version's client (scripts/mlflow/populate_store.py),
 * served by that version's `mlflow server`.
 */
export async function populatedServer(label: string, options: Omit<ServeOptions, 'python'> = {}): Promise<PopulatedServer> {
  const python = versionPython(label);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pvl-mlflow-${label}-`));
  const db = path.join(dir, 'mlflow.db');
  execFileSync(python, [path.join(ROOT, 'scripts/mlflow/populate_store.py'), '--tracking-uri', `sqlite:///${db}`], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  const server = await startMlflowServer(db, 120_000, { ...options, python });
  return {
    server,
    python,
    expected: () => {
      const out = path.join(dir, 'expected.json');
      execFileSync(python, [path.join(ROOT, 'scripts/mlflow/export_expected.py'), '--tracking-uri', server.url, '--out', out], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
      return readExpected(out);
    },
    stop: async () => {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
