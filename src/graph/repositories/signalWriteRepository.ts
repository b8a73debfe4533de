import type { Signal, SignalStatus } from '../../domain/signal';
import type { SignalTransition } from '../../domain/signalLifecycle';
import { manyByKey } from '../batch';
import { toNeoDateTime, toNeoInt } from '../convert';
import type { GraphExecutor, Row, Tx } from '../executor';
import { toSignal } from '../mappers';

/**
 * Signals recorded by a person or a detection pipeline, and their lifecycle. A signal is linked
 * from the run that detected it with the lineage relation PRODUCED (as imported signals are);
 * each transition is a `SignalTransition` node, `(s)-[:HAS_TRANSITION]->(t)`, which no lineage
 * query walks.
 */
export const CREATE_SIGNAL = `
MATCH (r:Run {id: $runId})
CREATE (s:Signal)
SET s = $props
CREATE (r)-[:PRODUCED {since: datetime($now)}]->(s)
RETURN s{.*} AS signal`;

/** Takes the signal's write lock first, so two transitions from one stage cannot both succeed. */
export const LOCK_SIGNAL = `
MATCH (s:Signal {id: $id})
SET s.lockedAt = datetime($now)
REMOVE s.lockedAt
WITH s
OPTIONAL MATCH (s)-[:HAS_TRANSITION]->(t:SignalTransition)
RETURN s{.*} AS signal, count(t) AS steps`;

export const TRANSITION_SIGNAL = `
MATCH (s:Signal {id: $id})
WHERE s.status = $from
SET s.status = $to, s.statusChangedAt = datetime($at)
CREATE (t:SignalTransition)
SET t = $transition
CREATE (s)-[:HAS_TRANSITION]->(t)
RETURN s{.*} AS signal`;

export const HISTORY_OF_SIGNALS = `
UNWIND $ids AS key
MATCH (:Signal {id: key})-[:HAS_TRANSITION]->(t:SignalTransition)
WITH key, t ORDER BY t.step
RETURN key, t{.*} AS node`;

export const SIGNAL_EXISTS = `
MATCH (s:Signal {id: $id}) RETURN s.id AS id`;

const toTransition = (p: Row): SignalTransition => ({
  signalId: String(p.signalId),
  from: p.from as SignalStatus,
  to: p.to as SignalStatus,
  at: String(p.at),
  actorId: String(p.actorId),
  actorName: String(p.actorName),
  decision: String(p.decision),
  rationale: String(p.rationale),
});

export class SignalWriteRepository {
  constructor(private readonly graph: GraphExecutor) {}

  async exists(tx: Tx, id: string): Promise<boolean> {
    return (await tx.run(SIGNAL_EXISTS, { id })).length > 0;
  }

  /** Creates the signal and its PRODUCED edge and returns it as stored; null when the detecting run does not exist. */
  async create(tx: Tx, runId: string, props: Row, now: string): Promise<Signal | null> {
    const [row] = await tx.run(CREATE_SIGNAL, { runId, props: { ...props, detectedAt: toNeoDateTime(now) }, now: toNeoDateTime(now) });
    return row ? toSignal(row.signal as Row) : null;
  }

  /** The signal as stored (locked for this transaction) and how many transitions it has had. */
  async lockedState(tx: Tx, id: string, now: string): Promise<{ signal: Row; steps: number } | null> {
    const [row] = await tx.run(LOCK_SIGNAL, { id, now: toNeoDateTime(now) });
    return row ? { signal: row.signal as Row, steps: row.steps as number } : null;
  }

  /** Records the step and returns the signal as it now stands; null when it was no longer in `t.from`. */
  async transition(tx: Tx, t: SignalTransition, step: number): Promise<Signal | null> {
    const rows = await tx.run(TRANSITION_SIGNAL, {
      id: t.signalId,
      from: t.from,
      to: t.to,
      at: toNeoDateTime(t.at),
      transition: { ...t, at: toNeoDateTime(t.at), step: toNeoInt(step) },
    });
    return rows[0] ? toSignal(rows[0].signal as Row) : null;
  }

  async historyOf(ids: readonly string[]): Promise<SignalTransition[][]> {
    return manyByKey(await this.graph.query('signal.history', HISTORY_OF_SIGNALS, { ids }), ids, toTransition);
  }
}
