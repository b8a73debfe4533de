import { eventHash, eventLeafHash } from '../src/domain/audit/event';
import { generateSignerKey, signNote } from '../src/domain/audit/note';
import type { GraphExecutor } from '../src/graph/executor';
import type { Repositories } from '../src/graph/repositories';
import { toStoredEvent } from '../src/graph/repositories/auditRepository';
import type { AuditServices } from '../src/services/audit/auditService';
import { probeDraft } from './support/audit';
import { testRoot } from './support/composition';
import { countGraph, resetGraph, testGraph } from './support/graph';

/**
 * Requirement 17, end to end: each kind of tampering done directly in Neo4j makes verification
 * against an earlier signed checkpoint fail, and names the first bad event where it can.
 */
let graph: GraphExecutor;
let repos: Repositories;
let audit: AuditServices;
let checkpoint10: string;
let checkpoint20: string;

const EVENTS = 20;

async function seed(count: number, from = 0, actorId = 'tester'): Promise<void> {
  // Four transactions of five events: batches and single appends both in play.
  for (let start = from; start < from + count; start += 5) {
    await repos.writer.write('test.seed', async (tx) => {
      await tx.run('MERGE (p:Probe {id: $id}) SET p.n = $n', { id: `probe:${start}`, n: start });
      for (let i = start; i < Math.min(start + 5, from + count); i++) tx.audit(probeDraft(i, actorId));
    });
  }
}

const run = (cypher: string, params: Record<string, unknown> = {}) => graph.write('test.tamper', (tx) => tx.run(cypher, params));

beforeAll(() => {
  graph = testGraph();
  ({ repos, audit } = testRoot(graph));
});

afterAll(async () => {
  await resetGraph(graph);
  await graph.close();
});

beforeEach(async () => {
  await resetGraph(graph);
  await seed(10);
  checkpoint10 = (await audit.checkpoints.current()).note;
  await seed(10, 10);
  checkpoint20 = (await audit.checkpoints.current()).note;
});

it('verifies an untouched log against both checkpoints', async () => {
  for (const note of [checkpoint10, checkpoint20]) {
    const report = await audit.verifier.verify(note);
    expect(report).toMatchObject({ ok: true, logSize: EVENTS, checkedEvents: EVENTS, firstBadSeq: null, problem: null });
  }
});

const PROPERTIES: [string, unknown][] = [
  ['at', '2026-01-01T00:00:00.000Z'],
  ['actorId', 'mallory'],
  ['actorRole', 'ADMIN'],
  ['actorName', 'Mallory'],
  ['action', 'PROBE_DELETED'],
  ['entityType', 'Report'],
  ['entityId', 'probe:99'],
  ['entityVersion', '42'],
  ['oldValue', '{"n":0}'],
  ['newValue', '{"n":1000}'],
  ['reason', 'nothing to see'],
  ['category', 'SECURITY'],
  ['hash', 'ab'.repeat(32)],
  ['leafHash', 'cd'.repeat(32)],
];

it.each(PROPERTIES)('fails when the %s property of one event is edited in the database', async (property, value) => {
  await run('MATCH (e:AuditEvent {seq: 7}) SET e += $props', { props: { [property]: value } });
  const report = await audit.verifier.verify(checkpoint10);
  expect(report).toMatchObject({ ok: false, firstBadSeq: 7 });
  expect(report.problem).toMatch(/Event 7/);
});

it('fails when a property is removed from an event', async () => {
  await run('MATCH (e:AuditEvent {seq: 3}) REMOVE e.reason');
  expect(await audit.verifier.verify(checkpoint20)).toMatchObject({ ok: false, firstBadSeq: 3 });
});

it('fails when one event is deleted', async () => {
  await run('MATCH (e:AuditEvent {seq: 12}) DELETE e');
  const report = await audit.verifier.verify(checkpoint20);
  expect(report).toMatchObject({ ok: false, firstBadSeq: 12 });
  expect(report.problem).toMatch(/missing/);
});

