import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import type { Principal } from '../../domain/identity/principal';
import { Role } from '../../domain/role';
import type { OidcConfig } from '../../securityConfig';

/** Reads a dotted claim path such as `realm_access.roles`. */
function claimAt(payload: JWTPayload, path: string): unknown {
  return path.split('.').reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), payload);
}

/**
 * Verifies JWTs from an external OpenID Connect provider against its JWKS (fetched and cached by
 * jose) and maps a claim to pv-lineage roles. Signature, issuer, audience and expiry all must hold.
 */
export class OidcVerifier {
  private readonly jwks: ReturnType<typeof createRemoteJWKSet>;

  constructor(private readonly config: OidcConfig) {
    this.jwks = createRemoteJWKSet(new URL(config.jwksUri), { timeoutDuration: 5000, cooldownDuration: 30_000 });
  }

  /** Null for any invalid token; the reason goes to the security event, not the client. */
  async verify(token: string): Promise<{ principal: Principal; expiresAt: number | null } | { rejected: string }> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.jwks, { issuer: this.config.issuer, audience: this.config.audience, clockTolerance: 30 }));
    } catch (err) {
      return { rejected: `oidc:${(err as { code?: string }).code ?? 'ERR_JWT_INVALID'}` };
    }
    const sub = claimAt(payload, this.config.userClaim);
    if (typeof sub !== 'string' || sub.length === 0 || sub.length > 200) return { rejected: 'oidc:NO_USER_CLAIM' };
    const raw = claimAt(payload, this.config.roleClaim);
    const values = Array.isArray(raw) ? raw.filter((v): v is string => typeof v === 'string') : typeof raw === 'string' ? raw.split(/[ ,]+/) : [];
    const roles = [...new Set(values.map((v) => (this.config.roleMap.size > 0 ? this.config.roleMap.get(v) : (Object.values(Role) as string[]).includes(v) ? (v as Role) : undefined)).filter((r): r is Role => r !== undefined))];
    // An SSO identity cannot act as a service account: PIPELINE comes only with pv-lineage API tokens.
    const human = roles.filter((r) => r !== Role.PIPELINE).sort();
    const name = typeof payload.name === 'string' ? payload.name : sub;
    return { principal: { id: `sso:${sub}`, displayName: name, roles: human, method: 'OIDC' }, expiresAt: typeof payload.exp === 'number' ? payload.exp * 1000 : null };
  }
}
