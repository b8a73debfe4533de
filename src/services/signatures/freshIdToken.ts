import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import type { OidcConfig } from '../../securityConfig';

/**
 * The SSO half of the signing ceremony (§11.200): an ID token from the configured provider,
 * checked like a bearer JWT (signature against the JWKS, issuer, audience, expiry), whose subject
 * is the signer and whose `auth_time` is recent. A token the browser has held for hours proves
 * only that someone once signed in; a fresh `auth_time` proves the person just did.
 */
export class FreshIdTokenVerifier {
  private readonly jwks: ReturnType<typeof createRemoteJWKSet>;

  constructor(
    private readonly config: OidcConfig,
    private readonly maxAgeSeconds: number,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.jwks = createRemoteJWKSet(new URL(config.jwksUri), { timeoutDuration: 5000, cooldownDuration: 30_000 });
  }

  /** Null when the token is a fresh sign-in of `principalId`; otherwise a reason word for the security event. */
  async check(token: string, principalId: string): Promise<string | null> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.jwks, {
        issuer: this.config.issuer,
        audience: this.config.audience,
        clockTolerance: 30,
        currentDate: this.now(),
      }));
    } catch (err) {
      return `ID_TOKEN_${(err as { code?: string }).code ?? 'ERR_JWT_INVALID'}`;
    }
    const subject = this.config.userClaim.split('.').reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), payload);
    if (typeof subject !== 'string' || `sso:${subject}` !== principalId) return 'ID_TOKEN_OTHER_USER';
    const authTime = payload.auth_time;
    if (typeof authTime !== 'number' || !Number.isFinite(authTime)) return 'ID_TOKEN_NO_AUTH_TIME';
    const age = this.now().getTime() / 1000 - authTime;
    // A small allowance for clocks: an auth_time slightly in the future is the IdP's clock, not a forgery.
    if (age > this.maxAgeSeconds || age < -30) return 'STALE_AUTHENTICATION';
    return null;
  }
}
