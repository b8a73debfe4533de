import { canonicalJson, datasetIdentity, eventIdOf, toEventRecord } from './openlineage';

describe('OpenLineage event mapping', () => {
  it('gives one id to two spellings of one event', () => {
    expect(eventIdOf({ a: 1, b: { c: [1, { d: 2, e: 3 }] } })).toBe(eventIdOf({ b: { c: [1, { e: 3, d: 2 }] }, a: 1 }));
    expect(eventIdOf({ a: 1 })).not.toBe(eventIdOf({ a: 2 }));
    expect(canonicalJson({ b: 1, a: [true, null] })).toBe('{"a":[true,null],"b":1}');
  });

  it('names datasets the way MLflow sources are named', () => {
    expect(datasetIdentity('S3://bucket', 'faers/2024Q1.parquet')).toEqual({ namespace: 's3://bucket', name: 'faers/2024Q1.parquet' });
    expect(datasetIdentity('file', '/data/faers.csv')).toEqual({ namespace: 'file', name: '/data/faers.csv' });
    expect(datasetIdentity('postgres://db:5432', 'pv.public.cases')).toEqual({ namespace: 'postgres://db:5432', name: 'pv.public.cases' });
    expect(datasetIdentity('my-namespace', 'table')).toEqual({ namespace: 'my-namespace', name: 'table' });
  });

  it('reads the parent, the MLflow run facet and the transition of a RunEvent', () => {
    const runId = '3F5E83FA-3480-44FF-99C5-FF943904E5E8';
    const e = toEventRecord(
      {
        eventType: 'COMPLETE',
        eventTime: '2024-03-01T10:00:00+01:00',
        run: {
          runId,
          facets: {
            parent: { run: { runId: 'ea041791-68bc-4ae1-bd89-4c8106a157e4' }, job: { namespace: 'airflow', name: 'dag' } },
            mlflow: { runId: '0123456789abcdef0123456789abcdef' },
          },
        },
        job: { namespace: 'airflow', name: 'dag.task' },
        inputs: [{ namespace: 'file', name: '/raw/faers.zip', facets: { schema: { fields: [{ name: 'caseid' }] }, version: { datasetVersion: 'v3' } } }],
      },
      '{}',
      'id-1',
    );
    expect(e.runId).toBe(runId.toLowerCase());
    expect(e.eventTime).toBe('2024-03-01T09:00:00.000Z');
    expect(e.parent).toEqual({ runId: 'ea041791-68bc-4ae1-bd89-4c8106a157e4', jobNamespace: 'airflow', jobName: 'dag' });
    expect(e.mlflowRunIds).toEqual(['0123456789abcdef0123456789abcdef', runId.toLowerCase().replace(/-/g, '')].sort());
    expect(e.transition).toEqual({ state: 'COMPLETE', at: '2024-03-01T09:00:00.000Z', eventId: 'id-1' });
    expect(e.inputs[0]).toMatchObject({ namespace: 'file', name: '/raw/faers.zip', schema: [{ name: 'caseid' }], version: 'v3' });
  });

  it('records no transition for OTHER events and no run for a DatasetEvent', () => {
    const other = toEventRecord({ eventType: 'OTHER', eventTime: '2024-01-01T00:00:00Z', run: { runId: 'ea041791-68bc-4ae1-bd89-4c8106a157e4' }, job: { namespace: 'n', name: 'j' } }, '{}', 'x');
    expect(other.transition).toBeNull();
    const ds = toEventRecord({ eventTime: '2024-01-01T00:00:00Z', dataset: { namespace: 'n', name: 'd' } }, '{}', 'y');
    expect(ds).toMatchObject({ kind: 'DATASET', runId: null, job: null, dataset: { namespace: 'n', name: 'd' } });
  });
});
