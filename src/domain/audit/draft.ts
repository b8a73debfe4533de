import { BadInputError } from '../errors';
import type { Actor } from './actor';

/**
 * What kind of change an event records. It decides whether a reason is mandatory:
 * updates, state changes and tombstones must say why (§11.10(e), Annex 11 §9).
 */
export enum AuditKind {
  CREATE = 'CREATE',
  UPDATE = 'UPDATE',
  STATE_CHANGE = 'STATE_CHANGE',
  TOMBSTONE = 'TOMBSTONE',
  SIGNATURE = 'SIGNATURE',
  PERMISSION = 'PERMISSION',
  SECURITY = 'SECURITY',
}

const REASON_REQUIRED = new Set([AuditKind.UPDATE, AuditKind.STATE_CHANGE, AuditKind.TOMBSTONE]);

/** One change as a unit of work describes it; the writer adds the sequence number, time and hashes. */
export interface AuditDraft {
  readonly actor: Actor;
  readonly kind: AuditKind;
  /** Verb in upper snake case, e.g. `REPORT_REGISTERED`, `RUN_UPDATED`, `LOGIN_FAILED`. */
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string;
  readonly entityVersion?: string | null;
  /** JSON-compatible values; null when there was nothing before (create) or after (tombstone). */
  readonly oldValue?: unknown;
  readonly newValue?: unknown;
  readonly reason?: string | null;
}

export const MAX_REASON_LENGTH = 2000;

/** Throws BAD_USER_INPUT when the draft lacks what the audit trail must hold. */
export function checkDraft(draft: AuditDraft): void {
  const reason = draft.reason?.trim() ?? '';
  if (REASON_REQUIRED.has(draft.kind) && reason.length === 0) {
    throw new BadInputError('reason', `A reason is required to ${describe(draft)}`);
  }
  if (reason.length > MAX_REASON_LENGTH) {
    throw new BadInputError('reason', `The reason is longer than ${MAX_REASON_LENGTH} characters`);
  }
  if (!draft.actor.id || !draft.actor.name) throw new Error('audit draft without an attributable actor');
}

/** The category the event is filed under: security events (logins, failed signatures) or record changes. */
export function categoryOf(kind: AuditKind): 'SECURITY' | 'CHANGE' {
  return kind === AuditKind.SECURITY ? 'SECURITY' : 'CHANGE';
}

function describe(d: AuditDraft): string {
  const verb = d.kind === AuditKind.TOMBSTONE ? 'withdraw' : d.kind === AuditKind.STATE_CHANGE ? 'change the state of' : 'update';
  return `${verb} ${d.entityType.toLowerCase()} ${d.entityId}`;
}
