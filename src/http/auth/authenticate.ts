import { createHash } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ANONYMOUS_ID, type Principal } from '../../domain/identity/principal';
import { Role } from '../../domain/role';
import type { IdentityService } from '../../services/identity/identityService';
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
  /**
   * Rejected tokens one address (as resolved through trusted proxies) may present per window
   * before further rejected ones get 429 and write no security event (bounds those writes).
   */
  readonly rejectLimit?: { readonly max: number; readonly windowMs: number };
}

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
  options.identity.onRevoked((hashes) => {
    if (hashes.includes('*')) cache.clear();
    else for (const h of hashes) cache.delete(h);
  });

  const resolve = async (token: string, address: string | null, throttled: boolean): Promise<Principal | null> => {
    const key = createHash('sha256').update(token).digest('hex');
    const hit = cache.get(key);
    if (hit) return hit.value;
    let principal: Principal | null = null;
    let reason = 'UNKNOWN_TOKEN';
    if (isJwt(token)) {
      if (options.oidc) {
        const result = await options.oidc.verify(token);
        if ('principal' in result) principal = result.principal;
        else reason = result.rejected;
      } else reason = 'OIDC_NOT_CONFIGURED';
    } else {
      principal = await options.identity.verifyToken(token);
    }
    // JWT expiry is checked on every verify; cache OIDC answers only briefly for the same reason.
    cache.set(key, principal);
    if (!principal) {
      rejects.fail(address ?? 'unknown');
      if (!throttled) await options.identity.tokenRejected(address, reason);
    }
    return principal;
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
