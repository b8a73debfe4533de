import proxyAddr from 'proxy-addr';
import { z } from 'zod';
import { Role } from './domain/role';

/**
 * Identity and hardening settings (part of `config.ts`, split out to keep that file small).
 * Every limit has a safe default; nothing here can switch authentication off.
 */
const intIn = (min: number, max: number, dflt: number) =>
  z.coerce.number().int(`must be an integer`).min(min).max(max).default(dflt);
const flag = z.enum(['true', 'false', '1', '0', '']).optional();
const list = z.string().default('');

export const SECURITY_ENV = {
  NODE_ENV: z.string().default('development'),
  /** Demo only: requests without a token read as VIEWER. Refused when NODE_ENV=production. */
  PVL_ANONYMOUS_READ: flag,
  /** Default: on unless NODE_ENV=production. */
  PVL_INTROSPECTION: flag,
  PVL_GRAPHIQL: flag,
  /** Ask browsers to fetch every subresource over https even on a plain-HTTP request (a TLS proxy that does not send X-Forwarded-Proto). */
  PVL_UPGRADE_INSECURE_REQUESTS: flag,
  /** Comma-separated origins allowed to call the API from a browser; empty allows none. */
  PVL_CORS_ORIGINS: list,
  PVL_MAX_BODY_BYTES: intIn(1024, 10 * 1024 * 1024, 100 * 1024),
  PVL_MAX_QUERY_DEPTH: intIn(2, 50, 12),
  PVL_MAX_QUERY_COST: intIn(10, 10_000_000, 200_000),
  PVL_MAX_ALIASES: intIn(1, 1000, 30),
  PVL_MAX_ROOT_FIELDS: intIn(1, 1000, 20),
  /** Deepest nesting of objects and arrays in one GraphQL variable's value. */
  PVL_MAX_VARIABLE_DEPTH: intIn(2, 1000, 64),
  /** Operations in one HTTP batch (a JSON array body); 1 turns batching off. */
  PVL_MAX_BATCH: intIn(1, 100, 1),
  PVL_MAX_TOKENS: intIn(100, 1_000_000, 5_000),
  /** Requests per token (or per address when anonymous) per minute, per replica. */
  PVL_RATE_LIMIT_PER_MINUTE: intIn(1, 1_000_000, 600),
  PVL_TOKEN_CACHE_TTL_MS: intIn(0, 300_000, 30_000),
  PVL_SESSION_TTL_MINUTES: intIn(1, 24 * 60, 8 * 60),
  PVL_SESSION_IDLE_MINUTES: intIn(1, 24 * 60, 15),
  PVL_PASSWORD_MIN_LENGTH: intIn(8, 128, 12),
  PVL_PASSWORD_MAX_AGE_DAYS: intIn(0, 3650, 90),
  PVL_LOCKOUT_THRESHOLD: intIn(1, 100, 5),
  PVL_LOCKOUT_MINUTES: intIn(1, 7 * 24 * 60, 15),
  /** Failed logins one client address may make per window before it is refused, per replica. */
  PVL_LOGIN_ADDRESS_MAX_FAILURES: intIn(1, 10_000, 20),
  PVL_LOGIN_WINDOW_MINUTES: intIn(1, 24 * 60, 15),
  /** Comma-separated CIDRs (or addresses) of the reverse proxies in front; only their X-Forwarded-For is believed. */
  PVL_TRUST_PROXY: list,
  /** Inputs and outputs one OpenLineage event may name; each becomes a dataset write. */
  PVL_OPENLINEAGE_MAX_INPUTS: intIn(1, 100_000, 1000),
  PVL_OPENLINEAGE_MAX_OUTPUTS: intIn(1, 100_000, 1000),
  PVL_API_TOKEN_MAX_DAYS: intIn(1, 3650, 365),
  /** How recent an SSO sign-in (the ID token's `auth_time`) must be to sign electronically. */
  PVL_SIGNATURE_REAUTH_SECONDS: intIn(30, 3600, 300),
  PVL_OIDC_ISSUER: z.string().url().optional(),
  PVL_OIDC_AUDIENCE: z.string().min(1).optional(),
  PVL_OIDC_JWKS_URI: z.string().url().optional(),
  /** Dotted path of the claim holding the user's groups/roles, e.g. `realm_access.roles`. */
  PVL_OIDC_ROLE_CLAIM: z.string().min(1).default('roles'),
  /** `idpValue=ROLE` pairs, comma-separated; without it claim values must be role names. */
  PVL_OIDC_ROLE_MAP: list,
  PVL_OIDC_USER_CLAIM: z.string().min(1).default('sub'),
  /** Bearer token Prometheus must send to GET /metrics. */
  PVL_METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Serve /metrics on 127.0.0.1:<port> only, without a token. */
  PVL_METRICS_PORT: intIn(1, 65535, 0).optional(),
} as const;

export interface OidcConfig {
  readonly issuer: string;
  readonly audience: string;
  readonly jwksUri: string;
  readonly roleClaim: string;
  readonly roleMap: ReadonlyMap<string, Role>;
  readonly userClaim: string;
}

