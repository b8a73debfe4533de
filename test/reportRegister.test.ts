import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Role } from '../src/domain/role';
import type { GraphExecutor } from '../src/graph/executor';
import { startTestApi, type TestApi } from './support/api';
import { countGraph, resetGraph, testGraph } from './support/graph';
import { tokenWithRoles } from './support/identity';
import { FILESTORE, REGISTER, RUN_A, RUN_B, auditActions, ingestFileStore, sha256, refusedWithoutWrites } from './support/reports';

const CLI = path.join(__dirname, '..', 'dist', 'src', 'cli', 'report.js');

/** Runs the compiled CLI without blocking this process, which also serves the API it calls. */
function runCli(args: string[], env: Record<string, string | undefined>): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH, ...env }, encoding: 'utf8' }, (err, stdout, stderr) => {
      resolve({ status: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

interface ReportOut {
  id: string;
  title: string;
  status: string;
  contentHash: string;
  runs: { id: string }[];
  modelVersions: { id: string }[];
  latestVersion: { version: number; recordHash: string; createdBy: string; generatedFromRuns: string[]; modelVersionIds: string[] };
}

/** registerReport: the report-to-run mapping, its refusals, and the report CLI. */
describe('registering reports', () => {
  let graph: GraphExecutor;
  let api: TestApi;
  let scientist: string;
  let pipeline: string;
  let viewer: string;
  let store: string;
  let copy: string;

  const runNode = (storeKey: string, runId: string) => `run:${storeKey}:${runId}`;
  const register = (input: Record<string, unknown>, token = scientist) => api.gql<{ registerReport: ReportOut }>(REGISTER, { input }, { token });
  const base = (text: string, extra: Record<string, unknown> = {}) => ({ title: `Report ${text}`, kind: 'PSUR', period: '2024Q1', contentHash: sha256(text), ...extra });

  const refused = (call: Parameters<typeof refusedWithoutWrites>[1]) => refusedWithoutWrites(graph, call);

  beforeAll(async () => {
    graph = testGraph();
    await resetGraph(graph);
    [store, copy] = await ingestFileStore(graph, 1);
    api = await startTestApi(graph);
    [scientist, pipeline, viewer] = await Promise.all([[Role.SCIENTIST], [Role.PIPELINE], [Role.VIEWER]].map(tokenWithRoles));
  });
  afterAll(async () => {
    await api.close();
    await graph.close();
  });

  it('registers a report with version 1 fed by node ids and MLflow model URIs, and audits it once', async () => {
    const res = await register(
      base('first', { reportId: 'PSUR-2024Q1', generatedFromRuns: [runNode(store, RUN_B), runNode(store, RUN_A)], modelVersions: ['models:/pv-signal-xgb/2'], reason: 'quarterly PSUR' }),
      pipeline,
    );
    expect(res.errors).toBeUndefined();
    const r = res.data!.registerReport;
    expect(r).toMatchObject({ id: 'report:PSUR-2024Q1', status: 'FINAL', contentHash: sha256('first') });
    expect(r.runs.map((x) => x.id).sort()).toEqual([runNode(store, RUN_A), runNode(store, RUN_B)].sort());
    expect(r.modelVersions.map((x) => x.id)).toEqual([`modelversion:${store}:pv-signal-xgb:2`]);
    expect(r.latestVersion).toMatchObject({ version: 1, generatedFromRuns: [runNode(store, RUN_A), runNode(store, RUN_B)].sort() });
    expect(r.latestVersion.recordHash).toMatch(/^[0-9a-f]{64}$/);
    const events = await auditActions(graph, 'report:PSUR-2024Q1');
    expect(events).toEqual([{ action: 'REPORT_REGISTERED', entityVersion: '1', reason: 'quarterly PSUR', category: 'CHANGE' }]);
    const [version] = await graph.query('t.v', 'MATCH (:Report {id: $id})-[:HAS_REPORT_VERSION]->(v:ReportVersion) RETURN v.createdBy AS by, v.recordHash AS h', { id: r.id });
    expect(version).toEqual({ by: r.latestVersion.createdBy, h: r.latestVersion.recordHash });
  });

  it('resolves a bare MLflow run id that only one store holds', async () => {
    const res = await register(base('bare', { generatedFromRuns: [RUN_A] }));
    expect(res.errors).toBeUndefined();
    expect(res.data!.registerReport.runs).toEqual([{ id: runNode(store, RUN_A) }]);
    expect(res.data!.registerReport.id).toBe(`report:R-${sha256('bare').slice(0, 16)}`);
  });

  it('refuses a bare run id found in two stores with CONFLICT listing both node ids, writing nothing', async () => {
    const ext = await refused(() => register(base('ambiguous', { generatedFromRuns: [RUN_B] })));
    expect(ext).toMatchObject({ code: 'CONFLICT', argument: 'input.generatedFromRuns', ref: RUN_B });
    expect(ext.candidates).toEqual([runNode(copy, RUN_B), runNode(store, RUN_B)].sort());
  });

  it.each([
    ['run', { generatedFromRuns: ['run:nowhere:abc'] }, 'run:nowhere:abc', 'input.generatedFromRuns'],
    ['bare run', { generatedFromRuns: ['0123456789abcdef0123456789abcdef'] }, '0123456789abcdef0123456789abcdef', 'input.generatedFromRuns'],
    ['model version', { modelVersions: ['models:/pv-signal-xgb/99'] }, 'models:/pv-signal-xgb/99', 'input.modelVersions'],
    ['dataset', { datasets: ['dataset:s3%3A%2F%2Fnowhere:x.parquet'] }, 'dataset:s3%3A%2F%2Fnowhere:x.parquet', 'input.datasets'],
    ['signal', { signals: ['signal:SIG-NONE'] }, 'signal:SIG-NONE', 'input.signals'],
  ])('refuses an unknown %s with NOT_FOUND naming it, writing nothing', async (_what, sources, id, argument) => {
    const ext = await refused(() => register(base(`missing ${id}`, { generatedFromRuns: [runNode(store, RUN_A)], ...sources })));
    expect(ext).toMatchObject({ code: 'NOT_FOUND', id, argument });
  });

  it.each([
    ['a malformed run id', { generatedFromRuns: ['run:only-one-part'] }, 'input.generatedFromRuns'],
    ['a run id that is a dataset id', { generatedFromRuns: ['dataset:a:b'] }, 'input.generatedFromRuns'],
    ['a content hash that is not SHA-256 hex', { contentHash: 'ABC' }, 'input.contentHash'],
    ['an upper-case content hash', { contentHash: sha256('x').toUpperCase() }, 'input.contentHash'],
    ['an empty title', { title: '  ' }, 'input.title'],
    ['a bad report id', { reportId: 'has space' }, 'input.reportId'],
  ])('refuses %s with BAD_USER_INPUT naming the argument', async (_what, patch, argument) => {
    const ext = await refused(() => register({ ...base('malformed'), ...patch }));
    expect(ext).toMatchObject({ code: 'BAD_USER_INPUT', argument });
  });

  it('refuses the same report file twice with CONFLICT naming the report that has it, writing nothing', async () => {
    const ext = await refused(() => register(base('first', { reportId: 'OTHER' })));
    expect(ext).toMatchObject({ code: 'CONFLICT', reportId: 'report:PSUR-2024Q1', version: 1 });
  });

  it('lets the uniqueness constraint settle two registrations of one file racing each other', async () => {
    const results = await Promise.all([1, 2, 3].map((i) => register(base('race', { reportId: `RACE-${i}`, generatedFromRuns: [runNode(store, RUN_A)] }))));
    const won = results.filter((r) => !r.errors);
    expect(won).toHaveLength(1);
    const winner = won[0].data!.registerReport.id;
    for (const lost of results.filter((r) => r.errors)) expect(lost.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reportId: winner });
    const [n] = await graph.query('t.n', 'MATCH (v:ReportVersion {contentHash: $h}) RETURN count(v) AS n', { h: sha256('race') });
    expect(n.n).toBe(1);
  });

  it('is refused to a VIEWER with FORBIDDEN (registering is for SCIENTIST and PIPELINE)', async () => {
    const ext = await refused(() => register(base('viewer'), viewer));
    expect(ext).toMatchObject({ code: 'FORBIDDEN' });
  });

  describe('the report CLI (npm run report)', () => {
    let dir: string;
    const cli = (args: string[], token: string) => runCli(args, { PVL_API_URL: `${api.url}/graphql`, PVL_API_TOKEN: token });

    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pvl-report-'));
    });

    it("registers the seed builder's model_run_metadata.json, versioning the report MLflow ingestion imported from it", async () => {
      const meta = path.join(FILESTORE, 'sar_reports', 'model_run_metadata.json');
      const data = JSON.parse(fs.readFileSync(meta, 'utf8')) as Record<string, string>;
      const [imported] = await graph.query('t.imp', 'MATCH (r:Report {contentHash: $h}) RETURN r.id AS id, r.latestVersion AS v', { h: data.report_sha256 });
      expect(imported.v).toBeNull();
      const res = await cli(['register', meta, '--reason', 'registered by the SAR builder', '--json'], pipeline);
      expect(res.stderr).toBe('');
      expect(res.status).toBe(0);
      const out = JSON.parse(res.stdout) as ReportOut;
      expect(out).toMatchObject({ id: imported.id, title: data.report_title, contentHash: data.report_sha256 });
      expect(out.latestVersion).toMatchObject({ version: 1, generatedFromRuns: [runNode(store, RUN_A)], modelVersionIds: [`modelversion:${store}:pv-signal-xgb:2`] });
      // The import from the side file is audited as such; the registration versions it.
      expect((await auditActions(graph, String(imported.id))).map((e) => e.action)).toEqual(['REPORT_IMPORTED', 'REPORT_REGISTERED']);
      // Ingesting again leaves the now versioned report alone.
      await ingestFileStore(graph);
      const [after] = await graph.query('t.after', 'MATCH (r:Report {id: $id}) RETURN r.latestVersion AS v, r.title AS title', { id: imported.id });
      expect(after).toEqual({ v: 1, title: data.report_title });
    });

    it('hashes the report file itself and refuses metadata whose hash does not match it', async () => {
      fs.writeFileSync(path.join(dir, 'report.pdf'), 'a report file');
      const good = path.join(dir, 'good.json');
      fs.writeFileSync(good, JSON.stringify({ title: 'From a file', kind: 'AD_HOC', report_file: 'report.pdf', generatedFromRuns: [runNode(store, RUN_B)] }));
      const ok = await cli(['register', good, '--json'], scientist);
      expect(ok.stderr).toBe('');
      expect(JSON.parse(ok.stdout)).toMatchObject({ contentHash: sha256('a report file'), uri: 'report.pdf' });
      const bad = path.join(dir, 'bad.json');
      fs.writeFileSync(bad, JSON.stringify({ title: 'Mismatch', kind: 'AD_HOC', report_file: 'report.pdf', report_sha256: sha256('another file') }));
      const before = await countGraph(graph);
      const refusedRun = await cli(['register', bad], scientist);
      expect(refusedRun.status).toBe(2);
      expect(refusedRun.stderr).toMatch(/SHA-256/);
      expect(await countGraph(graph)).toEqual(before);
    });

    it('prints the API error with its code and exits 1 when the API refuses', async () => {
      const meta = path.join(dir, 'unknown-run.json');
      fs.writeFileSync(meta, JSON.stringify({ title: 'Unknown run', kind: 'AD_HOC', contentHash: sha256('unknown run'), generatedFromRuns: ['ffffffffffffffffffffffffffffffff'] }));
      const res = await cli(['register', meta], scientist);
      expect(res.status).toBe(1);
      expect(res.stderr).toMatch(/NOT_FOUND/);
      expect(res.stderr).toMatch(/ffffffffffffffffffffffffffffffff/);
    });

    it('needs a token', async () => {
      const res = await runCli(['register', path.join(FILESTORE, 'sar_reports', 'model_run_metadata.json')], {});
      expect(res.status).toBe(2);
      expect(res.stderr).toMatch(/PVL_API_TOKEN/);
    });
  });
});
