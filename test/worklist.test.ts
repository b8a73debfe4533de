import { Role } from '../src/domain/role';
import type { GraphExecutor } from '../src/graph/executor';
import { startTestApi, type TestApi } from './support/api';
import { loadDemo, runNodeId } from './support/demo';
import { testGraph } from './support/graph';
import { REGISTER, REVISE, ingestFileStore, person, sha256, type Person } from './support/reports';

const WORKLIST = `{ worklist {
  asOf
  toSign { report { id title } version meaning author waitingSince }
  lapsedSignatures { report { id } signatureId meaning signedVersion latestVersion }
  signalStages { status count oldest { signal { id status } inStageSince daysInStage } }
  ingestions { id status skippedCount error }
  auditCheckpoint { checkpoint { treeSize issuedAt } signatureValid logSize }
} }`;
const SIGN = `mutation($reportId: ID!, $version: Int!, $meaning: SignatureMeaning!, $password: String) {
  signReport(reportId: $reportId, version: $version, meaning: $meaning, reason: "worklist test", password: $password) { id }
}`;

interface Worklist {
  asOf: string;
  toSign: { report: { id: string }; version: number; meaning: string; author: string; waitingSince: string }[] | null;
  lapsedSignatures: { report: { id: string }; signatureId: string; meaning: string; signedVersion: number; latestVersion: number }[] | null;
  signalStages: { status: string; count: number; oldest: { signal: { id: string; status: string }; inStageSince: string | null; daysInStage: number | null }[] }[] | null;
  ingestions: { id: string; status: string; skippedCount: number; error: string | null }[] | null;
  auditCheckpoint: { checkpoint: { treeSize: number; issuedAt: string }; signatureValid: boolean; logSize: number } | null;
}

