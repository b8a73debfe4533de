import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

export interface MlflowServer {
  readonly url: string;
  stop(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Starts a real `mlflow server` (the pinned venv unless `options.python` names another, scripts/mlflow/serve.sh) on a free loopback
 * port, serving a copy of an SQLite store; resolves with its URL once it answers.
 */
export interface ServeOptions {
  /** The venv python of the version to serve (default: the pinned 3.x, .venv/mlflow). */
  readonly python?: string;
  /** e.g. `basic-auth`: MLflow's authentication app. */
  readonly appName?: string;
  /** Added to the server's environment (e.g. MLFLOW_AUTH_ADMIN_PASSWORD). */
  readonly env?: Readonly<Record<string, string>>;
}

export function startMlflowServer(db: string, timeoutMs = 90_000, options: ServeOptions = {}): Promise<MlflowServer> {
  const extra = [...(options.python ? ['--python', options.python] : []), ...(options.appName ? ['--app-name', options.appName] : [])];
  const child: ChildProcess = spawn('bash', [path.join(ROOT, 'scripts/mlflow/serve.sh'), '--db', db, '--port', '0', ...extra], {
    cwd: ROOT,
    env: { ...process.env, ...options.env },
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
