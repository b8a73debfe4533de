import { Role } from '../src/domain/role';
import type { GraphExecutor } from '../src/graph/executor';
import { DataMigration } from '../src/services/migrations/runOnce';
import { eventsAfter, lastSeq, uncoveredDuring } from './support/auditCoverage';
import { testRoot } from './support/composition';
import { resetGraph, testGraph } from './support/graph';
import { facet, runEvent, uuid } from './support/openlineage';

/**
 * Graphs recorded before OpenLineage versions were kept hold the events' bodies but no version
 * nodes: the migration replays the logged version facets, so such a graph answers as one whose
 * events arrived after the change, and leaves the trail saying so.
 */
const CASES = { namespace: 's3://pv-curated', name: 'faers/2024Q3/cases.parquet' };
const LOAD = { namespace: 'airflow://pv', name: 'faers_load.extract' };
const SCORE = { namespace: 'airflow://pv', name: 'faers_score.disproportionality' };
const ACTOR = { id: 'etl', role: Role.PIPELINE, name: 'ETL pipeline' };
const at = (m: number) => new Date(Date.UTC(2024, 6, 1, 0, m)).toISOString();
const versioned = (version: string) => ({ ...CASES, facets: { version: facet({ datasetVersion: version }) } });

let graph: GraphExecutor;
beforeAll(async () => {
  graph = testGraph();
  await resetGraph(graph);
  await testRoot(graph).prepare();
});
afterAll(async () => {
  await resetGraph(graph);
  await graph.close();
});

const VERSIONS = 'MATCH (:Dataset)-[:HAS_DATASET_VERSION]->(v:DatasetVersion) RETURN v.id AS id, v.digest AS digest, v.producer AS producer, v.recordedByEvent AS event ORDER BY id';
const EDGES = `MATCH (d:Dataset)-[i:INPUT_TO]->(r:Run) RETURN 'input' AS role, r.id AS run, i.versionId AS versionId, i.digest AS digest, i.versionEventId AS event
  UNION ALL MATCH (r:Run)-[p:PRODUCED]->(d:Dataset) RETURN 'output' AS role, r.id AS run, p.versionId AS versionId, p.digest AS digest, p.versionEventId AS event`;
const sorted = (rows: Record<string, unknown>[]) => [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

/** What an older build left: the events and their edges, no version nodes, no version on the edges. */
const FORGET_VERSIONS = `
MATCH (v:DatasetVersion) DETACH DELETE v
WITH count(*) AS gone
MATCH ()-[e:INPUT_TO|PRODUCED]->() REMOVE e.versionId, e.digest, e.versionTime, e.versionEventId
WITH count(*) AS edges
MATCH (m:DataMigration {name: $name}) DELETE m`;

it('replays logged version facets into versions and edges as ingest makes them, audits every change, then finds nothing to do', async () => {
  const root = testRoot(graph);
  const writer = uuid();
  const reader = uuid();
  const events = [
    { ...runEvent({ eventType: 'COMPLETE', runId: writer, job: LOAD, eventTime: at(1) }), inputs: [], outputs: [versioned('v1')] },
    { ...runEvent({ eventType: 'COMPLETE', runId: writer, job: LOAD, eventTime: at(5) }), inputs: [], outputs: [versioned('v2')] },
    { ...runEvent({ eventType: 'START', runId: reader, job: SCORE, eventTime: at(6) }), inputs: [versioned('v2')], outputs: [] },
    { ...runEvent({ eventType: 'COMPLETE', runId: reader, job: SCORE, eventTime: at(9) }), inputs: [versioned('v3')], outputs: [] },
  ];
  for (const e of events) await root.openLineage.ingest(e, JSON.stringify(e), ACTOR);
  const versions = await graph.query('test.versions', VERSIONS);
  const edges = sorted(await graph.query('test.edges', EDGES));
  expect(versions.map((v) => v.digest)).toEqual(['v1', 'v2', 'v3']);
  expect(edges.map((e) => [e.role, e.digest])).toEqual(expect.arrayContaining([['output', 'v2'], ['input', 'v2']]));

  await graph.write('test.forget', (tx) => tx.run(FORGET_VERSIONS, { name: DataMigration.OPENLINEAGE_VERSIONS }));
  const seq = await lastSeq(graph);
  let made: string[] = [];
  const { uncovered } = await uncoveredDuring(graph, async () => (made = (await root.prepare()).datasetVersions));
  const trail = await eventsAfter(graph, seq);

  expect(made.sort()).toEqual(versions.map((v) => v.id));
  expect(await graph.query('test.versions', VERSIONS)).toEqual(versions);
  expect(sorted(await graph.query('test.edges', EDGES))).toEqual(edges);
  expect(uncovered).toEqual([]);
  expect(trail.map((e) => e.action).sort()).toEqual(['DATASET_INPUTS_VERSIONED', 'DATASET_VERSION_RECORDED', 'DATASET_VERSION_RECORDED', 'DATASET_VERSION_RECORDED']);
  expect((await root.prepare()).datasetVersions).toEqual([]);
});