/** The landing page's worklist: what a reviewer and QA must sign, by the signing rules, and what anonymous callers get. */
describe('worklist', () => {
  let graph: GraphExecutor;
  let api: TestApi;
  let author: Person;
  let reviewer: Person;
  let qa: Person;
  let run: string;

  const worklistOf = async (who: Person): Promise<Worklist> => {
    const res = await api.gql<{ worklist: Worklist }>(WORKLIST, {}, { token: who.token });
    expect(res.errors).toBeUndefined();
    return res.data!.worklist;
  };
  const tasks = (w: Worklist) => w.toSign!.map((t) => `${t.report.id} v${t.version} ${t.meaning}`);
  const register = async (key: string) => {
    const res = await api.gql(REGISTER, { input: { reportId: key, title: `Worklist ${key}`, kind: 'SIGNAL_ASSESSMENT', contentHash: sha256(key), generatedFromRuns: [run] } }, { token: author.token });
    expect(res.errors).toBeUndefined();
  };
  const sign = async (who: Person, reportId: string, version: number, meaning: string) => {
    const res = await api.gql(SIGN, { reportId, version, meaning, password: who.password }, { token: who.token });
    expect(res.errors).toBeUndefined();
  };

  beforeAll(async () => {
    graph = testGraph();
    const scenario = await loadDemo(graph);
    run = runNodeId(scenario, 0, 0);
    // The demo scenario is seeded without ingest records; one real ingestion gives the worklist one.
    await ingestFileStore(graph);
    api = await startTestApi(graph);
    author = await person(api, 'wl.author', [Role.SCIENTIST]);
    reviewer = await person(api, 'wl.reviewer', [Role.REVIEWER]);
    qa = await person(api, 'wl.qa', [Role.QA]);
    // Registered one after the other, so W-1 has waited longest.
    await register('W-1');
    await register('W-2');
    await sign(reviewer, 'report:W-1', 1, 'REVIEWED');
  });
  afterAll(async () => {
    await api?.close();
    await graph?.close();
  });

  it('gives a reviewer the reports still awaiting a review, oldest first, and no audit section', async () => {
    const w = await worklistOf(reviewer);
    expect(tasks(w)).toEqual(['report:W-2 v1 REVIEWED']);
    expect(w.toSign![0]).toMatchObject({ author: 'wl.author' });
    expect(w.lapsedSignatures).toEqual([]);
    expect(w.auditCheckpoint).toBeNull();
    // The demo's signals, in every GVP IX stage, the open ones with their age.
    expect(w.signalStages!.map((s) => s.status)).toEqual(['DETECTED', 'VALIDATED', 'NOT_VALIDATED', 'PRIORITISED', 'ASSESSED', 'CLOSED']);
    const detected = w.signalStages!.find((s) => s.status === 'DETECTED')!;
    expect(detected.count).toBeGreaterThan(0);
    expect(detected.oldest.every((o) => o.signal.status === 'DETECTED' && o.daysInStage !== null && o.daysInStage >= 0)).toBe(true);
    const since = detected.oldest.map((o) => o.inStageSince!);
    expect(since).toEqual([...since].sort());
    expect(w.ingestions!.map((i) => i.status)).toEqual(['COMPLETED']);
  });

  it('gives QA the reviewed report to approve, not the unreviewed one, and the audit log’s latest checkpoint', async () => {
    const before = await worklistOf(qa);
    expect(tasks(before)).toEqual(['report:W-1 v1 APPROVED']);
    // Reading the current checkpoint issues one; the worklist then shows it, signed by a known key.
    const issued = await api.gql<{ auditCheckpoint: { treeSize: number } }>('{ auditCheckpoint { treeSize } }', {}, { token: qa.token });
    const after = await worklistOf(qa);
    expect(after.auditCheckpoint).toMatchObject({ checkpoint: { treeSize: issued.data!.auditCheckpoint.treeSize }, signatureValid: true });
    expect(after.auditCheckpoint!.logSize).toBeGreaterThanOrEqual(issued.data!.auditCheckpoint.treeSize);
  });

  it('after a revision, tells the reviewer its review lapsed and asks for a new one; QA has nothing to approve until then', async () => {
    const res = await api.gql(REVISE, { id: 'report:W-1', input: { title: 'Worklist W-1 (rev)', kind: 'SIGNAL_ASSESSMENT', contentHash: sha256('W-1 rev'), generatedFromRuns: [run], reason: 'corrected table 2' } }, { token: author.token });
    expect(res.errors).toBeUndefined();
    const w = await worklistOf(reviewer);
    expect(w.lapsedSignatures!.map((s) => [s.report.id, s.meaning, s.signedVersion, s.latestVersion])).toEqual([['report:W-1', 'REVIEWED', 1, 2]]);
    // W-2's v1 was registered before W-1's v2, so it has waited longer.
    expect(tasks(w)).toEqual(['report:W-2 v1 REVIEWED', 'report:W-1 v2 REVIEWED']);
    expect(tasks(await worklistOf(qa))).toEqual([]);
    await sign(reviewer, 'report:W-1', 2, 'REVIEWED');
    const renewed = await worklistOf(reviewer);
    expect(renewed.lapsedSignatures).toEqual([]);
    expect(tasks(await worklistOf(qa))).toEqual(['report:W-1 v2 APPROVED']);
  });

  it('gives the author its AUTHORED signatures to give, and a viewer no signing sections', async () => {
    expect(tasks(await worklistOf(author))).toEqual(['report:W-2 v1 AUTHORED', 'report:W-1 v2 AUTHORED']);
    const viewer = await person(api, 'wl.viewer', [Role.VIEWER]);
    const w = await worklistOf(viewer);
    expect(w).toMatchObject({ toSign: null, lapsedSignatures: null, auditCheckpoint: null });
    expect(w.signalStages).not.toBeNull();
  });

  it('refuses callers without an account: UNAUTHENTICATED without credentials, and for the demo’s anonymous reader', async () => {
    const none = await api.gql(WORKLIST, {}, { anonymous: true });
    expect(none.status).toBe(401);
    expect(none.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    const demo = await startTestApi(graph, { PVL_ANONYMOUS_READ: 'true' }, { anonymous: true });
    try {
      const res = await demo.gql(WORKLIST);
      expect(res.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
      expect(res.data ?? null).toBeNull();
      // The same reader may still read records: the refusal is the worklist's, not anonymous reading's.
      expect((await demo.gql('{ signals(first: 1) { totalCount } }')).errors).toBeUndefined();
    } finally {
      await demo.close();
    }
  });
});
