import fs from 'node:fs';
import path from 'node:path';
import { Role } from '../src/domain/role';
import type { GraphExecutor } from '../src/graph/executor';
import { startTestApi, type TestApi } from './support/api';
import { loadDemo } from './support/demo';
import { testGraph } from './support/graph';
import { tokenWithRoles } from './support/identity';
import { sha256 } from './support/reports';
import { TcpProxy } from './support/tcpProxy';
import { partialFolders, REPORT_ID, readPackage, runExport, tempDir } from './exportHelpers';

/**
 * Issue 8, bad input: each case gets a clear message and a non-zero exit, and leaves no partial
 * package behind.
 */
describe('compliance export refusals', () => {
  let graph: GraphExecutor;
  let api: TestApi;
  let qa: string;
  let work: string;
  let url: string;

  beforeAll(async () => {
    graph = testGraph();
    await loadDemo(graph);
    api = await startTestApi(graph);
    url = `${api.url}/graphql`;
    qa = await tokenWithRoles([Role.QA]);
    work = tempDir('pvl-export-bad-');
  });
  afterAll(async () => {
    await api.close();
    await graph.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  /** The failed run wrote nothing: no --out, no temporary folder beside it. */
  const nothingWritten = (out: string) => {
    expect(fs.existsSync(out)).toBe(false);
    expect(partialFolders(path.dirname(out))).toEqual([]);
  };

  it('refuses an unknown report id, naming it', async () => {
    const out = path.join(work, 'unknown');
    const res = await runExport(['report', 'report:NO-SUCH-REPORT', '--out', out], url, qa);
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/export: report report:NO-SUCH-REPORT does not exist \(NOT_FOUND\)/);
    nothingWritten(out);
  });

  it('refuses a token whose account is not QA, and a token the API does not know', async () => {
    const out = path.join(work, 'not-qa');
    const reviewer = await tokenWithRoles([Role.VIEWER, Role.REVIEWER]);
    const res = await runExport(['report', REPORT_ID, '--out', out], url, reviewer);
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/holds REVIEWER, VIEWER; compliance exports need the QA role/);
    nothingWritten(out);
    const forged = await runExport(['report', REPORT_ID, '--out', out], url, 'pvl_not-a-real-token');
    expect(forged.status).toBe(1);
    expect(forged.stderr).toMatch(/the API refused the token \(UNAUTHENTICATED/);
    nothingWritten(out);
    const none = await runExport(['report', REPORT_ID, '--out', out], url, null);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/no API token: set PVL_API_TOKEN/);
  });

  it('refuses an output folder that is not empty unless --force, which replaces it only with a verified package', async () => {
    const out = path.join(work, 'busy');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'notes.txt'), 'keep me');
    const refused = await runExport(['report', REPORT_ID, '--out', out], url, qa);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/exists and is not empty; choose another folder or add --force/);
    expect(fs.readdirSync(out)).toEqual(['notes.txt']);

    const forced = await runExport(['report', REPORT_ID, '--out', out, '--force'], url, qa);
    expect(forced.stderr).not.toMatch(/export:/);
    expect(forced.status).toBe(0);
    expect(fs.existsSync(path.join(out, 'notes.txt'))).toBe(false);
    expect(readPackage(out).has('MANIFEST.sha256')).toBe(true);
    expect(partialFolders(work)).toEqual([]);
  });

  it('fails cleanly, leaving nothing, when the server dies in the middle of an export', async () => {
    // How many requests a whole export takes, so the cut lands in the middle of one.
    const whole = await runExport(['report', REPORT_ID, '--out', path.join(work, 'whole')], url, qa);
    expect(whole.status).toBe(0);
    const requests = Number(/(\d+) API requests/.exec(whole.stdout)![1]);
    expect(requests).toBeGreaterThan(6);

    const proxy = new TcpProxy('127.0.0.1', Number(new URL(api.url).port));
    await proxy.open();
    let seen = 0;
    const cutAt = Math.ceil(requests / 2);
    const onRequest = (req: { url?: string }) => {
      if (req.url === '/graphql' && ++seen === cutAt) void proxy.cut();
    };
    // Ahead of the app, which rewrites req.url while it routes.
    api.server.prependListener('request', onRequest);
    try {
      const out = path.join(work, 'died');
      const res = await runExport(['report', REPORT_ID, '--out', out], `http://127.0.0.1:${proxy.port}/graphql`, qa);
      expect(seen).toBe(cutAt);
      expect(res.status).toBe(1);
      expect(res.stderr).toMatch(/export: the API at http:\/\/127\.0\.0\.1:\d+\/graphql did not answer: .+; no package was written/);
      nothingWritten(out);
    } finally {
      api.server.off('request', onRequest);
      await proxy.cut();
    }
  });

  it('refuses a --since file that is not an earlier checkpoint.json, and a server that is not there', async () => {
    const out = path.join(work, 'since');
    const bogus = path.join(work, 'bogus.json');
    fs.writeFileSync(bogus, '{"hello": 1}');
    const res = await runExport(['report', REPORT_ID, '--out', out, '--since', bogus], url, qa);
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(/--since .*bogus\.json has no signed checkpoint note/);
    nothingWritten(out);

    const closed = new TcpProxy('127.0.0.1', 1);
    await closed.open();
    await closed.cut();
    const gone = await runExport(['report', REPORT_ID, '--out', out], `http://127.0.0.1:${closed.port}/graphql`, qa);
    expect(gone.status).toBe(1);
    expect(gone.stderr).toMatch(/did not answer: ECONNREFUSED/);
    nothingWritten(out);
  });
  it('refuses a --report-file that is not the registered report file before writing anything, naming both hashes', async () => {
    const out = path.join(work, 'wrong-file');
    const file = path.join(work, 'SDR-2024Q1.pdf');
    fs.writeFileSync(file, 'not the registered report');
    const { report } = (await api.gql<{ report: { contentHash: string } }>('query($id: ID!) { report(id: $id) { contentHash } }', { id: REPORT_ID })).data!;
    expect(report.contentHash).not.toBe(sha256('not the registered report'));
    const res = await runExport(['report', REPORT_ID, '--out', out, '--report-file', file], url, qa);
    expect(res.status).toBe(2);
    expect(res.stderr).toContain(`export: --report-file ${file} has SHA-256 ${sha256('not the registered report')}, but ${REPORT_ID} is registered with content hash ${report.contentHash}`);
    // Stopped right after reading the report: no lineage, records or audit trail were fetched.
    expect(res.stderr).not.toMatch(/\] \+[\d.]+s (lineage|upstream records|audit trails|writing the package)/);
    nothingWritten(out);

    const unreadable = await runExport(['report', REPORT_ID, '--out', out, '--report-file', path.join(work, 'no-such.pdf')], url, qa);
    expect(unreadable.status).toBe(2);
    expect(unreadable.stderr).toMatch(/--report-file .*no-such\.pdf cannot be read/);
    nothingWritten(out);
    const notOne = await runExport(['signal', 'SIG-2024-001', '--out', out, '--report-file', file], url, qa);
    expect(notOne.status).toBe(2);
    expect(notOne.stderr).toMatch(/--report-file is for `export report <id>`/);
    nothingWritten(out);
  });

  it('signExportManifest refuses a malformed manifest hash, an id that is no report or signal, an unknown report and a caller without QA, signing nothing', async () => {
    const SIGN = 'mutation($h: String!, $ids: [ID!]!) { signExportManifest(manifestSha256: $h, subjectIds: $ids) { note } }';
    type Trail = { auditTrail: { edges: unknown[] } };
    const signings = async () => (await api.gql<Trail>('{ auditTrail(action: "EXPORT_PACKAGE_SIGNED", first: 500) { edges { cursor } } }', {}, { token: qa })).data!.auditTrail.edges.length;
    const before = await signings();
    const hash = sha256('a manifest');
    for (const h of ['abc', hash.toUpperCase(), `${hash}0`, ` ${hash}`]) {
      const res = await api.gql(SIGN, { h, ids: [REPORT_ID] }, { token: qa });
      expect(res.errors?.[0]).toMatchObject({ message: expect.stringMatching(/64 lowercase hex digits/), extensions: { code: 'BAD_USER_INPUT', argument: 'manifestSha256' } });
    }
    const notASubject = await api.gql(SIGN, { h: hash, ids: ['job:airflow:load'] }, { token: qa });
    expect(notASubject.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'subjectIds', id: 'job:airflow:load' } });
    const none = await api.gql(SIGN, { h: hash, ids: [] }, { token: qa });
    expect(none.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'subjectIds' } });
    const unknown = await api.gql(SIGN, { h: hash, ids: [REPORT_ID, 'report:NO-SUCH-REPORT'] }, { token: qa });
    expect(unknown.errors?.[0]).toMatchObject({ message: 'Report "report:NO-SUCH-REPORT" was not found', extensions: { code: 'NOT_FOUND', id: 'report:NO-SUCH-REPORT' } });
    const reviewer = await tokenWithRoles([Role.REVIEWER]);
    const forbidden = await api.gql(SIGN, { h: hash, ids: [REPORT_ID] }, { token: reviewer });
    expect(forbidden.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    expect(await signings()).toBe(before);
    // The same call with good arguments signs, and is recorded.
    const good = await api.gql<{ signExportManifest: { note: string } }>(SIGN, { h: hash, ids: [REPORT_ID] }, { token: qa });
    expect(good.errors).toBeUndefined();
    expect(good.data!.signExportManifest.note).toContain(`\nmanifest-sha256 ${hash}\n`);
    expect(await signings()).toBe(before + 1);
  });
});
