import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

export interface MlflowServer {
  readonly url: string;
  stop(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Starts a real `mlflow server` (the pinned venv, scripts/mlflow/serve.sh) on a free loopback
 * port, serving a copy of an SQLite store; resolves with its URL once it answers.
 */
export function startMlflowServer(db: string, timeoutMs = 90_000): Promise<MlflowServer> {
  const child: ChildProcess = spawn('bash', [path.join(ROOT, 'scripts/mlflow/serve.sh'), '--db', db, '--port', '0'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      try {
        process.kill(-(child.pid as number), 'SIGTERM');
      } catch {
        resolve();
      }
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`mlflow server did not start within ${timeoutMs} ms: ${stderr}`));
    }, timeoutMs);
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /MLFLOW_SERVER_URL=(\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], stop });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`mlflow server exited with ${code}: ${stderr}`));
    });
  });
}
