/**
 * Events carrying every standard facet with every field, so mutations reach each facet schema.
 * Used by the differential test of the OpenLineage validator against the official schema.
 */
const P = { _producer: 'https://github.com/OpenLineage/OpenLineage/tree/1.20.0/client/python', _schemaURL: 'https://openlineage.io/spec/facets/1-0-0/Facet.json#/$defs/Facet' };
const f = (body: Record<string, unknown>) => ({ ...P, ...body });
const field = { namespace: 's3://bucket', name: 'raw/orders', field: 'id', transformations: [{ type: 'DIRECT', subtype: 'IDENTITY', description: 'copied', masking: false }] };
const metrics = { rowCount: 10, bytes: 200, fileCount: 1, lastUpdated: '2024-05-01T10:00:00Z', columnMetrics: { id: { nullCount: 0, distinctCount: 10, sum: 55, count: 10, min: 1, max: 10, quantiles: { '0.5': 5 } } } };
const deps = { job: { namespace: 'airflow', name: 'upstream' }, run: { runId: '0190b1c2-7a1e-7c3a-9f00-000000000001' }, dependency_type: 'DIRECT', sequence_trigger_rule: 'LAST', status_trigger_rule: 'SUCCESS' };

export const runFacets = () => ({
  parent: f({
    run: { runId: '0190b1c2-7a1e-7c3a-9f00-000000000002', facets: { x: f({}) } },
    job: { namespace: 'airflow', name: 'dag', facets: { y: f({ _deleted: false }) } },
    root: { run: { runId: '0190b1c2-7a1e-7c3a-9f00-000000000003' }, job: { namespace: 'airflow', name: 'root' } },
  }),
  errorMessage: f({ message: 'boom', programmingLanguage: 'python', stackTrace: 'Traceback' }),
  nominalTime: f({ nominalStartTime: '2024-05-01T00:00:00Z', nominalEndTime: '2024-05-02T00:00:00Z' }),
  processing_engine: f({ version: '3.5.1', name: 'spark', openlineageAdapterVersion: '1.20.0' }),
  tags: f({ tags: [{ key: 'openlineage_client_version', value: '1.20.0', source: 'OPENLINEAGE_CLIENT' }] }),
  environmentVariables: f({ environmentVariables: [{ name: 'HOME', value: '/root' }] }),
  executionParameters: f({ parameters: [{ key: 'k', name: 'n', description: 'd', value: 'v' }] }),
  externalQuery: f({ externalQueryId: 'q1', source: 'bigquery' }),
  extractionError: f({ totalTasks: 2, failedTasks: 1, errors: [{ errorMessage: 'x', stackTrace: 's', task: 't', taskNumber: 1 }] }),
  jobDependencies: f({ upstream: [deps], downstream: [deps], trigger_rule: 'ALL_SUCCESS' }),
  test: f({ tests: [{ name: 't', status: 'pass', severity: 'error', type: 'unique', description: 'd', expected: '0', actual: '0', content: 'c', contentType: 'sql', params: { a: 1 } }] }),
});

export const jobFacets = () => ({
  documentation: f({ description: 'loads orders', contentType: 'text/markdown' }),
  jobType: f({ processingType: 'BATCH', integration: 'SPARK', jobType: 'QUERY', emissionPattern: { eventTrigger: 'JOB', eventContentMode: 'FULL', windowDuration: 60 } }),
  ownership: f({ owners: [{ name: 'team:data', type: 'TEAM' }] }),
  sourceCode: f({ language: 'python', sourceCode: 'print(1)' }),
  sourceCodeLocation: f({ type: 'git', url: 'https://github.com/o/r', repoUrl: 'https://github.com/o/r', path: 'dags/x.py', version: 'abc', tag: 'v1', branch: 'main', pullRequestNumber: '1' }),
  sql: f({ query: 'SELECT 1', dialect: 'spark' }),
  tags: f({ tags: [{ key: 'team', value: 'data', source: 'MANUAL' }] }),
});

export const datasetFacets = () => ({
  catalog: f({ framework: 'iceberg', type: 'rest', name: 'prod', metadataUri: 'http://m', warehouseUri: 's3://w', source: 'spark', catalogProperties: { a: 'b' } }),
  columnLineage: f({ fields: { id: { inputFields: [field], transformationDescription: 'd', transformationType: 'IDENTITY' } }, dataset: [field] }),
  dataQualityAssertions: f({ assertions: [{ assertion: 'not_null', success: true, column: 'id', severity: 'error', name: 'n', description: 'd', expected: '0', actual: '0', content: 'c', contentType: 'sql', params: {} }] }),
  dataQualityMetrics: f(metrics),
  dataSource: f({ name: 's3', uri: 's3://bucket' }),
  datasetType: f({ datasetType: 'TABLE', subType: 'ICEBERG' }),
  documentation: f({ description: 'orders', contentType: 'text/plain' }),
  hierarchy: f({ hierarchy: [{ type: 'DATABASE', name: 'db' }] }),
  lifecycleStateChange: f({ lifecycleStateChange: 'OVERWRITE', previousIdentifier: { name: 'old', namespace: 's3://bucket' } }),
  ownership: f({ owners: [{ name: 'team:data', type: 'TEAM' }] }),
  schema: f({ fields: [{ name: 'id', type: 'int', description: 'key', ordinal_position: 1 }, { name: 's', type: 'struct', fields: [{ name: 'a', type: 'string' }] }] }),
  storage: f({ storageLayer: 'iceberg', fileFormat: 'parquet' }),
  symlinks: f({ identifiers: [{ namespace: 'hive://h', name: 'db.orders', type: 'TABLE' }] }),
  tags: f({ tags: [{ key: 'pii', value: 'false', source: 'MANUAL', field: 'id' }] }),
  version: f({ datasetVersion: '7' }),
});

const core = { eventTime: '2024-05-01T10:00:00.123+02:00', producer: P._producer };
const job = () => ({ namespace: 'airflow', name: 'etl.load', facets: jobFacets() });
const io = () => ({
  inputs: [{ namespace: 's3://bucket', name: 'raw/orders', facets: datasetFacets(), inputFacets: { dataQualityMetrics: f(metrics), inputStatistics: f({ rowCount: 1, size: 2, fileCount: 3 }) } }],
  outputs: [{ namespace: 's3://bucket', name: 'clean/orders', facets: datasetFacets(), outputFacets: { outputStatistics: f({ rowCount: 1, size: 2, fileCount: 3 }) } }],
});
const url = (kind: string) => `https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/${kind}`;

export const richRunEvent = () => ({ ...core, schemaURL: url('RunEvent'), eventType: 'COMPLETE', run: { runId: '0190b1c2-7a1e-7c3a-9f00-0000000000aa', facets: runFacets() }, job: job(), ...io() });
export const richJobEvent = () => ({ ...core, schemaURL: url('JobEvent'), job: job(), ...io() });
export const richDatasetEvent = () => ({ ...core, schemaURL: url('DatasetEvent'), dataset: { namespace: 'postgres://db:5432', name: 'shop.public.orders', facets: datasetFacets() } });
