import path from 'node:path';
import { formatId } from '../src/domain/ids';
import { NodeType } from '../src/domain/nodeType';
import type { GraphExecutor } from '../src/graph/executor';
import { type TestApi, startTestApi } from './support/api';
import { uncoveredDuring } from './support/auditCoverage';
import { testRoot } from './support/composition';
import { resetGraph, testGraph } from './support/graph';
import { facet, postEvent, runEvent, uuid } from './support/openlineage';

const DEMO_FILE_STORE = path.resolve(__dirname, '..', 'demo/mlflow/filestore/mlruns');
const DATASET = { namespace: 's3://pv-data', name: 'faers/2023Q4/drug_event.parquet' };
const DATASET_ID = formatId(NodeType.DATASET, DATASET.namespace, DATASET.name);
const MLFLOW_COLUMNS = ['quarter', 'drug', 'pt_term', 'case_count', 'prr', 'signal'];
const schemaFacet = (names: string[]) => facet({ fields: names.map((name) => ({ name, type: 'STRING' })) });

const DATASET_QUERY = `query($id: ID!) { dataset(id: $id) {
  schema mlflowSchema openLineageSchema fields { name type source } } }`;

interface DatasetAnswer {
  schema: unknown;
  mlflowSchema: unknown;
  openLineageSchema: unknown;
  fields: { name: string; type: string | null; source: string | null }[];
}

/** An OpenLineage producer's event writing `dataset` with a schema facet of `names`. */
function producerEvent(names: string[], minute: number, dataset = DATASET) {
  const event = runEvent({ eventType: 'COMPLETE', runId: uuid(), job: { namespace: 'airflow://pv', name: 'faers_rewrite' }, eventTime: new Date(Date.UTC(2024, 4, 1, 0, minute)).toISOString(), outputs: [dataset] });
  (event.outputs as Record<string, unknown>[])[0].facets = { schema: schemaFacet(names) };
  return event;
}

describe('each source keeps its own dataset schema', () => {
  let graph: GraphExecutor;
  let api: TestApi;
  beforeAll(async () => {
    graph = testGraph();
    await resetGraph(graph);
    api = await startTestApi(graph);
    expect((await testRoot(graph).ingest.ingestMlflow(DEMO_FILE_STORE, { actor: 'test' })).status).toBe('COMPLETED');
  });
  afterAll(async () => {
    await api.close();
    await resetGraph(graph);
    await graph.close();
  });

  const dataset = async (id = DATASET_ID) => {
    const res = await api.gql<{ dataset: DatasetAnswer }>(DATASET_QUERY, { id });
    expect(res.errors).toBeUndefined();
    return res.data?.dataset as DatasetAnswer;
  };

  it("an OpenLineage schema facet on a dataset MLflow reported leaves MLflow's schema and fields as they were, and is kept as the producer's own", async () => {
    const before = await dataset();
    expect(before.fields.map((f) => [f.name, f.source])).toEqual(MLFLOW_COLUMNS.map((n) => [n, 'MLFLOW']));
    expect(JSON.stringify(before.mlflowSchema)).toContain('pt_term');

    expect((await postEvent(api, producerEvent(['TAMPERED_COLUMN'], 1))).status).toBe(201);
    const after = await dataset();
    expect(after.schema).toEqual(before.schema);
    expect(after.mlflowSchema).toEqual(before.mlflowSchema);
    expect(after.fields).toEqual(before.fields);
    expect(after.openLineageSchema).toEqual([{ name: 'TAMPERED_COLUMN', type: 'STRING' }]);
    // The producer's field is in the graph under its own source, beside MLflow's.
    const edges = await graph.query('test.fieldEdges', 'MATCH (:Dataset {id: $id})-[h:HAS_FIELD]->(f) WHERE h.until IS NULL RETURN f.name AS name, h.source AS source ORDER BY source, h.position', { id: DATASET_ID });
    expect(edges).toEqual([...MLFLOW_COLUMNS.map((name) => ({ name, source: 'MLFLOW' })), { name: 'TAMPERED_COLUMN', source: 'OPENLINEAGE' }]);
  });

  it("a later facet replaces only the producer's own fields", async () => {
    expect((await postEvent(api, producerEvent(['caseid', 'pt'], 2))).status).toBe(201);
    const edges = await graph.query('test.olEdges', "MATCH (:Dataset {id: $id})-[h:HAS_FIELD {source: 'OPENLINEAGE'}]->(f) RETURN f.name AS name, h.until IS NULL AS live ORDER BY name", { id: DATASET_ID });
    expect(edges).toEqual([
      { name: 'TAMPERED_COLUMN', live: false },
      { name: 'caseid', live: true },
      { name: 'pt', live: true },
    ]);
    expect((await dataset()).fields.map((f) => f.name)).toEqual(MLFLOW_COLUMNS);
  });

  it("a dataset only OpenLineage describes shows the producer's schema and fields", async () => {
    const olOnly = { namespace: 's3://pv-data', name: 'staging/cases.parquet' };
    expect((await postEvent(api, producerEvent(['caseid', 'age'], 3, olOnly))).status).toBe(201);
    const d = await dataset(formatId(NodeType.DATASET, olOnly.namespace, olOnly.name));
    expect(d.mlflowSchema).toBeNull();
    expect(d.schema).toEqual(d.openLineageSchema);
    expect(d.fields.map((f) => [f.name, f.source])).toEqual([['caseid', 'OPENLINEAGE'], ['age', 'OPENLINEAGE']]);
  });
});

