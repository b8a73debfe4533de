import type { Account, AccountKind } from '../../domain/identity/account';
import type { SecurityEvent } from '../../domain/identity/securityEvent';
import type { TokenInfo, TokenKind } from '../../domain/identity/token';
import type { Role } from '../../domain/role';
import { toNeoInt } from '../convert';
import { AuditKind, type AuditDraft } from '../../domain/audit/draft';
import type { AuditedWriter, AuditTx } from '../auditedWriter';
import type { GraphExecutor, Row } from '../executor';
import { type AccountChanges, NO_CHANGES, accountChanges, accountState } from './accountChanges';

const ACCOUNT_FIELDS = `u{.id, .displayName, .kind, .roles, .active, .createdAt, .deactivatedAt, .passwordChangedAt, .failedLogins, .lockedUntil, .passwordChangeRequired}`;

/** The uniqueness constraint on User.id, plus never deleting users, is what keeps ids from being reused. */
export const CREATE_ACCOUNT = `
CREATE (u:User {id: $id, displayName: $displayName, kind: $kind, roles: $roles, active: true,
  createdAt: datetime($now), deactivatedAt: null, passwordHash: $passwordHash,
  passwordChangedAt: CASE WHEN $passwordHash IS NULL THEN null ELSE datetime($now) END,
  passwordChangeRequired: $passwordChangeRequired, failedLogins: 0, lockedUntil: null})
RETURN ${ACCOUNT_FIELDS} AS account`;

export const ACCOUNT_BY_ID = `MATCH (u:User {id: $id}) RETURN ${ACCOUNT_FIELDS} AS account, u.passwordHash AS passwordHash`;

export const ACCOUNTS = `
MATCH (u:User) WHERE $includeInactive OR u.active
RETURN ${ACCOUNT_FIELDS} AS account ORDER BY u.id`;

export const COUNT_ACTIVE_ADMINS = `MATCH (u:User) WHERE u.active AND 'ADMIN' IN u.roles RETURN count(u) AS n`;

export const SET_ROLES = `
MATCH (u:User {id: $id})
WITH u, u.roles AS before SET u.roles = $roles
RETURN ${ACCOUNT_FIELDS} AS account, before`;

export const SET_ACTIVE = `
MATCH (u:User {id: $id})
SET u.active = $active, u.deactivatedAt = CASE WHEN $active THEN null ELSE datetime($now) END
RETURN ${ACCOUNT_FIELDS} AS account`;

/** `temporary` marks a password someone else chose: its holder must replace it before anything else. */
export const SET_PASSWORD = `
MATCH (u:User {id: $id})
SET u.passwordHash = $passwordHash, u.passwordChangedAt = datetime($now), u.passwordChangeRequired = $temporary,
  u.failedLogins = 0, u.lockedUntil = null
RETURN ${ACCOUNT_FIELDS} AS account`;

/**
 * One statement that takes the account's write lock before it reads anything (the first SET),
 * so concurrent failures on any replica serialise: none is lost, and exactly one of them sees the
 * count reach the threshold and locks. A lock that has run out restarts the count, so every lock,
 * a re-lock included, takes `threshold` failures and is reported (`locksNow`). Failures during a
 * lock are counted but do not extend it.
 */
export const RECORD_LOGIN_FAILURE = `
MATCH (u:User {id: $id})
SET u._lock = true
WITH u, u.lockedUntil IS NOT NULL AND u.lockedUntil > datetime($now) AS locked,
     u.lockedUntil IS NOT NULL AND u.lockedUntil <= datetime($now) AS lapsed
SET u.failedLogins = CASE WHEN lapsed THEN 1 ELSE coalesce(u.failedLogins, 0) + 1 END
WITH u, locked, NOT locked AND u.failedLogins >= $threshold AS locksNow
SET u.lockedUntil = CASE WHEN locksNow THEN datetime($lockUntil) WHEN locked THEN u.lockedUntil ELSE null END
REMOVE u._lock
RETURN u.failedLogins AS failures, locksNow, locked, u.lockedUntil AS lockedUntil, u.roles AS roles`;

/**
 * The last word on a verified password, under the account's write lock: refused when the account
 * is locked or inactive, or its password changed since it was read; otherwise the failure count
 * resets. The session (if any) is created in the same transaction, so no failure that reached the
 * threshold first can be followed by a session.
 */
