import type { SecurityEvent } from '../../domain/identity/securityEvent';

/** Who asks for a change: a signed-in user, or the admin CLI run by an OS user. */
export interface Actor {
  readonly id: string;
  readonly address: string | null;
  /** Printed name and authorising role, for the audit trail. */
  readonly name?: string;
  readonly role?: string | null;
}

export function securityEvent(type: SecurityEvent['type'], subject: string | null, actor: Actor, detail: SecurityEvent['detail']): SecurityEvent {
  return { type, subject, actor: actor.id, actorName: actor.name ?? null, actorRole: actor.role ?? null, address: actor.address, detail };
}
