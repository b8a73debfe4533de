import path from 'node:path';
import type { GraphExecutor, Row } from '../src/graph/executor';
import { CatalogWriteRepository } from '../src/graph/repositories/catalogWriteRepository';
import { seedDemoFromFixtures } from '../src/services/ingest/demoFixtures';
import { buildScenario } from '../scripts/bench/scenario/pvScenario';
import { seedScenario } from '../scripts/bench/scenario/seedScenario';
import { countGraph, resetGraph, testGraph } from './support/graph';
import { testRoot } from './support/composition';

type Event = { id: string; action: string; actorId: string; actorRole: string | null; reason: string | null; oldValue: Row | null; newValue: Row | null };

async function auditOf(graph: GraphExecutor, entityType: string): Promise<Event[]> {
  const rows = await graph.query(
    'test.demoEvents',
    `MATCH (e:AuditEvent {entityType: $entityType})
     RETURN e.entityId AS id, e.action AS action, e.actorId AS actorId, e.actorRole AS actorRole, e.oldValue AS oldValue, e.newValue AS newValue, e.reason AS reason ORDER BY e.seq`,
    { entityType },
  );
  return rows.map((e) => ({
    id: String(e.id),
    action: String(e.action),
    actorId: String(e.actorId),
    actorRole: e.actorRole as string | null,
    reason: e.reason as string | null,
    oldValue: e.oldValue ? (JSON.parse(String(e.oldValue)) as Row) : null,
    newValue: e.newValue ? (JSON.parse(String(e.newValue)) as Row) : null,
  }));
}

/**
 * Every signal was recorded (SIGNAL_RECORDED by a pipeline) and reached its status by audited
 * lifecycle steps: its history is the SIGNAL_TRANSITIONED events, one each, decided by a
 * scientist who is not the recorder. Returns the signals' statuses.
 */
async function expectSignalsThroughLifecycle(graph: GraphExecutor, requireHistory: boolean): Promise<Map<string, string>> {
  const signals = await graph.query('test.demoSignals', 'MATCH (s:Signal) RETURN s.id AS id, s.status AS status ORDER BY s.id');
  expect(signals.length).toBeGreaterThan(0);
  const histories = await testRoot(graph).repos.signalWrites.historyOf(signals.map((s) => String(s.id)));
  const events = await auditOf(graph, 'Signal');
  const ids = new Set(signals.map((s) => s.id));
  expect(events.every((e) => ids.has(e.id))).toBe(true);
  signals.forEach((s, i) => {
    const history = histories[i];
    if (requireHistory || s.status !== 'DETECTED') expect(history.length).toBeGreaterThan(0);
    expect(s.status).toBe(history.length > 0 ? history[history.length - 1].to : 'DETECTED');
    const mine = events.filter((e) => e.id === s.id);
    const recorded = mine.filter((e) => e.action === 'SIGNAL_RECORDED');
    expect(recorded).toHaveLength(1);
    expect(recorded[0].actorRole).toBe('PIPELINE');
    const moves = mine.filter((e) => e.action === 'SIGNAL_TRANSITIONED');
    expect(moves.map((e) => ({ from: e.oldValue?.status, to: e.newValue?.status, decision: e.newValue?.decision, rationale: e.reason, actorId: e.actorId }))).toEqual(
      history.map((h) => ({ from: h.from, to: h.to, decision: h.decision, rationale: h.rationale, actorId: h.actorId })),
    );
    for (const m of moves) {
      expect(m.actorRole).toBe('SCIENTIST');
      expect(m.actorId).not.toBe(recorded[0].actorId);
    }
  });
  return new Map(signals.map((s) => [String(s.id), String(s.status)]));
}

/** Every model version has exactly one event, MODEL_VERSION_REGISTERED, with the stage it has. */
async function expectVersionsRegistered(graph: GraphExecutor): Promise<Event[]> {
  const versions = await graph.query('test.demoVersions', 'MATCH (v:ModelVersion) RETURN v.id AS id, v.stage AS stage ORDER BY v.id');
  expect(versions.length).toBeGreaterThan(0);
  const events = await auditOf(graph, 'ModelVersion');
  for (const v of versions) {
    expect(events.filter((e) => e.id === v.id).map((e) => [e.action, e.newValue?.stage])).toEqual([['MODEL_VERSION_REGISTERED', v.stage]]);
  }
  return events;
}

