import { mergeFields } from './datasetFields';

describe('a dataset’s fields from both sources', () => {
  const mlflow = [{ name: 'drug', type: 'string', source: 'MLFLOW', description: null }];
  it('appends the fields only the OpenLineage schema names, in its order, and keeps MLflow’s for the rest', () => {
    const merged = mergeFields(mlflow, [{ name: 'drug', type: 'VARCHAR' }, { name: 'ingested_at', type: 'TIMESTAMP', description: 'load time' }, { type: 'x' }]);
    expect(merged).toEqual([...mlflow, { name: 'ingested_at', type: 'TIMESTAMP', source: 'OPENLINEAGE', description: 'load time', openLineageOnly: true }]);
    expect(mergeFields(mlflow, { fields: [{ name: 'x' }] }).map((f) => f.name)).toEqual(['drug', 'x']);
  });
  it('adds nothing without an OpenLineage schema', () => {
    expect(mergeFields(mlflow, null)).toEqual(mlflow);
  });
});
