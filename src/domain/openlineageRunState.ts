import { RunStatus } from './run';

/** OpenLineage run states that move a run along START → RUNNING → COMPLETE | FAIL | ABORT. */
export type OlRunState = 'START' | 'RUNNING' | 'COMPLETE' | 'FAIL' | 'ABORT';

export const OL_RUN_STATES: readonly OlRunState[] = ['START', 'RUNNING', 'COMPLETE', 'FAIL', 'ABORT'];

/** One recorded transition: the state an event reported, when, and which event said so. */
export interface OlTransition {
  readonly state: OlRunState;
  /** ISO-8601 UTC with milliseconds. */
  readonly at: string;
  readonly eventId: string;
}

export interface OlRunSummary {
  /** null when no event carried a state (only OTHER or missing eventType). */
  readonly state: OlRunState | null;
  readonly status: RunStatus;
  readonly startTime: string | null;
  readonly endTime: string | null;
  /** Every transition, ordered by (time, rank, eventId). */
  readonly history: readonly OlTransition[];
}

const RANK: Record<OlRunState, number> = { START: 1, RUNNING: 2, COMPLETE: 3, ABORT: 3, FAIL: 3 };
// Between two terminal events at the same instant the more alarming one wins, so the answer never depends on arrival.
const TERMINAL_PRECEDENCE: Record<OlRunState, number> = { START: 0, RUNNING: 0, COMPLETE: 1, ABORT: 2, FAIL: 3 };

const STATUS: Record<OlRunState, RunStatus> = {
  START: RunStatus.RUNNING,
  RUNNING: RunStatus.RUNNING,
  COMPLETE: RunStatus.FINISHED,
  FAIL: RunStatus.FAILED,
  ABORT: RunStatus.KILLED,
};

export function isRunState(value: unknown): value is OlRunState {
  return typeof value === 'string' && (OL_RUN_STATES as readonly string[]).includes(value);
}

/**
 * Two sortable spellings of a transition, so the graph can keep a run's state with plain string
 * order (`max`, `ORDER BY`) and stay a function of the set of events:
 * - the history entry `<at>|<rank>|<state>|<eventId>` sorts by time, then START < RUNNING < terminal;
 * - the final-state key `<rank>|<at>|<precedence>|<eventId>|<state>`: its maximum is the final
 *   state (highest rank, then latest, then FAIL over ABORT over COMPLETE, then event id).
 */
export function encodeTransition(t: OlTransition): string {
  return `${t.at}|${RANK[t.state]}|${t.state}|${t.eventId}`;
}

export function finalKeyOf(t: OlTransition): string {
  return `${RANK[t.state]}|${t.at}|${TERMINAL_PRECEDENCE[t.state]}|${t.eventId}|${t.state}`;
}

export function decodeTransition(s: string): OlTransition | null {
  const [at, , state, eventId] = s.split('|');
  return isRunState(state) && at && eventId ? { at, state, eventId } : null;
}

export function isTerminal(state: OlRunState): boolean {
  return RANK[state] === 3;
}

export function statusOf(state: OlRunState): RunStatus {
  return STATUS[state];
}

/**
 * The state of a run as a function of the set of its transitions, never of their arrival order:
 * a terminal event outranks RUNNING, which outranks START, whatever their times (a COMPLETE that
 * arrives before its START still ends the run). Duplicates (same eventId) count once.
 */
export function summariseRun(transitions: readonly OlTransition[]): OlRunSummary {
  const unique = new Map<string, OlTransition>();
  for (const t of transitions) unique.set(encodeTransition(t), t);
  const history = [...unique.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, t]) => t);
  let final: OlTransition | null = null;
  for (const t of history) if (final === null || finalKeyOf(t) > finalKeyOf(final)) final = t;
  const starts = history.filter((t) => t.state === 'START');
  const startTime = (starts[0] ?? history[0])?.at ?? null;
  const endTime = final && isTerminal(final.state) ? final.at : null;
  return { state: final?.state ?? null, status: final ? STATUS[final.state] : RunStatus.RUNNING, startTime, endTime, history };
}