export const CONFIRM_LOGIN = `
MATCH (u:User {id: $id})
SET u._lock = true
WITH u, CASE
  WHEN NOT u.active THEN 'INACTIVE'
  WHEN u.passwordHash IS NULL OR u.passwordHash <> $passwordHash THEN 'BAD_PASSWORD'
  WHEN u.lockedUntil IS NOT NULL AND u.lockedUntil > datetime($now) THEN 'LOCKED'
  ELSE null END AS refused
SET u.failedLogins = CASE WHEN refused IS NULL THEN 0 ELSE u.failedLogins END,
    u.lockedUntil = CASE WHEN refused IS NULL THEN null ELSE u.lockedUntil END
REMOVE u._lock
RETURN refused, ${ACCOUNT_FIELDS} AS account`;

export const CLEAR_LOGIN_FAILURES = `MATCH (u:User {id: $id}) SET u.failedLogins = 0, u.lockedUntil = null RETURN ${ACCOUNT_FIELDS} AS account`;

export const CREATE_TOKEN = `
MATCH (u:User {id: $userId})
CREATE (t:ApiToken {id: $id, hash: $hash, kind: $kind, label: $label, createdAt: datetime($now),
  expiresAt: CASE WHEN $expiresAt IS NULL THEN null ELSE datetime($expiresAt) END,
  lastUsedAt: datetime($now), revokedAt: null})-[:ISSUED_TO]->(u)
RETURN t{.*, userId: u.id} AS token`;

/** Everything a request needs to trust a bearer token, in one round trip. */
export const TOKEN_BY_HASH = `
MATCH (t:ApiToken {hash: $hash})-[:ISSUED_TO]->(u:User)
RETURN t{.id, .kind, .label, .createdAt, .expiresAt, .lastUsedAt, .revokedAt, userId: u.id} AS token,
       ${ACCOUNT_FIELDS} AS account`;

export const TOUCH_TOKEN = `MATCH (t:ApiToken {id: $id}) SET t.lastUsedAt = datetime($now) RETURN t.id AS id`;

export const TOKENS_OF_USER = `
MATCH (t:ApiToken)-[:ISSUED_TO]->(u:User {id: $userId})
WHERE $includeInactive OR (t.revokedAt IS NULL AND (t.expiresAt IS NULL OR t.expiresAt > datetime($now)))
RETURN t{.id, .kind, .label, .createdAt, .expiresAt, .lastUsedAt, .revokedAt, userId: u.id} AS token
ORDER BY t.createdAt DESC, t.id`;

export const REVOKE_TOKEN = `
MATCH (t:ApiToken {id: $id})-[:ISSUED_TO]->(u:User)
SET t.revokedAt = coalesce(t.revokedAt, datetime($now))
RETURN t{.id, .kind, .label, .createdAt, .expiresAt, .lastUsedAt, .revokedAt, userId: u.id} AS token, t.hash AS hash`;

export const TOKEN_REVOKED_AT = 'MATCH (t:ApiToken {id: $id}) RETURN t.revokedAt AS revokedAt';

export const REVOKE_TOKENS_OF_USER = `
MATCH (t:ApiToken)-[:ISSUED_TO]->(u:User {id: $userId}) WHERE t.revokedAt IS NULL
SET t.revokedAt = datetime($now)
RETURN t{.id, .kind, .label, .createdAt, .expiresAt, .lastUsedAt, .revokedAt, userId: u.id} AS token, t.hash AS hash`;

/** Security events are audit events of category SECURITY; newest first. */
export const SECURITY_EVENTS = `
MATCH (e:AuditEvent {category: 'SECURITY'})
WHERE ($subject IS NULL OR e.entityId = $subject) AND ($types IS NULL OR e.action IN $types)
RETURN e{.*} AS event ORDER BY e.seq DESC LIMIT $limit`;

export interface NewAccount {
  readonly id: string;
  readonly displayName: string;
  readonly kind: AccountKind;
  readonly roles: readonly Role[];
  readonly passwordHash: string | null;
  /** The password was chosen by someone else (an administrator) and must be replaced at sign-in. */
  readonly passwordChangeRequired?: boolean;
}

