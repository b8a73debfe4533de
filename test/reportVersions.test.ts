import { Role } from '../src/domain/role';
import type { GraphExecutor } from '../src/graph/executor';
import { CatalogWriteRepository } from '../src/graph/repositories/catalogWriteRepository';
import { startTestApi, type TestApi } from './support/api';
import { countGraph, resetGraph, testGraph } from './support/graph';
import { tokenWithRoles } from './support/identity';
import { REGISTER, REVISE, RUN_A, RUN_B, auditActions, ingestFileStore, sha256, refusedWithoutWrites } from './support/reports';

interface Version {
  version: number;
  recordHash: string;
  contentHash: string;
  createdAt: string;
  generatedFromRuns: string[];
  supersedes: number | null;
}

const VERSIONS = `query($id: ID!) { report(id: $id) {
  title status contentHash runs { id }
  versions { version recordHash contentHash createdAt generatedFromRuns supersedes title }
  v1: version(number: 1) { version recordHash title }
  latestVersion { version }
  withdrawal { by byName reason at }
} }`;
const WITHDRAW = 'mutation($id: ID!, $reason: String!) { withdrawReport(id: $id, reason: $reason) { id status } }';
const LINEAGE = 'query($id: ID!, $asOf: DateTime) { lineage(id: $id, depth: 1, asOf: $asOf) { nodes { id } } }';
const TRAIL = `query($id: ID) { auditTrail(entityId: $id, first: 50) { edges { node { action entityVersion reason changes { field oldValue newValue } } } } }`;

