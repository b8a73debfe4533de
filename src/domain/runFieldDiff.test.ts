import { fieldChanges } from './audit/fieldChanges';
import type { IngestRunRecord } from './records';
import { type RunFieldSource, runFieldDiff, runFieldSourceOf } from './runFieldDiff';

const record = (over: Partial<IngestRunRecord> = {}): IngestRunRecord => ({
  runId: 'r1',
  experimentId: '1',
  name: 'train',
  status: 'RUNNING',
  lifecycleStage: 'active',
  startTime: 1_700_000_000_000,
  endTime: null,
  userId: 'ana',
  sourceName: null,
  sourceType: null,
  gitCommit: null,
  artifactUri: null,
  params: { lr: '0.1' },
  tags: { team: 'pv' },
  latestMetrics: [{ key: 'auc', value: 0.8, step: 3, timestamp: 1_700_000_000_500 }],
  parentRunId: null,
  inputs: [],
  metricHistory: [{ key: 'auc', steps: [0, 3], timestamps: [1, 2], values: [0.5, 0.8] }],
  metricsSignature: null,
  deletedTime: null,
  outputModelIds: [],
  summaryJson: null,
  detectionMethod: null,
  ...over,
});

const ALL = ['info', 'params', 'tags', 'metrics', 'inputs', 'outputs', 'sideFiles'] as const;

describe('runFieldDiff', () => {
  it('names each changed field with old and new, added and removed keys null on the missing side', () => {
    const before = runFieldSourceOf(record());
    const after = runFieldSourceOf(record({ status: 'FINISHED', endTime: 1_700_000_009_000, params: { lr: '0.1', depth: '4' }, tags: { owner: 'qa' } }));
    const diff = runFieldDiff(before, after, ALL, { before: 'f1', after: 'f2' });
    expect(fieldChanges(diff.oldValue, diff.newValue)).toEqual([
      { field: 'endTime', oldValue: null, newValue: '2023-11-14T22:13:29.000Z' },
      { field: 'fingerprint', oldValue: 'f1', newValue: 'f2' },
      { field: 'params.depth', oldValue: null, newValue: '4' },
      { field: 'status', oldValue: 'RUNNING', newValue: 'FINISHED' },
      { field: 'tags.owner', oldValue: null, newValue: 'qa' },
      { field: 'tags.team', oldValue: 'pv', newValue: null },
    ]);
    expect(diff.fields).toEqual(['endTime', 'params.depth', 'status', 'tags.owner', 'tags.team']);
  });

  it('compares only the groups whose fingerprint part changed', () => {
    const diff = runFieldDiff(runFieldSourceOf(record()), runFieldSourceOf(record({ status: 'KILLED', tags: {} })), ['info'], { before: 'a', after: 'b' });
    expect(diff.fields).toEqual(['status']);
  });

  it('shows latest metrics with step and time, non-finite values spelled, and history lengths', () => {
    const after = record({
      latestMetrics: [{ key: 'auc', value: NaN, step: 4, timestamp: 9 }],
      metricHistory: [{ key: 'auc', steps: [0, 3, 4], timestamps: [1, 2, 9], values: [0.5, 0.8, NaN] }],
    });
    const diff = runFieldDiff(runFieldSourceOf(record()), runFieldSourceOf(after), ['metrics'], { before: 'a', after: 'b' });
    expect(diff.oldValue).toMatchObject({ 'metrics.auc': { value: 0.8, step: 3, timestamp: 1_700_000_000_500 }, 'metricPoints.auc': 2 });
    expect(diff.newValue).toMatchObject({ 'metrics.auc': { value: 'NaN', step: 4, timestamp: 9 }, 'metricPoints.auc': 3 });
  });

  it('lists inputs sorted, an empty context as none, and keeps the parent and outputs', () => {
    const ds = (name: string, context: string | null) => ({
      dataset: { namespace: 'file', name },
      digest: 'd',
      context,
      datasetRecord: { namespace: 'file', name, digest: 'd', source: null, sourceType: null, period: null, schema: null },
    });
    const after = runFieldSourceOf(record({ inputs: [ds('b', 'training'), ds('a', null)], parentRunId: 'p0', outputModelIds: ['m-2', 'm-1'] }));
    const stored: RunFieldSource = { ...runFieldSourceOf(record()), inputs: [{ dataset: 'dataset:file:a', context: '', digest: 'd' }], outputModelIds: null };
    const diff = runFieldDiff(stored, after, ALL, { before: 'a', after: 'b' });
    expect(diff.oldValue).toMatchObject({ inputs: [{ dataset: 'dataset:file:a', context: null, digest: 'd' }], outputs: null, parentRunId: null });
    expect(diff.newValue).toMatchObject({
      inputs: [
        { dataset: 'dataset:file:a', context: null, digest: 'd' },
        { dataset: 'dataset:file:b', context: 'training', digest: 'd' },
      ],
      outputs: ['m-1', 'm-2'],
      parentRunId: 'p0',
    });
  });

  it('always carries the fingerprints and lifecycle stages, even when nothing else differs', () => {
    const same = runFieldSourceOf(record());
    expect(runFieldDiff({ ...same, lifecycleStage: 'deleted' }, same, [], { before: null, after: 'f' })).toEqual({
      oldValue: { fingerprint: null, lifecycleStage: 'deleted' },
      newValue: { fingerprint: 'f', lifecycleStage: 'active' },
      fields: [],
    });
  });
});
