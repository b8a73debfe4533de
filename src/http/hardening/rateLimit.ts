import type { RequestHandler, Response } from 'express';
import type { Principal } from '../../domain/identity/principal';

/**
 * A token bucket per caller (token id, SSO subject, or address when anonymous). In memory, so
 * the limit applies per replica; docs/security.md says so.
 */
export function rateLimit(perMinute: number, principalOf: (res: Response) => Principal | null): RequestHandler {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const refillPerMs = perMinute / 60_000;
  return (req, res, next) => {
    const p = principalOf(res);
    const key = p && p.method !== 'ANONYMOUS' ? `${p.method}:${p.tokenId ?? p.id}` : `addr:${req.ip ?? 'unknown'}`;
    const now = Date.now();
    const b = buckets.get(key) ?? { tokens: perMinute, at: now };
    b.tokens = Math.min(perMinute, b.tokens + (now - b.at) * refillPerMs);
    b.at = now;
    if (b.tokens < 1) {
      const wait = Math.ceil((1 - b.tokens) / refillPerMs / 1000);
      res.status(429).setHeader('Retry-After', String(wait));
      res.json({ errors: [{ message: `Rate limit of ${perMinute} requests per minute exceeded; retry in ${wait} s`, extensions: { code: 'RATE_LIMITED', retryAfterSeconds: wait } }] });
      return;
    }
    b.tokens -= 1;
    buckets.delete(key);
    buckets.set(key, b);
    if (buckets.size > 50_000) buckets.delete(buckets.keys().next().value as string);
    next();
  };
}
