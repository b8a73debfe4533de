import { type Account, type AccountKind, checkDisplayName, checkRoles, checkUserId } from '../../domain/identity/account';
import { ForbiddenError, RateLimitedError, UnauthenticatedError } from '../../domain/identity/errors';
import { checkPassword, hashPassword } from '../../domain/identity/password';
import { checkDutySeparation, checkRoleChange } from '../../domain/identity/roleRules';
import type { Principal } from '../../domain/identity/principal';
import type { SecurityEvent } from '../../domain/identity/securityEvent';
import { newToken, type TokenInfo } from '../../domain/identity/token';
import { BadInputError, ConflictError, NotFoundError } from '../../domain/errors';
import { Role } from '../../domain/role';
import type { AuditTx } from '../../graph/auditedWriter';
import type { IdentityRepository } from '../../graph/repositories/identityRepository';
import type { SecurityConfig } from '../../securityConfig';
import { FreshIdTokenVerifier } from '../signatures/freshIdToken';
import { FailureThrottle, loginThrottleKey } from './loginThrottle';
import { type FailurePurpose, PasswordProof, type ProofOptions } from './passwordProof';
import { securityEvent, type Actor } from './securityEvents';
import { checkToken, type TokenCheck, type TokenRejection } from './tokenCheck';

export type { Actor } from './securityEvents';
export type { TokenCheck, TokenRejection } from './tokenCheck';

/** Cached principals to drop: some tokens by hash, or every token of one account. */
export type Eviction = { readonly hashes: readonly string[] } | { readonly userId: string };

/** Whether a password set for someone else must be replaced at their next sign-in (the default). */
export interface PasswordSetting {
  readonly temporary?: boolean;
}

export interface IssuedToken {
  /** The secret, shown exactly once. */
  readonly secret: string;
  readonly info: TokenInfo;
}

export type IdentityPolicy = Pick<SecurityConfig, 'password' | 'lockout' | 'sessionTtlMs' | 'sessionIdleMs' | 'apiTokenMaxDays'> &
  Partial<Pick<SecurityConfig, 'oidc' | 'signatureReauthSeconds'>>;

/** The second component a signer presents (§11.200): a password, or for SSO users a fresh ID token. */
export interface ReauthProof {
  readonly password?: string | null;
  readonly idToken?: string | null;
}

/** Account, token and login rules. Clock injectable so expiry and lockout are testable. */
export class IdentityService {
  private readonly throttle: FailureThrottle;
  private readonly passwords: PasswordProof;
  private readonly revokedListeners = new Set<(eviction: Eviction) => void>();

  constructor(
    private readonly repo: IdentityRepository,
    private readonly policy: IdentityPolicy,
    /** The service's clock; token caches read it too, so expiry is judged on one time line. */
    readonly now: () => Date = () => new Date(),
  ) {
    this.throttle = new FailureThrottle(policy.lockout.addressMaxFailures, policy.lockout.windowMinutes * 60_000);
    this.passwords = new PasswordProof(repo, policy, now);
  }

  /** Token caches subscribe so a revocation or account change on this replica takes effect at once (others within the TTL). */
  onRevoked(listener: (eviction: Eviction) => void): () => void {
    this.revokedListeners.add(listener);
    return () => this.revokedListeners.delete(listener);
  }

  /**
   * Creates an account. A person's initial password is chosen by the administrator creating it,
   * so it is temporary unless `setting.temporary` is false (the first ADMIN, the demo loader).
   */
  async createAccount(actor: Actor, input: { id: string; displayName: string; kind: AccountKind; roles: readonly Role[]; password: string | null }, setting: PasswordSetting = {}): Promise<Account> {
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
    const passwordChangeRequired = passwordHash !== null && setting.temporary !== false;
    return this.repo.createAccount({ id, displayName, kind: input.kind, roles, passwordHash, passwordChangeRequired }, securityEvent('USER_CREATED', id, actor, { kind: input.kind, roles }), this.now());
  }

