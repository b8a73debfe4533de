import { type Account, USER_ID } from '../../domain/identity/account';
import { SignInRefusedError, UnauthenticatedError } from '../../domain/identity/errors';
import { decoyHash, passwordExpired, verifyPassword } from '../../domain/identity/password';
import type { SecurityEvent } from '../../domain/identity/securityEvent';
import { Role } from '../../domain/role';
import type { AuditTx } from '../../graph/auditedWriter';
import type { IdentityRepository, LoginFailure } from '../../graph/repositories/identityRepository';
import type { SecurityConfig } from '../../securityConfig';
import { securityEvent, type Actor } from './securityEvents';

/** What a failed re-authentication was for; its security event replaces LOGIN_FAILED. */
export interface FailurePurpose {
  readonly type: SecurityEvent['type'];
  readonly actor: Actor;
  readonly detail: SecurityEvent['detail'];
}

export interface ProofOptions {
  /** changePassword proves a password that may have expired, or be temporary, in order to replace it. */
  readonly allowExpired: boolean;
  readonly allowTemporary: boolean;
  /** Set for a signing ceremony; absent for a sign-in. */
  readonly purpose?: FailurePurpose;
  /** Called for every refusal that counts toward the address window. */
  readonly refused: () => void;
}

/** Roles that sign or review: their lockout is something QA must hear about. */
const SIGNING_ROLES: readonly Role[] = [Role.SCIENTIST, Role.REVIEWER, Role.QA];

/**
 * Proves a password against an account, and counts a wrong one toward the lockout.
 *
 * Unknown ids, accounts without a password and wrong passwords cost the same scrypt work (a decoy
 * hash stands in) and the same one write, and a sign-in gets the same answer for all of them and
 * for a locked or deactivated account. The verdict that matters is taken under the account's write
 * lock in Neo4j (the repository's RECORD_LOGIN_FAILURE and CONFIRM_LOGIN), so parallel attempts
 * on any replica cannot slip a success past a lock that an earlier failure set.
 */
export class PasswordProof {
  private decoy: Promise<string> | undefined;
  private readonly failureListeners = new Set<(reason: string) => void>();

  constructor(
    private readonly repo: IdentityRepository,
    private readonly policy: Pick<SecurityConfig, 'password' | 'lockout'>,
    private readonly now: () => Date,
  ) {}

  onFailure(listener: (reason: string) => void): void {
    this.failureListeners.add(listener);
  }

  /** Proves `password`, then runs `then` in the transaction that confirms it (e.g. to issue a session). */
  async prove<T>(address: string | null, userId: string, password: string, options: ProofOptions, then: (tx: AuditTx, account: Account) => Promise<T>): Promise<{ account: Account; value: T }> {
    const creds = USER_ID.test(userId) ? await this.repo.credentialsOf(userId) : null;
    const hash = creds?.passwordHash ?? (await (this.decoy ??= decoyHash()));
    const matches = await verifyPassword(password, hash);
    const account = creds?.account ?? null;
    if (!account || !creds?.passwordHash || !matches || !account.active) {
      options.refused();
      const reason = !account ? 'UNKNOWN_USER' : !account.active ? 'INACTIVE' : 'BAD_PASSWORD';
      const failure = await this.recordFailure(address, userId, account, reason, options.purpose);
      throw this.refusal(options.purpose, failure?.wasLocked ? failure.lockedUntil : null);
    }
    const now = this.now();
    if (!options.allowExpired && passwordExpired(account.passwordChangedAt, this.policy.password, now)) {
      throw new UnauthenticatedError(`The password is older than ${this.policy.password.maxAgeDays} days; change it with changePassword`, 'PASSWORD_EXPIRED');
    }
    if (!options.allowTemporary && account.passwordChangeRequired) {
      throw new UnauthenticatedError('This password was set by an administrator and cannot sign; change it with changePassword first', 'PASSWORD_CHANGE_REQUIRED');
    }
    const confirmed = await this.repo.confirmLogin(account.id, creds.passwordHash, now, (r) => this.failedEvent(address, userId, r, options.purpose), then);
    if ('refused' in confirmed) {
      options.refused();
      this.notify(confirmed.refused);
      throw this.refusal(options.purpose, confirmed.refused === 'LOCKED' ? (await this.repo.byId(account.id))?.lockedUntil ?? null : null);
    }
    return confirmed;
  }

  /** A sign-in never says why; a signer, already signed in, is told that their own account is locked. */
  private refusal(purpose: FailurePurpose | undefined, lockedUntil: string | null): Error {
    if (purpose && lockedUntil) return new UnauthenticatedError(`Account locked after repeated failed sign-ins until ${lockedUntil}`, 'LOCKED');
    return new SignInRefusedError();
  }

  private failedEvent(address: string | null, userId: string, reason: string, purpose: FailurePurpose | undefined, failures?: number): SecurityEvent {
    const detail: SecurityEvent['detail'] = failures === undefined ? { reason } : { reason, failures };
    return purpose
      ? securityEvent(purpose.type, userId.slice(0, 100), purpose.actor, { ...purpose.detail, ...detail })
      : securityEvent('LOGIN_FAILED', userId.slice(0, 100), { id: 'anonymous', address }, detail);
  }

  private async recordFailure(address: string | null, userId: string, account: Account | null, reason: string, purpose?: FailurePurpose): Promise<LoginFailure | null> {
    this.notify(reason);
    if (!account || !account.active) {
      await this.repo.securityEvent(this.failedEvent(address, userId, reason, purpose));
      return null;
    }
    const { threshold, minutes } = this.policy.lockout;
    const now = this.now();
    const lockUntil = new Date(now.getTime() + minutes * 60_000);
    const system: Actor = { id: 'system', address };
    return this.repo.recordLoginFailure(account.id, threshold, lockUntil, now, (f) => {
      const events = [this.failedEvent(address, account.id, f.wasLocked ? 'LOCKED' : reason, purpose, f.failures)];
      if (!f.locksNow) return events;
      const until = lockUntil.toISOString();
      events.push(securityEvent('ACCOUNT_LOCKED', account.id, system, { failures: f.failures, until }));
      const signing = SIGNING_ROLES.filter((r) => f.roles.includes(r));
      if (signing.length > 0) events.push(securityEvent('SIGNER_LOCKED', account.id, system, { failures: f.failures, until, roles: signing }));
      return events;
    });
  }

  private notify(reason: string): void {
    for (const l of this.failureListeners) l(reason);
  }
}