export interface NewToken {
  readonly id: string;
  readonly hash: string;
  readonly userId: string;
  readonly kind: TokenKind;
  readonly label: string | null;
  readonly expiresAt: string | null;
}

/** What one counted failure did to the account. */
export interface LoginFailure {
  readonly failures: number;
  /** This failure locked the account (it was not locked before). */
  readonly locksNow: boolean;
  /** The account was already locked when this failure came. */
  readonly wasLocked: boolean;
  readonly lockedUntil: string | null;
  readonly roles: readonly Role[];
}

export interface StoredSecurityEvent extends SecurityEvent {
  readonly id: string;
  readonly at: string;
}

const toAccount = (r: Row): Account => {
  const a = r.account as Record<string, unknown>;
  return {
    id: String(a.id),
    displayName: String(a.displayName),
    kind: a.kind as AccountKind,
    roles: (a.roles as Role[]) ?? [],
    active: a.active === true,
    createdAt: String(a.createdAt),
    deactivatedAt: (a.deactivatedAt as string | null) ?? null,
    passwordChangedAt: (a.passwordChangedAt as string | null) ?? null,
    failedLogins: Number(a.failedLogins ?? 0),
    lockedUntil: (a.lockedUntil as string | null) ?? null,
    passwordChangeRequired: a.passwordChangeRequired === true,
  };
};

const toToken = (t: Record<string, unknown>): TokenInfo => ({
  id: String(t.id),
  userId: String(t.userId),
  kind: t.kind as TokenKind,
  label: (t.label as string | null) ?? null,
  createdAt: String(t.createdAt),
  expiresAt: (t.expiresAt as string | null) ?? null,
  lastUsedAt: (t.lastUsedAt as string | null) ?? null,
  revokedAt: (t.revokedAt as string | null) ?? null,
});

/** Accounts, tokens and security events. Password hashes leave only through `credentialsOf`. */
export class IdentityRepository {
  constructor(
    private readonly graph: GraphExecutor,
    private readonly writer: AuditedWriter,
  ) {}

  async createAccount(a: NewAccount, event: SecurityEvent, now: Date): Promise<Account> {
    return this.writer.write('identity.createAccount', async (tx) => {
      const [row] = await tx.run(CREATE_ACCOUNT, { ...a, passwordChangeRequired: a.passwordChangeRequired ?? false, roles: [...a.roles], now: now.toISOString() });
      tx.audit(securityDraft(event));
      return toAccount(row);
    });
  }

  async byId(id: string): Promise<Account | null> {
    const [row] = await this.graph.query('identity.accountById', ACCOUNT_BY_ID, { id });
    return row ? toAccount(row) : null;
  }

  async credentialsOf(id: string): Promise<{ account: Account; passwordHash: string | null } | null> {
    const [row] = await this.graph.query('identity.credentials', ACCOUNT_BY_ID, { id });
    return row ? { account: toAccount(row), passwordHash: (row.passwordHash as string | null) ?? null } : null;
  }

  async list(includeInactive: boolean): Promise<Account[]> {
    return (await this.graph.query('identity.accounts', ACCOUNTS, { includeInactive })).map(toAccount);
  }

  async activeAdminCount(): Promise<number> {
    const [row] = await this.graph.query('identity.countAdmins', COUNT_ACTIVE_ADMINS);
    return Number(row.n);
  }

  setRoles(id: string, roles: readonly Role[], event: SecurityEvent, now: Date): Promise<Account | null> {
    return this.change('setRoles', SET_ROLES, { id, roles: [...roles] }, event, now);
  }

  setActive(id: string, active: boolean, event: SecurityEvent, now: Date): Promise<Account | null> {
    return this.change('setActive', SET_ACTIVE, { id, active }, event, now);
  }

  setPassword(id: string, passwordHash: string, temporary: boolean, event: SecurityEvent, now: Date): Promise<Account | null> {
    return this.change('setPassword', SET_PASSWORD, { id, passwordHash, temporary }, event, now);
  }

