import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Role } from '../src/domain/role';
import type { GraphExecutor } from '../src/graph/executor';
import { testRoot } from './support/composition';
import { countGraph, resetGraph, testGraph } from './support/graph';
import { testNeo4jConfig } from './support/env';
import { DEMO_STORES_ROOT } from './support/stores';

const ADMIN = join(__dirname, '..', 'dist', 'src', 'cli', 'admin.js');

/** `npm run admin -- store add|list|retire`, compiled, as an operator runs it. */
describe('admin CLI: tracking stores', () => {
  let graph: GraphExecutor;
  beforeAll(async () => {
    graph = testGraph();
    await resetGraph(graph);
    // As every process does at start; the CLI's own start-up then finds its migrations recorded.
    await testRoot(graph).prepare();
  });
  afterAll(async () => {
    await graph.close();
  });

  const admin = (args: string[]) => {
    const neo = testNeo4jConfig();
    return spawnSync(process.execPath, [ADMIN, 'store', ...args], {
      env: { PATH: process.env.PATH, NEO4J_URI: neo.uri, NEO4J_USER: neo.user, NEO4J_PASSWORD: neo.password, PVL_INGEST_ROOTS: DEMO_STORES_ROOT },
      encoding: 'utf8',
      input: '',
    });
  };

  it('adds within PVL_INGEST_ROOTS, refuses outside it writing nothing, lists and retires, each audited', async () => {
    const before = await countGraph(graph);
    const refused = admin(['add', '--uri', '/etc', '--label', 'etc', '--reason', 'no']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/PVL_INGEST_ROOTS/);
    expect(await countGraph(graph)).toEqual(before);

    const added = admin(['add', '--uri', `sqlite:///${DEMO_STORES_ROOT}/sqlite/mlflow.db`, '--label', 'Demo SQLite', '--reason', 'Demo pipeline']);
    expect(added.stderr).toBe('');
    expect(added.status).toBe(0);
    const id = added.stdout.split('\t')[0];
    expect(id).toMatch(/^store:[0-9a-f]{12}$/);
    expect(admin(['list']).stdout).toContain(`${id}\tSQLITE\tactive`);
    expect(admin(['retire', '--id', id, '--reason', 'Replaced']).status).toBe(0);
    expect(admin(['list']).stdout).not.toContain(id);
    expect(admin(['list', '--all']).stdout).toMatch(new RegExp(`${id}\\tSQLITE\\tretired `));
    const events = await graph.query('t.e', 'MATCH (e:AuditEvent {entityId: $id}) RETURN e.action AS action, e.reason AS reason ORDER BY e.seq', { id });
    expect(events).toEqual([{ action: 'STORE_REGISTERED', reason: 'Demo pipeline' }, { action: 'STORE_RETIRED', reason: 'Replaced' }]);
  });

  it('grants a PIPELINE account write access, lists its writers and revokes, each audited; refuses other accounts', async () => {
    const root = testRoot(graph);
    await root.identity.createAccount({ id: 'test.setup', address: null }, { id: 'etl', displayName: 'Nightly ETL', kind: 'SERVICE', roles: [Role.PIPELINE], password: null });
    await root.identity.createAccount({ id: 'test.setup', address: null }, { id: 'reader', displayName: 'Reader', kind: 'SERVICE', roles: [Role.VIEWER], password: null });
    await root.close();
    const added = admin(['add', '--uri', `${DEMO_STORES_ROOT}/filestore/mlruns`, '--label', 'Demo files', '--reason', 'Demo pipeline']);
    const id = added.stdout.split('\t')[0];
    const granted = admin(['grant', '--id', id, '--user', 'etl', '--reason', 'ETL feeds it']);
    expect(granted.stderr).toBe('');
    expect(granted.stdout).toContain(id);
    expect(admin(['writers', '--id', id]).stdout).toMatch(/^etl\tsince \S+\tgranted by cli:\S+\tETL feeds it\n$/);
    const refused = admin(['grant', '--id', id, '--user', 'reader', '--reason', 'no']);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/holds no PIPELINE role/);
    expect(admin(['revoke', '--id', id, '--user', 'etl', '--reason', 'ETL moved']).status).toBe(0);
    expect(admin(['writers', '--id', id]).stdout).toBe('');
    const events = await graph.query('t.g', "MATCH (e:AuditEvent {entityId: $id}) WHERE e.action STARTS WITH 'STORE_WRITE' RETURN e.action AS action, e.reason AS reason ORDER BY e.seq", { id });
    expect(events).toEqual([{ action: 'STORE_WRITE_GRANTED', reason: 'ETL feeds it' }, { action: 'STORE_WRITE_REVOKED', reason: 'ETL moved' }]);
  });
});
