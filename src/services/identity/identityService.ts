import { type Account, type AccountKind, USER_ID, checkDisplayName, checkRoles, checkUserId } from '../../domain/identity/account';
import { ForbiddenError, RateLimitedError, UnauthenticatedError } from '../../domain/identity/errors';
import { checkPassword, decoyHash, hashPassword, passwordExpired, verifyPassword } from '../../domain/identity/password';
import { checkDutySeparation, checkRoleChange } from '../../domain/identity/roleRules';
import type { Principal } from '../../domain/identity/principal';
import type { SecurityEvent } from '../../domain/identity/securityEvent';
import { hashToken, looksLikeToken, newToken, tokenProblem, type TokenInfo } from '../../domain/identity/token';
import { BadInputError, ConflictError, NotFoundError } from '../../domain/errors';
import { Role } from '../../domain/role';
import type { IdentityRepository } from '../../graph/repositories/identityRepository';
import type { SecurityConfig } from '../../securityConfig';
import { FreshIdTokenVerifier } from '../signatures/freshIdToken';
import { FailureThrottle, loginThrottleKey } from './loginThrottle';

/** Who asks for a change: a signed-in user, or the admin CLI run by an OS user. */
export interface Actor {
  readonly id: string;
  readonly address: string | null;
  /** Printed name and authorising role, for the audit trail. */
  readonly name?: string;
  readonly role?: string | null;
}

export interface IssuedToken {
  /** The secret, shown exactly once. */
  readonly secret: string;
  readonly info: TokenInfo;
}

export type IdentityPolicy = Pick<SecurityConfig, 'password' | 'lockout' | 'sessionTtlMs' | 'sessionIdleMs' | 'apiTokenMaxDays'> &
  Partial<Pick<SecurityConfig, 'oidc' | 'signatureReauthSeconds'>>;

/** What a failed re-authentication was for; its security event replaces LOGIN_FAILED. */
interface FailurePurpose {
  readonly type: SecurityEvent['type'];
  readonly actor: Actor;
  readonly detail: SecurityEvent['detail'];
}

/** The second component a signer presents (§11.200): a password, or for SSO users a fresh ID token. */
export interface ReauthProof {
  readonly password?: string | null;
  readonly idToken?: string | null;
}

/** Account, token and login rules. Clock injectable so expiry and lockout are testable. */
export class IdentityService {
  private readonly throttle: FailureThrottle;
  private readonly revokedListeners = new Set<(hashes: readonly string[]) => void>();
  private decoy: Promise<string> | undefined;

  constructor(
    private readonly repo: IdentityRepository,
    private readonly policy: IdentityPolicy,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.throttle = new FailureThrottle(policy.lockout.addressMaxFailures, policy.lockout.windowMinutes * 60_000);
  }

  /** Token caches subscribe so a revocation on this replica takes effect at once (others within the TTL). */
  onRevoked(listener: (hashes: readonly string[]) => void): () => void {
    this.revokedListeners.add(listener);
    return () => this.revokedListeners.delete(listener);
  }

  async createAccount(actor: Actor, input: { id: string; displayName: string; kind: AccountKind; roles: readonly Role[]; password: string | null }): Promise<Account> {
    const id = checkUserId(input.id, 'id');
    const displayName = checkDisplayName(input.displayName);
    const roles = checkRoles(input.kind, input.roles);
    checkDutySeparation(roles);
    if (input.kind === 'SERVICE' && input.password) throw new BadInputError('password', 'Service accounts sign in with API tokens only, never a password');
    if (input.kind === 'USER') {
      if (!input.password) throw new BadInputError('password', 'A user account needs an initial password');
      checkPassword(input.password, this.policy.password, { id, displayName });
    }
    if (await this.repo.byId(id)) throw new ConflictError(`User id "${id}" is taken; ids are never reused, even after deactivation`, { id });
    const passwordHash = input.password ? await hashPassword(input.password) : null;
    return this.repo.createAccount({ id, displayName, kind: input.kind, roles, passwordHash }, this.event('USER_CREATED', id, actor, { kind: input.kind, roles }), this.now());
  }

  /** The first ADMIN, from the terminal. Refused once any active ADMIN exists. */
  async bootstrapAdmin(actor: Actor, input: { id: string; displayName: string; password: string }): Promise<Account> {
    if ((await this.repo.activeAdminCount()) > 0) throw new ConflictError('An active ADMIN already exists; use it to create further accounts');
    return this.createAccount(actor, { ...input, kind: 'USER', roles: [Role.ADMIN] });
  }

