import { createHash, randomBytes } from 'node:crypto';

/**
 * Bearer tokens pv-lineage issues. The secret is random, shown once, and stored only as its
 * SHA-256; the id is a separate random handle used to list and revoke it.
 */
export type TokenKind = 'API' | 'SESSION';

export const TOKEN_PREFIX = 'pvl_';
const TOKEN_SHAPE = /^pvl_[A-Za-z0-9_-]{43}$/;

export interface TokenInfo {
  readonly id: string;
  readonly userId: string;
  readonly kind: TokenKind;
  readonly label: string | null;
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

export function newToken(): { secret: string; hash: string; id: string } {
  const secret = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  return { secret, hash: hashToken(secret), id: `tok_${randomBytes(12).toString('hex')}` };
}

export const hashToken = (secret: string): string => createHash('sha256').update(secret).digest('hex');

export const looksLikeToken = (secret: string): boolean => TOKEN_SHAPE.test(secret);

/** A stored token is usable when neither revoked, expired, nor (for sessions) idle too long. */
export function tokenProblem(
  t: Pick<TokenInfo, 'kind' | 'expiresAt' | 'lastUsedAt' | 'revokedAt' | 'createdAt'>,
  now: Date,
  sessionIdleMs: number,
): 'REVOKED' | 'EXPIRED' | 'IDLE' | null {
  if (t.revokedAt) return 'REVOKED';
  if (t.expiresAt && Date.parse(t.expiresAt) <= now.getTime()) return 'EXPIRED';
  if (t.kind === 'SESSION' && now.getTime() - Date.parse(t.lastUsedAt ?? t.createdAt) > sessionIdleMs) return 'IDLE';
  return null;
}
