import { AuditedWriter } from '../src/graph/auditedWriter';
import type { GraphExecutor } from '../src/graph/executor';
import type { AuditServices } from '../src/services/audit/auditService';
import { probeDraft } from './support/audit';
import { testRoot } from './support/composition';
import { resetGraph, testGraph } from './support/graph';

/**
 * Each AuditedWriter guesses where the log ends, to append in one statement. These tests make
 * the guesses wrong on purpose (several writers that share no memory, as several servers would;
 * a clock behind the log; a rolled-back unit) and check that the log stays linear and verifiable.
 */
let graph: GraphExecutor;
let audit: AuditServices;

beforeAll(async () => {
  graph = testGraph();
  audit = testRoot(graph).audit;
});

beforeEach(() => resetGraph(graph));

afterAll(async () => {
  await resetGraph(graph);
  await graph.close();
});

async function logShape(): Promise<Record<string, unknown>> {
  const [row] = await graph.query(
    't.log',
    `MATCH (e:AuditEvent)
     WITH e ORDER BY e.seq
     WITH collect(e) AS events, count(DISTINCT e.seq) AS uniq
     MATCH (l:AuditLog {id: 'main'})
     RETURN size(events) AS n, uniq, events[0].seq AS lo, events[-1].seq AS hi, l.size AS size,
            size([i IN range(1, size(events) - 1) WHERE events[i].at < events[i - 1].at]) AS backwards`,
  );
  return row;
}

async function verifies(expected: number): Promise<void> {
  const checkpoint = await audit.checkpoints.current();
  expect(await audit.verifier.verify(checkpoint.note)).toMatchObject({ ok: true, checkedEvents: expected });
}

it('keeps one linear log when writers that share no memory append at the same time', async () => {
  const writers = [new AuditedWriter(graph), new AuditedWriter(graph), new AuditedWriter(graph, { maxInFlight: 1 })];
  const perWriter = 24;
  await Promise.all(
    writers.flatMap((w, wi) =>
      Array.from({ length: 4 }, (_, lane) =>
        (async () => {
          for (let i = 0; i < perWriter / 4; i++) {
            await w.write('test.writers', async (tx) => {
              tx.audit(probeDraft(i, `w${wi}-${lane}`));
              if (i % 3 === 0) tx.audit(probeDraft(i + 1, `w${wi}-${lane}`));
            });
          }
        })(),
      ),
    ),
  );
  const expected = writers.length * 4 * (perWriter / 4 + 2);
  expect(await logShape()).toEqual({ n: expected, uniq: expected, lo: 0, hi: expected - 1, size: expected, backwards: 0 });
  await verifies(expected);
});

it('never lets time run backwards along the log when a writer’s clock is behind', async () => {
  const onTime = new AuditedWriter(graph);
  const behind = new AuditedWriter(graph, { clock: () => new Date(Date.now() - 3_600_000) });
  // Several in a row from the late writer, so that after its first its guess of the log's end is right.
  for (let i = 0; i < 3; i++) {
    await onTime.write('test.onTime', async (tx) => tx.audit(probeDraft(i, 'on-time')));
    for (let j = 0; j < 3; j++) await behind.write('test.behind', async (tx) => tx.audit(probeDraft(j, 'behind')));
  }
  expect(await logShape()).toEqual({ n: 12, uniq: 12, lo: 0, hi: 11, size: 12, backwards: 0 });
  // The late writer's events carry the log's last time rather than its own, an hour earlier.
  const [late] = await graph.query('t.late', "MATCH (e:AuditEvent {actorId: 'behind'}) RETURN min(e.at) AS at");
  expect(Date.parse(late.at as string)).toBeGreaterThan(Date.now() - 600_000);
  await verifies(12);
});

it('leaves no gap when a transaction that appended rolls back', async () => {
  const writer = new AuditedWriter(graph);
  await writer.write('test.first', async (tx) => tx.audit(probeDraft(1)));
  // An event planted at the next number makes the next append break the log's unique sequence
  // constraint, so that whole transaction rolls back after the writer has moved its guess on.
  await graph.write('t.plant', (tx) => tx.run('CREATE (:AuditEvent {seq: 1, planted: true})'));
  await expect(
    writer.write('test.rolledBack', async (tx) => {
      await tx.run('CREATE (:Probe {n: 2})');
      tx.audit(probeDraft(2));
    }),
  ).rejects.toThrow();
  await graph.write('t.unplant', (tx) => tx.run('MATCH (e:AuditEvent {planted: true}) DELETE e'));

  await writer.write('test.after', async (tx) => tx.audit(probeDraft(3)));
  const [probes] = await graph.query('t.probes', 'MATCH (p:Probe) RETURN count(p) AS n');
  expect(probes.n).toBe(0);
  expect(await logShape()).toEqual({ n: 2, uniq: 2, lo: 0, hi: 1, size: 2, backwards: 0 });
  await verifies(2);
});
