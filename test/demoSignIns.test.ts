import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { GraphExecutor } from '../src/graph/executor';
import { DEMO_SIGN_INS } from '../src/services/ingest/demoSignIns';
import { startTestApi, type TestApi } from './support/api';
import { testAuditEnv } from './support/audit';
import { testNeo4jConfig } from './support/env';
import { resetGraph, testGraph } from './support/graph';

const ROOT = path.resolve(__dirname, '..');
const LOGIN = 'mutation($u: String!, $p: String!) { login(userId: $u, password: $p) { token } }';

/**
 * `npm run demo`'s loader, as the demo script runs it (compiled), writing its sign-ins to `file`.
 * Run without blocking: a synchronous child would stall this process's event loop, so the test
 * server's idle keep-alive sockets would close only after it, under the client's next request.
 */
function seedDemo(file: string): Promise<{ status: number | null; out: string }> {
  const neo4j = testNeo4jConfig();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['dist/src/cli/seedDemo.js'], {
      cwd: ROOT,
      env: { ...process.env, ...testAuditEnv(), NEO4J_URI: neo4j.uri, NEO4J_USER: neo4j.user, NEO4J_PASSWORD: neo4j.password, PVL_DEMO_SIGN_INS_FILE: file, LOG_LEVEL: 'silent' },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.on('close', (status) => resolve({ status, out }));
  });
}

describe('demo sign-ins (npm run demo)', () => {
  let graph: GraphExecutor;
  let api: TestApi;
  let dir: string;

  beforeAll(async () => {
    graph = testGraph();
    await resetGraph(graph);
    api = await startTestApi(graph, {}, { anonymous: true });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pvl-demo-'));
  });
  afterAll(async () => {
    await api?.close();
    await graph.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const signsIn = async (user: string, password: string) => {
    const res = await api.gql<{ login: { token: string } }>(LOGIN, { u: user, p: password });
    return res.errors === undefined && typeof res.data?.login.token === 'string';
  };

  it('generates a password per demo person, stores them 0600, prints them, and each signs in', async () => {
    const file = path.join(dir, 'sign-ins.json');
    const run = await seedDemo(file);
    expect(run).toMatchObject({ status: 0 });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
    expect(Object.keys(stored).sort()).toEqual(DEMO_SIGN_INS.map((s) => s.id).sort());
    for (const s of DEMO_SIGN_INS) {
      expect(run.out).toMatch(new RegExp(`^\\s+${s.id.replace('.', '\\.')}\\s+${stored[s.id]}\\s`, 'm'));
      expect(await signsIn(s.id, stored[s.id])).toBe(true);
      expect(await signsIn(s.id, `${stored[s.id]}x`)).toBe(false);
    }
    // Two demo databases never share a password.
    expect(new Set(Object.values(stored)).size).toBe(DEMO_SIGN_INS.length);
  }, 240_000);

  it('keeps the sign-ins on a reload, and sets new ones when the file is replaced', async () => {
    const file = path.join(dir, 'sign-ins.json');
    const before = fs.readFileSync(file, 'utf8');
    const again = await seedDemo(file);
    expect(again.status).toBe(0);
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
    expect(again.out).not.toMatch(/Set the sign-in passwords/);
    fs.rmSync(file);
    const fresh = await seedDemo(file);
    expect(fresh.status).toBe(0);
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
    expect(fresh.out).toMatch(/Set the sign-in passwords of demo\.author, demo\.safety, demo\.reviewer, demo\.qa/);
    for (const s of DEMO_SIGN_INS) expect(await signsIn(s.id, stored[s.id])).toBe(true);
  }, 240_000);

  it('refuses a sign-ins file that lacks a password, naming the file and the person', async () => {
    const file = path.join(dir, 'broken.json');
    fs.writeFileSync(file, JSON.stringify({ 'demo.author': 'long enough password' }), { mode: 0o600 });
    const run = await seedDemo(file);
    expect(run.status).toBe(1);
    expect(run.out).toContain(`${file} has no password for demo.safety`);
  }, 120_000);
});
