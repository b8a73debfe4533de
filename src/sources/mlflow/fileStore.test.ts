import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TrackingStoreKind } from '../../domain/trackingStore';
import { FileStoreSource } from './fileStore';
import type { RunBatch } from './source';

/** Writes files given as relative path → content. */
function write(root: string, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) {
    const p = path.join(root, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  }
}

async function allRuns(src: FileStoreSource) {
  const out: RunBatch['runs'][number][] = [];
  for await (const b of src.runBatches(2)) out.push(...b.runs);
  return out;
}

describe('FileStoreSource on MLflow 1.x-3.x file-store variants', () => {
  let root: string;
  beforeEach(() => {
    root = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pvl-fs-')), 'mlruns');
  });

  it('reads 1.x meta.yaml (run_uuid, no lifecycle_stage), unquoted 18-digit ids, nested keys, 2/3/5-field lines, CRLF and nan/inf', async () => {
    const exp = '123456789012345678';
    write(root, {
      [`${exp}/meta.yaml`]: `artifact_location: file:///C:/Users/pv/mlruns/${exp}\nexperiment_id: ${exp}\nname: legacy\n`,
      [`${exp}/aaa/meta.yaml`]: `artifact_uri: file:///C:/Users/pv/mlruns/${exp}/aaa/artifacts\nexperiment_id: ${exp}\nrun_uuid: aaa\nstart_time: 1000\nend_time: 2000\nstatus: 4\nuser_id: x\n`,
      [`${exp}/aaa/params/features/set`]: 'v2',
      [`${exp}/aaa/tags/mlflow.runName`]: 'old-run',
      [`${exp}/aaa/metrics/loss`]: '10 0.5\r\n20 nan 1\r\n30 inf 2\r\n40 -inf 3 ds d1\r\n',
      [`${exp}/bbb/meta.yaml`]: `experiment_id: '${exp}'\nrun_id: bbb\nlifecycle_stage: deleted\n`,
    });
    const src = new FileStoreSource({ uri: 'file:///x', kind: TrackingStoreKind.FILE, displayName: 'x' }, root);
    const [e] = await src.experiments();
    expect(e).toMatchObject({ experimentId: exp, name: 'legacy', lifecycleStage: 'active' });
    const runs = await allRuns(src);
    expect(src.skipped).toEqual([]);
    const a = runs.find((r) => r.runId === 'aaa');
    expect(a).toMatchObject({ experimentId: exp, name: 'old-run', status: 'FAILED', lifecycleStage: 'active', params: { 'features/set': 'v2' } });
    expect(a?.artifactUri).toBe(`file:///C:/Users/pv/mlruns/${exp}/aaa/artifacts`);
    const [loss] = a?.metricHistory ?? [];
    // MLflow 3.x reads the 5-field line (with a dataset) as step 0, whatever its step field says.
    expect(loss.steps).toEqual([0, 0, 1, 2]);
    expect(loss.timestamps).toEqual([10, 40, 20, 30]);
    expect(loss.values[0]).toBe(0.5);
    expect(loss.values[1]).toBe(-Infinity);
    expect(loss.values[2]).toBeNaN();
    expect(loss.values[3]).toBe(Infinity);
    expect(a?.latestMetrics).toEqual([{ key: 'loss', step: 2, timestamp: 30, value: Infinity }]);
    const b = runs.find((r) => r.runId === 'bbb');
    expect(b).toMatchObject({ experimentId: exp, status: 'RUNNING', lifecycleStage: 'deleted', metricHistory: [] });
  });

  it('reads an experiment under .trash as deleted even when its meta.yaml says active (mlflow 1.x), and PyYAML-plain names as strings', async () => {
    write(root, {
      '.trash/3/meta.yaml': "artifact_location: file:///m/3\nexperiment_id: '3'\nlifecycle_stage: active\nname: 1e3\n",
      '4/meta.yaml': "experiment_id: '4'\nlifecycle_stage: active\nname: 0o17\n",
    });
    const src = new FileStoreSource({ uri: 'file:///x', kind: TrackingStoreKind.FILE, displayName: 'x' }, root);
    const exps = (await src.experiments()).sort((x, y) => x.experimentId.localeCompare(y.experimentId));
    expect(exps.map((e) => [e.experimentId, e.name, e.lifecycleStage])).toEqual([
      ['3', '1e3', 'deleted'],
      ['4', '0o17', 'active'],
    ]);
  });

  it('names the file and line of a bad metric line and of corrupt YAML, and keeps going', async () => {
    write(root, {
      '1/meta.yaml': 'experiment_id: "1"\nname: e\n',
      '1/r1/meta.yaml': 'run_id: r1\nexperiment_id: "1"\nstatus: 3\n',
      '1/r1/metrics/m': '1 0.1 0\nbroken line here now ok extra\n3 0.3 2\n',
      '1/r2/meta.yaml': 'run_id: r2\n  bad: [indent\n',
    });
    const src = new FileStoreSource({ uri: 'file:///y', kind: TrackingStoreKind.FILE, displayName: 'y' }, root);
    await src.experiments();
    const runs = await allRuns(src);
    expect(runs.map((r) => r.runId)).toEqual(['r1']);
    expect(runs[0].metricHistory[0].steps).toEqual([0, 2]);
    expect(src.skipped.map((s) => s.where)).toEqual([path.join(root, '1/r1/metrics/m:2'), expect.stringMatching(new RegExp(`^${path.join(root, '1/r2/meta.yaml')}:\\d+$`))]);
  });
});