  /**
   * Deactivates an account and revokes its live tokens in one transaction, with the
   * deactivation's event and one TOKEN_REVOKED event per token; the hashes let caches drop them.
   */
  async deactivate(id: string, event: SecurityEvent, revoked: (t: TokenInfo) => SecurityEvent, now: Date): Promise<{ account: Account; hashes: string[] } | null> {
    return this.writer.write('identity.deactivate', async (tx) => {
      const before = await accountState(tx, id);
      const [row] = await tx.run(SET_ACTIVE, { id, active: false, now: now.toISOString() });
      if (!row) return null;
      tx.audit(securityDraft(event, accountChanges(before, await accountState(tx, id))));
      const tokens = await tx.run(REVOKE_TOKENS_OF_USER, { userId: id, now: now.toISOString() });
      for (const t of tokens) tx.audit(securityDraft(revoked(toToken(t.token as Record<string, unknown>)), revocation(null, t.token as Row)));
      return { account: toAccount(row), hashes: tokens.map((t) => String(t.hash)) };
    });
  }

  /** Updates an account and records why, in one transaction; null when the id is unknown. */
  private async change(op: string, cypher: string, params: Record<string, unknown>, event: SecurityEvent, now: Date): Promise<Account | null> {
    return this.writer.write(`identity.${op}`, async (tx) => {
      const before = await accountState(tx, String(params.id));
      const [row] = await tx.run(cypher, { ...params, now: now.toISOString() });
      if (!row) return null;
      tx.audit(securityDraft(event, accountChanges(before, await accountState(tx, String(params.id)))));
      return toAccount(row);
    });
  }

  /** Counts one wrong password (RECORD_LOGIN_FAILURE) and writes the events it calls for, in one transaction. */
  async recordLoginFailure(id: string, threshold: number, lockUntil: Date, now: Date, events: (result: LoginFailure) => SecurityEvent[]): Promise<LoginFailure | null> {
    return this.writer.write('identity.loginFailure', async (tx) => {
      const before = await accountState(tx, id);
      const [row] = await tx.run(RECORD_LOGIN_FAILURE, { id, threshold: toNeoInt(threshold), lockUntil: lockUntil.toISOString(), now: now.toISOString() });
      if (!row) return null;
      const changes = accountChanges(before, await accountState(tx, id));
      const result: LoginFailure = {
        failures: Number(row.failures),
        locksNow: row.locksNow === true,
        wasLocked: row.locked === true,
        lockedUntil: (row.lockedUntil as string | null) ?? null,
        roles: (row.roles as Role[]) ?? [],
      };
      // The count and any lockout are the first event's change (LOGIN_FAILED); a lockout event follows it.
      events(result).forEach((e, i) => tx.audit(securityDraft(e, i === 0 ? changes : NO_CHANGES)));
      return result;
    });
  }

  /**
   * Accepts a verified password (CONFIRM_LOGIN) and runs `then` (e.g. creating the session) in the
   * same transaction; a refusal writes `refusedEvent` instead and runs nothing.
   */
  async confirmLogin<T>(
    id: string,
    passwordHash: string,
    now: Date,
    refusedEvent: (reason: string) => SecurityEvent,
    then: (tx: AuditTx, account: Account) => Promise<T>,
  ): Promise<{ refused: string } | { account: Account; value: T }> {
    return this.writer.write('identity.confirmLogin', async (tx) => {
      const before = await accountState(tx, id);
      const [row] = await tx.run(CONFIRM_LOGIN, { id, passwordHash, now: now.toISOString() });
      const refused = row ? ((row.refused as string | null) ?? null) : 'UNKNOWN_USER';
      if (refused !== null) {
        tx.audit(securityDraft(refusedEvent(refused)));
        return { refused };
      }
      const account = toAccount(row);
      // A sign-in that clears earlier failures or a lapsed lockout changes the account: said in its own event.
      const cleared = accountChanges(before, await accountState(tx, id));
      if (Object.keys(cleared.newValue).length > 0) {
        tx.audit(securityDraft({ type: 'LOGIN_FAILURES_CLEARED', subject: id, actor: id, address: null, detail: {} }, cleared));
      }
      return { account, value: await then(tx, account) };
    });
  }

  /** Clears a lockout (unlockUser), with its event. */
  unlock(id: string, event: SecurityEvent, now: Date): Promise<Account | null> {
    return this.change('unlock', CLEAR_LOGIN_FAILURES, { id }, event, now);
  }

  async createToken(t: NewToken, event: SecurityEvent | null, now: Date): Promise<TokenInfo | null> {
    return this.writer.write('identity.createToken', (tx) => this.createTokenIn(tx, t, event, now));
  }

