import type { ExperimentRecord, IngestRunRecord } from '../../domain/records';
import { TrackingStoreKind } from '../../domain/trackingStore';
import { withinInputLimits } from './inputLimits';
import type { MlflowSource, RunBatch } from './source';

const LONG = 'k'.repeat(3000);

function run(runId: string, experimentId: string, over: Partial<IngestRunRecord> = {}): IngestRunRecord {
  return {
    runId, experimentId, name: null, status: 'FINISHED', lifecycleStage: 'active', startTime: null, endTime: null, userId: null,
    sourceName: null, sourceType: null, gitCommit: null, artifactUri: null, params: {}, tags: {}, latestMetrics: [], parentRunId: null,
    inputs: [], metricHistory: [], metricsSignature: null, deletedTime: null, outputModelIds: [], summaryJson: null, detectionMethod: null,
    ...over,
  };
}

function source(experiments: ExperimentRecord[], runs: IngestRunRecord[]): MlflowSource {
  return {
    store: { uri: 'file:///store', kind: TrackingStoreKind.FILE, displayName: 'store' },
    skipped: [],
    experiments: async () => experiments,
    async *runBatches(): AsyncIterable<RunBatch> {
      yield { runs };
    },
    loggedModels: async () => [],
    registry: async () => ({ models: [], versions: [] }),
    reports: async () => [],
    close: async () => undefined,
  };
}

const experiment = (experimentId: string, name: string): ExperimentRecord => ({ experimentId, name, lifecycleStage: 'active', artifactLocation: null, createdAt: null, updatedAt: null, tags: {} });

describe('MLflow items over the input limits', () => {
  it('drops an over-long param key and tag key but keeps the run, listing each without its value', async () => {
    const s = withinInputLimits(source([experiment('1', 'e')], [run('r1', '1', { params: { [LONG]: 'v', lr: '0.1' }, tags: { [LONG]: 'x' } })]));
    const batches: RunBatch[] = [];
    for await (const b of s.runBatches(10)) batches.push(b);
    expect(batches[0].runs.map((r) => [r.runId, r.params, r.tags])).toEqual([['r1', { lr: '0.1' }, {}]]);
    expect(s.skipped).toEqual([
      { kind: 'param', where: 'file:///store run r1 param #1', reason: 'the key is 3000 bytes long; the limit for a name is 2048 bytes', runId: 'r1' },
      { kind: 'tag', where: 'file:///store run r1 tag #1', reason: 'the key is 3000 bytes long; the limit for a name is 2048 bytes', runId: 'r1' },
    ]);
  });

  it('skips an experiment with an over-long name together with its runs, and a run with an over-long name alone', async () => {
    const s = withinInputLimits(source([experiment('1', LONG), experiment('2', 'ok')], [run('a', '1'), run('b', '2', { name: LONG }), run('c', '2')]));
    expect((await s.experiments()).map((e) => e.experimentId)).toEqual(['2']);
    const kept: string[] = [];
    for await (const b of s.runBatches(10)) kept.push(...b.runs.map((r) => r.runId));
    expect(kept).toEqual(['c']);
    expect(s.skipped.map((i) => [i.kind, i.where, i.reason])).toEqual([
      ['experiment', 'file:///store experiment 1', 'the experiment name is 3000 bytes long; the limit for a name is 2048 bytes'],
      ['run', 'file:///store run a', 'its experiment was skipped'],
      ['run', 'file:///store run b', 'the run name is 3000 bytes long; the limit for a name is 2048 bytes'],
    ]);
  });
});
