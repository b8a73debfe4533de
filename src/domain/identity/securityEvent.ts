/** Security-relevant facts. They are written to the audit log (category SECURITY), in the transaction of the change they describe. */
export type SecurityEventType =
  | 'LOGIN_SUCCEEDED'
  | 'LOGIN_FAILED'
  /** A successful sign-in reset the failure count or a lapsed lockout: the account's old → new. */
  | 'LOGIN_FAILURES_CLEARED'
  | 'ACCOUNT_LOCKED'
  /** An account that can sign (SCIENTIST, REVIEWER, QA) was locked: QA reads it in the audit trail. */
  | 'SIGNER_LOCKED'
  | 'ACCOUNT_UNLOCKED'
  | 'TOKEN_REJECTED'
  | 'USER_CREATED'
  | 'USER_DEACTIVATED'
  | 'USER_REACTIVATED'
  | 'ROLES_CHANGED'
  | 'PASSWORD_CHANGED'
  | 'PASSWORD_RESET'
  | 'TOKEN_ISSUED'
  | 'TOKEN_REVOKED'
  /** A signing ceremony whose re-authentication failed (wrong password, stale SSO sign-in). */
  | 'SIGNATURE_FAILED'
  /** An account found holding ADMIN beside a signing role (separation of duties); it cannot sign until fixed. */
  | 'DUTY_CONFLICT';

export interface SecurityEvent {
  readonly type: SecurityEventType;
  /** The account concerned (may not exist, e.g. a failed login for an unknown id). */
  readonly subject: string | null;
  /** Who did it: a user id, `cli:<os user>` for the admin CLI, or null for anonymous. */
  readonly actor: string | null;
  /** Printed name and role of the actor, when known (the audit trail records both). */
  readonly actorName?: string | null;
  readonly actorRole?: string | null;
  readonly address: string | null;
  /** Short safe facts; never a password or a token. */
  readonly detail: Readonly<Record<string, string | number | boolean | null | string[]>>;
}
