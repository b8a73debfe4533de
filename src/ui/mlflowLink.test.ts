import { mlflowRunUrl } from './mlflowLink';

describe('mlflowRunUrl', () => {
  it('links a run of a tracking server to its page in the MLflow UI', () => {
    expect(mlflowRunUrl('http://mlflow.internal:5000', '7', 'a'.repeat(32))).toBe(`http://mlflow.internal:5000/#/experiments/7/runs/${'a'.repeat(32)}`);
    expect(mlflowRunUrl('https://pv.example.org/mlflow/', '12', 'r1')).toBe('https://pv.example.org/mlflow/#/experiments/12/runs/r1');
  });

  it('drops credentials, query and fragment of the store URI', () => {
    expect(mlflowRunUrl('https://user:secret@pv.example.org/mlflow?x=1#y', '3', 'r')).toBe('https://pv.example.org/mlflow/#/experiments/3/runs/r');
  });

  it.each([
    ['a file store', 'file:///C:/Users/pv-team/mlruns'],
    ['a SQLite store', 'sqlite:///mlflow.db'],
    ['the OpenLineage store', 'openlineage:'],
    ['a relative path', 'demo/mlflow/filestore/mlruns'],
    ['no store', null],
  ])('gives no link for %s', (_what, uri) => {
    expect(mlflowRunUrl(uri, '1', 'r')).toBeNull();
  });

  it('gives no link without an experiment id', () => {
    expect(mlflowRunUrl('http://mlflow:5000', null, 'r')).toBeNull();
  });
});