  async get(id: string): Promise<Account> {
    const account = await this.repo.byId(checkUserId(id));
    if (!account) throw new NotFoundError('User', id);
    return account;
  }

  list(includeInactive: boolean): Promise<Account[]> {
    return this.repo.list(includeInactive);
  }

  async setRoles(actor: Actor, userId: string, roles: readonly Role[]): Promise<Account> {
    const account = await this.get(userId);
    const next = checkRoles(account.kind, roles);
    checkRoleChange(actor.id, account.id, next);
    const granted = next.filter((r) => !account.roles.includes(r));
    const revoked = account.roles.filter((r) => !next.includes(r));
    const result = await this.repo.setRoles(account.id, next, this.event('ROLES_CHANGED', account.id, actor, { granted, revoked }), this.now());
    this.evictUser(await this.repo.tokensOf(account.id, false, this.now()));
    return result as Account;
  }

  async setActive(actor: Actor, userId: string, active: boolean): Promise<Account> {
    const account = await this.get(userId);
    if (!active && actor.id === userId) throw new BadInputError('userId', 'You cannot deactivate your own account');
    const result = (await this.repo.setActive(account.id, active, this.event(active ? 'USER_REACTIVATED' : 'USER_DEACTIVATED', account.id, actor, {}), this.now())) as Account;
    if (!active) this.emitRevoked(await this.repo.revokeTokensOf(account.id, this.now()));
    return result;
  }

  async unlock(actor: Actor, userId: string): Promise<Account> {
    const account = await this.get(userId);
    await this.repo.clearLoginFailures(account.id);
    await this.repo.securityEvent(this.event('ACCOUNT_UNLOCKED', account.id, actor, {}));
    return this.get(account.id);
  }

  async resetPassword(actor: Actor, userId: string, password: string): Promise<Account> {
    const account = await this.get(userId);
    if (account.kind === 'SERVICE') throw new BadInputError('userId', 'Service accounts have no password');
    checkPassword(password, this.policy.password, account, 'newPassword');
    const passwordHash = await hashPassword(password);
    return (await this.repo.setPassword(account.id, passwordHash, this.event('PASSWORD_RESET', account.id, actor, {}), this.now())) as Account;
  }

  /** Re-authenticates with the current password, so it also serves a user whose password expired. */
  async changePassword(address: string | null, userId: string, current: string, next: string): Promise<Account> {
    const account = await this.checkCredentials(address, userId, current, true);
    if (current === next) throw new BadInputError('newPassword', 'The new password must differ from the current one');
    checkPassword(next, this.policy.password, account, 'newPassword');
    const passwordHash = await hashPassword(next);
    return (await this.repo.setPassword(account.id, passwordHash, this.event('PASSWORD_CHANGED', account.id, { id: account.id, address }, {}), this.now())) as Account;
  }

  /** Password login for people; returns a session token that times out when idle. */
  async login(address: string | null, userId: string, password: string): Promise<{ issued: IssuedToken; account: Account }> {
    const account = await this.checkCredentials(address, userId, password, false);
    const now = this.now();
    const expiresAt = new Date(now.getTime() + this.policy.sessionTtlMs).toISOString();
    const issued = await this.issue(account.id, 'SESSION', null, expiresAt, this.event('LOGIN_SUCCEEDED', account.id, { id: account.id, address }, {}), now);
    return { issued, account };
  }

  /**
   * Re-authentication for an electronic signature (Part 11 §11.200). A local user proves their
   * password again, through the same checks, address throttle and account lockout as a login;
   * an SSO user presents an ID token whose `auth_time` is within PVL_SIGNATURE_REAUTH_SECONDS.
   * A failure is one SIGNATURE_FAILED security event (counted toward the lockout), not a
   * LOGIN_FAILED. Returns the account's current printed name.
   */
  async reauthenticate(address: string | null, principal: Principal, proof: ReauthProof, detail: SecurityEvent['detail']): Promise<{ printedName: string }> {
    const actor: Actor = { id: principal.id, address, name: principal.displayName };
    if (principal.method === 'OIDC') {
      if (!proof.idToken) throw new BadInputError('idToken', 'An SSO user signs with a fresh ID token: sign in again at the identity provider and send its ID token');
      const problem = await this.freshIdTokens().check(proof.idToken, principal.id);
      if (problem) {
        await this.repo.securityEvent(this.event('SIGNATURE_FAILED', principal.id, actor, { ...detail, reason: problem }));
        throw new UnauthenticatedError('The ID token is not a recent sign-in of this user; sign in again at the identity provider', problem);
      }
      return { printedName: principal.displayName };
    }
    if (!proof.password) throw new BadInputError('password', 'Re-enter your password to sign');
    const account = await this.checkCredentials(address, principal.id, proof.password, false, { type: 'SIGNATURE_FAILED', actor, detail });
    return { printedName: account.displayName };
  }

