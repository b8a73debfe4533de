import path from 'node:path';
import { Role } from '../src/domain/role';
import { generateSignerKey } from '../src/domain/audit/note';
import type { GraphExecutor } from '../src/graph/executor';
import { verifyCheckpoint, verifyConsistencyProof, verifyInclusionProof } from '../src/verifier';
import { startTestApi, type TestApi } from './support/api';
import { TEST_AUDIT_ORIGIN, testSigningKey } from './support/audit';
import { resetGraph, testGraph } from './support/graph';
import { ingestThroughApi } from './support/ingestion';
import { tokenWithRoles } from './support/identity';
import { DEMO_INGEST_ENV } from './support/stores';

const SQLITE = path.resolve(__dirname, '..', 'demo/mlflow/sqlite/mlflow.db');

const CHECKPOINT = 'query($n: Int) { auditCheckpoint(treeSize: $n) { origin treeSize rootHash keyId issuedAt note } }';
const TRAIL = `query($entityId: ID, $action: String, $first: Int) {
  auditTrail(entityId: $entityId, action: $action, first: $first) {
    totalCount
    edges { node { seq at action category entityType entityId entityVersion reason summary hash
      actor { id role name } oldValue newValue changes { field oldValue newValue } } }
  }
}`;

interface Checkpoint { origin: string; treeSize: number; rootHash: string; keyId: string; note: string }
interface Entry { seq: number; at: string; action: string; category: string; entityId: string; actor: { id: string; role: string | null; name: string }; [k: string]: unknown }