  /** The first ADMIN, from the terminal. Refused once any active ADMIN exists. */
  async bootstrapAdmin(actor: Actor, input: { id: string; displayName: string; password: string }): Promise<Account> {
    if ((await this.repo.activeAdminCount()) > 0) throw new ConflictError('An active ADMIN already exists; use it to create further accounts');
    // The person at the terminal chooses their own password, so it is not temporary.
    return this.createAccount(actor, { ...input, kind: 'USER', roles: [Role.ADMIN] }, { temporary: false });
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
    const result = await this.repo.setRoles(account.id, next, securityEvent('ROLES_CHANGED', account.id, actor, { granted, revoked }), this.now());
    this.emitRevoked({ userId: account.id });
    return result as Account;
  }

  async setActive(actor: Actor, userId: string, active: boolean): Promise<Account> {
    const account = await this.get(userId);
    if (!active && actor.id === userId) throw new BadInputError('userId', 'You cannot deactivate your own account');
    const now = this.now();
    if (active) return (await this.repo.setActive(account.id, true, securityEvent('USER_REACTIVATED', account.id, actor, {}), now)) as Account;
    const done = await this.repo.deactivate(
      account.id,
      securityEvent('USER_DEACTIVATED', account.id, actor, {}),
      (t) => securityEvent('TOKEN_REVOKED', account.id, actor, { tokenId: t.id, kind: t.kind, reason: 'USER_DEACTIVATED' }),
      now,
    );
    if (!done) throw new NotFoundError('User', userId);
    this.emitRevoked({ hashes: done.hashes });
    this.emitRevoked({ userId: account.id });
    return done.account;
  }

  async unlock(actor: Actor, userId: string): Promise<Account> {
    const account = await this.get(userId);
    return (await this.repo.unlock(account.id, securityEvent('ACCOUNT_UNLOCKED', account.id, actor, {}), this.now())) as Account;
  }

  /**
   * Sets a user's password for them (a forgotten one). The administrator knows it, so it is
   * temporary: until the user replaces it, their sessions and tokens may only change it or sign
   * out, and it cannot sign. `setting.temporary: false` is for the demo loader only.
   */
  async resetPassword(actor: Actor, userId: string, password: string, setting: PasswordSetting = {}): Promise<Account> {
    const account = await this.get(userId);
    if (account.kind === 'SERVICE') throw new BadInputError('userId', 'Service accounts have no password');
    checkPassword(password, this.policy.password, account, 'newPassword');
    const passwordHash = await hashPassword(password);
    const temporary = setting.temporary !== false;
    const result = (await this.repo.setPassword(account.id, passwordHash, temporary, securityEvent('PASSWORD_RESET', account.id, actor, { temporary }), this.now())) as Account;
    this.emitRevoked({ userId: account.id });
    return result;
  }

  /** Re-authenticates with the current password, so it also serves a user whose password expired or is temporary. */
  async changePassword(address: string | null, userId: string, current: string, next: string): Promise<Account> {
    const { account } = await this.checkCredentials(address, userId, current, { allowExpired: true, allowTemporary: true });
    if (current === next) throw new BadInputError('newPassword', 'The new password must differ from the current one');
    checkPassword(next, this.policy.password, account, 'newPassword');
    const passwordHash = await hashPassword(next);
    const result = (await this.repo.setPassword(account.id, passwordHash, false, securityEvent('PASSWORD_CHANGED', account.id, { id: account.id, address }, {}), this.now())) as Account;
    this.emitRevoked({ userId: account.id });
    return result;
  }

