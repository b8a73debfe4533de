import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Role } from '../src/domain/role';
import type { GraphExecutor } from '../src/graph/executor';
import { startTestApi, type TestApi } from './support/api';
import { countGraph, resetGraph, testGraph } from './support/graph';
import { tokenWithRoles } from './support/identity';
import { awaitIngestion } from './support/ingestion';
import { grantStoreWrite } from './support/stores';
import { readExpected } from './support/mlflowExpected';

const FIXTURE = path.resolve(__dirname, '..', 'demo/mlflow/filestore');
const SECRET = 'db_password=hunter2-7f3a';

const REGISTER = 'mutation($uri: String!) { registerTrackingStore(input: { uri: $uri, label: "test", reason: "test" }) { id uri registration { label registeredBy retiredAt } } }';
const INGEST_ID = 'mutation($storeId: ID) { ingestMlflow(storeId: $storeId) { id } }';

interface Skipped {
  readonly kind: string;
  readonly where: string;
  readonly reason: string;
}

/** `Ingestion.skipped` lines read `<kind> <where>: <reason>`; the paths these tests make hold no ": ". */
function parseSkipped(line: string): Skipped {
  const space = line.indexOf(' ');
  const colon = line.indexOf(': ', space);
  return { kind: line.slice(0, space), where: line.slice(space + 1, colon), reason: line.slice(colon + 2) };
}
const INGEST_URI = 'mutation($uri: String) { ingestMlflow(uri: $uri) { status } }';

interface Listener {
  readonly server: Server;
  readonly port: number;
  readonly hits: string[];
}

function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Listener> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    handler(req, res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as AddressInfo).port, hits })));
}

/** Each ingestion adds its own record and audit events; these counts leave that bookkeeping out. */
const BOOKKEEPING = ['Ingestion', 'AuditEvent', 'AuditCheckpoint', 'Actor'];
async function catalogCounts(graph: GraphExecutor): Promise<{ nodes: number; relationships: number }> {
  const [row] = await graph.query(
    'test.catalogCount',
    `CALL () { MATCH (n) WHERE none(l IN labels(n) WHERE l IN $skip) RETURN count(n) AS nodes }
     CALL () { MATCH (a)-[r]->(b) WHERE none(l IN labels(a) + labels(b) WHERE l IN $skip) RETURN count(r) AS relationships }
     RETURN nodes, relationships`,
    { skip: BOOKKEEPING },
  );
  return { nodes: row.nodes as number, relationships: row.relationships as number };
}

/** 127.0.0.1 written as one decimal number, which WHATWG URL parsing turns back into 127.0.0.1. */
const DECIMAL_LOOPBACK = String((127 << 24) + 1);