describe('the audit log through GraphQL', () => {
  let graph: GraphExecutor;
  let api: TestApi;
  let qa: string;
  let reviewer: string;
  let pipeline: string;
  let admin: string;

  const checkpoint = async (n?: number): Promise<Checkpoint> => {
    const res = await api.gql<{ auditCheckpoint: Checkpoint }>(CHECKPOINT, { n: n ?? null }, { token: qa });
    expect(res.errors).toBeUndefined();
    return res.data!.auditCheckpoint;
  };
  const trail = async (token: string, vars: Record<string, unknown>) =>
    api.gql<{ auditTrail: { totalCount: number; edges: { node: Entry }[] } }>(TRAIL, { first: 500, ...vars }, { token });

  beforeAll(async () => {
    graph = testGraph();
    await resetGraph(graph);
    api = await startTestApi(graph, DEMO_INGEST_ENV);
    [qa, reviewer, pipeline, admin] = await Promise.all([[Role.QA], [Role.REVIEWER], [Role.PIPELINE], [Role.ADMIN]].map(tokenWithRoles));
  });

  afterAll(async () => {
    await api.close();
    await graph.close();
  });

  it('records one event per run an ingest creates, none when nothing changed', async () => {
    const first = await ingestThroughApi(api, `sqlite:///${SQLITE}`, { token: pipeline });
    expect(first.status).toBe('COMPLETED');
    const created = await trail(qa, { action: 'RUN_CREATED' });
    expect(created.data!.auditTrail.totalCount).toBe(first.added);
    const one = created.data!.auditTrail.edges[0].node;
    expect(one).toMatchObject({ category: 'CHANGE', entityType: 'Run', actor: { role: 'PIPELINE' } });
    expect(one.reason).toMatch(/MLflow ingestion .* of sqlite:/);

    const again = await ingestThroughApi(api, `sqlite:///${SQLITE}`, { token: pipeline });
    expect(again).toMatchObject({ status: 'COMPLETED', added: 0, updated: 0 });
    expect((await trail(qa, { action: 'RUN_CREATED' })).data!.auditTrail.totalCount).toBe(first.added);
    expect((await trail(qa, { action: 'RUN_UPDATED' })).data!.auditTrail.totalCount).toBe(0);
  });

  it('shows record changes to REVIEWER and security events only to QA, and nothing to VIEWER', async () => {
    await api.gql('mutation { login(userId: "nobody", password: "wrong-password-123") { token } }', undefined, { anonymous: true });
    const asQa = (await trail(qa, {})).data!.auditTrail.edges.map((e) => e.node.category);
    const asReviewer = (await trail(reviewer, {})).data!.auditTrail.edges.map((e) => e.node.category);
    expect(asQa).toContain('SECURITY');
    expect(asReviewer).not.toContain('SECURITY');
    expect(asReviewer.length).toBeGreaterThan(0);
    const failed = (await trail(qa, { action: 'LOGIN_FAILED' })).data!.auditTrail.edges[0].node;
    expect(failed).toMatchObject({ category: 'SECURITY', entityId: 'nobody', actor: { id: 'anonymous' } });
    const viewer = await trail(await tokenWithRoles([Role.VIEWER]), {});
    expect(viewer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('lists entries newest first with gap-free sequence numbers and readable summaries', async () => {
    const edges = (await trail(qa, {})).data!.auditTrail.edges.map((e) => e.node);
    const seqs = edges.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(seqs[0] - seqs[seqs.length - 1]).toBe(seqs.length - 1);
    for (const e of edges) {
      expect(e.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(e.summary).toContain(e.action);
      expect(e.summary).toContain(e.actor.name);
    }
  });

  it('issues a signed checkpoint whose proofs verify offline for every event', async () => {
    const cp = await checkpoint();
    expect(cp.origin).toBe(TEST_AUDIT_ORIGIN);
    const keyRes = await api.gql<{ auditSigningKeys: { keyId: string; verifierKey: string; active: boolean; publicKeyPem: string }[] }>(
      '{ auditSigningKeys { keyId verifierKey active publicKeyPem } }', undefined, { token: reviewer },
    );
    expect(keyRes.errors).toBeUndefined();
    const keys = keyRes.data!.auditSigningKeys;
    expect(keys).toEqual([expect.objectContaining({ keyId: cp.keyId, active: true, publicKeyPem: expect.stringContaining('BEGIN PUBLIC KEY') })]);
    const opened = verifyCheckpoint(cp.note, keys.map((k) => k.verifierKey), TEST_AUDIT_ORIGIN);
    expect(opened).toMatchObject({ treeSize: cp.treeSize, rootHash: cp.rootHash });

    const seqs = Array.from({ length: cp.treeSize }, (_, i) => i);
    const res = await api.gql<{ auditInclusionProofs: { seq: number; leafHash: string; proof: string[]; rootHash: string }[] }>(
      'query($s: [Int!]!, $n: Int!) { auditInclusionProofs(seqs: $s, treeSize: $n) { seq leafHash proof rootHash } }',
      { s: seqs, n: cp.treeSize }, { token: qa },
    );
    expect(res.errors).toBeUndefined();
    for (const p of res.data!.auditInclusionProofs) {
      expect(verifyInclusionProof({ leafHash: p.leafHash, index: p.seq, treeSize: cp.treeSize, proof: p.proof, rootHash: cp.rootHash })).toMatchObject({ ok: true });
      expect(verifyInclusionProof({ leafHash: p.leafHash, index: p.seq, treeSize: cp.treeSize, proof: p.proof.slice(1), rootHash: cp.rootHash })).toMatchObject({ ok: false });
    }
    const stored = await checkpoint(cp.treeSize);
    expect(stored.note).toBe(cp.note);
  });

  it('proves an earlier checkpoint is a prefix of a later one', async () => {
    const before = await checkpoint();
    await api.gql('mutation { login(userId: "nobody", password: "wrong-password-123") { token } }', undefined, { anonymous: true });
    const after = await checkpoint();
    expect(after.treeSize).toBe(before.treeSize + 1);
    const res = await api.gql<{ auditConsistencyProof: { fromRoot: string; toRoot: string; proof: string[] } }>(
      'query($m: Int!, $n: Int!) { auditConsistencyProof(fromSize: $m, toSize: $n) { fromRoot toRoot proof } }',
      { m: before.treeSize, n: after.treeSize }, { token: qa },
    );
    const p = res.data!.auditConsistencyProof;
    expect(p).toMatchObject({ fromRoot: before.rootHash, toRoot: after.rootHash });
    expect(verifyConsistencyProof({ fromSize: before.treeSize, toSize: after.treeSize, fromRoot: before.rootHash, toRoot: after.rootHash, proof: p.proof })).toMatchObject({ ok: true });
    const verdict = await api.gql<{ verifyAuditTrail: { ok: boolean; treeSize: number } }>(
      'query($c: String!) { verifyAuditTrail(against: $c) { ok treeSize logSize problem } }', { c: before.note }, { token: qa },
    );
    expect(verdict.data!.verifyAuditTrail).toMatchObject({ ok: true, treeSize: before.treeSize });
  });

  it('answers bad proof arguments with BAD_USER_INPUT and unknown checkpoints with NOT_FOUND', async () => {
    const size = (await checkpoint()).treeSize;
    const cases: [string, Record<string, unknown>, string][] = [
      ['query($s: Int!, $n: Int!) { auditInclusionProof(seq: $s, treeSize: $n) { seq } }', { s: size, n: size }, 'BAD_USER_INPUT'],
      ['query($s: Int!, $n: Int!) { auditInclusionProof(seq: $s, treeSize: $n) { seq } }', { s: 0, n: size + 5 }, 'BAD_USER_INPUT'],
      ['query($s: Int!, $n: Int!) { auditConsistencyProof(fromSize: $s, toSize: $n) { proof } }', { s: 5, n: 2 }, 'BAD_USER_INPUT'],
      [CHECKPOINT, { n: size + 1000 }, 'NOT_FOUND'],
      ['query($c: String!) { verifyAuditTrail(against: $c) { ok } }', { c: 'not a checkpoint' }, 'BAD_USER_INPUT'],
    ];
    for (const [query, vars, code] of cases) {
      expect((await api.gql(query, vars, { token: qa })).errors?.[0]?.extensions?.code).toBe(code);
    }
  });

  it('rolls the change back when the audit append fails', async () => {
    const [{ size }] = await graph.query('t.size', "MATCH (l:AuditLog {id: 'main'}) RETURN l.size AS size");
    // An event already at the next sequence number makes the append violate the unique constraint.
    await graph.write('t.plant', (tx) => tx.run('CREATE (:AuditEvent {seq: $seq, planted: true})', { seq: size }));
    const res = await api.gql('mutation { createUser(input: {id: "rollback.user", displayName: "Roll Back", kind: USER, roles: [VIEWER], password: "correct-horse-battery"}) { id } }', undefined, { token: admin });
    expect(res.errors?.[0]?.extensions?.code).toBeDefined();
    expect(await graph.query('t.user', 'MATCH (u:User {id: "rollback.user"}) RETURN u')).toHaveLength(0);
    const [after] = await graph.query('t.size', "MATCH (l:AuditLog {id: 'main'}) RETURN l.size AS size");
    expect(after.size).toBe(size);
    await graph.write('t.unplant', (tx) => tx.run('MATCH (e:AuditEvent {planted: true}) DELETE e'));
  });

  it('keeps verifying old checkpoints after the signing key is rotated', async () => {
    const old = await checkpoint();
    const next = generateSignerKey(TEST_AUDIT_ORIGIN);
    const rotated = await startTestApi(graph, { PVL_AUDIT_SIGNING_KEY: next.signerKey, PVL_AUDIT_VERIFIER_KEYS: testSigningKey().verifierKey });
    try {
      const keys = (await rotated.gql<{ auditSigningKeys: { keyId: string; active: boolean }[] }>('{ auditSigningKeys { keyId active } }', undefined, { token: qa })).data!.auditSigningKeys;
      expect(keys).toEqual([{ keyId: next.keyId, active: true }, { keyId: old.keyId, active: false }]);
      const verdict = await rotated.gql<{ verifyAuditTrail: { ok: boolean } }>('query($c: String!) { verifyAuditTrail(against: $c) { ok } }', { c: old.note }, { token: qa });
      expect(verdict.data!.verifyAuditTrail.ok).toBe(true);
      const fresh = (await rotated.gql<{ auditCheckpoint: Checkpoint }>(CHECKPOINT, { n: null }, { token: qa })).data!.auditCheckpoint;
      expect(fresh.keyId).toBe(next.keyId);
    } finally {
      await rotated.close();
    }
  });
});