it.each([1, 3, 10])('fails when the last %i events are deleted and the size is lowered to match', async (n) => {
  await run('MATCH (e:AuditEvent) WHERE e.seq >= $from DELETE e', { from: EVENTS - n });
  await run("MATCH (l:AuditLog {id: 'main'}) SET l.size = $size", { size: EVENTS - n });
  const report = await audit.verifier.verify(checkpoint20);
  expect(report).toMatchObject({ ok: false, logSize: EVENTS - n, firstBadSeq: EVENTS - n });
  expect(report.problem).toMatch(/checkpoint covers 20/);
});

it('fails when two events swap places', async () => {
  await run('MATCH (a:AuditEvent {seq: 4}), (b:AuditEvent {seq: 5}) SET a.seq = -1 SET b.seq = 4');
  await run('MATCH (a:AuditEvent {seq: -1}) SET a.seq = 5');
  expect(await audit.verifier.verify(checkpoint10)).toMatchObject({ ok: false, firstBadSeq: 4 });
});

it('fails when the whole log is rewritten with consistent hashes', async () => {
  await run('MATCH (e:AuditEvent) DETACH DELETE e');
  await run("MATCH (l:AuditLog {id: 'main'}) SET l.size = 0");
  await seed(EVENTS, 0, 'mallory');
  const report = await audit.verifier.verify(checkpoint20);
  expect(report).toMatchObject({ ok: false, firstBadSeq: 0 });
  expect(report.problem).toMatch(/rewritten/);
});

it('names where a rewrite starts when it keeps an earlier signed prefix', async () => {
  // Events 10-19 rewritten by someone who recomputes every hash: only the Merkle root can tell.
  const rows = await graph.query('t.tail', 'MATCH (e:AuditEvent) WHERE e.seq >= 10 RETURN e{.*} AS e ORDER BY e.seq');
  for (const row of rows) {
    const { hash: _h, leafHash: _l, ...data } = toStoredEvent(row.e as Record<string, unknown>);
    const forged = { ...data, reason: 'rewritten' };
    await run('MATCH (e:AuditEvent {seq: $seq}) SET e.reason = $reason, e.hash = $hash, e.leafHash = $leaf', {
      seq: forged.seq, reason: forged.reason, hash: eventHash(forged), leaf: eventLeafHash(forged).toString('hex'),
    });
  }
  const report = await audit.verifier.verify(checkpoint20);
  expect(report).toMatchObject({ ok: false, firstBadSeq: 10 });
  expect(await audit.verifier.verify(checkpoint10)).toMatchObject({ ok: true });
});

it('fails when time runs backwards, even with recomputed hashes', async () => {
  const [row] = await graph.query('t.one', 'MATCH (e:AuditEvent {seq: 6}) RETURN e{.*} AS e');
  const { hash: _h, leafHash: _l, ...data } = toStoredEvent(row.e as Record<string, unknown>);
  const forged = { ...data, at: '2000-01-01T00:00:00.000Z' };
  await run('MATCH (e:AuditEvent {seq: 6}) SET e.at = $at, e.hash = $hash, e.leafHash = $leaf', {
    at: forged.at, hash: eventHash(forged), leaf: eventLeafHash(forged).toString('hex'),
  });
  const report = await audit.verifier.verify(checkpoint20);
  expect(report).toMatchObject({ ok: false, firstBadSeq: 6 });
  expect(report.problem).toMatch(/before the event preceding it/);
});

describe('refuses checkpoints it cannot trust (BAD_USER_INPUT), writing nothing', () => {
  let before: Awaited<ReturnType<typeof countGraph>>;
  beforeEach(async () => {
    before = await countGraph(graph);
  });
  afterEach(async () => {
    expect(await countGraph(graph)).toEqual(before);
  });

  it('a checkpoint signed by an unknown key', async () => {
    const other = generateSignerKey('pv-lineage.test/audit');
    const body = checkpoint20.slice(0, checkpoint20.indexOf('\n\n') + 1);
    await expect(audit.verifier.verify(signNote(body, other.signerKey))).rejects.toMatchObject({ code: 'BAD_USER_INPUT', details: { argument: 'against' } });
  });

  it('a checkpoint whose tree size was edited after signing', async () => {
    const forged = checkpoint20.replace(/\n20\n/, '\n10\n');
    expect(forged).not.toBe(checkpoint20);
    await expect(audit.verifier.verify(forged)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('text that is not a signed note', async () => {
    await expect(audit.verifier.verify('hello')).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
