import { MAX_REASON_LENGTH } from './audit/draft';
import { BadInputError } from './errors';
import { SignalStatus } from './signal';

/**
 * GVP Module IX signal management as a state machine. Validation either confirms the signal
 * (VALIDATED) or refutes it (NOT_VALIDATED, terminal: the signal is kept for the record);
 * a validated signal is prioritised, assessed and closed, in that order.
 */
export const SIGNAL_TRANSITIONS: Readonly<Record<SignalStatus, readonly SignalStatus[]>> = {
  [SignalStatus.DETECTED]: [SignalStatus.VALIDATED, SignalStatus.NOT_VALIDATED],
  [SignalStatus.VALIDATED]: [SignalStatus.PRIORITISED],
  [SignalStatus.NOT_VALIDATED]: [],
  [SignalStatus.PRIORITISED]: [SignalStatus.ASSESSED],
  [SignalStatus.ASSESSED]: [SignalStatus.CLOSED],
  [SignalStatus.CLOSED]: [],
};

/** One recorded step of a signal's lifecycle. */
export interface SignalTransition {
  readonly signalId: string;
  readonly from: SignalStatus;
  readonly to: SignalStatus;
  /** Server time, ISO-8601 UTC with milliseconds. */
  readonly at: string;
  readonly actorId: string;
  readonly actorName: string;
  /** The decision taken, e.g. "Validated: new potential causal association". */
  readonly decision: string;
  /** Why: the evidence or argument behind the decision. */
  readonly rationale: string;
}

export const MAX_DECISION = 500;
/** The rationale is the audit event's reason, so it has the same limit. */
export const MAX_RATIONALE = MAX_REASON_LENGTH;

/** Throws BAD_USER_INPUT naming both stages when `to` does not follow `from`. */
export function checkTransition(from: SignalStatus, to: SignalStatus): void {
  const allowed = SIGNAL_TRANSITIONS[from] ?? [];
  if (allowed.includes(to)) return;
  const next = allowed.length === 0 ? `${from} is final` : `from ${from} the next stage is ${allowed.join(' or ')}`;
  throw new BadInputError('to', `A signal cannot move from ${from} to ${to}: ${next}`, { from, to, allowed: [...allowed] });
}

/** Decision and rationale are both required: GVP IX asks for the decision and its justification. */
export function checkDecision(decision: string, rationale: string): { decision: string; rationale: string } {
  const d = decision.trim();
  const r = rationale.trim();
  if (d.length === 0 || d.length > MAX_DECISION) throw new BadInputError('decision', `The decision must be 1-${MAX_DECISION} characters`);
  if (r.length === 0) throw new BadInputError('rationale', 'A rationale is required for every signal transition');
  if (r.length > MAX_RATIONALE) throw new BadInputError('rationale', `The rationale must be at most ${MAX_RATIONALE} characters`);
  return { decision: d, rationale: r };
}
