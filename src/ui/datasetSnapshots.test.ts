import { type ReaderRun, snapshotsOf } from './datasetSnapshots';

const D = 'dataset:s3%3A%2F%2Fpv:a.parquet';
const OTHER = 'dataset:s3%3A%2F%2Fpv:b.parquet';
const run = (id: string, startTime: string | null, inputs: [string, string | null, string | null][]): ReaderRun => ({
  id, name: id === 'r4' ? null : `name-${id}`, runId: `mlflow-${id}`, startTime,
  inputs: inputs.map(([dataset, digest, context]) => ({ dataset: { id: dataset }, digest, context })),
});

describe('a dataset’s snapshots from the digests its runs read', () => {
  it('groups by digest with the runs and first/last seen, newest first, unrecorded digests and never-started runs last', () => {
    const runs = [
      run('r1', '2024-01-02T00:00:00Z', [[D, 'aaa', 'training'], [OTHER, 'zzz', 'training']]),
      run('r2', '2024-03-01T00:00:00Z', [[D, 'bbb', 'training'], [D, 'bbb', 'evaluation']]),
      run('r3', '2024-01-01T00:00:00Z', [[D, 'aaa', 'evaluation']]),
      run('r4', null, [[D, null, null]]),
    ];
    const snapshots = snapshotsOf(D, 'bbb', runs);
    expect(snapshots.map((s) => [s.digest, s.firstSeen, s.lastSeen, s.latest])).toEqual([
      ['bbb', '2024-03-01T00:00:00Z', '2024-03-01T00:00:00Z', true],
      ['aaa', '2024-01-01T00:00:00Z', '2024-01-02T00:00:00Z', false],
      [null, null, null, false],
    ]);
    expect(snapshots[0].runs.map((r) => r.context)).toEqual(['training', 'evaluation']);
    expect(snapshots[1].runs.map((r) => r.name)).toEqual(['name-r1', 'name-r3']);
    expect(snapshots[2].runs).toEqual([{ id: 'r4', name: 'mlflow-r4', context: null }]);
  });

  it('has no snapshots when no run read the dataset', () => {
    expect(snapshotsOf(D, 'aaa', [run('r1', '2024-01-01T00:00:00Z', [[OTHER, 'aaa', null]])])).toEqual([]);
  });
});