describe('ingestion reads only registered stores inside the allow-lists (issue 16 findings 1–4)', () => {
  let graph: GraphExecutor;
  let api: TestApi;
  let admin: string;
  let pipeline: string;
  let viewer: string;
  let tmp: string;
  let allowed: string;
  let outside: string;
  let unlisted: Listener;
  let listed: Listener;

  const counts = () => countGraph(graph);
  /** Registers as `token`; a store that registers, the pipeline may write to (grantStoreWrite). */
  const register = async (uri: string, token = admin) => {
    const res = await api.gql<{ registerTrackingStore: { id: string } }>(REGISTER, { uri }, { token });
    if (res.data) await grantStoreWrite(api, res.data.registerTrackingStore.id, { token: pipeline });
    return res;
  };
  /** Starts an ingestion and, when it started, waits for its end: the answer keeps the mutation's errors. */
  const ingest = async (storeId: string | null) => {
    const res = await api.gql<{ ingestMlflow: { id: string } }>(INGEST_ID, { storeId }, { token: pipeline });
    if (res.errors) return { errors: res.errors, data: undefined };
    const done = await awaitIngestion(api, res.data!.ingestMlflow.id, { token: pipeline });
    return { errors: undefined, data: { ingestMlflow: { ...done, skipped: done.skipped.map(parseSkipped) } } };
  };

  beforeAll(async () => {
    graph = testGraph();
    await resetGraph(graph);
    tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pvl-stores-')));
    allowed = path.join(tmp, 'allowed');
    outside = path.join(tmp, 'outside');
    fs.mkdirSync(allowed);
    fs.mkdirSync(outside);
    unlisted = await listen((_req, res) => res.end(JSON.stringify({ experiments: [], secret: SECRET })));
    listed = await listen((req, res) => {
      if (req.url?.startsWith('/api/2.0/mlflow/experiments/search') && !req.url.includes('fail')) {
        res.writeHead(302, { location: `http://127.0.0.1:${unlisted.port}${req.url}` });
        res.end();
        return;
      }
      res.statusCode = 500;
      res.end(SECRET);
    });
    api = await startTestApi(graph, { PVL_INGEST_ROOTS: allowed, PVL_INGEST_ORIGINS: `http://127.0.0.1:${listed.port}` });
    [admin, pipeline, viewer] = await Promise.all([[Role.ADMIN], [Role.PIPELINE], [Role.VIEWER]].map(tokenWithRoles));
  });

  afterAll(async () => {
    await api.close();
    await graph.close();
    await new Promise((r) => unlisted.server.close(r));
    await new Promise((r) => listed.server.close(r));
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('answers FORBIDDEN for any location sent to ingestMlflow, and reads nothing', async () => {
    const before = await counts();
    for (const uri of ['file:///etc', '/root', '../../../../etc', `sqlite:///${path.join(allowed, 'x.db')}`, `http://127.0.0.1:${unlisted.port}`, allowed]) {
      const res = await api.gql(INGEST_URI, { uri }, { token: pipeline });
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', argument: 'uri' });
    }
    expect(unlisted.hits).toEqual([]);
    expect(await counts()).toEqual(before);
  });

  it('finding 1: refuses to register /etc, /root, ../../../../etc and a link out of the allowed folder (FORBIDDEN, nothing written)', async () => {
    fs.symlinkSync('/etc', path.join(allowed, 'etc-link'));
    const before = await counts();
    for (const uri of ['file:///etc', '/root', '../../../../etc', `${allowed}/../../../../etc`, `file://${allowed}/etc-link`, path.join(allowed, 'etc-link', 'ssl')]) {
      const res = await register(uri);
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', argument: 'input.uri', rule: 'PVL_INGEST_ROOTS' });
      expect(res.errors?.[0].message).not.toMatch(/passwd|shadow|hosts/);
    }
    expect(await counts()).toEqual(before);
  });

  it('finding 2: an SQLite file outside the folder is FORBIDDEN; inside it, a foreign database and a non-database get one message naming no table', async () => {
    const foreignOutside = path.join(outside, 'hr.db');
    const make = (file: string) => {
      const db = new Database(file);
      db.exec('CREATE TABLE api_keys (k TEXT); CREATE TABLE employees_salaries (n TEXT); CREATE TABLE patient_case_reports (r TEXT)');
      db.close();
    };
    make(foreignOutside);
    let before = await counts();
    const refused = await register(`sqlite:///${foreignOutside}`);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await counts()).toEqual(before);

    const foreign = path.join(allowed, 'foreign.db');
    const notDb = path.join(allowed, 'notes.db');
    make(foreign);
    fs.writeFileSync(notDb, 'not a database at all\n');
    const messages: string[] = [];
    for (const file of [foreign, notDb]) {
      const reg = await register(`sqlite:///${file}`);
      expect(reg.errors).toBeUndefined();
      before = await counts();
      const res = await ingest(reg.data!.registerTrackingStore.id);
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'uri' });
      messages.push(res.errors![0].message.replace(file, '<file>'));
      expect(await counts()).toEqual(before);
    }
    expect(messages[0]).toBe(messages[1]);
    expect(messages[0]).not.toMatch(/api_keys|employees_salaries|patient_case_reports/);
  });

  it('finding 3: no request reaches an unlisted origin, however the address is written, and a redirect to one is not followed', async () => {
    const before = await counts();
    const forms = [
      [`http://127.0.0.1:${unlisted.port}`, 'FORBIDDEN'],
      [`http://${DECIMAL_LOOPBACK}:${unlisted.port}/`, 'FORBIDDEN'],
      [`http://0x7f.1:${unlisted.port}`, 'FORBIDDEN'],
      [`http://localhost:${listed.port}`, 'FORBIDDEN'],
      [`http://127.0.0.1:${listed.port}@127.0.0.1:${unlisted.port}`, 'BAD_USER_INPUT'],
      [`http://user:pw@127.0.0.1:${listed.port}`, 'BAD_USER_INPUT'],
    ] as const;
    for (const [uri, code] of forms) {
      const res = await register(uri);
      expect(res.errors?.[0].extensions).toMatchObject({ code, argument: 'input.uri' });
    }
    expect(await counts()).toEqual(before);

    // The listed origin, spelt as a decimal number, is the same origin.
    const reg = await register(`http://${DECIMAL_LOOPBACK}:${listed.port}`);
    expect(reg.errors).toBeUndefined();
    expect((await register(`http://127.0.0.1:${listed.port}/`)).errors?.[0].extensions?.code).toBe('CONFLICT');
    const afterRegister = await counts();
    const res = await ingest(reg.data!.registerTrackingStore.id);
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toMatch(/redirected to another origin; not followed/);
    expect(res.errors?.[0].message).not.toContain(String(unlisted.port));
    expect(listed.hits.length).toBeGreaterThan(0);
    expect(unlisted.hits).toEqual([]);
    expect(await counts()).toEqual(afterRegister);
  });

  it('finding 3: an error answer from a listed server is named by status, never by its body', async () => {
    const reg = await register(`http://127.0.0.1:${listed.port}/fail`);
    expect(reg.errors).toBeUndefined();
    const before = await counts();
    const res = await ingest(reg.data!.registerTrackingStore.id);
    expect(res.errors?.[0].message).toMatch(/answered HTTP 500$/);
    expect(JSON.stringify(res)).not.toContain('hunter2');
    expect(await counts()).toEqual(before);
  });

  it('finding 4: links out of a file store, a linked side file and a FIFO meta.yaml are skipped by path and rule; nothing of theirs is read', async () => {
    const base = path.join(allowed, 'filestore');
    fs.cpSync(FIXTURE, base, { recursive: true });
    const mlruns = path.join(base, 'mlruns');
    const reg = await register(mlruns);
    expect(reg.errors).toBeUndefined();
    const storeId = reg.data!.registerTrackingStore.id;
    const clean = await ingest(storeId);
    expect(clean.errors).toBeUndefined();
    expect(clean.data?.ingestMlflow.status).toBe('COMPLETED');
    const before = await catalogCounts(graph);

    fs.mkdirSync(path.join(outside, 'secrets'));
    fs.writeFileSync(path.join(outside, 'secrets', 'db_password'), SECRET);
    fs.writeFileSync(path.join(outside, 'passwd'), `${SECRET}\nroot:x:0:0:root:/root:/bin/bash\n`);
    const expected = readExpected(path.join(FIXTURE, 'expected.json'));
    const [leaky, frozen] = expected.runs.filter((r) => r.lifecycle_stage === 'active');
    const find = (runId: string) => fs.readdirSync(mlruns).map((e) => path.join(mlruns, e, runId)).find((p) => fs.existsSync(p)) as string;
    const paramLink = path.join(find(leaky.run_id), 'params', 'leak');
    fs.symlinkSync(path.join(outside, 'secrets'), paramLink);
    const summaries = path.join(base, 'results', 'run_summaries.jsonl');
    fs.rmSync(summaries, { force: true });
    fs.mkdirSync(path.dirname(summaries), { recursive: true });
    fs.symlinkSync(path.join(outside, 'passwd'), summaries);
    const fifo = path.join(find(frozen.run_id), 'meta.yaml');
    fs.rmSync(fifo);
    execFileSync('mkfifo', [fifo]);

    const res = await ingest(storeId);
    expect(res.errors).toBeUndefined();
    const summary = res.data!.ingestMlflow;
    expect(summary.status).toBe('COMPLETED');
    const skippedAt = (where: string) => summary.skipped.find((s) => s.where === where);
    expect(skippedAt(paramLink)?.reason).toMatch(/outside the store/);
    expect(skippedAt(summaries)?.reason).toMatch(/outside the store/);
    expect(skippedAt(fifo)).toMatchObject({ kind: 'run', reason: expect.stringMatching(/FIFO/) });
    expect(JSON.stringify(summary)).not.toMatch(/hunter2|root:x/);

    // The skipped run keeps its node; the others are unchanged or lose only their summary line.
    expect(await catalogCounts(graph)).toEqual(before);
    const everything = await graph.query('test.all', 'MATCH (n) RETURN n{.*} AS p');
    expect(JSON.stringify(everything)).not.toMatch(/hunter2|root:x/);
    const asViewer = await api.gql<{ ingestions: { skipped: string[] }[] }>('{ ingestions(last: 1) { skipped } }', undefined, { token: viewer });
    expect(asViewer.data?.ingestions[0].skipped.some((s) => s.includes(paramLink))).toBe(true);
    expect(JSON.stringify(asViewer)).not.toMatch(/hunter2|root:x/);
  });
});

