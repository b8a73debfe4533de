import { createHash } from 'node:crypto';
import { hashToken, looksLikeToken, newToken, tokenProblem } from './token';

describe('tokens', () => {
  it('are random, recognisable, and stored as their SHA-256', () => {
    const a = newToken();
    const b = newToken();
    expect(a.secret).not.toBe(b.secret);
    expect(looksLikeToken(a.secret)).toBe(true);
    expect(looksLikeToken(`${a.secret}x`)).toBe(false);
    expect(a.hash).toBe(createHash('sha256').update(a.secret).digest('hex'));
    expect(hashToken(a.secret)).toBe(a.hash);
    expect(a.id).toMatch(/^tok_[0-9a-f]{24}$/);
  });

  it('become unusable when revoked, expired, or (sessions) idle', () => {
    const t0 = '2024-01-01T00:00:00.000Z';
    const base = { kind: 'API' as const, createdAt: t0, lastUsedAt: t0, revokedAt: null, expiresAt: '2024-01-02T00:00:00.000Z' };
    const at = (iso: string) => new Date(iso);
    expect(tokenProblem(base, at('2024-01-01T12:00:00.000Z'), 60_000)).toBeNull();
    expect(tokenProblem(base, at('2024-01-02T00:00:00.000Z'), 60_000)).toBe('EXPIRED');
    expect(tokenProblem({ ...base, revokedAt: t0 }, at(t0), 60_000)).toBe('REVOKED');
    expect(tokenProblem({ ...base, kind: 'SESSION' }, at('2024-01-01T00:01:00.001Z'), 60_000)).toBe('IDLE');
    expect(tokenProblem({ ...base, kind: 'SESSION' }, at('2024-01-01T00:00:59.000Z'), 60_000)).toBeNull();
  });
});