describe('demo data', () => {
  let graph: GraphExecutor;
  beforeAll(() => {
    graph = testGraph();
  });
  afterAll(() => graph.close());

  it('is built the same way every time', () => {
    expect(buildScenario()).toEqual(buildScenario());
  });

  it('reloads idempotently: a second load leaves counts and properties unchanged', async () => {
    await resetGraph(graph);
    const scenario = buildScenario();
    await seedScenario(testRoot(graph), scenario);
    // Records are compared; the audit log rightly gains one SCENARIO_LOADED event per load.
    const snapshot = () =>
      graph.query('test.snapshot', 'MATCH (n) WHERE NOT n:SchemaMigration AND NOT n:AuditEvent AND NOT n:AuditLog RETURN n.id AS id, properties(n) AS p ORDER BY id');
    const loads = async () => (await graph.query('test.loads', "MATCH (e:AuditEvent {action: 'SCENARIO_LOADED'}) RETURN count(e) AS n"))[0].n;
    const before = { counts: await countGraph(graph), nodes: await snapshot() };
    expect(await loads()).toBe(1);
    await seedScenario(testRoot(graph), scenario);
    expect({ counts: await countGraph(graph), nodes: await snapshot() }).toEqual({ ...before, counts: { ...before.counts, nodes: before.counts.nodes + 1 } });
    expect(await loads()).toBe(2);
    const expectedRuns = scenario.stores.reduce((n, s) => n + s.runs.length, 0);
    const [row] = await graph.query('test.runs', 'MATCH (r:Run) RETURN count(r) AS n');
    expect(row.n).toBe(expectedRuns);
  });

  it('records the scenario\'s signals and takes them to their status through the lifecycle; each model version has its event', async () => {
    await resetGraph(graph);
    const scenario = buildScenario();
    await seedScenario(testRoot(graph), scenario);
    const statuses = await expectSignalsThroughLifecycle(graph, false);
    expect([...statuses.values()].sort()).toEqual(scenario.signals.map((s) => s.status).sort());
    expect([...statuses.values()]).toContain('VALIDATED');
    await expectVersionsRegistered(graph);
  });

  describe('the fixture demo (npm run demo)', () => {
    it('moves every signal through the real lifecycle, so its history matches its audit events', async () => {
      await resetGraph(graph);
      const summary = await seedDemoFromFixtures(testRoot(graph), path.resolve(__dirname, '..'));
      const statuses = await expectSignalsThroughLifecycle(graph, true);
      expect(statuses.size).toBe(summary.signals);
      expect(summary.withoutHistory).toEqual([]);
      expect(statuses.get('signal:SIG-2024-001')).toBe('VALIDATED');
    });

    it('gives every model version a MODEL_VERSION_REGISTERED event from the ingest, and a reload adds none', async () => {
      const versions = await graph.query('test.demoVersions', "MATCH (v:ModelVersion {stage: 'Production'}) RETURN count(v) AS n");
      expect(versions[0].n).toBeGreaterThan(0);
      const events = await expectVersionsRegistered(graph);
      const signalEvents = await auditOf(graph, 'Signal');
      await seedDemoFromFixtures(testRoot(graph), path.resolve(__dirname, '..'));
      expect(await auditOf(graph, 'ModelVersion')).toEqual(events);
      expect(await auditOf(graph, 'Signal')).toEqual(signalEvents);
    });

    it('lets the demo pipeline write to both demo stores, each grant audited once however often it loads', async () => {
      const grants = () =>
        graph.query(
          'test.demoGrants',
          "MATCH (e:AuditEvent {action: 'STORE_WRITE_GRANTED'}) MATCH (:User {id: 'demo.pipeline'})-[:MAY_WRITE]->(s:TrackingStore {id: e.entityId}) RETURN s.uri AS uri, e.actorId AS actor ORDER BY uri",
        );
      const granted = await grants();
      expect(granted.map((g) => g.actor)).toEqual(['system:demo-seed', 'system:demo-seed']);
      expect(granted.map((g) => String(g.uri))).toEqual([expect.stringMatching(/^file:\/\/.*filestore\/mlruns$/), expect.stringMatching(/^sqlite:.*mlflow\.db$/)]);
      await seedDemoFromFixtures(testRoot(graph), path.resolve(__dirname, '..'));
      expect(await grants()).toEqual(granted);
    });

    it('names a signal an earlier loader wrote in place, which it leaves as recorded', async () => {
      await resetGraph(graph);
      // What the loader did before: the signal put in its final status with no step recorded.
      await graph.write('t.legacyDemo', (tx) =>
        new CatalogWriteRepository().writeSignals(tx, [
          { signalId: 'SIG-2024-001', drug: 'atorvastatin', drugCode: null, eventTerm: 'Rhabdomyolysis', meddraCode: null, meddraVersion: null, prr: null, ror: null, chiSquare: null, caseCount: null, status: 'VALIDATED', detectedAt: null, runId: null },
        ]),
      );
      const summary = await seedDemoFromFixtures(testRoot(graph), path.resolve(__dirname, '..'));
      expect(summary.withoutHistory).toEqual(['signal:SIG-2024-001']);
    });
  });
});
