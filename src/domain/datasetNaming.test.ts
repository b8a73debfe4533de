import { KNOWN_SCHEMES, fromOpenLineage, fromUri } from './datasetNaming';

/**
 * One row a table: a source URI as MLflow records it, the (namespace, name) an OpenLineage
 * producer sends for the same dataset, and the canonical pair both must become.
 */
const PAIRS: ReadonlyArray<[uri: string, ol: [string, string], canonical: [string, string]]> = [
  ['s3://pv-data/faers/2024Q1/drug_event.parquet', ['s3://pv-data', 'faers/2024Q1/drug_event.parquet'], ['s3://pv-data', 'faers/2024Q1/drug_event.parquet']],
  ['s3a://pv-data/faers/2024Q1/drug_event.parquet', ['s3://pv-data', 'faers/2024Q1/drug_event.parquet'], ['s3://pv-data', 'faers/2024Q1/drug_event.parquet']],
  ['s3n://pv-data/x/', ['s3://pv-data', 'x'], ['s3://pv-data', 'x']],
  ['S3://PV-Data/a.csv', ['s3://pv-data', 'a.csv'], ['s3://pv-data', 'a.csv']],
  ['gs://bucket/path/to/t.parquet', ['gs://bucket', 'path/to/t.parquet'], ['gs://bucket', 'path/to/t.parquet']],
  ['gcs://bucket/path/to/t.parquet', ['gs://bucket', '/path/to/t.parquet'], ['gs://bucket', 'path/to/t.parquet']],
  ['wasbs://container@account.blob.core.windows.net/dir/file.csv', ['wasbs://container@account.blob.core.windows.net', 'dir/file.csv'], ['wasbs://container@account.blob.core.windows.net', 'dir/file.csv']],
  ['abfss://raw@pvlake.dfs.core.windows.net/faers/2024Q1', ['abfss://raw@pvlake.dfs.core.windows.net', 'faers/2024Q1'], ['abfss://raw@pvlake.dfs.core.windows.net', 'faers/2024Q1']],
  ['hdfs://host/user/hive/warehouse/t1', ['hdfs://host', '/user/hive/warehouse/t1'], ['hdfs://host', '/user/hive/warehouse/t1']],
  ['hdfs://namenode:8020/data//faers/', ['hdfs://namenode:8020', '/data/faers'], ['hdfs://namenode:8020', '/data/faers']],
  ['hdfs://NameNode:8020/data', ['hdfs://namenode:8020', 'data'], ['hdfs://namenode:8020', '/data']],
  ['webhdfs://nn:9870/user/t2', ['webhdfs://nn:9870', '/user/t2'], ['webhdfs://nn:9870', '/user/t2']],
  ['dbfs://workspace/mnt/faers/cases', ['dbfs://workspace', '/mnt/faers/cases'], ['dbfs://workspace', '/mnt/faers/cases']],
  ['file:///data/faers/cases.csv', ['file', '/data/faers/cases.csv'], ['file', '/data/faers/cases.csv']],
  ['/data/faers/cases.csv', ['file://', '/data/faers/cases.csv'], ['file', '/data/faers/cases.csv']],
  ['file:///C:/Users/pv/data/cases.csv', ['file', '/C:/Users/pv/data/cases.csv'], ['file', '/C:/Users/pv/data/cases.csv']],
  ['C:\\Users\\pv\\data\\cases.csv', ['file', '/C:/Users/pv/data/cases.csv'], ['file', '/C:/Users/pv/data/cases.csv']],
  ['file://fileserver/share/cases.csv', ['file://fileserver', '/share/cases.csv'], ['file://fileserver', '/share/cases.csv']],
  ['file:///data/with%20space.csv', ['file', '/data/with space.csv'], ['file', '/data/with space.csv']],
  ['postgres://db.internal:5432/pv.public.cases', ['postgres://db.internal:5432', 'pv.public.cases'], ['postgres://db.internal:5432', 'pv.public.cases']],
  ['postgresql://db.internal/pv.public.cases', ['postgres://db.internal:5432', 'pv.public.cases'], ['postgres://db.internal:5432', 'pv.public.cases']],
  ['postgres://etl:secret@DB.internal:5432/pv.public.cases?sslmode=require', ['postgres://db.internal', 'pv.public.cases'], ['postgres://db.internal:5432', 'pv.public.cases']],
  ['mysql://mysql-host/pv.cases', ['mysql://mysql-host:3306', 'pv.cases'], ['mysql://mysql-host:3306', 'pv.cases']],
  ['redshift://cluster.eu-west-1:5439/dev.public.events', ['redshift://cluster.eu-west-1', 'dev.public.events'], ['redshift://cluster.eu-west-1:5439', 'dev.public.events']],
  ['sqlserver://synapse.sql.azuresynapse.net/dbo.cases', ['sqlserver://synapse.sql.azuresynapse.net:1433', 'dbo.cases'], ['sqlserver://synapse.sql.azuresynapse.net:1433', 'dbo.cases']],
  ['mssql://sql-host:1433/dbo.cases', ['sqlserver://sql-host:1433', 'dbo.cases'], ['sqlserver://sql-host:1433', 'dbo.cases']],
  ['oracle://ora-host/ORCL.PV.CASES', ['oracle://ora-host:1521', 'ORCL.PV.CASES'], ['oracle://ora-host:1521', 'ORCL.PV.CASES']],
  ['db2://db2-host:50000/pvdb.pv.cases', ['db2://db2-host', 'pvdb.pv.cases'], ['db2://db2-host:50000', 'pvdb.pv.cases']],
  ['teradata://td-host/pv.cases', ['teradata://td-host:1025', 'pv.cases'], ['teradata://td-host:1025', 'pv.cases']],
  ['trino://trino:8080/hive.faers.cases', ['trino://trino', 'hive.faers.cases'], ['trino://trino:8080', 'hive.faers.cases']],
  ['cassandra://cass:9042/pv.cases', ['cassandra://cass', 'pv.cases'], ['cassandra://cass:9042', 'pv.cases']],
  ['oceanbase://ob:2881/pv.cases', ['oceanbase://ob:2881', 'pv.cases'], ['oceanbase://ob:2881', 'pv.cases']],
  ['crate://crate:4200/doc.pv.cases', ['crate://crate', 'doc.pv.cases'], ['crate://crate:4200', 'doc.pv.cases']],
  ['snowflake://MyOrg-Account1/PV.PUBLIC.CASES', ['snowflake://myorg-account1', 'PV.PUBLIC.CASES'], ['snowflake://myorg-account1', 'PV.PUBLIC.CASES']],
  ['bigquery:pv-project.faers.cases', ['bigquery', 'pv-project.faers.cases'], ['bigquery', 'pv-project.faers.cases']],
  ['bigquery://pv-project.faers.cases', ['bigquery', 'pv-project.faers.cases'], ['bigquery', 'pv-project.faers.cases']],
  ['awsathena://athena.eu-west-1.amazonaws.com/awsdatacatalog.faers.cases', ['awsathena://athena.eu-west-1.amazonaws.com', 'awsdatacatalog.faers.cases'], ['awsathena://athena.eu-west-1.amazonaws.com', 'awsdatacatalog.faers.cases']],
  ['azurekusto://pv.kusto.windows.net/pvdb/cases', ['azurekusto://pv.kusto.windows.net', 'pvdb/cases'], ['azurekusto://pv.kusto.windows.net', 'pvdb/cases']],
  ['azurecosmos://pv.documents.azure.com/dbs/pv/colls/cases', ['azurecosmos://pv.documents.azure.com/dbs/pv', 'colls/cases'], ['azurecosmos://pv.documents.azure.com/dbs/pv', 'colls/cases']],
  ['kafka://broker:9092/faers-cases', ['kafka://broker', 'faers-cases'], ['kafka://broker:9092', 'faers-cases']],
  ['https://data.example.org/faers/2024Q1.zip', ['https://data.example.org', 'faers/2024Q1.zip'], ['https://data.example.org', 'faers/2024Q1.zip']],
];

