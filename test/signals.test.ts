import { Role } from '../src/domain/role';
import type { GraphExecutor } from '../src/graph/executor';
import { CatalogWriteRepository } from '../src/graph/repositories/catalogWriteRepository';
import { startTestApi, type TestApi } from './support/api';
import { resetGraph, testGraph } from './support/graph';
import { tokenWithRoles } from './support/identity';
import { RUN_A, RUN_B, auditActions, ingestFileStore, refusedWithoutWrites } from './support/reports';

const RECORD = `mutation($input: RecordSignalInput!) { recordSignal(input: $input) {
  id drug eventTerm prr ror chiSquare caseCount status detectedAt run { id } history { from to }
} }`;
const MOVE = `mutation($id: ID!, $to: SignalStatus!, $decision: String!, $rationale: String!) {
  transitionSignal(id: $id, to: $to, decision: $decision, rationale: $rationale) { id status }
}`;
const HISTORY = 'query($id: ID!) { signal(id: $id) { status history { from to at actorId actorName decision rationale } } }';

interface Step {
  from: string;
  to: string;
  at: string;
  actorId: string;
  actorName: string;
  decision: string;
  rationale: string;
}

/** Signal management (GVP Module IX): recording, the lifecycle and its refusals. */
describe('signals', () => {
  let graph: GraphExecutor;
  let api: TestApi;
  let scientist: string;
  let pipeline: string;
  let viewer: string;
  let store: string;
  const runNode = (runId: string) => `run:${store}:${runId}`;
  const record = (input: Record<string, unknown>, token = pipeline) => api.gql<{ recordSignal: Record<string, unknown> & { id: string } }>(RECORD, { input }, { token });
  const move = (id: string, to: string, decision = `${to} decided`, rationale = `evidence for ${to}`, token = scientist) =>
    api.gql<{ transitionSignal: { status: string } }>(MOVE, { id, to, decision, rationale }, { token });
  const history = async (id: string) => {
    const res = await api.gql<{ signal: { status: string; history: Step[] } }>(HISTORY, { id }, { token: viewer });
    expect(res.errors).toBeUndefined();
    return res.data!.signal;
  };
  const refused = (call: Parameters<typeof refusedWithoutWrites>[1]) => refusedWithoutWrites(graph, call);
  const signal = { drug: 'semaglutide', drugCode: 'A10BJ06', eventTerm: 'Pancreatitis acute', meddraCode: '10033647', meddraVersion: '27.0', prr: 3.1, ror: 3.4, chiSquare: 12.5, caseCount: 41 };

  beforeAll(async () => {
    graph = testGraph();
    await resetGraph(graph);
    [store] = await ingestFileStore(graph);
    api = await startTestApi(graph);
    [scientist, pipeline, viewer] = await Promise.all([[Role.SCIENTIST], [Role.PIPELINE], [Role.VIEWER]].map(tokenWithRoles));
  });
  afterAll(async () => {
    await api.close();
    await graph.close();
  });

  it('records a DETECTED signal with its statistics, linked from the run that detected it (a bare MLflow id)', async () => {
    const res = await record({ signalId: 'SIG-T-1', ...signal, detectedByRun: RUN_A, reason: 'weekly PRR screen' });
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordSignal).toMatchObject({ id: 'signal:SIG-T-1', drug: 'semaglutide', prr: 3.1, caseCount: 41, status: 'DETECTED', run: { id: runNode(RUN_A) }, history: [] });
    const [edge] = await graph.query('t.p', 'MATCH (r:Run)-[:PRODUCED]->(:Signal {id: "signal:SIG-T-1"}) RETURN r.id AS id');
    expect(edge.id).toBe(runNode(RUN_A));
    expect(await auditActions(graph, 'signal:SIG-T-1')).toEqual([{ action: 'SIGNAL_RECORDED', entityVersion: null, reason: 'weekly PRR screen', category: 'CHANGE' }]);
  });

  it.each([
    ['an unknown run', { detectedByRun: 'run:nowhere:x' }, 'NOT_FOUND'],
    ['a negative PRR', { prr: -1, detectedByRun: RUN_A }, 'BAD_USER_INPUT'],
    ['no drug', { drug: ' ', detectedByRun: RUN_A }, 'BAD_USER_INPUT'],
    ['an id in use', { signalId: 'SIG-T-1', detectedByRun: RUN_A }, 'CONFLICT'],
  ])('refuses %s, writing nothing', async (_name, patch, code) => {
    expect(await refused(() => record({ ...signal, ...patch }))).toMatchObject({ code });
  });

  it('moves a signal DETECTED → VALIDATED → PRIORITISED → ASSESSED → CLOSED, recording each step', async () => {
    const id = 'signal:SIG-T-1';
    for (const to of ['VALIDATED', 'PRIORITISED', 'ASSESSED', 'CLOSED']) {
      const res = await move(id, to);
      expect(res.errors).toBeUndefined();
      expect(res.data!.transitionSignal.status).toBe(to);
    }
    const s = await history(id);
    expect(s.status).toBe('CLOSED');
    expect(s.history.map((h) => [h.from, h.to])).toEqual([
      ['DETECTED', 'VALIDATED'],
      ['VALIDATED', 'PRIORITISED'],
      ['PRIORITISED', 'ASSESSED'],
      ['ASSESSED', 'CLOSED'],
    ]);
    expect(s.history[0]).toMatchObject({ decision: 'VALIDATED decided', rationale: 'evidence for VALIDATED', actorName: expect.stringMatching(/^Test /) });
    const times = s.history.map((h) => Date.parse(h.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    const audit = await auditActions(graph, id);
    expect(audit.slice(1).map((e) => [e.action, e.entityVersion, e.reason])).toEqual([
      ['SIGNAL_TRANSITIONED', '1', 'evidence for VALIDATED'],
      ['SIGNAL_TRANSITIONED', '2', 'evidence for PRIORITISED'],
      ['SIGNAL_TRANSITIONED', '3', 'evidence for ASSESSED'],
      ['SIGNAL_TRANSITIONED', '4', 'evidence for CLOSED'],
    ]);
  });

  it('is never reset by a catalogue import of the same signal', async () => {
    await graph.write('t.import', (tx) =>
      new CatalogWriteRepository().writeSignals(tx, [
        { signalId: 'SIG-T-1', drug: 'imported', drugCode: null, eventTerm: 'x', meddraCode: null, meddraVersion: null, prr: null, ror: null, chiSquare: null, caseCount: null, status: 'DETECTED', detectedAt: null, runId: null },
      ]),
    );
    expect(await history('signal:SIG-T-1')).toMatchObject({ status: 'CLOSED' });
    const [s] = await graph.query('t.s', 'MATCH (s:Signal {id: "signal:SIG-T-1"}) RETURN s.drug AS drug');
    expect(s.drug).toBe('semaglutide');
  });

  it('keeps a NOT_VALIDATED signal, which can move no further', async () => {
    const created = await record({ signalId: 'SIG-T-2', ...signal, detectedByRun: runNode(RUN_B) });
    expect(created.errors).toBeUndefined();
    expect((await move('signal:SIG-T-2', 'NOT_VALIDATED', 'Not validated', 'known labelled reaction')).errors).toBeUndefined();
    const ext = await refused(() => move('signal:SIG-T-2', 'PRIORITISED'));
    expect(ext).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'to', from: 'NOT_VALIDATED', to: 'PRIORITISED', allowed: [] });
    expect(await history('signal:SIG-T-2')).toMatchObject({ status: 'NOT_VALIDATED', history: [{ from: 'DETECTED', to: 'NOT_VALIDATED', rationale: 'known labelled reaction' }] });
  });

  it.each([
    ['skips a stage', 'DETECTED', 'ASSESSED'],
    ['goes backwards', 'DETECTED', 'DETECTED'],
  ])('refuses a transition that %s with BAD_USER_INPUT naming from and to, writing nothing', async (_name, from, to) => {
    const created = await record({ ...signal, detectedByRun: RUN_A });
    const ext = await refused(() => move(created.data!.recordSignal.id, to));
    expect(ext).toMatchObject({ code: 'BAD_USER_INPUT', from, to });
  });

  it('refuses a transition without a rationale, writing nothing', async () => {
    const created = await record({ ...signal, detectedByRun: RUN_A });
    const ext = await refused(() => move(created.data!.recordSignal.id, 'VALIDATED', 'Validated', ' '));
    expect(ext).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'rationale' });
  });

  it('lets only one of two simultaneous transitions from the same stage through', async () => {
    const created = await record({ ...signal, detectedByRun: RUN_A });
    const id = created.data!.recordSignal.id;
    const [a, b] = await Promise.all([move(id, 'VALIDATED'), move(id, 'NOT_VALIDATED')]);
    expect([a, b].filter((r) => !r.errors)).toHaveLength(1);
    expect([a, b].find((r) => r.errors)!.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect((await history(id)).history).toHaveLength(1);
  });

  it('leaves transitions to SCIENTIST and recording to SCIENTIST and PIPELINE', async () => {
    const created = await record({ ...signal, detectedByRun: RUN_A }, scientist);
    expect(created.errors).toBeUndefined();
    expect(await refused(() => move(created.data!.recordSignal.id, 'VALIDATED', 'v', 'r', pipeline))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refused(() => record({ ...signal, detectedByRun: RUN_A }, viewer))).toMatchObject({ code: 'FORBIDDEN' });
  });
});