describe('registering and retiring stores: roles, audit and bad input', () => {
  let graph: GraphExecutor;
  let api: TestApi;
  let admin: string;
  let pipeline: string;
  let tmp: string;

  beforeAll(async () => {
    graph = testGraph();
    await resetGraph(graph);
    tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pvl-reg-')));
    fs.cpSync(path.join(FIXTURE, 'mlruns'), path.join(tmp, 'mlruns'), { recursive: true });
    api = await startTestApi(graph, { PVL_INGEST_ROOTS: tmp });
    [admin, pipeline] = await Promise.all([[Role.ADMIN], [Role.PIPELINE]].map(tokenWithRoles));
  });
  afterAll(async () => {
    await api.close();
    await graph.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('answers coded errors naming the field, and writes nothing', async () => {
    const before = await countGraph(graph);
    const reg = (input: Record<string, string>, token = admin) => api.gql('mutation($input: RegisterTrackingStoreInput!) { registerTrackingStore(input: $input) { id } }', { input }, { token });
    const uri = path.join(tmp, 'mlruns');
    const cases: [Record<string, string>, string, string][] = [
      [{ uri: 'ftp://host/mlruns', label: 'x', reason: 'y' }, 'BAD_USER_INPUT', 'input.uri'],
      [{ uri: 'sqlite:relative.db', label: 'x', reason: 'y' }, 'BAD_USER_INPUT', 'input.uri'],
      [{ uri: 'http://[::1', label: 'x', reason: 'y' }, 'BAD_USER_INPUT', 'input.uri'],
      [{ uri: '', label: 'x', reason: 'y' }, 'BAD_USER_INPUT', 'input.uri'],
      [{ uri, label: ' ', reason: 'y' }, 'BAD_USER_INPUT', 'input.label'],
      [{ uri, label: 'x', reason: '' }, 'BAD_USER_INPUT', 'input.reason'],
    ];
    for (const [input, code, argument] of cases) {
      const res = await reg(input);
      expect(res.errors?.[0].extensions).toMatchObject({ code, argument });
      expect(res.errors?.[0].message).toContain(argument);
    }
    expect((await reg({ uri, label: 'x', reason: 'y' }, pipeline)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const ingest = (storeId: unknown) => api.gql('mutation($storeId: ID) { ingestMlflow(storeId: $storeId) { status } }', { storeId }, { token: pipeline });
    expect((await ingest(null)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'storeId' });
    expect((await ingest('run:abc:def')).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'storeId' });
    expect((await ingest('store:000000000000')).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(await countGraph(graph)).toEqual(before);
  });

  it('registers with an audit event, ingests by id, and refuses a retired store with CONFLICT', async () => {
    const uri = path.join(tmp, 'mlruns');
    const res = await api.gql<{ registerTrackingStore: { id: string; registration: { label: string; registeredBy: string } } }>(
      'mutation($uri: String!) { registerTrackingStore(input: { uri: $uri, label: "Fixture store", reason: "Pipeline P-7 goes live" }) { id registration { label registeredBy } } }',
      { uri },
      { token: admin },
    );
    expect(res.errors).toBeUndefined();
    const id = res.data!.registerTrackingStore.id;
    await grantStoreWrite(api, id, { token: pipeline });
    expect(res.data!.registerTrackingStore.registration.label).toBe('Fixture store');
    const [event] = await graph.query('test.event', 'MATCH (e:AuditEvent {action: "STORE_REGISTERED", entityId: $id}) RETURN e.reason AS reason', { id });
    expect(event.reason).toBe('Pipeline P-7 goes live');
    const ingest = () => api.gql<{ ingestMlflow: { id: string } }>('mutation($id: ID!) { ingestMlflow(storeId: $id) { id } }', { id }, { token: pipeline });
    const started = await ingest();
    expect(started.errors).toBeUndefined();
    expect((await awaitIngestion(api, started.data!.ingestMlflow.id, { token: pipeline })).status).toBe('COMPLETED');
    // The ingest's own upsert of the store keeps its registration.
    const [kept] = await graph.query('test.kept', 'MATCH (s:TrackingStore {id: $id}) RETURN s.label AS label', { id });
    expect(kept.label).toBe('Fixture store');

    const retired = await api.gql('mutation($id: ID!) { retireTrackingStore(id: $id, reason: "Pipeline P-7 replaced") { registration { retiredAt } } }', { id }, { token: admin });
    expect(retired.errors).toBeUndefined();
    const before = await countGraph(graph);
    const refused = await ingest();
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', argument: 'storeId' });
    expect(await countGraph(graph)).toEqual(before);
    const [retiredEvent] = await graph.query('test.event', 'MATCH (e:AuditEvent {action: "STORE_RETIRED", entityId: $id}) RETURN count(e) AS n', { id });
    expect(retiredEvent.n).toBe(1);
  });
});
