import type { Principal } from '../../domain/identity/principal';
import { hashToken, looksLikeToken, tokenProblem } from '../../domain/identity/token';
import type { IdentityRepository } from '../../graph/repositories/identityRepository';

/** Why a bearer token was refused: unknown to pv-lineage, or known and no longer usable. */
export type TokenRejection = 'UNKNOWN_TOKEN' | 'REVOKED' | 'EXPIRED' | 'IDLE' | 'DEACTIVATED';

/**
 * The verdict on one pv-lineage token. An accepted token says how long the answer may be trusted
 * (its expiry and, for sessions, the idle timeout), so a cache never keeps it longer; a refused
 * one names the token and its account when the token is known, for the security event.
 */
export type TokenCheck =
  | { readonly ok: true; readonly principal: Principal; readonly expiresAt: number | null; readonly idleMs: number | null }
  | { readonly ok: false; readonly reason: TokenRejection; readonly tokenId: string | null; readonly userId: string | null };

const UNKNOWN: TokenCheck = { ok: false, reason: 'UNKNOWN_TOKEN', tokenId: null, userId: null };

/**
 * Resolves a pv-lineage bearer secret. `seenAt` is a later use of the token that the caller
 * served from its cache without telling the database; the idle timeout counts from it.
 */
export async function checkToken(repo: IdentityRepository, secret: string, now: Date, sessionIdleMs: number, seenAt?: number): Promise<TokenCheck> {
  if (!looksLikeToken(secret)) return UNKNOWN;
  const found = await repo.tokenByHash(hashToken(secret));
  if (!found) return UNKNOWN;
  const { token, account } = found;
  const known = { tokenId: token.id, userId: account.id };
  if (!account.active) return { ok: false, reason: 'DEACTIVATED', ...known };
  const lastUsed = Math.max(Date.parse(token.lastUsedAt ?? token.createdAt), seenAt ?? 0);
  const problem = tokenProblem({ ...token, lastUsedAt: new Date(lastUsed).toISOString() }, now, sessionIdleMs);
  if (problem) return { ok: false, reason: problem, ...known };
  const session = token.kind === 'SESSION';
  if (session) await repo.touchToken(token.id, now);
  return {
    ok: true,
    principal: {
      id: account.id,
      displayName: account.displayName,
      roles: account.roles,
      method: session ? 'SESSION' : 'API_TOKEN',
      tokenId: token.id,
      ...(account.passwordChangeRequired ? { passwordChangeRequired: true } : {}),
    },
    expiresAt: token.expiresAt ? Date.parse(token.expiresAt) : null,
    idleMs: session ? sessionIdleMs : null,
  };
}