describe('dataset naming', () => {
  it.each(PAIRS)('%s and its OpenLineage pair become one dataset', (uri, [ns, name], [cns, cname]) => {
    expect(fromUri(uri)).toEqual({ namespace: cns, name: cname });
    expect(fromOpenLineage(ns, name)).toEqual({ namespace: cns, name: cname });
  });

  it('covers every scheme the naming spec lists', () => {
    const spec = ['s3', 'gs', 'wasbs', 'abfss', 'hdfs', 'dbfs', 'file', 'postgres', 'mysql', 'redshift', 'sqlserver', 'oracle', 'db2', 'teradata', 'trino', 'cassandra', 'crate', 'oceanbase', 'snowflake', 'awsathena', 'azurekusto', 'azurecosmos', 'kafka', 'bigquery'];
    expect(KNOWN_SCHEMES).toEqual(expect.arrayContaining(spec));
    const covered = new Set(PAIRS.map(([, [, ], [cns]]) => /^([a-z0-9+.-]+)/.exec(cns)?.[1]));
    expect(spec.filter((s) => !covered.has(s))).toEqual([]);
  });

  it('returns null for sources that name no location', () => {
    expect(fromUri('relative/path.csv')).toBeNull();
    expect(fromUri('not a uri')).toBeNull();
    expect(fromUri('s3://bucket')).toBeNull();
    expect(fromUri('s3://bucket/')).toBeNull();
  });

  it('keeps credentials out of the namespace', () => {
    expect(fromUri('mysql://root:hunter2@mysql-host/pv.cases')?.namespace).toBe('mysql://mysql-host:3306');
    expect(fromUri('https://user:pw@data.example.org/a.csv')?.namespace).toBe('https://data.example.org');
    expect(fromOpenLineage('postgres://etl:pw@db:5432', 'pv.public.cases').namespace).toBe('postgres://db:5432');
  });

  it('leaves namespaces that are not data sources alone', () => {
    expect(fromOpenLineage('my-namespace', 'table')).toEqual({ namespace: 'my-namespace', name: 'table' });
    expect(fromOpenLineage('hdfs://host/warehouse', 't1')).toEqual({ namespace: 'hdfs://host/warehouse', name: 't1' });
  });

  it('is idempotent: a canonical pair maps to itself', () => {
    for (const [, , [cns, cname]] of PAIRS) expect(fromOpenLineage(cns, cname)).toEqual({ namespace: cns, name: cname });
  });
});
