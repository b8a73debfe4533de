import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/audit/actor';
import { AuditKind } from '../../domain/audit/draft';
import { BadInputError, ConflictError, NodeNotFoundError } from '../../domain/errors';
import { formatId, parseIdOf } from '../../domain/ids';
import { NODE_TYPES, NodeType } from '../../domain/nodeType';
import { REPORT_KEY } from '../../domain/reportVersion';
import { type Signal, SignalStatus } from '../../domain/signal';
import { SIGNAL_TRANSITIONS, checkDecision, checkTransition } from '../../domain/signalLifecycle';
import { parseSources, resolveSources } from '../reports/references';
import type { WriteContext } from '../reports/reportService';

/** A signal as a detection pipeline or a scientist records it (GVP IX: drug, event, statistics, method run). */
export interface RecordSignalInput {
  /** The signal's own id (what follows `signal:`); generated when absent. */
  readonly signalId?: string | null;
  readonly drug: string;
  readonly drugCode?: string | null;
  readonly eventTerm: string;
  readonly meddraCode?: string | null;
  readonly meddraVersion?: string | null;
  readonly prr?: number | null;
  readonly ror?: number | null;
  readonly chiSquare?: number | null;
  readonly caseCount?: number | null;
  /** Node id or bare MLflow run id of the run whose method detected it. */
  readonly detectedByRun: string;
  readonly reason?: string | null;
}

const ENTITY = 'Signal';

function name(value: string | null | undefined, argument: string, required: boolean, max = 200): string | null {
  const t = value?.trim() ?? '';
  if (t.length === 0) {
    if (required) throw new BadInputError(argument, `${argument} is required`);
    return null;
  }
  if (t.length > max || /[\u0000-\u001f]/.test(t)) throw new BadInputError(argument, `${argument} must be at most ${max} printable characters`);
  return t;
}

function statistic(value: number | null | undefined, argument: string, integer = false): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value))) {
    throw new BadInputError(argument, `${argument} must be a finite, non-negative ${integer ? 'integer' : 'number'}`);
  }
  return value;
}

/** Records a DETECTED signal, linked from the run that detected it, in one audited transaction. */
export async function recordSignal(ctx: WriteContext, actor: Actor, input: RecordSignalInput): Promise<Signal> {
  const key = input.signalId?.trim() || `SIG-${randomUUID()}`;
  if (!REPORT_KEY.test(key)) throw new BadInputError('input.signalId', 'input.signalId must be 1-100 letters, digits, ".", "_" or "-", starting with a letter or digit');
  const id = formatId(NodeType.SIGNAL, key);
  const props = {
    id,
    drug: name(input.drug, 'input.drug', true),
    drugCode: name(input.drugCode, 'input.drugCode', false, 50),
    eventTerm: name(input.eventTerm, 'input.eventTerm', true),
    meddraCode: name(input.meddraCode, 'input.meddraCode', false, 50),
    meddraVersion: name(input.meddraVersion, 'input.meddraVersion', false, 50),
    prr: statistic(input.prr, 'input.prr'),
    ror: statistic(input.ror, 'input.ror'),
    chiSquare: statistic(input.chiSquare, 'input.chiSquare'),
    caseCount: statistic(input.caseCount, 'input.caseCount', true),
    status: SignalStatus.DETECTED,
    recordedBy: actor.id,
  };
  const lookup = parseSources({ generatedFromRuns: [input.detectedByRun] });
  // A typed run id goes straight to the one-statement create; a bare MLflow id is resolved first
  // (it may match runs in several stores). The checks that name what was wrong run only when the
  // create finds nothing to do.
  let typedRun: string | null = null;
  if (input.detectedByRun.startsWith(`${NODE_TYPES[NodeType.RUN].prefix}:`)) {
    parseIdOf(NodeType.RUN, input.detectedByRun, 'input.detectedByRun');
    typedRun = input.detectedByRun;
  }
  // The write returns the signal as stored, so no second transaction reads it back.
  return ctx.repos.writer.write('signal.record', async (tx) => {
    const now = new Date().toISOString();
    const resolve = async () => (await resolveSources(tx, ctx.repos.reportWrites, lookup, 'input.detectedByRun')).runIds[0];
    const runId = typedRun ?? (await resolve());
    const created = await ctx.repos.signalWrites.create(tx, runId, props, now);
    if (!created) {
      await resolve();
      if (await ctx.repos.signalWrites.exists(tx, id)) throw new ConflictError(`Signal ${id} already exists`, { argument: 'input.signalId', id });
      throw new NodeNotFoundError(NodeType.RUN, runId);
    }
    tx.audit({
      actor,
      kind: AuditKind.CREATE,
      action: 'SIGNAL_RECORDED',
      entityType: ENTITY,
      entityId: id,
      entityVersion: null,
      newValue: { ...props, detectedByRun: runId, detectedAt: now },
      reason: input.reason?.trim() || null,
    });
    return created;
  });
}

/**
 * Moves a signal one step through its lifecycle. The stage it is in is read under the signal's
 * write lock, so two people acting at once cannot both move it from the same stage. Each step is
 * kept as a SignalTransition with actor, time, decision and rationale.
 */
export async function transitionSignal(ctx: WriteContext, actor: Actor, id: string, to: SignalStatus, decision: string, rationale: string): Promise<Signal> {
  parseIdOf(NodeType.SIGNAL, id, 'id');
  if (!Object.values(SignalStatus).includes(to)) throw new BadInputError('to', `Unknown signal status "${String(to)}"`);
  const why = checkDecision(decision, rationale);
  const allowedFrom = (Object.keys(SIGNAL_TRANSITIONS) as SignalStatus[]).filter((from) => SIGNAL_TRANSITIONS[from].includes(to));
  return ctx.repos.writer.write('signal.transition', async (tx) => {
    const repo = ctx.repos.signalWrites;
    const now = new Date().toISOString();
    const moved = await repo.move(tx, { signalId: id, to, at: now, actorId: actor.id, actorName: actor.name, ...why }, allowedFrom);
    if (!moved) {
      // Say why: no such signal, or a stage `to` does not follow (BAD_USER_INPUT naming both).
      const state = await repo.lockedState(tx, id, now);
      if (!state) throw new NodeNotFoundError(NodeType.SIGNAL, id);
      checkTransition(state.signal.status as SignalStatus, to);
      throw new ConflictError(`Signal ${id} changed while it was being moved; read it again and retry`, { id });
    }
    tx.audit({
      actor,
      kind: AuditKind.STATE_CHANGE,
      action: 'SIGNAL_TRANSITIONED',
      entityType: ENTITY,
      entityId: id,
      entityVersion: String(moved.step),
      oldValue: { status: moved.from },
      newValue: { status: to, decision: why.decision },
      reason: why.rationale,
    });
    return moved.signal;
  });
}
