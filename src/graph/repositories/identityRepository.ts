import type { Account, AccountKind } from '../../domain/identity/account';
import type { SecurityEvent } from '../../domain/identity/securityEvent';
import type { TokenInfo, TokenKind } from '../../domain/identity/token';
import type { Role } from '../../domain/role';
import { toNeoInt } from '../convert';
import { AuditKind, type AuditDraft } from '../../domain/audit/draft';
import type { AuditedWriter } from '../auditedWriter';
import type { GraphExecutor, Row } from '../executor';

const ACCOUNT_FIELDS = `u{.id, .displayName, .kind, .roles, .active, .createdAt, .deactivatedAt, .passwordChangedAt, .failedLogins, .lockedUntil}`;

/** The uniqueness constraint on User.id, plus never deleting users, is what keeps ids from being reused. */
export const CREATE_ACCOUNT = `
CREATE (u:User {id: $id, displayName: $displayName, kind: $kind, roles: $roles, active: true,
  createdAt: datetime($now), deactivatedAt: null, passwordHash: $passwordHash,
  passwordChangedAt: CASE WHEN $passwordHash IS NULL THEN null ELSE datetime($now) END,
  failedLogins: 0, lockedUntil: null})
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

export const SET_PASSWORD = `
MATCH (u:User {id: $id})
SET u.passwordHash = $passwordHash, u.passwordChangedAt = datetime($now), u.failedLogins = 0, u.lockedUntil = null
RETURN ${ACCOUNT_FIELDS} AS account`;

/** One statement, so concurrent failures on several replicas cannot lose a count. */
export const RECORD_LOGIN_FAILURE = `
MATCH (u:User {id: $id})
SET u.failedLogins = coalesce(u.failedLogins, 0) + 1
WITH u, u.failedLogins >= $threshold AND u.lockedUntil IS NULL AS locksNow
SET u.lockedUntil = CASE WHEN u.failedLogins >= $threshold THEN datetime($lockUntil) ELSE u.lockedUntil END
RETURN u.failedLogins AS failures, locksNow`;

export const CLEAR_LOGIN_FAILURES = `MATCH (u:User {id: $id}) SET u.failedLogins = 0, u.lockedUntil = null RETURN u.id AS id`;

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

export const REVOKE_TOKENS_OF_USER = `
MATCH (t:ApiToken)-[:ISSUED_TO]->(:User {id: $userId}) WHERE t.revokedAt IS NULL
SET t.revokedAt = datetime($now)
RETURN t.hash AS hash`;

/** Security events are audit events of category SECURITY; newest first. */
export const SECURITY_EVENTS = `
MATCH (e:AuditEvent {category: 'SECURITY'})
WHERE ($subject IS NULL OR e.entityId = $subject) AND ($types IS NULL OR e.action IN $types)
RETURN e{.*} AS event ORDER BY e.seq DESC LIMIT $limit`;

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

  async createAccount(a: { id: string; displayName: string; kind: AccountKind; roles: readonly Role[]; passwordHash: string | null }, event: SecurityEvent, now: Date): Promise<Account> {
    return this.writer.write('identity.createAccount', async (tx) => {
      const [row] = await tx.run(CREATE_ACCOUNT, { ...a, roles: [...a.roles], now: now.toISOString() });
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

  setPassword(id: string, passwordHash: string, event: SecurityEvent, now: Date): Promise<Account | null> {
    return this.change('setPassword', SET_PASSWORD, { id, passwordHash }, event, now);
  }

  /** Updates an account and records why, in one transaction; null when the id is unknown. */
  private async change(op: string, cypher: string, params: Record<string, unknown>, event: SecurityEvent, now: Date): Promise<Account | null> {
    return this.writer.write(`identity.${op}`, async (tx) => {
      const [row] = await tx.run(cypher, { ...params, now: now.toISOString() });
      if (!row) return null;
      tx.audit(securityDraft(event));
      return toAccount(row);
    });
  }

  async recordLoginFailure(id: string, threshold: number, lockUntil: Date, events: (failures: number, locksNow: boolean) => SecurityEvent[]): Promise<{ failures: number; locked: boolean } | null> {
    return this.writer.write('identity.loginFailure', async (tx) => {
      const [row] = await tx.run(RECORD_LOGIN_FAILURE, { id, threshold: toNeoInt(threshold), lockUntil: lockUntil.toISOString() });
      const failures = row ? Number(row.failures) : 0;
      const locksNow = row ? row.locksNow === true : false;
      for (const e of events(failures, locksNow)) tx.audit(securityDraft(e));
      return row ? { failures, locked: locksNow } : null;
    });
  }

  async clearLoginFailures(id: string): Promise<void> {
    await this.graph.write('identity.clearFailures', (tx) => tx.run(CLEAR_LOGIN_FAILURES, { id }));
  }

  async createToken(t: { id: string; hash: string; userId: string; kind: TokenKind; label: string | null; expiresAt: string | null }, event: SecurityEvent | null, now: Date): Promise<TokenInfo | null> {
    return this.writer.write('identity.createToken', async (tx) => {
      const [row] = await tx.run(CREATE_TOKEN, { ...t, now: now.toISOString() });
      if (!row) return null;
      if (event) tx.audit(securityDraft(event));
      return toToken(row.token as Record<string, unknown>);
    });
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
      const [row] = await tx.run(REVOKE_TOKEN, { id, now: now.toISOString() });
      if (!row) return null;
      const token = toToken(row.token as Record<string, unknown>);
      tx.audit(securityDraft(event(token)));
      return { token, hash: String(row.hash) };
    });
  }

  /** Revokes every live token of a user (on deactivation); returns their hashes so caches can drop them. */
  async revokeTokensOf(userId: string, now: Date): Promise<string[]> {
    const rows = await this.graph.write('identity.revokeTokensOf', (tx) => tx.run(REVOKE_TOKENS_OF_USER, { userId, now: now.toISOString() }));
    return rows.map((r) => String(r.hash));
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
function securityDraft(event: SecurityEvent): AuditDraft {
  return {
    actor: { id: event.actor ?? ANONYMOUS_ACTOR, role: event.actorRole ?? null, name: event.actorName ?? event.actor ?? 'anonymous (not signed in)' },
    kind: AuditKind.SECURITY,
    action: event.type,
    entityType: 'User',
    entityId: event.subject ?? UNKNOWN_SUBJECT,
    newValue: { ...event.detail, address: event.address },
  };
}
