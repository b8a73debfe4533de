import type { LoggedModelRecord } from '../../domain/records';
import { loggedModelChangeDrafts, loggedModelChanges, mayMarkMissingModels } from './loggedModelChanges';
import { loggedModelRow } from './runRows';

const base: LoggedModelRecord = {
  modelId: 'm-1',
  experimentId: '1',
  name: 'model',
  sourceRunId: 'r1',
  status: 'READY',
  modelType: 'classifier',
  artifactLocation: 'file:///a',
  lifecycleStage: 'active',
  createdAt: 1,
  updatedAt: 2,
  params: { a: '1' },
  tags: { t: 'x' },
  metrics: [{ key: 'auc', value: -0, step: 1, timestamp: 3, datasetName: null, datasetDigest: null, runId: 'r1' }],
};

const stored = (m: LoggedModelRecord) => {
  const w = loggedModelRow('sk', m, []);
  return { id: String(w.row.props.id), fingerprint: w.fingerprint, parts: w.parts, lifecycleStage: m.lifecycleStage };
};

describe('logged-model change detection', () => {
  it('creates a model the graph lacks, skips an unchanged one and names the parts that changed', () => {
    const actor = { id: 'test', role: null, name: 'test' };
    expect(loggedModelChanges([loggedModelRow('sk', base, [])], []).map((c) => [c.change, c.fields])).toEqual([['created', ['info', 'params', 'tags', 'metrics', 'runs']]]);
    expect(loggedModelChanges([loggedModelRow('sk', base, [])], [stored(base)])).toEqual([]);
    // −0.0 and 0 are different values, as MLflow's file store keeps them.
    const zero = { ...base, metrics: [{ ...base.metrics[0], value: 0 }] };
    const changed = loggedModelChanges([loggedModelRow('sk', { ...zero, status: 'FAILED' }, ['r2'])], [stored(base)]);
    expect(changed.map((c) => [c.change, c.fields])).toEqual([['updated', ['info', 'metrics', 'runs']]]);
    const [draft] = loggedModelChangeDrafts(actor, changed, 'why');
    expect(draft).toMatchObject({ action: 'LOGGED_MODEL_UPDATED', entityType: 'LoggedModel', entityId: changed[0].row.props.id, entityVersion: changed[0].fingerprint });
    expect(draft.newValue).toEqual({ fingerprint: changed[0].fingerprint, status: 'FAILED', lifecycleStage: 'active', changed: ['info', 'metrics', 'runs'] });
  });

  it('counts a model stored without a fingerprint as updated in every part', () => {
    const legacy = { ...stored(base), fingerprint: null, parts: null };
    expect(loggedModelChanges([loggedModelRow('sk', base, [])], [legacy]).map((c) => [c.change, c.fields.length])).toEqual([['updated', 5]]);
  });
});

describe('marking missing logged models deleted', () => {
  it('is allowed only when the listing was offered and nothing that could hold a model was skipped', () => {
    expect(mayMarkMissingModels([], [{ kind: 'metric' }, { kind: 'run' }])).toBe(true);
    expect(mayMarkMissingModels(['logged-models/search'], [])).toBe(false);
    for (const kind of ['model', 'experiment', 'store']) expect(mayMarkMissingModels([], [{ kind }])).toBe(false);
  });
});
