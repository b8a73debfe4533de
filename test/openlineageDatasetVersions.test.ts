import { datasetVersionId } from '../src/domain/datasetVersion';
import { formatId } from '../src/domain/ids';
import { NodeType } from '../src/domain/nodeType';
import { Role } from '../src/domain/role';
import type { GraphExecutor } from '../src/graph/executor';
import { OPENLINEAGE_STORE_KEY, OPENLINEAGE_STORE_URI, olRunNodeId } from '../src/services/openlineage/openLineageService';
import { type TestApi, startTestApi } from './support/api';
import { resetGraph, testGraph } from './support/graph';
import { facet, graphSnapshot, postEvent, runEvent, uuid } from './support/openlineage';
import { REGISTER, type Person, person, sha256 } from './support/reports';

const NS = 's3://pv-curated';
const CASES = { namespace: NS, name: 'faers/2024Q1/cases.parquet' };
const PLAIN = { namespace: NS, name: 'faers/2024Q1/plain.parquet' };
const CASES_ID = formatId(NodeType.DATASET, CASES.namespace, CASES.name);
const PLAIN_ID = formatId(NodeType.DATASET, PLAIN.namespace, PLAIN.name);
const LOAD = { namespace: 'airflow://pv', name: 'faers_load.extract' };
const SCORE = { namespace: 'airflow://pv', name: 'faers_score.disproportionality' };
const PRODUCER = 'https://github.com/pv-lineage/tests';
const v = (version: string) => datasetVersionId(CASES.namespace, CASES.name, OPENLINEAGE_STORE_KEY, version);
const at = (m: number) => new Date(Date.UTC(2024, 3, 1, 0, m)).toISOString();

/** The dataset as an event names it: with a `version` facet (and a schema) when `version` is given. */
function named(d: { namespace: string; name: string }, version: string | null, extra: Record<string, unknown> = {}) {
  const schema = facet({ fields: [{ name: 'caseid', type: 'string' }, { name: `col_${version ?? 'none'}`, type: 'int' }] });
  return { ...d, facets: { schema, ...(version === null ? {} : { version: facet({ datasetVersion: version }) }) }, ...extra };
}

function event(eventType: string, runId: string, job: typeof LOAD, eventTime: string, parts: { inputs?: unknown[]; outputs?: unknown[] }) {
  return { ...runEvent({ eventType, runId, job, eventTime }), inputs: parts.inputs ?? [], outputs: parts.outputs ?? [] };
}

const VERSIONS = `query($id: ID!) { dataset(id: $id) { versions { id datasetId source digest schema profile producer recordedAt } } }`;
const INPUTS = `query($id: ID!) { run(id: $id) { inputs { dataset { id } digest version { id digest source producer } newerVersion { id digest } } } }`;
const PROVENANCE = `query($id: ID!) { report(id: $id) { provenance { runs { run { id } datasets { dataset { id } digest version { id source } newerVersion { id } } } } } }`;

interface Version {
  id: string;
  datasetId: string;
  source: string;
  digest: string;
  schema: string | null;
  profile: string | null;
  producer: string | null;
}
interface Input {
  dataset: { id: string };
  digest: string | null;
  version: { id: string; digest: string; source: string; producer: string | null } | null;
  newerVersion: { id: string; digest: string } | null;
}

