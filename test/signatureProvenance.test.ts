import path from 'node:path';
import { Role } from '../src/domain/role';
import type { GraphExecutor } from '../src/graph/executor';
import { startTestApi, type TestApi } from './support/api';
import { resetGraph, testGraph } from './support/graph';
import { facet, postEvent, runEvent, uuid } from './support/openlineage';
import { FILESTORE, REGISTER, RUN_A, RUN_B, ingestFileStore, person, sha256, type Person } from './support/reports';
import { grantStoreWriteOnHost } from './support/stores';

const SIGN = `mutation($reportId: ID!, $password: String) {
  signReport(reportId: $reportId, version: 1, meaning: AUTHORED, reason: "frozen upstream", password: $password) { id provenanceDigest }
}`;
const VERIFY = `query($id: ID!) { verifySignatures(reportId: $id) {
  valid reason upstreamChanged signature { id }
  upstreamChanges { kind section entity field before after summary }
} }`;

interface Change {
  kind: string;
  section: string;
  entity: string;
  field: string | null;
  before: string | null;
  after: string | null;
  summary: string;
}
interface Verdict {
  valid: boolean;
  reason: string | null;
  upstreamChanged: boolean | null;
  upstreamChanges: Change[];
  signature: { id: string };
}

const attacker = { namespace: 'attacker-ns', name: 'poison-job' };

