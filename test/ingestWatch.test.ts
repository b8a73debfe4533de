import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { storeKeyFor } from '../src/domain/trackingStore';
import type { GraphExecutor } from '../src/graph/executor';
import { normaliseStoreUri } from '../src/sources/mlflow/uri';
import { resetGraph, testGraph } from './support/graph';
import { readExpected } from './support/mlflowExpected';

const ROOT = path.resolve(__dirname, '..');
const FIXTURE = path.resolve(__dirname, '..', 'demo/mlflow/filestore');

describe('ingest --watch keeps a store in sync', () => {
  let graph: GraphExecutor;
  let dir: string;

  beforeAll(async () => {
    graph = testGraph();
    await resetGraph(graph);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pvl-watch-'));
    fs.cpSync(FIXTURE, dir, { recursive: true });
    const cli = spawnSync(process.execPath, [path.join(ROOT, 'scripts/cli.mjs'), 'ingest', '--help'], { cwd: ROOT, encoding: 'utf8', env: process.env });
    if (cli.status !== 0) throw new Error(`ingest CLI is not runnable (${String(cli.status ?? cli.error)}): ${cli.stderr}`);
  }, 180_000);
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await graph.close();
  });

  it('picks up a run tagged after the first sync, without anyone re-running the command, and stops on SIGINT', async () => {
    const mlruns = path.join(dir, 'mlruns');
    const sk = storeKeyFor(normaliseStoreUri(mlruns).uri);
    const target = readExpected(path.join(FIXTURE, 'expected.json')).runs.find((r) => r.lifecycle_stage === 'active') as { run_id: string; experiment_id: string };
    const child = spawn(process.execPath, [path.join(ROOT, 'dist/src/cli/ingest.js'), 'mlflow', mlruns, '--watch', '1s'], { cwd: ROOT, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const syncs = () => (out.match(/^Ingestion .* COMPLETED$/gm) ?? []).length;
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const waitFor = async (cond: () => boolean | Promise<boolean>, what: string) => {
      const deadline = Date.now() + 60_000;
      while (!(await cond())) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`timed out waiting for ${what}: ${out}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    try {
      await waitFor(() => syncs() >= 1, 'the first sync');
      fs.writeFileSync(path.join(mlruns, target.experiment_id, target.run_id, 'tags', 'pv.watch'), 'seen');
      const tagged = async () =>
        (await graph.query('test.watch', 'MATCH (r:Run {storeKey: $sk, runId: $id}) RETURN r.`t.pv.watch` AS t', { sk, id: target.run_id }))[0]?.t === 'seen';
      await waitFor(tagged, 'the tag to reach the graph');
      // The summary line is printed once the sync's Ingestion record is closed, just after the write.
      await waitFor(() => /updated 1, unchanged \d+/.test(out), 'the summary of the sync that saw the change');
      expect(out).toMatch(/added 10, updated 0/);
    } finally {
      child.kill('SIGINT');
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
    }
    expect(child.exitCode).toBe(0);
  }, 120_000);
});
