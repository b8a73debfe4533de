import { fieldChanges } from './audit/fieldChanges';
import { diffFieldViews } from './auditFieldDiff';
import { type ModelVersionFieldSource, modelVersionFieldView } from './modelVersionDiff';

const v1: ModelVersionFieldSource = { name: 'det', version: 1, stage: 'Staging', status: 'READY', source: 'runs:/r1/model', runId: 'r1', aliases: ['b', 'a'], description: null, tags: { n: '0' } };

describe('modelVersionFieldView', () => {
  it('shows nothing changed for the same version read twice, aliases in any order', () => {
    expect(diffFieldViews(modelVersionFieldView(v1), modelVersionFieldView({ ...v1, aliases: ['a', 'b'], tags: { ...v1.tags } })).fields).toEqual([]);
  });

  it('names stage, aliases, description, source run and each tag that changed', () => {
    const next = { ...v1, stage: 'Production', aliases: ['a'], description: 'checked', runId: 'r2', tags: { owner: 'qa' } };
    const d = diffFieldViews(modelVersionFieldView(v1), modelVersionFieldView(next));
    expect(fieldChanges(d.oldValue, d.newValue)).toEqual([
      { field: 'aliases', oldValue: '["a","b"]', newValue: '["a"]' },
      { field: 'description', oldValue: null, newValue: 'checked' },
      { field: 'runId', oldValue: 'r1', newValue: 'r2' },
      { field: 'stage', oldValue: 'Staging', newValue: 'Production' },
      { field: 'tags.n', oldValue: '0', newValue: null },
      { field: 'tags.owner', oldValue: null, newValue: 'qa' },
    ]);
  });
});