describe('OpenLineage dataset snapshots are versions, never overwrites', () => {
  let graph: GraphExecutor;
  let api: TestApi;
  let alice: Person;
  const writer = uuid();
  const first = uuid();
  const second = uuid();
  const events = {
    // The load job writes v1, then v2; a scoring run reads each.
    writeV1: event('COMPLETE', writer, LOAD, at(0), { outputs: [named(CASES, 'v1', { outputFacets: { outputStatistics: facet({ rowCount: 2000, size: 2097152 }) } })] }),
    readV1: event('START', first, SCORE, at(1), { inputs: [named(CASES, 'v1')] }),
    writeV2: event('COMPLETE', uuid(), LOAD, at(10), { outputs: [named(CASES, 'v2')] }),
    readV2: event('START', second, SCORE, at(11), { inputs: [named(CASES, 'v2')] }),
    // The first run's own later event lists the dataset as it is by then: what it read stays v1.
    firstCompletes: event('COMPLETE', first, SCORE, at(12), { inputs: [named(CASES, 'v2')] }),
  };

  const gql = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
    const res = await api.gql<T>(query, variables, { token: alice.token });
    expect(res.errors).toBeUndefined();
    return res.data as T;
  };
  const versions = async (id = CASES_ID) => (await gql<{ dataset: { versions: Version[] } }>(VERSIONS, { id })).dataset.versions;
  const inputsOf = async (runId: string) => (await gql<{ run: { inputs: Input[] } }>(INPUTS, { id: olRunNodeId(runId) })).run.inputs;
  const versionEvents = async () =>
    (await graph.query('test.versionEvents', "MATCH (e:AuditEvent {action: 'DATASET_VERSION_RECORDED'}) RETURN e.entityId AS id, e.newValue AS value, e.reason AS reason ORDER BY e.seq")).map((e) => ({
      id: String(e.id),
      value: JSON.parse(String(e.value)) as Record<string, unknown>,
      reason: String(e.reason),
    }));
  const versionCount = async () => Number((await graph.query('test.versionCount', 'MATCH (x:DatasetVersion) RETURN count(x) AS n'))[0].n);

  beforeAll(async () => {
    graph = testGraph();
    await resetGraph(graph);
    api = await startTestApi(graph);
    alice = await person(api, 'alice', [Role.SCIENTIST]);
    for (const e of Object.values(events)) expect((await postEvent(api, e)).status).toBe(201);
  });
  afterAll(async () => {
    await api.close();
    await resetGraph(graph);
    await graph.close();
  });

  it('lists both snapshots as versions of the dataset, from the OpenLineage source, with the producer, schema and profile of their first report', async () => {
    const list = await versions();
    expect(list.map((x) => [x.id, x.digest, x.source, x.producer, x.datasetId])).toEqual([
      [v('v1'), 'v1', OPENLINEAGE_STORE_KEY, PRODUCER, CASES_ID],
      [v('v2'), 'v2', OPENLINEAGE_STORE_KEY, PRODUCER, CASES_ID],
    ]);
    expect(JSON.parse(String(list[0].schema))).toEqual([{ name: 'caseid', type: 'string' }, { name: 'col_v1', type: 'int' }]);
    expect(JSON.parse(String(list[1].schema))).toEqual([{ name: 'caseid', type: 'string' }, { name: 'col_v2', type: 'int' }]);
    expect(list.map((x) => x.profile)).toEqual(['{"rowCount":2000,"size":2097152}', null]);
  });

  it("points each run's input at the version it read, and shows the first run that a newer one exists", async () => {
    expect(await inputsOf(first)).toEqual([
      { dataset: { id: CASES_ID }, digest: 'v1', version: { id: v('v1'), digest: 'v1', source: OPENLINEAGE_STORE_KEY, producer: PRODUCER }, newerVersion: { id: v('v2'), digest: 'v2' } },
    ]);
    expect(await inputsOf(second)).toEqual([
      { dataset: { id: CASES_ID }, digest: 'v2', version: { id: v('v2'), digest: 'v2', source: OPENLINEAGE_STORE_KEY, producer: PRODUCER }, newerVersion: null },
    ]);
  });

  it('records on the writer run the version it produced, on the same node the readers read', async () => {
    const rows = await graph.query('test.produced', 'MATCH (r:Run {id: $id})-[p:PRODUCED]->(:Dataset {id: $ds}) RETURN p.versionId AS versionId, p.digest AS digest', { id: olRunNodeId(writer), ds: CASES_ID });
    expect(rows).toEqual([{ versionId: v('v1'), digest: 'v1' }]);
  });

  it("names in a report's provenance the version its run read", async () => {
    const res = await api.gql(REGISTER, { input: { reportId: 'OL-VERSIONS', title: 'Scores', kind: 'SIGNAL_ASSESSMENT', contentHash: sha256('OL-VERSIONS'), generatedFromRuns: [olRunNodeId(first)] } }, { token: alice.token });
    expect(res.errors).toBeUndefined();
    const { report } = await gql<{ report: { provenance: { runs: { run: { id: string }; datasets: unknown[] }[] } } }>(PROVENANCE, { id: 'report:OL-VERSIONS' });
    const run = report.provenance.runs.find((r) => r.run.id === olRunNodeId(first));
    expect(run?.datasets).toEqual([{ dataset: { id: CASES_ID }, digest: 'v1', version: { id: v('v1'), source: OPENLINEAGE_STORE_KEY }, newerVersion: { id: v('v2') } }]);
  });

  it('audits each version once, beside the event that reported it first', async () => {
    const trail = await versionEvents();
    expect(trail.map((e) => e.id)).toEqual([v('v1'), v('v2')]);
    expect(trail[0].value).toEqual({ datasetId: CASES_ID, source: OPENLINEAGE_STORE_KEY, digest: 'v1', schema: expect.stringContaining('col_v1'), profile: '{"rowCount":2000,"size":2097152}', producer: PRODUCER, store: OPENLINEAGE_STORE_URI });
    const [logged] = await graph.query('test.firstEvent', "MATCH (x:DatasetVersion {id: $id}) MATCH (e:AuditEvent {action: 'OPENLINEAGE_EVENT_RECORDED', entityId: x.recordedByEvent}) RETURN e.seq AS seq, x.recordedByEvent AS eventId", { id: v('v1') });
    expect(trail[0].reason).toBe(`Reported by OpenLineage event ${String(logged.eventId)}`);
    const [version] = await graph.query('test.versionSeq', "MATCH (e:AuditEvent {action: 'DATASET_VERSION_RECORDED', entityId: $id}) RETURN e.seq AS seq", { id: v('v1') });
    expect(Number(version.seq)).toBe(Number(logged.seq) + 1);
  });

  it('creates nothing when an event is replayed', async () => {
    const before = { graph: await graphSnapshot(graph), versions: await versions(), trail: await versionEvents(), count: await versionCount() };
    for (const e of Object.values(events)) {
      const res = await postEvent(api, e);
      expect([res.status, res.body.created]).toEqual([201, false]);
    }
    expect({ graph: await graphSnapshot(graph), versions: await versions(), trail: await versionEvents(), count: await versionCount() }).toEqual(before);
  });

  it('creates no version for an event without a version facet, and its input names none', async () => {
    const before = await versionCount();
    const run = uuid();
    expect((await postEvent(api, event('START', run, SCORE, at(20), { inputs: [named(PLAIN, null)] }))).status).toBe(201);
    expect(await versionCount()).toBe(before);
    expect(await versions(PLAIN_ID)).toEqual([]);
    expect(await inputsOf(run)).toEqual([{ dataset: { id: PLAIN_ID }, digest: null, version: null, newerVersion: null }]);
  });

  it('makes one node and one audit event when events of two runs name a new version at once', async () => {
    const sent = await Promise.all(Array.from({ length: 6 }, (_, i) => postEvent(api, event('START', uuid(), SCORE, at(30 + i), { inputs: [named(CASES, 'v3')] }))));
    expect(sent.map((r) => r.status)).toEqual(Array(6).fill(201));
    expect((await versions()).map((x) => x.digest)).toEqual(['v1', 'v2', 'v3']);
    expect((await versionEvents()).filter((e) => e.id === v('v3'))).toHaveLength(1);
    const edges = await graph.query('test.v3Edges', 'MATCH (:Dataset {id: $ds})-[i:INPUT_TO {versionId: $v}]->(:Run) RETURN count(i) AS n', { ds: CASES_ID, v: v('v3') });
    expect(Number(edges[0].n)).toBe(6);
    // The runs that read v1 and v2 still name them.
    expect((await inputsOf(first))[0].version?.id).toBe(v('v1'));
    expect((await inputsOf(second))[0].newerVersion?.id).toBe(v('v3'));
  });
});