  /** Creates a token inside a transaction already open (a login's confirmation). */
  async createTokenIn(tx: AuditTx, t: NewToken, event: SecurityEvent | null, now: Date): Promise<TokenInfo | null> {
    const [row] = await tx.run(CREATE_TOKEN, { ...t, now: now.toISOString() });
    if (!row) return null;
    if (event) tx.audit(securityDraft(event));
    return toToken(row.token as Record<string, unknown>);
  }

  async tokenByHash(hash: string): Promise<{ token: TokenInfo; account: Account } | null> {
    const [row] = await this.graph.query('identity.tokenByHash', TOKEN_BY_HASH, { hash });
    return row ? { token: toToken(row.token as Record<string, unknown>), account: toAccount(row) } : null;
  }

  async touchToken(id: string, now: Date): Promise<void> {
    await this.graph.write('identity.touchToken', (tx) => tx.run(TOUCH_TOKEN, { id, now: now.toISOString() }));
  }

  async tokensOf(userId: string, includeInactive: boolean, now: Date): Promise<TokenInfo[]> {
    const rows = await this.graph.query('identity.tokensOf', TOKENS_OF_USER, { userId, includeInactive, now: now.toISOString() });
    return rows.map((r) => toToken(r.token as Record<string, unknown>));
  }

  async revokeToken(id: string, event: (t: TokenInfo) => SecurityEvent, now: Date): Promise<{ token: TokenInfo; hash: string } | null> {
    return this.writer.write('identity.revokeToken', async (tx) => {
      const [previous] = await tx.run(TOKEN_REVOKED_AT, { id });
      const [row] = await tx.run(REVOKE_TOKEN, { id, now: now.toISOString() });
      if (!row) return null;
      const token = toToken(row.token as Record<string, unknown>);
      tx.audit(securityDraft(event(token), revocation((previous?.revokedAt as string | null) ?? null, row.token as Row)));
      return { token, hash: String(row.hash) };
    });
  }

  async securityEvent(event: SecurityEvent): Promise<void> {
    await this.writer.write('identity.securityEvent', async (tx) => tx.audit(securityDraft(event)));
  }

  async securityEvents(filter: { subject: string | null; types: string[] | null; limit: number }): Promise<StoredSecurityEvent[]> {
    const rows = await this.graph.query('identity.securityEvents', SECURITY_EVENTS, { ...filter, limit: toNeoInt(filter.limit) });
    return rows.map((r) => {
      const e = r.event as Record<string, unknown>;
      const { address = null, ...detail } = JSON.parse(String(e.newValue ?? '{}')) as Record<string, unknown>;
      return {
        id: String(e.seq),
        at: String(e.at),
        type: e.action as SecurityEvent['type'],
        subject: e.entityId === UNKNOWN_SUBJECT ? null : String(e.entityId),
        actor: e.actorId === ANONYMOUS_ACTOR ? null : String(e.actorId),
        address: address as string | null,
        detail: detail as SecurityEvent['detail'],
      };
    });
  }
}

const ANONYMOUS_ACTOR = 'anonymous';
const UNKNOWN_SUBJECT = '(none)';

/**
 * A security event as an audit draft, the only form security events are written in (category
 * SECURITY, inside the transaction of the change they describe): the account concerned is the
 * entity, the address and facts the new value.
 */
function securityDraft(event: SecurityEvent, changes: AccountChanges = NO_CHANGES): AuditDraft {
  return {
    actor: { id: event.actor ?? ANONYMOUS_ACTOR, role: event.actorRole ?? null, name: event.actorName ?? event.actor ?? 'anonymous (not signed in)' },
    kind: AuditKind.SECURITY,
    action: event.type,
    entityType: 'User',
    entityId: event.subject ?? UNKNOWN_SUBJECT,
    oldValue: Object.keys(changes.oldValue).length > 0 ? changes.oldValue : null,
    newValue: { ...event.detail, address: event.address, ...changes.newValue },
  };
}

/** A token's revocation as a change on its account's event: the token's id and its `revokedAt`, old → new. */
function revocation(before: string | null, token: Row): AccountChanges {
  const after = (token.revokedAt as string | null) ?? null;
  return before === after ? NO_CHANGES : { oldValue: { revokedAt: before }, newValue: { revokedAt: after } };
}
