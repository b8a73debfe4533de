import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fieldChanges } from '../src/domain/audit/fieldChanges';
import { exactNumber } from '../src/domain/auditFieldDiff';
import { formatId } from '../src/domain/ids';
import { NodeType } from '../src/domain/nodeType';
import { storeKeyFor } from '../src/domain/trackingStore';
import type { GraphExecutor, Row } from '../src/graph/executor';
import type { IngestService } from '../src/services/ingest/ingestService';
import { normaliseStoreUri } from '../src/sources/mlflow/uri';
import { testRoot } from './support/composition';
import { resetGraph, testGraph } from './support/graph';
import { type Expected, type ExpectedRun, expectedNumber, readExpected, valueKindOf } from './support/mlflowExpected';

const ROOT = path.resolve(__dirname, '..');
const PY = path.join(ROOT, '.venv/mlflow/bin/python');

/** Runs one of scripts/mlflow with the pinned mlflow, in the store's folder (where its artifacts go). */
function py(cwd: string, script: string, ...args: string[]): string {
  // mlflow 3.x refuses a file store unless asked; the ingester reads both kinds.
  const env = { ...process.env, MLFLOW_ALLOW_FILE_STORE: 'true' };
  const r = spawnSync(PY, [path.join(ROOT, 'scripts/mlflow', script), ...args], { cwd, encoding: 'utf8', env });
  if (r.status !== 0) throw new Error(`${script} failed: ${r.stderr}`);
  return r.stdout;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The audited fields of a run as MlflowClient reported them, named as the audit events name them. */
function clientView(r: ExpectedRun, uri: string): Record<string, unknown> {
  const view: Record<string, unknown> = {
    experimentId: r.experiment_id,
    name: r.run_name,
    status: r.status,
    lifecycleStage: r.lifecycle_stage,
    startTime: iso(r.start_time),
    endTime: iso(r.end_time),
    userId: r.user_id,
    parentRunId: r.parent_run_id,
  };
  for (const [k, v] of Object.entries(r.params)) view[`params.${k}`] = v;
  for (const [k, v] of Object.entries(r.tags)) view[`tags.${k}`] = v;
  for (const [k, [step, timestamp, value]] of Object.entries(r.latest_metrics)) view[`metrics.${k}`] = { value: exactNumber(expectedNumber(value, valueKindOf(uri))), step, timestamp };
  for (const [k, n] of Object.entries(r.metric_history_lengths)) view[`metricPoints.${k}`] = n;
  return view;
}

/** The audited fields of a model version as MlflowClient reported them. */
function versionView(name: string, v: Expected['registered_models'][number]['versions'][number] & { status?: string; description?: string | null }): Record<string, unknown> {
  const view: Record<string, unknown> = {
    name,
    version: Number(v.version),
    stage: v.current_stage,
    status: v.status ?? null,
    aliases: [...v.aliases].sort(),
    description: v.description ?? null,
    source: v.source,
    runId: v.run_id,
  };
  for (const [k, t] of Object.entries(v.tags)) view[`tags.${k}`] = t;
  return view;
}

interface Event {
  action: string;
  entityId: string;
  entityVersion: string | null;
  oldValue: Record<string, unknown> | null;
  newValue: Record<string, unknown> | null;
}

// Both store kinds: their readers differ (a file store's histories are read whole, SQLite's on demand).
describe.each(['sqlite', 'file'] as const)('audit: what a re-ingest of a %s store changed, field by field, as MlflowClient saw it', (kind) => {
  let graph: GraphExecutor;
  let ingest: IngestService;
  let dir: string;
  let uri: string;
  let sk: string;
  const exported = (name: string) => {
    py(dir, 'export_expected.py', '--tracking-uri', uri, '--out', path.join(dir, name));
    return readExpected(path.join(dir, name));
  };
  const eventsOf = async (ingestionId: string): Promise<Event[]> =>
    (
      await graph.query(
        'test.events',
        `MATCH (e:AuditEvent) WHERE e.reason CONTAINS $ing AND (e.entityType IN ['Run', 'ModelVersion'])
         RETURN e.action AS action, e.entityId AS entityId, e.entityVersion AS entityVersion, e.oldValue AS oldValue, e.newValue AS newValue ORDER BY e.seq`,
        { ing: ingestionId },
      )
    ).map((r) => ({ ...(r as unknown as Event), oldValue: r.oldValue ? JSON.parse(String(r.oldValue)) : null, newValue: r.newValue ? JSON.parse(String(r.newValue)) : null }));
  const runId = (id: string) => formatId(NodeType.RUN, sk, id);

  let before: Expected;
  let after: Expected;
  let second: Event[];

  beforeAll(async () => {
    graph = testGraph();
    ingest = testRoot(graph).ingest;
    await resetGraph(graph);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pvl-audit-changes-'));
    uri = kind === 'sqlite' ? `sqlite:///${path.join(dir, 'mlflow.db')}` : `file://${path.join(dir, 'mlruns')}`;
    sk = storeKeyFor(normaliseStoreUri(uri).uri);
    py(dir, 'populate_store.py', '--tracking-uri', uri);
    before = exported('before.json');
    const first = await ingest.ingestMlflow(uri, { actor: 'test' });
    expect(first.status).toBe('COMPLETED');
    py(dir, 'change_store.py', '--tracking-uri', uri);
    after = exported('after.json');
    const summary = await ingest.ingestMlflow(uri, { actor: 'test' });
    expect(summary.status).toBe('COMPLETED');
    second = await eventsOf(summary.ingestionId);
  }, 120_000);
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await graph.close();
  });

  it('writes one RUN_UPDATED or RUN_MARKED_DELETED per run MlflowClient reports differently, with exactly those fields old → new', () => {
    const byId = new Map(before.runs.map((r) => [r.run_id, r]));
    const expected = after.runs
      .map((r) => ({ id: runId(r.run_id), changes: fieldChanges(clientView(byId.get(r.run_id) as ExpectedRun, uri), clientView(r, uri)), deleted: r.lifecycle_stage === 'deleted' && byId.get(r.run_id)?.lifecycle_stage !== 'deleted' }))
      .filter((r) => r.changes.length > 0);
    // The change script touches a finished run, a running run and a failed one.
    expect(expected.length).toBeGreaterThanOrEqual(3);
    expect(expected.some((r) => r.deleted)).toBe(true);
    const runEvents = second.filter((e) => e.action.startsWith('RUN_'));
    expect(runEvents.map((e) => e.entityId).sort()).toEqual(expected.map((r) => r.id).sort());
    for (const want of expected) {
      const e = runEvents.find((x) => x.entityId === want.id) as Event;
      expect(e.action).toBe(want.deleted ? 'RUN_MARKED_DELETED' : 'RUN_UPDATED');
      // MlflowClient does not show a deleted run's deletion time; the event does, from null.
      const shown = fieldChanges(e.oldValue, e.newValue).filter((c) => c.field !== 'fingerprint' && c.field !== 'deletedTime');
      expect(shown).toEqual(want.changes);
      expect(e.oldValue?.fingerprint).toEqual(expect.any(String));
      expect(e.newValue?.fingerprint).toEqual(e.entityVersion);
      expect(e.newValue?.fingerprint).not.toEqual(e.oldValue?.fingerprint);
      if (want.deleted) {
        expect(e.oldValue?.deletedTime).toBeNull();
        expect(Date.parse(String(e.newValue?.deletedTime))).not.toBeNaN();
      }
    }
  });

  it('writes MODEL_VERSION_UPDATED with each changed field of a version and MODEL_VERSION_REGISTERED for a new one', () => {
    const views = (x: Expected) => new Map(x.registered_models.flatMap((m) => m.versions.map((v) => [formatId(NodeType.MODEL_VERSION, sk, m.name, v.version), versionView(m.name, v)] as const)));
    const [old, now] = [views(before), views(after)];
    const events = second.filter((e) => e.action.startsWith('MODEL_VERSION_'));
    const wanted = [...now].filter(([id, v]) => !old.has(id) || fieldChanges(old.get(id), v).length > 0);
    expect(wanted.length).toBeGreaterThanOrEqual(3);
    expect(events.map((e) => e.entityId).sort()).toEqual(wanted.map(([id]) => id).sort());
    for (const [id, v] of wanted) {
      const e = events.find((x) => x.entityId === id) as Event;
      if (!old.has(id)) {
        expect(e).toMatchObject({ action: 'MODEL_VERSION_REGISTERED', oldValue: null, entityVersion: String(v.version) });
        expect(e.newValue).toEqual(Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null)));
      } else {
        expect(e.action).toBe('MODEL_VERSION_UPDATED');
        expect(fieldChanges(e.oldValue, e.newValue)).toEqual(fieldChanges(old.get(id), v));
      }
    }
  });

  it('writes no run or model version event when nothing changed', async () => {
    const again = await ingest.ingestMlflow(uri, { actor: 'test' });
    expect(again).toMatchObject({ status: 'COMPLETED', added: 0, updated: 0, deleted: 0 });
    expect(await eventsOf(again.ingestionId)).toEqual([]);
  });

  it('records the fingerprint and stage a run had when it is marked deleted for being gone from the store', async () => {
    const out = JSON.parse(py(dir, 'change_store.py', '--tracking-uri', uri, '--purge').trim().split('\n').pop() as string) as { purged: string };
    const [stored] = await graph.query('test.fp', 'MATCH (r:Run {id: $id}) RETURN r.fingerprint AS fingerprint, r.lifecycleStage AS stage', { id: runId(out.purged) });
    expect(stored.fingerprint).toEqual(expect.any(String));
    const summary = await ingest.ingestMlflow(uri, { actor: 'test' });
    expect(summary.deleted).toBe(1);
    const events = await eventsOf(summary.ingestionId);
    expect(events).toEqual([
      {
        action: 'RUN_MARKED_DELETED',
        entityId: runId(out.purged),
        entityVersion: null,
        oldValue: { fingerprint: stored.fingerprint, lifecycleStage: stored.stage as Row[string] },
        newValue: { fingerprint: null, lifecycleStage: 'deleted' },
      },
    ]);
  });
});
