import { SeriesBuilder, datasetIdentity, latestOf, parseLenientJson, parseMetricValue } from './values';

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
