import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { hashToken } from '../src/domain/identity/token';
import type { GraphExecutor } from '../src/graph/executor';
import { resetGraph, testGraph } from './support/graph';
import { testNeo4jConfig } from './support/env';

const ADMIN = join(__dirname, '..', 'dist', 'src', 'cli', 'admin.js');

/** The compiled admin CLI as users run it (`npm run admin -- …` runs this file). */
describe('admin CLI', () => {
  let graph: GraphExecutor;
  beforeAll(async () => {
    graph = testGraph();
    await resetGraph(graph);
  });
  afterAll(async () => {
    await graph.close();
  });

  const admin = (args: string[], password?: string) => {
    const neo = testNeo4jConfig();
    return spawnSync(process.execPath, [ADMIN, ...args], {
      env: { PATH: process.env.PATH, NEO4J_URI: neo.uri, NEO4J_USER: neo.user, NEO4J_PASSWORD: neo.password, ...(password ? { PVL_ADMIN_PASSWORD: password } : {}) },
      encoding: 'utf8',
      input: '',
    });
  };

  it('bootstraps the first ADMIN once, with the password from PVL_ADMIN_PASSWORD, stored only hashed', async () => {
    const first = admin(['bootstrap', '--user', 'boot.admin', '--name', 'Boot Admin'], 'cli bootstrap passphrase');
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    const [u] = await graph.query('t.u', 'MATCH (u:User {id: "boot.admin"}) RETURN u.roles AS roles, u.passwordHash AS h');
    expect(u.roles).toEqual(['ADMIN']);
    expect(String(u.h)).not.toContain('cli bootstrap passphrase');
    const second = admin(['bootstrap', '--user', 'boot.two', '--name', 'Two'], 'cli bootstrap passphrase');
    expect(second.status).toBe(2);
    expect(second.stderr).toMatch(/ADMIN already exists/);
  });

  it('creates a service account and prints a token once, which is stored as its SHA-256', async () => {
    expect(admin(['user', 'create', '--user', 'etl.cli', '--name', 'ETL', '--roles', 'PIPELINE', '--service']).status).toBe(0);
    const res = admin(['token', 'create', '--user', 'etl.cli', '--expires', '3']);
    expect(res.status).toBe(0);
    const token = res.stdout.trim();
    expect(token).toMatch(/^pvl_[A-Za-z0-9_-]{43}$/);
    const [t] = await graph.query('t.t', 'MATCH (t:ApiToken)-[:ISSUED_TO]->(:User {id: "etl.cli"}) RETURN t.hash AS hash, t.id AS id, t.expiresAt AS exp, t.createdAt AS created');
    expect(t.hash).toBe(hashToken(token));
    expect(Date.parse(String(t.exp)) - Date.parse(String(t.created))).toBe(3 * 86_400_000);
    const listed = admin(['token', 'list', '--user', 'etl.cli']);
    expect(listed.stdout).toContain(String(t.id));
    expect(listed.stdout).not.toContain(token);
    expect(admin(['token', 'revoke', '--token', String(t.id)]).status).toBe(0);
    const [after] = await graph.query('t.r', 'MATCH (t:ApiToken {id: $id}) RETURN t.revokedAt IS NOT NULL AS revoked', { id: t.id });
    expect(after.revoked).toBe(true);
  });

  it('names what was wrong and exits non-zero on bad input', () => {
    const bad = admin(['user', 'create', '--user', 'Bad Id', '--name', 'x', '--roles', 'VIEWER'], 'a fine passphrase 1');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/not a valid user id/);
    const role = admin(['user', 'roles', '--user', 'etl.cli', '--roles', 'GOD']);
    expect(role.status).not.toBe(0);
    expect(role.stderr).toMatch(/"GOD" is not one of/);
  });

  it('refuses ADMIN beside a signing role, at creation and as a grant, and lists accounts that already mix them', async () => {
    const created = admin(['user', 'create', '--user', 'mixed.cli', '--name', 'Mixed Duties', '--roles', 'ADMIN,QA'], 'violet harbour lantern 9');
    expect(created.status).toBe(2);
    expect(created.stderr).toMatch(/ADMIN_NEVER_SIGNS/);
    expect(admin(['user', 'create', '--user', 'rev.cli', '--name', 'Rev Iewer', '--roles', 'REVIEWER'], 'violet harbour lantern 9').status).toBe(0);
    const granted = admin(['user', 'roles', '--user', 'rev.cli', '--roles', 'REVIEWER,ADMIN']);
    expect(granted.status).toBe(2);
    expect(granted.stderr).toMatch(/cannot also hold REVIEWER.*ADMIN_NEVER_SIGNS/);
    const weak = admin(['user', 'create', '--user', 'weak.cli', '--name', 'Weak Pass', '--roles', 'VIEWER'], 'Password1234');
    expect(weak.status).toBe(2);
    expect(weak.stderr).toMatch(/too easy to guess/);

    await graph.write('t.mix', (tx) => tx.run('MATCH (u:User {id: "rev.cli"}) SET u.roles = ["ADMIN", "REVIEWER"]'));
    const listed = admin(['user', 'conflicts']);
    expect(listed.status).toBe(0);
    expect(listed.stdout).toMatch(/^rev\.cli\t.*ADMIN_NEVER_SIGNS: ADMIN with REVIEWER$/m);
    const [e] = await graph.query('t.e', "MATCH (e:AuditEvent {action: 'DUTY_CONFLICT', entityId: 'rev.cli'}) RETURN count(e) AS n");
    expect(e.n).toBe(1);
  });
});