/** Signed means frozen: a signature covers the upstream provenance as of signing (issue 18 item 4). */
describe('a signature freezes the upstream provenance', () => {
  let graph: GraphExecutor;
  let api: TestApi;
  let alice: Person;
  let store: string;

  const register = async (reportId: string, run: string) => {
    const res = await api.gql(REGISTER, { input: { reportId, title: `Report ${reportId}`, kind: 'SIGNAL_ASSESSMENT', contentHash: sha256(reportId), generatedFromRuns: [`run:${store}:${run}`] } }, { token: alice.token });
    expect(res.errors).toBeUndefined();
  };
  const sign = async (reportId: string) => {
    const res = await api.gql<{ signReport: { id: string; provenanceDigest: string | null } }>(SIGN, { reportId, password: alice.password }, { token: alice.token });
    expect(res.errors).toBeUndefined();
    return res.data!.signReport;
  };
  const verify = async (id: string) => {
    const res = await api.gql<{ verifySignatures: Verdict[] }>(VERIFY, { id }, { token: alice.token });
    expect(res.errors).toBeUndefined();
    return res.data!.verifySignatures;
  };
  /** An OpenLineage run of a later job naming the MLflow run as its own (`mlflow.runId`); `status` is what the API answers. */
  const claimRun = async (mlflowRunId: string, status = 201) => {
    const runId = uuid();
    const res = await postEvent(api, runEvent({ eventType: 'START', runId, job: attacker, eventTime: new Date().toISOString(), runFacets: { mlflow: facet({ runId: mlflowRunId }) } }));
    expect(res.status).toBe(status);
    return runId;
  };

  beforeAll(async () => {
    graph = testGraph();
    await resetGraph(graph);
    [store] = await ingestFileStore(graph);
    api = await startTestApi(graph);
    alice = await person(api, 'alice', [Role.SCIENTIST]);
    await register('FROZEN-A', RUN_A);
    await register('FROZEN-B', RUN_B);
  });
  afterAll(async () => {
    await api.close();
    await graph.close();
  });

  let signedA: { id: string; provenanceDigest: string | null };

  it('stores the manifest and its digest on the signature, and the digest in its audit event', async () => {
    signedA = await sign('report:FROZEN-A');
    expect(signedA.provenanceDigest).toMatch(/^[0-9a-f]{64}$/);
    const [row] = await graph.query('t.sig', 'MATCH (s:Signature {id: $id}) RETURN s.provenanceManifest AS manifest, s.provenanceDigest AS digest', { id: signedA.id });
    expect(row.digest).toBe(signedA.provenanceDigest);
    const manifest = JSON.parse(String(row.manifest)) as { runs: { id: string }[] };
    expect(manifest.runs.map((r) => r.id)).toContain(`run:${store}:${RUN_A}`);
    const [event] = await graph.query('t.ev', "MATCH (e:AuditEvent {action: 'REPORT_SIGNED', entityId: 'report:FROZEN-A'}) RETURN e.newValue AS v");
    const value = JSON.parse(String(event.v)) as Record<string, unknown>;
    expect(value.provenanceDigest).toBe(signedA.provenanceDigest);
    expect(value).not.toHaveProperty('provenanceManifest');
    await sign('report:FROZEN-B');
  });

  it('says unchanged right after signing', async () => {
    const [v] = await verify('report:FROZEN-A');
    expect(v).toMatchObject({ valid: true, upstreamChanged: false, upstreamChanges: [] });
  });

  it("refuses the facet of an account that may not write to the runs' store, so the upstream stays as signed", async () => {
    await claimRun(RUN_A, 403);
    expect((await verify('report:FROZEN-A'))[0]).toMatchObject({ valid: true, upstreamChanged: false, upstreamChanges: [] });
    // From here on the producer may write to the store: what it attaches shows as changed upstream.
    await grantStoreWriteOnHost(graph, path.join(FILESTORE, 'mlruns'));
  });

  it('leaves a report unchanged when the change is upstream of another report only', async () => {
    await claimRun(RUN_B);
    expect((await verify('report:FROZEN-A'))[0]).toMatchObject({ valid: true, upstreamChanged: false, upstreamChanges: [] });
    expect((await verify('report:FROZEN-B'))[0]).toMatchObject({ valid: true, upstreamChanged: true });
  });

  it("reports 'upstream changed' with the run, its job and the PARENT_OF link an mlflow.runId facet attached", async () => {
    const olRun = await claimRun(RUN_A);
    const [v] = await verify('report:FROZEN-A');
    expect(v).toMatchObject({ valid: true, reason: null, upstreamChanged: true });
    const [row] = await graph.query('t.ol', 'MATCH (r:Run {runId: $runId}) RETURN r.id AS id', { runId: olRun });
    const olId = String(row.id);
    const mlflowRun = `run:${store}:${RUN_A}`;
    expect(v.upstreamChanges).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'ADDED', section: 'runs', entity: olId, field: null, before: null }),
        expect.objectContaining({ kind: 'ADDED', section: 'links', entity: `${olId} -PARENT_OF-> ${mlflowRun}` }),
        expect.objectContaining({ kind: 'ADDED', section: 'links', entity: `job:attacker-ns:poison-job -HAS_RUN-> ${olId}`, summary: `links added job:attacker-ns:poison-job -HAS_RUN-> ${olId}` }),
      ]),
    );
    expect(v.upstreamChanges.every((c) => c.kind === 'ADDED')).toBe(true);
    // The stored manifest is unchanged: what was frozen stays frozen.
    const [sig] = await graph.query('t.sig', 'MATCH (s:Signature {id: $id}) RETURN s.provenanceDigest AS d', { id: signedA.id });
    expect(sig.d).toBe(signedA.provenanceDigest);
  });

  it('reports a later state change of a run that was upstream when signed as CHANGED, field by field', async () => {
    const job = { namespace: 'airflow://pv', name: 'faers_load.extract' };
    const runId = uuid();
    expect((await postEvent(api, runEvent({ eventType: 'START', runId, job, eventTime: new Date().toISOString() }))).status).toBe(201);
    const [row] = await graph.query('t.ol', 'MATCH (r:Run {runId: $runId}) RETURN r.id AS id', { runId });
    const olId = String(row.id);
    const res = await api.gql(REGISTER, { input: { reportId: 'FROZEN-C', title: 'Report C', kind: 'SIGNAL_ASSESSMENT', contentHash: sha256('FROZEN-C'), generatedFromRuns: [olId] } }, { token: alice.token });
    expect(res.errors).toBeUndefined();
    await sign('report:FROZEN-C');
    expect((await verify('report:FROZEN-C'))[0].upstreamChanged).toBe(false);
    expect((await postEvent(api, runEvent({ eventType: 'FAIL', runId, job, eventTime: new Date(Date.now() + 1000).toISOString() }))).status).toBe(201);
    const [v] = await verify('report:FROZEN-C');
    expect(v).toMatchObject({ valid: true, upstreamChanged: true });
    expect(v.upstreamChanges).toEqual([expect.objectContaining({ kind: 'CHANGED', section: 'runs', entity: olId, field: 'status', before: 'RUNNING', after: 'FAILED', summary: `runs ${olId}: status RUNNING → FAILED` })]);
  });

  it('fails a signature whose stored manifest was edited, and raises no alarm for one that froze nothing', async () => {
    await graph.write('t.tamper', (tx) => tx.run('MATCH (s:Signature {id: $id}) SET s.provenanceManifest = replace(s.provenanceManifest, $from, $to)', { id: signedA.id, from: RUN_A, to: 'ffffffffffffffffffffffffffffffff' }));
    expect((await verify('report:FROZEN-A'))[0]).toMatchObject({ valid: false, reason: expect.stringContaining('no longer has the digest'), upstreamChanged: null, upstreamChanges: [] });
    await graph.write('t.legacy', (tx) => tx.run('MATCH (s:Signature {id: $id}) REMOVE s.provenanceManifest, s.provenanceDigest', { id: signedA.id }));
    expect((await verify('report:FROZEN-A'))[0]).toMatchObject({ valid: true, upstreamChanged: null, upstreamChanges: [] });
  });
});
