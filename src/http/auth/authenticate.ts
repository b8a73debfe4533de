import { createHash } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ANONYMOUS_ID, type Principal } from '../../domain/identity/principal';
import { Role } from '../../domain/role';
import type { IdentityService, TokenCheck } from '../../services/identity/identityService';
import { FailureThrottle } from '../../services/identity/loginThrottle';
import { sendDomainError } from '../errorStatus';
import { isJwt, parseBearer } from './bearer';
import type { OidcVerifier } from './oidc';
import { TokenCache } from './tokenCache';

export interface AuthOptions {
  readonly identity: IdentityService;
  readonly oidc: OidcVerifier | null;
  readonly cacheTtlMs: number;
  readonly anonymousRead: boolean;
  /** Rejected tokens one address may present per window before it gets 429 (bounds security-event writes). */
  readonly rejectLimit?: { readonly max: number; readonly windowMs: number };
}

/** A pv-lineage token's verdict, or a JWT's in the same shape (its expiry bounds the cache entry). */
type Verdict = TokenCheck | { readonly ok: false; readonly reason: string; readonly tokenId: null; readonly userId: null };

const ANONYMOUS_READER: Principal = { id: ANONYMOUS_ID, displayName: 'Anonymous (demo read-only)', roles: [Role.VIEWER], method: 'ANONYMOUS' };

/** The principal `authenticate` resolved, or null for a request without credentials. */
export const principalOf = (res: Response): Principal | null => (res.locals.principal as Principal | null | undefined) ?? null;

export function unauthenticated(res: Response, message: string): void {
  res.status(401).setHeader('WWW-Authenticate', 'Bearer realm="pv-lineage"');
  res.json({ errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] });
}

/**
 * Resolves the bearer token into `res.locals.principal`. A present but invalid token is always a
 * 401, even where anonymous access would be allowed, so a client never silently loses its identity.
 */
export function createAuthenticator(options: AuthOptions): { middleware: RequestHandler; cache: TokenCache<Principal | null> } {
  const cache = new TokenCache<Principal | null>(options.cacheTtlMs);
  const rejects = new FailureThrottle(options.rejectLimit?.max ?? 20, options.rejectLimit?.windowMs ?? 15 * 60_000);
  options.identity.onRevoked((eviction) => {
    if ('userId' in eviction) cache.deleteSubject(eviction.userId);
    else for (const h of eviction.hashes) cache.delete(h);
  });
  const clock = () => options.identity.now().getTime();

  const resolve = async (token: string, address: string | null, throttled: boolean): Promise<Principal | null> => {
    const key = createHash('sha256').update(token).digest('hex');
    const now = clock();
    const hit = cache.get(key, now);
    if (hit) return hit.value;
    const verdict = await verdictOn(token, cache.lastSeen(key));
    if (verdict.ok) {
      cache.set(key, verdict.principal, now, verdict, verdict.principal.id);
      return verdict.principal;
    }
    cache.set(key, null, now);
    rejects.fail(address ?? 'unknown');
    // While the address is throttled its further rejections are not logged one by one.
    if (!throttled) await options.identity.tokenRejected(address, verdict.reason, verdict);
    return null;
  };

  const verdictOn = async (token: string, seenAt: number | undefined): Promise<Verdict> => {
    if (!isJwt(token)) return options.identity.checkToken(token, seenAt);
    if (!options.oidc) return { ok: false, reason: 'OIDC_NOT_CONFIGURED', tokenId: null, userId: null };
    const result = await options.oidc.verify(token);
    if ('principal' in result) return { ok: true, principal: result.principal, expiresAt: result.expiresAt, idleMs: null };
    return { ok: false, reason: result.rejected, tokenId: null, userId: null };
  };

  const middleware = async (req: Request, res: Response, next: NextFunction) => {
    const bearer = parseBearer(req.headers.authorization);
    if (bearer.kind === 'malformed') return unauthenticated(res, 'The Authorization header must be "Bearer <token>"');
    if (bearer.kind === 'none') {
      res.locals.principal = options.anonymousRead ? ANONYMOUS_READER : null;
      return next();
    }
    // Our tokens carry no id prefix to key on, so the address is the key; the token is still
    // checked first, so a valid one is never refused because others sent garbage from its address.
    const wait = rejects.retryAfter(req.ip ?? 'unknown');
    try {
      const principal = await resolve(bearer.token, req.ip ?? null, wait > 0);
      if (principal) {
        res.locals.principal = principal;
        return next();
      }
      if (wait <= 0) return unauthenticated(res, 'The bearer token is invalid, expired or revoked');
      res.status(429).setHeader('Retry-After', String(wait));
      res.json({ errors: [{ message: `Too many invalid tokens from this address; retry in ${wait} s`, extensions: { code: 'RATE_LIMITED', retryAfterSeconds: wait } }] });
    } catch (err) {
      if (!sendDomainError(res, err)) next(err);
    }
  };
  return { middleware, cache };
}