/** Never edit in place: revisions are new versions, withdrawal is a tombstone, every version stays readable. */
describe('report versions', () => {
  let graph: GraphExecutor;
  let api: TestApi;
  let scientist: string;
  let qa: string;
  let store: string;
  const id = 'report:SAR-V';
  const runNode = (runId: string) => `run:${store}:${runId}`;
  const revise = (input: Record<string, unknown>, reportId = id) =>
    api.gql<{ reviseReport: { title: string; runs: { id: string }[]; latestVersion: Version } }>(REVISE, { id: reportId, input }, { token: scientist });
  const read = async () => {
    const res = await api.gql<{ report: { title: string; status: string; contentHash: string; runs: { id: string }[]; versions: (Version & { title: string })[]; v1: { recordHash: string; title: string }; withdrawal: { by: string; reason: string } | null } }>(VERSIONS, { id }, { token: qa });
    expect(res.errors).toBeUndefined();
    return res.data!.report;
  };
  const upstream = async (asOf: string | null) => {
    const res = await api.gql<{ lineage: { nodes: { id: string }[] } }>(LINEAGE, { id, asOf }, { token: qa });
    expect(res.errors).toBeUndefined();
    return res.data!.lineage.nodes.map((n) => n.id);
  };
  const refused = (call: Parameters<typeof refusedWithoutWrites>[1]) => refusedWithoutWrites(graph, call);
  const content = (text: string) => ({ title: `SAR ${text}`, kind: 'SIGNAL_ASSESSMENT', period: '2024Q1', contentHash: sha256(text) });
  let v1: Version;

  beforeAll(async () => {
    graph = testGraph();
    await resetGraph(graph);
    [store] = await ingestFileStore(graph);
    api = await startTestApi(graph);
    [scientist, qa] = await Promise.all([[Role.SCIENTIST], [Role.QA]].map(tokenWithRoles));
    const res = await api.gql<{ registerReport: { latestVersion: Version } }>(REGISTER, { input: { reportId: 'SAR-V', ...content('v1'), generatedFromRuns: [runNode(RUN_B)] } }, { token: scientist });
    expect(res.errors).toBeUndefined();
    v1 = (await read()).versions[0];
  });
  afterAll(async () => {
    await api.close();
    await graph.close();
  });

  it('refuses a revision without a reason with BAD_USER_INPUT naming it, writing nothing', async () => {
    const ext = await refused(() => revise({ ...content('v2'), generatedFromRuns: [runNode(RUN_A)], reason: '   ' }));
    expect(ext).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'reason' });
  });

  it('refuses a revision that re-registers an existing file with CONFLICT naming its version, writing nothing', async () => {
    const ext = await refused(() => revise({ ...content('v1'), reason: 'same file again' }));
    expect(ext).toMatchObject({ code: 'CONFLICT', reportId: id, version: 1 });
  });

  it('refuses to revise a report that does not exist', async () => {
    const ext = await refused(() => revise({ ...content('nope'), reason: 'r' }, 'report:NOPE'));
    expect(ext).toMatchObject({ code: 'NOT_FOUND', id: 'report:NOPE' });
  });

  it('adds version 2, keeps version 1 as it was, and moves the live FEEDS edges', async () => {
    // Version 2 must be at least a millisecond younger than version 1 for asOf to tell them apart.
    while (Date.now() <= Date.parse(v1.createdAt) + 1) await new Promise((r) => setTimeout(r, 2));
    const res = await revise({ ...content('v2'), generatedFromRuns: [runNode(RUN_A)], reason: 'run re-executed with the corrected FAERS extract' });
    expect(res.errors).toBeUndefined();
    expect(res.data!.reviseReport.latestVersion).toMatchObject({ version: 2, generatedFromRuns: [runNode(RUN_A)] });
    const report = await read();
    expect(report).toMatchObject({ title: 'SAR v2', contentHash: sha256('v2'), runs: [{ id: runNode(RUN_A) }] });
    expect(report.versions.map((v) => [v.version, v.contentHash, v.supersedes])).toEqual([
      [1, sha256('v1'), null],
      [2, sha256('v2'), 1],
    ]);
    expect(report.versions[0]).toEqual({ ...v1, title: 'SAR v1' });
    expect(report.v1).toEqual({ version: 1, recordHash: v1.recordHash, title: 'SAR v1' });
    const [link] = await graph.query('t.sup', 'MATCH (:ReportVersion {reportId: $id, version: 2})-[s:SUPERSEDES]->(p:ReportVersion) RETURN p.version AS v', { id });
    expect(link.v).toBe(1);
  });

  it('answers lineage as of version 1 with its run, and now with the new one', async () => {
    const before = await upstream(v1.createdAt);
    expect(before).toContain(runNode(RUN_B));
    expect(before).not.toContain(runNode(RUN_A));
    const now = await upstream(null);
    expect(now).toContain(runNode(RUN_A));
    expect(now).not.toContain(runNode(RUN_B));
  });

  it('shows every version in the audit trail, with old → new values of what changed', async () => {
    const res = await api.gql<{ auditTrail: { edges: { node: { action: string; entityVersion: string; reason: string | null; changes: { field: string; oldValue: string | null; newValue: string | null }[] } }[] } }>(TRAIL, { id }, { token: qa });
    expect(res.errors).toBeUndefined();
    const entries = res.data!.auditTrail.edges.map((e) => e.node).reverse();
    expect(entries.map((e) => [e.action, e.entityVersion])).toEqual([
      ['REPORT_REGISTERED', '1'],
      ['REPORT_REVISED', '2'],
    ]);
    expect(entries[1].reason).toBe('run re-executed with the corrected FAERS extract');
    const changed = Object.fromEntries(entries[1].changes.map((c) => [c.field, [c.oldValue, c.newValue]]));
    expect(changed.contentHash).toEqual([sha256('v1'), sha256('v2')]);
    expect(changed.generatedFromRuns).toEqual([JSON.stringify([runNode(RUN_B)]), JSON.stringify([runNode(RUN_A)])]);
    expect(changed.version).toEqual(['1', '2']);
  });

  it('is never overwritten by a catalogue import of the same id', async () => {
    const writer = new CatalogWriteRepository();
    await graph.write('t.import', (tx) =>
      writer.writeReport(tx, { reportId: 'SAR-V', title: 'Imported over it', kind: 'PSUR', status: 'DRAFT', period: null, contentHash: sha256('import'), uri: null, createdAt: 0, runIds: [], modelVersionIds: [], datasetIds: [], signalIds: [] }),
    );
    expect(await read()).toMatchObject({ title: 'SAR v2', status: 'FINAL', runs: [{ id: runNode(RUN_A) }] });
  });

  it('refuses a withdrawal without a reason, writing nothing', async () => {
    const ext = await refused(() => api.gql(WITHDRAW, { id, reason: '' }, { token: scientist }));
    expect(ext).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'reason' });
  });

  it('withdraws as a tombstone: status and why change, nothing is deleted', async () => {
    const before = await countGraph(graph);
    const res = await api.gql<{ withdrawReport: { status: string } }>(WITHDRAW, { id, reason: 'superseded by the 2024Q1 PSUR' }, { token: scientist });
    expect(res.errors).toBeUndefined();
    expect(res.data!.withdrawReport.status).toBe('WITHDRAWN');
    // The only new node is the audit event; no node or relationship went away.
    expect(await countGraph(graph)).toEqual({ nodes: before.nodes + 1, relationships: before.relationships });
    const report = await read();
    expect(report.versions).toHaveLength(2);
    expect(report.withdrawal).toMatchObject({ by: expect.stringMatching(/^t/), reason: 'superseded by the 2024Q1 PSUR' });
    expect((await auditActions(graph, id)).map((e) => [e.action, e.reason])).toEqual([
      ['REPORT_REGISTERED', null],
      ['REPORT_REVISED', 'run re-executed with the corrected FAERS extract'],
      ['REPORT_WITHDRAWN', 'superseded by the 2024Q1 PSUR'],
    ]);
  });

  it('refuses to revise or withdraw a withdrawn report', async () => {
    expect(await refused(() => revise({ ...content('v3'), reason: 'too late' }))).toMatchObject({ code: 'CONFLICT' });
    expect(await refused(() => api.gql(WITHDRAW, { id, reason: 'again' }, { token: scientist }))).toMatchObject({ code: 'CONFLICT' });
    expect(await refused(() => api.gql(WITHDRAW, { id, reason: 'QA only signs' }, { token: qa }))).toMatchObject({ code: 'FORBIDDEN' });
  });
});