export interface SecurityConfig {
  readonly production: boolean;
  readonly anonymousRead: boolean;
  readonly introspection: boolean;
  readonly graphiql: boolean;
  /** `upgrade-insecure-requests` on every page, not only on requests that arrived over TLS. */
  readonly upgradeInsecureRequests: boolean;
  readonly corsOrigins: readonly string[];
  readonly maxBodyBytes: number;
  readonly limits: Readonly<{ depth: number; cost: number; aliases: number; rootFields: number; variableDepth: number; batch: number; tokens: number }>;
  readonly ratePerMinute: number;
  /** Proxy hops whose X-Forwarded-For is read, as CIDRs; empty trusts none. */
  readonly trustProxy: readonly string[];
  readonly openLineage: Readonly<{ maxInputs: number; maxOutputs: number }>;
  readonly tokenCacheTtlMs: number;
  readonly sessionTtlMs: number;
  readonly sessionIdleMs: number;
  readonly password: Readonly<{ minLength: number; maxAgeDays: number }>;
  readonly lockout: Readonly<{ threshold: number; minutes: number; addressMaxFailures: number; windowMinutes: number }>;
  readonly apiTokenMaxDays: number;
  readonly signatureReauthSeconds: number;
  readonly oidc: OidcConfig | null;
  readonly metrics: Readonly<{ token: string | null; port: number | null }>;
}

const SecurityEnvSchema = z.object(SECURITY_ENV);
type Env = z.infer<typeof SecurityEnvSchema>;

const on = (v: string | undefined, dflt: boolean) => (v === undefined || v === '' ? dflt : v === 'true' || v === '1');

function roleMap(text: string): Map<string, Role> {
  const map = new Map<string, Role>();
  for (const pair of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [from, to] = pair.split('=').map((s) => s.trim());
    if (!from || !Object.values(Role).includes(to as Role)) {
      throw new Error(`PVL_OIDC_ROLE_MAP: "${pair}" is not <claim value>=<${Object.values(Role).join('|')}>`);
    }
    map.set(from, to as Role);
  }
  return map;
}

const CIDR = /^[0-9a-fA-F.:]+(\/\d{1,3})?$/;

/** proxy-addr's own parser decides validity, so what is accepted here is what Express will trust. */
function trustedHops(text: string): string[] {
  const hops = text.split(',').map((s) => s.trim()).filter(Boolean);
  for (const hop of hops) {
    let valid = CIDR.test(hop);
    try {
      if (valid) proxyAddr.compile(hop);
    } catch {
      valid = false;
    }
    if (!valid) throw new Error(`PVL_TRUST_PROXY: "${hop}" is not an IP address or CIDR (e.g. 10.0.0.0/8, 127.0.0.1, ::1)`);
  }
  return hops;
}

/** Throws an Error whose message starts with the variable at fault. */
export function securityConfig(e: Env): SecurityConfig {
  const production = e.NODE_ENV === 'production';
  const anonymousRead = on(e.PVL_ANONYMOUS_READ, false);
  if (anonymousRead && production) {
    throw new Error('PVL_ANONYMOUS_READ: must not be on when NODE_ENV=production');
  }
  const oidcSet = [e.PVL_OIDC_ISSUER, e.PVL_OIDC_AUDIENCE, e.PVL_OIDC_JWKS_URI].filter(Boolean).length;
  if (oidcSet !== 0 && oidcSet !== 3) {
    throw new Error('PVL_OIDC_ISSUER: PVL_OIDC_ISSUER, PVL_OIDC_AUDIENCE and PVL_OIDC_JWKS_URI go together');
  }
  return {
    production,
    anonymousRead,
    introspection: on(e.PVL_INTROSPECTION, !production),
    graphiql: on(e.PVL_GRAPHIQL, !production),
    upgradeInsecureRequests: on(e.PVL_UPGRADE_INSECURE_REQUESTS, false),
    corsOrigins: e.PVL_CORS_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean),
    maxBodyBytes: e.PVL_MAX_BODY_BYTES,
    limits: { depth: e.PVL_MAX_QUERY_DEPTH, cost: e.PVL_MAX_QUERY_COST, aliases: e.PVL_MAX_ALIASES, rootFields: e.PVL_MAX_ROOT_FIELDS, variableDepth: e.PVL_MAX_VARIABLE_DEPTH, batch: e.PVL_MAX_BATCH, tokens: e.PVL_MAX_TOKENS },
    ratePerMinute: e.PVL_RATE_LIMIT_PER_MINUTE,
    trustProxy: trustedHops(e.PVL_TRUST_PROXY),
    openLineage: { maxInputs: e.PVL_OPENLINEAGE_MAX_INPUTS, maxOutputs: e.PVL_OPENLINEAGE_MAX_OUTPUTS },
    tokenCacheTtlMs: e.PVL_TOKEN_CACHE_TTL_MS,
    sessionTtlMs: e.PVL_SESSION_TTL_MINUTES * 60_000,
    sessionIdleMs: e.PVL_SESSION_IDLE_MINUTES * 60_000,
    password: { minLength: e.PVL_PASSWORD_MIN_LENGTH, maxAgeDays: e.PVL_PASSWORD_MAX_AGE_DAYS },
    lockout: { threshold: e.PVL_LOCKOUT_THRESHOLD, minutes: e.PVL_LOCKOUT_MINUTES, addressMaxFailures: e.PVL_LOGIN_ADDRESS_MAX_FAILURES, windowMinutes: e.PVL_LOGIN_WINDOW_MINUTES },
    apiTokenMaxDays: e.PVL_API_TOKEN_MAX_DAYS,
    signatureReauthSeconds: e.PVL_SIGNATURE_REAUTH_SECONDS,
    oidc:
      e.PVL_OIDC_ISSUER && e.PVL_OIDC_AUDIENCE && e.PVL_OIDC_JWKS_URI
        ? { issuer: e.PVL_OIDC_ISSUER, audience: e.PVL_OIDC_AUDIENCE, jwksUri: e.PVL_OIDC_JWKS_URI, roleClaim: e.PVL_OIDC_ROLE_CLAIM, roleMap: roleMap(e.PVL_OIDC_ROLE_MAP), userClaim: e.PVL_OIDC_USER_CLAIM }
        : null,
    metrics: { token: e.PVL_METRICS_TOKEN ?? null, port: e.PVL_METRICS_PORT ? e.PVL_METRICS_PORT : null },
  };
}
