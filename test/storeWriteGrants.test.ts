import path from 'node:path';
import { Role } from '../src/domain/role';
import type { GraphExecutor } from '../src/graph/executor';
import { olRunNodeId } from '../src/services/openlineage/openLineageService';
import { type TestApi, startTestApi } from './support/api';
import { countGraph, resetGraph, testGraph } from './support/graph';
import { tokenWithRoles } from './support/identity';
import { awaitIngestion } from './support/ingestion';
import { facet, graphSnapshot, postEvent, runEvent, uuid } from './support/openlineage';
import { DEMO_INGEST_ENV, DEMO_STORES_ROOT } from './support/stores';

const REGISTER = 'mutation($uri: String!) { registerTrackingStore(input: { uri: $uri, label: "Demo file store", reason: "test" }) { id } }';
const WRITERS = 'userId displayName since grantedBy reason';
const GRANT = `mutation($storeId: ID!, $userId: ID!, $reason: String!) { grantStoreWrite(storeId: $storeId, userId: $userId, reason: $reason) { id writers { ${WRITERS} } } }`;
const REVOKE = `mutation($storeId: ID!, $userId: ID!, $reason: String!) { revokeStoreWrite(storeId: $storeId, userId: $userId, reason: $reason) { id writers { ${WRITERS} } } }`;
const INGEST = 'mutation($storeId: ID!) { ingestMlflow(storeId: $storeId) { id } }';
const TRAIL = 'query($id: ID!) { auditTrail(entityId: $id, first: 20) { edges { node { action category actor { id } reason changes { field oldValue newValue } } } } }';

interface Writer {
  userId: string;
  displayName: string | null;
  since: string;
  grantedBy: string;
  reason: string;
}
type StoreAnswer = { id: string; writers: Writer[] };
interface TrailNode {
  action: string;
  category: string;
  actor: { id: string };
  reason: string | null;
  changes: { field: string; oldValue: string | null; newValue: string | null }[];
}