  /**
   * Password login for people; returns a session token that times out when idle. The session is
   * created in the transaction that confirms the password under the account's lock. With a
   * temporary password the session can only change the password or sign out.
   */
  async login(address: string | null, userId: string, password: string): Promise<{ issued: IssuedToken; account: Account }> {
    const now = this.now();
    const expiresAt = new Date(now.getTime() + this.policy.sessionTtlMs).toISOString();
    const t = newToken();
    const { account, value } = await this.checkCredentials(address, userId, password, { allowExpired: false, allowTemporary: true }, (tx, a) =>
      this.repo.createTokenIn(tx, { id: t.id, hash: t.hash, userId: a.id, kind: 'SESSION', label: null, expiresAt }, securityEvent('LOGIN_SUCCEEDED', a.id, { id: a.id, address }, {}), now),
    );
    if (!value) throw new NotFoundError('User', userId);
    return { issued: { secret: t.secret, info: value }, account };
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
        await this.repo.securityEvent(securityEvent('SIGNATURE_FAILED', principal.id, actor, { ...detail, reason: problem }));
        throw new UnauthenticatedError('The ID token is not a recent sign-in of this user; sign in again at the identity provider', problem);
      }
      return { printedName: principal.displayName };
    }
    if (!proof.password) throw new BadInputError('password', 'Re-enter your password to sign');
    const purpose: FailurePurpose = { type: 'SIGNATURE_FAILED', actor, detail };
    const { account } = await this.checkCredentials(address, principal.id, proof.password, { allowExpired: false, allowTemporary: false, purpose });
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
    return this.issue(account.id, 'API', label, expiresAt, securityEvent('TOKEN_ISSUED', account.id, actor, { expiresAt, label }), now);
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
    const result = await this.repo.revokeToken(tokenId, (t) => securityEvent('TOKEN_REVOKED', t.userId, actor, { tokenId, kind: t.kind }), this.now());
    if (!result) throw new NotFoundError('Token', tokenId);
    this.emitRevoked({ hashes: [result.hash] });
    return result.token;
  }

  /** Resolves a pv-lineage bearer token to its principal, or null when unknown or unusable. */
  async verifyToken(secret: string): Promise<Principal | null> {
    const check = await this.checkToken(secret);
    return check.ok ? check.principal : null;
  }

  /**
   * The full verdict on a pv-lineage bearer token: how long an acceptance holds, or why it was
   * refused and whose token it was. `seenAt` is a later use served from a cache (see tokenCheck.ts).
   */
  checkToken(secret: string, seenAt?: number): Promise<TokenCheck> {
    return checkToken(this.repo, secret, this.now(), this.policy.sessionIdleMs, seenAt);
  }

  /**
   * Records a rejected bearer token (forged, expired, revoked, wrong audience) without saying
   * which to the client; a known token's id and account are the event's subject and detail.
   */
  async tokenRejected(address: string | null, reason: TokenRejection | string, known: { tokenId: string | null; userId: string | null } = { tokenId: null, userId: null }): Promise<void> {
    const detail: SecurityEvent['detail'] = known.tokenId ? { reason, tokenId: known.tokenId } : { reason };
    await this.repo.securityEvent(securityEvent('TOKEN_REJECTED', known.userId, { id: 'anonymous', address }, detail));
  }

  async securityEvents(subject: string | null, types: string[] | null, limit: number) {
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new BadInputError('last', 'last must be 1-1000');
    return this.repo.securityEvents({ subject, types, limit });
  }

  /** The per-account-and-address window in front of the password proof; every refusal counts toward it. */
  private async checkCredentials<T = undefined>(
    address: string | null,
    userId: string,
    password: string,
    options: Omit<ProofOptions, 'refused'>,
    then: (tx: AuditTx, account: Account) => Promise<T> = async () => undefined as T,
  ): Promise<{ account: Account; value: T }> {
    const key = loginThrottleKey(userId, address);
    const wait = this.throttle.retryAfter(key);
    if (wait > 0) throw new RateLimitedError(`Too many failed sign-ins for this account from this address; try again in ${wait} s`, wait);
    return this.passwords.prove(address, userId, password, { ...options, refused: () => this.throttle.fail(key) }, then);
  }

  /** Metrics subscribe to failed logins. */
  onLoginFailed(listener: (reason: string) => void): void {
    this.passwords.onFailure(listener);
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

  private emitRevoked(eviction: Eviction): void {
    for (const l of this.revokedListeners) l(eviction);
  }
}