describe('the schema-sources migration', () => {
  let graph: GraphExecutor;
  beforeAll(() => {
    graph = testGraph();
  });
  afterAll(async () => {
    await resetGraph(graph);
    await graph.close();
  });

  const mlflowSchema = JSON.stringify({ mlflow_colspec: [{ type: 'string', name: 'drug', required: true }, { type: 'long', name: 'case_count', required: true }] });
  const olFields = [{ name: 'TAMPERED_COLUMN', type: 'STRING' }];
  const payload = JSON.stringify(producerEvent(['TAMPERED_COLUMN'], 0));

  /** A dataset as an older build left it: the facet's schema in MLflow's slot, its fields on source-less edges, MLflow's closed. */
  const LEGACY = `
CREATE (ds:Dataset {id: $id, namespace: $namespace, name: $name, schemaJson: $olSchemaJson, olFacetsEventId: 'ev1', olFacetsTime: datetime('2024-05-01T00:00:00Z')})
CREATE (:LineageEvent {eventId: 'ev1', payload: $payload})
CREATE (run:Run {id: 'run:test:1'})
CREATE (ds)-[:INPUT_TO {context: 'training', mlflowSchema: $mlflowSchema, since: datetime('2024-04-01T00:00:00Z')}]->(run)
CREATE (drug:DatasetField {id: 'datasetField:s3%3A%2F%2Fpv-data:faers%2F2023Q4%2Fdrug_event.parquet:drug', datasetId: $id, name: 'drug'})
CREATE (ds)-[:HAS_FIELD {since: datetime('2024-04-01T00:00:00Z'), until: datetime('2024-05-01T00:00:00Z'), type: 'string', position: 0, sig: 'x'}]->(drug)
CREATE (t:DatasetField {id: 'datasetField:s3%3A%2F%2Fpv-data:faers%2F2023Q4%2Fdrug_event.parquet:TAMPERED_COLUMN', datasetId: $id, name: 'TAMPERED_COLUMN'})
CREATE (ds)-[:HAS_FIELD {since: datetime('2024-05-01T00:00:00Z'), type: 'STRING', position: 0, sig: 'y'}]->(t)`;

  it('puts each schema back in its own slot, re-creates the fields per source, audits it, and finds nothing more to do', async () => {
    await resetGraph(graph);
    await graph.write('test.legacy', (tx) => tx.run(LEGACY, { id: DATASET_ID, ...DATASET, olSchemaJson: JSON.stringify(olFields), payload, mlflowSchema }));
    const root = testRoot(graph);
    let prepared: Awaited<ReturnType<typeof root.prepare>> | undefined;
    // Every change the migration makes is in the trail (docs/audit.md, "The coverage test").
    expect((await uncoveredDuring(graph, async () => (prepared = await root.prepare()))).uncovered).toEqual([]);
    expect(prepared?.schemaSources).toEqual([{ datasetId: DATASET_ID, schemaJson: mlflowSchema, olSchemaJson: JSON.stringify(olFields) }]);

    const live = await graph.query('test.live', 'MATCH (:Dataset {id: $id})-[h:HAS_FIELD]->(f) WHERE h.until IS NULL RETURN f.name AS name, h.source AS source, h.type AS type ORDER BY source, h.position', { id: DATASET_ID });
    expect(live).toEqual([
      { name: 'drug', source: 'MLFLOW', type: 'string' },
      { name: 'case_count', source: 'MLFLOW', type: 'long' },
      { name: 'TAMPERED_COLUMN', source: 'OPENLINEAGE', type: 'STRING' },
    ]);
    // The source-less edges are closed, not deleted.
    const [{ closed }] = await graph.query('test.closed', 'MATCH (:Dataset {id: $id})-[h:HAS_FIELD]->() WHERE h.source IS NULL AND h.until IS NOT NULL RETURN count(h) AS closed', { id: DATASET_ID });
    expect(closed).toBe(2);

    const trail = await graph.query('test.trail', "MATCH (e:AuditEvent {action: 'DATASET_SCHEMA_SOURCES_SPLIT'}) RETURN e.entityId AS entityId, e.actorName AS actor, e.oldValue AS oldValue, e.newValue AS newValue");
    expect(trail).toHaveLength(1);
    expect(trail[0].entityId).toBe(DATASET_ID);
    expect(JSON.parse(String(trail[0].oldValue))).toEqual({ schemaJson: JSON.stringify(olFields), olSchemaJson: null, fields: ['TAMPERED_COLUMN'] });
    expect(JSON.parse(String(trail[0].newValue))).toEqual({ schemaJson: mlflowSchema, olSchemaJson: JSON.stringify(olFields), mlflowFields: ['drug', 'case_count'], openLineageFields: ['TAMPERED_COLUMN'] });

    expect((await root.prepare()).schemaSources).toEqual([]);
  });
});
