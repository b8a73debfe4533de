import type { LineageFile, ReportSubject, RunRecord } from './format';
import { TRACEABILITY_HEADER, traceabilityCsv, traceabilityRows } from './traceability';

const flag = { changedSinceOriginalEntry: false, changeSeqs: [] };
const run = (id: string, inputs: RunRecord['inputs'], modelVersionIds: string[] = []): RunRecord => ({
  id, runId: id.split(':').pop()!, name: `name ${id}`, status: 'FINISHED', lifecycleStage: 'active', experiment: null, parentId: null, startTime: null,
  endTime: null, userId: null, codeCommit: 'c0ffee', sourceName: null, sourceType: null, artifactUri: null, params: {}, metrics: [], tags: {},
  inputs, modelVersionIds, detectionMethod: null, stateHistory: [], ...flag,
});

function doc(): LineageFile {
  const report: ReportSubject = {
    type: 'REPORT', id: 'report:R', title: 'Title, with comma', kind: 'PSUR', status: 'FINAL', period: null, contentHash: 'h', uri: null, createdAt: 't',
    withdrawal: null, signatures: [], ...flag,
    versions: [{ version: 1, title: 't', kind: 'PSUR', period: null, contentHash: 'h', uri: null, createdAt: 't', createdBy: 'u', createdByName: 'U', recordHash: 'r',
      supersedes: null, generatedFromRuns: [], modelVersionIds: ['modelversion:s:direct:1'], datasetIds: ['dataset:n:direct'], signalIds: [] }],
    lineage: {
      nodes: ['report:R', 'run:s:a', 'run:s:b', 'run:ol:c', 'modelversion:s:m:1', 'modelversion:s:m:2', 'dataset:n:d1', 'dataset:n:d2'].map((id, i) => ({
        id, type: id.split(':')[0].toUpperCase().replace('MODELVERSION', 'MODEL_VERSION'), displayName: id, depth: i === 0 ? 0 : 1, summary: null,
      })),
      edges: [{ from: 'modelversion:s:m:2', to: 'run:s:b', type: 'INPUT_TO' }, { from: 'dataset:n:d2', to: 'run:ol:c', type: 'INPUT_TO' }],
      truncated: false,
      truncationReason: null,
    },
  };
  return {
    schemaVersion: 1, scope: { kind: 'report', id: 'report:R', from: null, to: null }, checkpoint: { origin: 'o', treeSize: 1, rootHash: 'x' }, subjects: [report],
    records: {
      runs: [
        run('run:s:a', [{ datasetId: 'dataset:n:d1', context: 'training', digest: 'aa' }, { datasetId: 'dataset:n:d2', context: 'evaluation', digest: 'bb' }], ['modelversion:s:m:1']),
        run('run:s:b', []),
        run('run:ol:c', []),
      ],
      modelVersions: [{ id: 'modelversion:s:m:1', name: 'm', version: 1, stage: 'None', status: null, source: null, runId: null, producedByRun: 'run:s:a', aliases: [], hash: null, createdAt: null, ...flag }],
      datasets: [{ id: 'dataset:n:d1', namespace: 'n', name: 'd1', digest: 'latest', versions: [{ digest: 'aa', source: 's', recordedAt: '2024-01-01T00:00:00.000Z' }], period: null, sourceType: null, ...flag }],
      jobs: [{ id: 'job:j:load', namespace: 'j', name: 'load', facets: null, runIds: ['run:ol:c'], ...flag }],
      other: [],
    },
  };
}

describe('traceability.csv', () => {
  const rows = traceabilityRows(doc());
  const pick = (cols: (typeof TRACEABILITY_HEADER)[number][]) => rows.map((r) => cols.map((c) => r[TRACEABILITY_HEADER.indexOf(c)]));

  it('has one row per (run, model version, dataset) path, a run without either still listed, then direct sources', () => {
    expect(pick(['run_id', 'model_version_id', 'dataset_id', 'dataset_digest', 'job_id'])).toEqual([
      ['run:ol:c', null, 'dataset:n:d2', null, 'job:j:load'],
      ['run:s:a', 'modelversion:s:m:1', 'dataset:n:d1', 'aa', null],
      ['run:s:a', 'modelversion:s:m:1', 'dataset:n:d2', 'bb', null],
      ['run:s:b', 'modelversion:s:m:2', null, null, null],
      [null, 'modelversion:s:direct:1', null, null, null],
      [null, null, 'dataset:n:direct', null, null],
    ]);
    expect(rows.every((r) => r.length === TRACEABILITY_HEADER.length && r[1] === 'report:R')).toBe(true);
  });

  it('is written as CSV with a header, quoting what needs it', () => {
    const lines = traceabilityCsv(doc()).split('\r\n');
    expect(lines[0]).toBe(TRACEABILITY_HEADER.join(','));
    expect(lines[1]).toMatch(/^REPORT,report:R,"Title, with comma",run:ol:c,c,/);
    expect(lines).toHaveLength(rows.length + 2);
  });
});
