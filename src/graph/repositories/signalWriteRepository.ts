import type { Signal, SignalStatus } from '../../domain/signal';
import type { SignalTransition } from '../../domain/signalLifecycle';
import { manyByKey } from '../batch';
import { toNeoDateTime } from '../convert';
import type { GraphExecutor, Row, Tx } from '../executor';
import { toSignal } from '../mappers';
import { refreshSearchTexts } from './searchTextRepository';

/**
 * Signals recorded by a person or a detection pipeline, and their lifecycle. A signal is linked
 * from the run that detected it with the lineage relation PRODUCED (as imported signals are);
 * each transition is a `SignalTransition` node, `(s)-[:HAS_TRANSITION]->(t)`, which no lineage
 * query walks.
 */
export const CREATE_SIGNAL = `
MATCH (r:Run {id: $runId})
OPTIONAL MATCH (taken:Signal {id: $props.id})
WITH r WHERE taken IS NULL
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

/**
 * The common case of a transition in one statement: lock, check that the signal is in a stage
 * `$to` may follow (`$allowedFrom`, from the domain's transition table), record the step. No row
 * when the signal is missing or in another stage; the service then reads why, for the error.
 */
export const MOVE_SIGNAL = `
MATCH (s:Signal {id: $id})
SET s._lock = true
REMOVE s._lock
WITH s WHERE s.status IN $allowedFrom
OPTIONAL MATCH (s)-[:HAS_TRANSITION]->(prev:SignalTransition)
WITH s, s.status AS from, count(prev) + 1 AS step
SET s.status = $to, s.statusChangedAt = datetime($at)
CREATE (t:SignalTransition)
SET t = $transition, t.from = from, t.step = step
CREATE (s)-[:HAS_TRANSITION]->(t)
RETURN s{.*} AS signal, from, step`;

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

  /** Creates the signal and its PRODUCED edge and returns it as stored; null when the run does not exist or the id is taken. */
  async create(tx: Tx, runId: string, props: Row, now: string): Promise<Signal | null> {
    const [row] = await tx.run(CREATE_SIGNAL, { runId, props: { ...props, detectedAt: toNeoDateTime(now) }, now: toNeoDateTime(now) });
    if (row) await refreshSearchTexts(tx, 'Signal', [String((row.signal as Row).id)]);
    return row ? toSignal(row.signal as Row) : null;
  }

  /** The signal as stored (locked for this transaction) and how many transitions it has had. */
  async lockedState(tx: Tx, id: string, now: string): Promise<{ signal: Row; steps: number } | null> {
    const [row] = await tx.run(LOCK_SIGNAL, { id, now: toNeoDateTime(now) });
    return row ? { signal: row.signal as Row, steps: row.steps as number } : null;
  }

  /** Moves a signal to `to` when it is in one of `allowedFrom`; null otherwise (missing, or another stage). */
  async move(tx: Tx, step: Omit<SignalTransition, 'from'>, allowedFrom: readonly SignalStatus[]): Promise<{ signal: Signal; from: SignalStatus; step: number } | null> {
    const [row] = await tx.run(MOVE_SIGNAL, {
      id: step.signalId,
      to: step.to,
      at: toNeoDateTime(step.at),
      allowedFrom: [...allowedFrom],
      transition: { ...step, at: toNeoDateTime(step.at) },
    });
    return row ? { signal: toSignal(row.signal as Row), from: row.from as SignalStatus, step: row.step as number } : null;
  }

  async historyOf(ids: readonly string[]): Promise<SignalTransition[][]> {
    return manyByKey(await this.graph.query('signal.history', HISTORY_OF_SIGNALS, { ids }), ids, toTransition);
  }
}