  /** Whether an account is a service account (they never sign). SSO identities are people. */
  async isServiceAccount(principal: Principal): Promise<boolean> {
    if (principal.method === 'OIDC') return false;
    const account = await this.repo.byId(principal.id);
    return !account || account.kind === 'SERVICE';
  }

  async issueApiToken(actor: Actor, userId: string, expiresInDays: number | null, label: string | null): Promise<IssuedToken> {
    const account = await this.get(userId);
    if (!account.active) throw new BadInputError('userId', `User "${userId}" is deactivated`);
    const days = expiresInDays ?? this.policy.apiTokenMaxDays;
    if (!Number.isInteger(days) || days < 1 || days > this.policy.apiTokenMaxDays) {
      throw new BadInputError('expiresInDays', `Tokens expire after 1-${this.policy.apiTokenMaxDays} days`);
    }
    if (label !== null && (label.length > 100 || /[\u0000-\u001f]/.test(label))) throw new BadInputError('label', 'A label has at most 100 printable characters');
    const now = this.now();
    const expiresAt = new Date(now.getTime() + days * 86_400_000).toISOString();
    return this.issue(account.id, 'API', label, expiresAt, this.event('TOKEN_ISSUED', account.id, actor, { expiresAt, label }), now);
  }

  async tokensOf(userId: string, includeInactive: boolean): Promise<TokenInfo[]> {
    const account = await this.get(userId);
    return this.repo.tokensOf(account.id, includeInactive, this.now());
  }

  /** ADMIN may revoke any token; anyone may revoke their own (logout). */
  async revokeToken(actor: Actor & { mayRevokeOthers: boolean }, tokenId: string): Promise<TokenInfo> {
    if (!/^tok_[0-9a-f]{24}$/.test(tokenId)) throw new BadInputError('tokenId', `"${tokenId.slice(0, 80)}" is not a token id (tok_ and 24 hex digits)`);
    const existing = (await this.repo.tokensOf(actor.id, true, this.now())).some((t) => t.id === tokenId);
    if (!existing && !actor.mayRevokeOthers) throw new ForbiddenError('revokeApiToken', [Role.ADMIN]);
    const result = await this.repo.revokeToken(tokenId, (t) => this.event('TOKEN_REVOKED', t.userId, actor, { tokenId, kind: t.kind }), this.now());
    if (!result) throw new NotFoundError('Token', tokenId);
    this.emitRevoked([result.hash]);
    return result.token;
  }

  /**
   * Resolves a pv-lineage bearer token to its principal, or null when unknown or unusable.
   * Callers cache the answer for at most the configured TTL.
   */
  async verifyToken(secret: string): Promise<Principal | null> {
    if (!looksLikeToken(secret)) return null;
    const found = await this.repo.tokenByHash(hashToken(secret));
    if (!found || !found.account.active) return null;
    const now = this.now();
    if (tokenProblem(found.token, now, this.policy.sessionIdleMs)) return null;
    if (found.token.kind === 'SESSION') await this.repo.touchToken(found.token.id, now);
    return {
      id: found.account.id,
      displayName: found.account.displayName,
      roles: found.account.roles,
      method: found.token.kind === 'SESSION' ? 'SESSION' : 'API_TOKEN',
      tokenId: found.token.id,
    };
  }

  /** Records a rejected bearer token (forged, expired, wrong audience) without saying which it was to the client. */
  async tokenRejected(address: string | null, reason: string): Promise<void> {
    await this.repo.securityEvent(this.event('TOKEN_REJECTED', null, { id: 'anonymous', address }, { reason }));
  }

  async securityEvents(subject: string | null, types: string[] | null, limit: number) {
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new BadInputError('last', 'last must be 1-1000');
    return this.repo.securityEvents({ subject, types, limit });
  }