const dashed = (hex: string) => `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
const job = { namespace: 'airflow://pv', name: 'faers_train.fit' };

/** Issue 18 item 4: a producer attaches runs above an MLflow run, and ingests its store, only with a grant on that store. */
describe('write grants on tracking stores', () => {
  let graph: GraphExecutor;
  let api: TestApi;
  let admin: string;
  let adminId: string;
  let pipeline: string;
  let pipelineId: string;
  let storeId: string;
  let mlflowRunId: string;
  let mlflowRunNode: string;

  const idOf = async (token: string) => (await api.gql<{ me: { id: string } }>('{ me { id } }', undefined, { token })).data!.me.id;
  const grant = (userId: string, reason = 'Pipeline P-7 writes here', store = storeId, token = admin) => api.gql<{ grantStoreWrite: StoreAnswer }>(GRANT, { storeId: store, userId, reason }, { token });
  const revoke = (userId: string, reason = 'Pipeline P-7 retired', store = storeId, token = admin) => api.gql<{ revokeStoreWrite: StoreAnswer }>(REVOKE, { storeId: store, userId, reason }, { token });
  const trail = async () => {
    const res = await api.gql<{ auditTrail: { edges: { node: TrailNode }[] } }>(TRAIL, { id: storeId });
    expect(res.errors).toBeUndefined();
    return res.data!.auditTrail.edges.map((e) => e.node);
  };
  const parentLinks = async () =>
    (await graph.query('test.links', 'MATCH (p:Run)-[:PARENT_OF]->(:Run {id: $id}) RETURN p.id AS id ORDER BY id', { id: mlflowRunNode })).map((r) => String(r.id));
  const lineageEvents = async () => (await graph.query('test.events', 'MATCH (e:LineageEvent) RETURN count(e) AS n'))[0].n as number;
  /** An OpenLineage START of a fresh run naming the MLflow run in its `mlflow` facet. */
  const naming = (runId = uuid()) => runEvent({ eventType: 'START', runId, job, eventTime: new Date().toISOString(), runFacets: { mlflow: facet({ runId: mlflowRunId }) } });

  beforeAll(async () => {
    graph = testGraph();
    await resetGraph(graph);
    api = await startTestApi(graph, DEMO_INGEST_ENV);
    admin = await tokenWithRoles([Role.ADMIN]);
    adminId = await idOf(admin);
    pipeline = await tokenWithRoles([Role.PIPELINE]);
    pipelineId = await idOf(pipeline);
    const reg = await api.gql<{ registerTrackingStore: { id: string } }>(REGISTER, { uri: path.join(DEMO_STORES_ROOT, 'filestore', 'mlruns') }, { token: admin });
    expect(reg.errors).toBeUndefined();
    storeId = reg.data!.registerTrackingStore.id;
  });
  afterAll(async () => {
    await api.close();
    await graph.close();
  });

  it('refuses ingestMlflow without a grant with FORBIDDEN naming the store, reading and writing nothing', async () => {
    const before = await countGraph(graph);
    const res = await api.gql(INGEST, { storeId }, { token: pipeline });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'STORE_WRITE', storeId, userId: pipelineId });
    expect(res.errors?.[0].message).toContain(storeId);
    expect(await countGraph(graph)).toEqual(before);
  });

  it('grants through the audited writer (old → new), lists the writer for ADMINs, and then ingests', async () => {
    const res = await grant(pipelineId);
    expect(res.errors).toBeUndefined();
    expect(res.data!.grantStoreWrite.writers).toEqual([{ userId: pipelineId, displayName: `Test ${pipelineId}`, since: expect.any(String), grantedBy: adminId, reason: 'Pipeline P-7 writes here' }]);
    const since = res.data!.grantStoreWrite.writers[0].since;
    const [event] = (await trail()).filter((e) => e.action === 'STORE_WRITE_GRANTED');
    expect(event).toEqual({
      action: 'STORE_WRITE_GRANTED',
      category: 'CHANGE',
      actor: { id: adminId },
      reason: 'Pipeline P-7 writes here',
      changes: [{ field: `writers.${pipelineId}`, oldValue: null, newValue: JSON.stringify({ since, grantedBy: adminId }) }],
    });
    // ADMINs read the writers of every registered store; readers cannot.
    const listed = await api.gql<{ registeredTrackingStores: StoreAnswer[] }>(`{ registeredTrackingStores { id writers { userId } } }`, undefined, { token: admin });
    expect(listed.data!.registeredTrackingStores).toEqual([{ id: storeId, writers: [{ userId: pipelineId }] }]);
    const asReader = await api.gql('{ trackingStores { id writers { userId } } }');
    expect(asReader.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const started = await api.gql<{ ingestMlflow: { id: string } }>(INGEST, { storeId }, { token: pipeline });
    expect(started.errors).toBeUndefined();
    expect((await awaitIngestion(api, started.data!.ingestMlflow.id, { token: pipeline })).status).toBe('COMPLETED');
    const [run] = await graph.query('test.run', "MATCH (r:Run {storeKey: $key}) WHERE r.lifecycleStage = 'active' AND NOT EXISTS { (:Run)-[:PARENT_OF]->(r) } RETURN r.runId AS runId, r.id AS id ORDER BY r.runId LIMIT 1", { key: storeId.slice('store:'.length) });
    mlflowRunId = String(run.runId);
    mlflowRunNode = String(run.id);
  });

  it('refuses an OpenLineage event naming a run of a store its account may not write to: 403 naming run and store, nothing written', async () => {
    const other = await tokenWithRoles([Role.PIPELINE]);
    const otherId = await idOf(other);
    const before = await graphSnapshot(graph);
    const auditBefore = await countGraph(graph);
    const events = await lineageEvents();
    const olRun = uuid();
    // Named in the `mlflow` facet, and (the second) sharing the MLflow run's id.
    for (const event of [naming(olRun), runEvent({ eventType: 'START', runId: dashed(mlflowRunId), job, eventTime: new Date().toISOString() })]) {
      const res = await postEvent(api, event, { token: other });
      expect(res.status).toBe(403);
      const error = (res.body.errors as { message: string; extensions: Record<string, unknown> }[])[0];
      expect(error.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'STORE_WRITE', storeId, userId: otherId, runId: mlflowRunNode });
      expect(error.message).toContain(mlflowRunNode);
      expect(error.message).toContain(storeId);
    }
    // No run, job, link or logged event; no audit event either.
    expect(await graphSnapshot(graph)).toEqual(before);
    expect(await countGraph(graph)).toEqual(auditBefore);
    expect(await lineageEvents()).toBe(events);
    expect(await parentLinks()).toEqual([]);
    expect(await graph.query('test.olRun', 'MATCH (r:Run {id: $id}) RETURN r.id', { id: olRunNodeId(olRun) })).toEqual([]);
  });

  it('links the OpenLineage run above the MLflow run once the account may write to its store; a revoke refuses the next event', async () => {
    const olRun = uuid();
    const accepted = await postEvent(api, naming(olRun), { token: pipeline });
    expect(accepted.status).toBe(201);
    expect(await parentLinks()).toEqual([olRunNodeId(olRun)]);

    const revoked = await revoke(pipelineId);
    expect(revoked.errors).toBeUndefined();
    expect(revoked.data!.revokeStoreWrite.writers).toEqual([]);
    const [event] = (await trail()).filter((e) => e.action === 'STORE_WRITE_REVOKED');
    expect(event).toMatchObject({ category: 'CHANGE', actor: { id: adminId }, reason: 'Pipeline P-7 retired', changes: [{ field: `writers.${pipelineId}`, oldValue: expect.stringContaining(adminId), newValue: null }] });

    const refused = await postEvent(api, naming(), { token: pipeline });
    expect(refused.status).toBe(403);
    expect((await api.gql(INGEST, { storeId }, { token: pipeline })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // What was linked while the grant held stays.
    expect(await parentLinks()).toEqual([olRunNodeId(olRun)]);
  });

  it('lets the other events of a shared batch land when one of them is refused', async () => {
    const others = Array.from({ length: 8 }, () => uuid());
    const results = await Promise.all([
      postEvent(api, naming(), { token: pipeline }),
      ...others.map((runId, i) => postEvent(api, runEvent({ eventType: 'START', runId, job: { namespace: 'airflow://pv', name: `task_${i}` }, eventTime: new Date().toISOString() }), { token: pipeline })),
    ]);
    expect(results.map((r) => r.status)).toEqual([403, ...others.map(() => 201)]);
  });

  it('needs no grant for a parent facet: it names an OpenLineage run, never an MLflow one', async () => {
    const child = uuid();
    const parentFacet = { parent: facet({ run: { runId: dashed(mlflowRunId) }, job: { namespace: 'airflow://pv', name: 'faers_dag' } }) };
    const res = await postEvent(api, runEvent({ eventType: 'START', runId: child, job, eventTime: new Date().toISOString(), runFacets: parentFacet }), { token: pipeline });
    expect(res.status).toBe(201);
    const [parent] = await graph.query('test.parent', 'MATCH (p:Run)-[:PARENT_OF]->(:Run {id: $id}) RETURN p.id AS id, p.storeKey AS storeKey', { id: olRunNodeId(child) });
    expect(parent.id).toBe(olRunNodeId(dashed(mlflowRunId)));
    expect(parent.id).not.toBe(mlflowRunNode);
    expect(await parentLinks()).toHaveLength(1);
  });

  it('answers bad input, unknown records, non-pipeline accounts, repeats and non-ADMIN callers, writing nothing', async () => {
    const viewer = await tokenWithRoles([Role.VIEWER]);
    const viewerId = await idOf(viewer);
    const before = await countGraph(graph);
    const cases: [Promise<{ errors?: { extensions?: Record<string, unknown> }[] }>, Record<string, unknown>][] = [
      [grant(pipelineId, 'x', 'run:abc:def'), { code: 'BAD_USER_INPUT', argument: 'storeId' }],
      [grant('Not An Id'), { code: 'BAD_USER_INPUT', argument: 'userId' }],
      [grant(pipelineId, '  '), { code: 'BAD_USER_INPUT', argument: 'reason' }],
      [grant(pipelineId, 'x', 'store:000000000000'), { code: 'NOT_FOUND', id: 'store:000000000000' }],
      [grant('nobody.here'), { code: 'NOT_FOUND', id: 'nobody.here' }],
      [grant(viewerId), { code: 'BAD_USER_INPUT', argument: 'userId' }],
      [grant(adminId), { code: 'BAD_USER_INPUT', argument: 'userId' }],
      [revoke(pipelineId), { code: 'CONFLICT', id: storeId, userId: pipelineId }],
      [revoke('nobody.here'), { code: 'NOT_FOUND' }],
      [revoke(pipelineId, 'x', 'store:000000000000'), { code: 'NOT_FOUND' }],
      [grant(pipelineId, 'x', storeId, pipeline), { code: 'FORBIDDEN' }],
      [revoke(pipelineId, 'x', storeId, viewer), { code: 'FORBIDDEN' }],
    ];
    for (const [answer, expected] of cases) expect((await answer).errors?.[0].extensions).toMatchObject(expected);
    expect(await countGraph(graph)).toEqual(before);

    // A second grant of one held is CONFLICT, naming who granted it; the first stays as it was.
    expect((await grant(pipelineId)).errors).toBeUndefined();
    const granted = await countGraph(graph);
    const again = await grant(pipelineId, 'once more');
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', userId: pipelineId, grantedBy: adminId });
    expect(await countGraph(graph)).toEqual(granted);

    // A retired store takes no new grants, but its grants can still be revoked.
    const retired = await api.gql('mutation($id: ID!) { retireTrackingStore(id: $id, reason: "replaced") { id } }', { id: storeId }, { token: admin });
    expect(retired.errors).toBeUndefined();
    const late = await tokenWithRoles([Role.PIPELINE]);
    expect((await grant(await idOf(late))).errors?.[0].extensions?.code).toBe('CONFLICT');
    expect((await revoke(pipelineId)).errors).toBeUndefined();
  });
});
