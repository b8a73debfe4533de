import { SeriesBuilder, datasetIdentity, latestModelMetrics, latestOf, loggedModelStatusName, parseLenientJson, parseMetricValue } from './values';

describe('MLflow value parsing', () => {
  it('reads every spelling of NaN and ±inf MLflow writes, and rejects garbage', () => {
    expect(parseMetricValue('nan')).toBeNaN();
    expect(parseMetricValue('NaN')).toBeNaN();
    expect(parseMetricValue('inf')).toBe(Infinity);
    expect(parseMetricValue('-inf')).toBe(-Infinity);
    expect(parseMetricValue('Infinity')).toBe(Infinity);
    expect(parseMetricValue('1.5e-3')).toBe(0.0015);
    expect(parseMetricValue('abc')).toBeNull();
    expect(parseMetricValue('1.2.3')).toBeNull();
  });

  it('parses Python json with bare NaN/Infinity but leaves those words inside strings alone', () => {
    const v = parseLenientJson('{"a": NaN, "b": [Infinity, -Infinity], "c": "NaN Infinity"}') as Record<string, unknown>;
    expect(v.a).toBeNaN();
    expect(v.b).toEqual([Infinity, -Infinity]);
    expect(v.c).toBe('NaN Infinity');
  });

  it('sorts a series by step, timestamp, value and picks the last point as latest', () => {
    const b = new SeriesBuilder();
    b.add('m', 2, 10, 0.5);
    b.add('m', 1, 20, 0.1);
    b.add('m', 2, 5, 0.9);
    const [s] = b.build();
    expect(s.steps).toEqual([1, 2, 2]);
    expect(s.timestamps).toEqual([20, 5, 10]);
    expect(latestOf([s])[0]).toEqual({ key: 'm', step: 2, timestamp: 10, value: 0.5 });
  });

  it('maps dataset sources to OpenLineage namespace and name, with a store fallback', () => {
    expect(datasetIdentity('abc', { name: 'x', digest: 'd', sourceType: 's3', source: '{"uri": "s3://pv-data/faers/2024Q1/x.parquet"}' }))
      .toEqual({ namespace: 's3://pv-data', name: 'faers/2024Q1/x.parquet' });
    expect(datasetIdentity('abc', { name: 'x', digest: 'd', sourceType: 'http', source: '{"url": "https://h.example/a/b.csv"}' }))
      .toEqual({ namespace: 'https://h.example', name: 'a/b.csv' });
    expect(datasetIdentity('abc', { name: 'x', digest: 'd', sourceType: 'code', source: '{}' }))
      .toEqual({ namespace: 'mlflow:abc', name: 'x@d' });
  });
});

describe('logged-model values', () => {
  it('names a status the same from a stored integer and from the REST proto name, as MlflowClient does', () => {
    for (const [stored, proto, name] of [
      ['0', 'LOGGED_MODEL_STATUS_UNSPECIFIED', 'UNSPECIFIED'],
      ['1', 'LOGGED_MODEL_PENDING', 'PENDING'],
      ['2', 'LOGGED_MODEL_READY', 'READY'],
      ['3', 'LOGGED_MODEL_UPLOAD_FAILED', 'FAILED'],
    ]) {
      expect([loggedModelStatusName(Number(stored)), loggedModelStatusName(stored), loggedModelStatusName(proto)]).toEqual([name, name, name]);
    }
    expect(loggedModelStatusName(null)).toBeNull();
  });

  it('keeps the latest point per key and dataset, by step, then timestamp, then value, NaN counting as the largest', () => {
    const p = (key: string, step: number, timestamp: number, value: number, datasetName: string | null = null) => ({ key, step, timestamp, value, datasetName, datasetDigest: datasetName && `${datasetName}-d`, runId: 'r' });
    const got = latestModelMetrics([p('loss', 2, 5, 0.3), p('loss', 1, 9, 0.2), p('auc', 1, 1, 0.7, 'b'), p('auc', 1, 2, 0.6, 'a'), p('auc', 0, 3, 0.5), p('acc', 1, 1, 0.5), p('acc', 1, 1, NaN)]);
    expect(got.map((m) => [m.key, m.datasetName, m.value])).toEqual([
      ['acc', null, NaN],
      ['auc', null, 0.5],
      ['auc', 'a', 0.6],
      ['auc', 'b', 0.7],
      ['loss', null, 0.3],
    ]);
  });
});
