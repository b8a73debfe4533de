import { datasetVersionId, openLineageVersionOf } from './datasetVersion';
import { formatId } from './ids';
import { NodeType } from './nodeType';
import { OPENLINEAGE_STORE_KEY, toEventRecord } from './openlineage';

const PRODUCER = 'https://github.com/OpenLineage/OpenLineage/tree/1.20.0/integration/spark';

function record(dataset: Record<string, unknown>, place: 'inputs' | 'outputs' = 'inputs') {
  const e = toEventRecord(
    { eventType: 'START', eventTime: '2024-03-01T10:00:00Z', producer: PRODUCER, run: { runId: 'ea041791-68bc-4ae1-bd89-4c8106a157e4' }, job: { namespace: 'spark', name: 'load' }, [place]: [dataset] },
    '{}',
    'id-1',
  );
  expect(e.producer).toBe(PRODUCER);
  return e[place][0];
}

describe('OpenLineage dataset versions', () => {
  it("names the `version` facet's snapshot under the OpenLineage source, with the schema, the counts and the producer", () => {
    const d = record(
      {
        namespace: 'S3://pv-curated',
        name: 'cases.parquet',
        facets: { version: { datasetVersion: '42' }, schema: { fields: [{ name: 'caseid', type: 'string' }] } },
        outputFacets: { outputStatistics: { _producer: PRODUCER, _schemaURL: 'x', size: 2097152, rowCount: 2000, note: 'text' } },
      },
      'outputs',
    );
    expect(openLineageVersionOf(d, PRODUCER)).toEqual({
      id: datasetVersionId('s3://pv-curated', 'cases.parquet', OPENLINEAGE_STORE_KEY, '42'),
      datasetId: formatId(NodeType.DATASET, 's3://pv-curated', 'cases.parquet'),
      source: OPENLINEAGE_STORE_KEY,
      digest: '42',
      schema: '[{"name":"caseid","type":"string"}]',
      profile: '{"rowCount":2000,"size":2097152}',
      producer: PRODUCER,
    });
  });

  it("reads an input's counts from its data quality metrics, without the column metrics", () => {
    const d = record({ namespace: 'file', name: '/raw/faers.zip', facets: { version: { datasetVersion: 'v3' } }, inputFacets: { dataQualityMetrics: { rowCount: 10, bytes: 99, columnMetrics: { caseid: { nullCount: 0 } } } } });
    expect(openLineageVersionOf(d, PRODUCER)).toEqual(expect.objectContaining({ digest: 'v3', profile: '{"bytes":99,"rowCount":10}' }));
    expect(openLineageVersionOf(d, PRODUCER)).not.toHaveProperty('schema');
  });

  it('gives no version for a dataset without a `version` facet or with an empty one', () => {
    expect(openLineageVersionOf(record({ namespace: 'file', name: '/a', facets: { schema: { fields: [] } } }), PRODUCER)).toBeNull();
    expect(openLineageVersionOf(record({ namespace: 'file', name: '/a', facets: { version: { datasetVersion: '' } } }), PRODUCER)).toBeNull();
  });
});