  private async checkCredentials(address: string | null, userId: string, password: string, allowExpired: boolean, purpose?: FailurePurpose): Promise<Account> {
    const key = loginThrottleKey(userId, address);
    const wait = this.throttle.retryAfter(key);
    if (wait > 0) throw new RateLimitedError(`Too many failed sign-ins for this account from this address; try again in ${wait} s`, wait);
    const creds = USER_ID.test(userId) ? await this.repo.credentialsOf(userId) : null;
    const now = this.now();
    const hash = creds?.passwordHash ?? (await (this.decoy ??= decoyHash()));
    const matches = await verifyPassword(password, hash);
    const account = creds?.account;
    const locked = account?.lockedUntil ? Date.parse(account.lockedUntil) > now.getTime() : false;
    if (!account || !creds?.passwordHash || !matches || !account.active || locked) {
      this.throttle.fail(key);
      const reason = !account ? 'UNKNOWN_USER' : locked ? 'LOCKED' : !account.active ? 'INACTIVE' : 'BAD_PASSWORD';
      await this.recordFailure(address, userId, account ?? null, reason, purpose);
      if (locked) throw new UnauthenticatedError(`Account locked after repeated failed sign-ins until ${account!.lockedUntil}`, 'LOCKED');
      throw new UnauthenticatedError('Invalid user id or password', 'BAD_CREDENTIALS');
    }
    if (!allowExpired && passwordExpired(account.passwordChangedAt, this.policy.password, now)) {
      throw new UnauthenticatedError(`The password is older than ${this.policy.password.maxAgeDays} days; change it with changePassword`, 'PASSWORD_EXPIRED');
    }
    if (account.failedLogins > 0 || account.lockedUntil) await this.repo.clearLoginFailures(account.id);
    return account;
  }

  private failureListeners = new Set<(reason: string) => void>();
  /** Metrics subscribe to failed logins. */
  onLoginFailed(listener: (reason: string) => void): void {
    this.failureListeners.add(listener);
  }

  private async recordFailure(address: string | null, userId: string, account: Account | null, reason: string, purpose?: FailurePurpose): Promise<void> {
    for (const l of this.failureListeners) l(reason);
    const subject = userId.slice(0, 100);
    const failed = purpose
      ? this.event(purpose.type, subject, purpose.actor, { ...purpose.detail, reason })
      : this.event('LOGIN_FAILED', subject, { id: 'anonymous', address }, { reason });
    if (!account || reason === 'LOCKED') {
      await this.repo.securityEvent(failed);
      return;
    }
    const { threshold, minutes } = this.policy.lockout;
    const lockUntil = new Date(this.now().getTime() + minutes * 60_000);
    await this.repo.recordLoginFailure(account.id, threshold, lockUntil, (failures, locksNow) => [
      { ...failed, detail: { ...failed.detail, failures } },
      ...(locksNow ? [this.event('ACCOUNT_LOCKED', account.id, { id: 'system', address }, { failures, until: lockUntil.toISOString() })] : []),
    ]);
  }

  private idTokens: FreshIdTokenVerifier | undefined;
  private freshIdTokens(): FreshIdTokenVerifier {
    if (!this.policy.oidc) throw new BadInputError('idToken', 'SSO is not configured on this server');
    return (this.idTokens ??= new FreshIdTokenVerifier(this.policy.oidc, this.policy.signatureReauthSeconds ?? 300, this.now));
  }

  private async issue(userId: string, kind: 'API' | 'SESSION', label: string | null, expiresAt: string, event: SecurityEvent, now: Date): Promise<IssuedToken> {
    const t = newToken();
    const info = await this.repo.createToken({ id: t.id, hash: t.hash, userId, kind, label, expiresAt }, event, now);
    if (!info) throw new NotFoundError('User', userId);
    return { secret: t.secret, info };
  }

  private evictUser(tokens: readonly TokenInfo[]): void {
    // Role changes must reach cached principals too; without hashes, drop everything this replica cached.
    if (tokens.length > 0) this.emitRevoked(['*']);
  }

  private emitRevoked(hashes: readonly string[]): void {
    for (const l of this.revokedListeners) l(hashes);
  }

  private event(type: SecurityEvent['type'], subject: string | null, actor: Actor, detail: SecurityEvent['detail']): SecurityEvent {
    return { type, subject, actor: actor.id, actorName: actor.name ?? null, actorRole: actor.role ?? null, address: actor.address, detail };
  }
}

