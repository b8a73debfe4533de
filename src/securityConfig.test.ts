import { ConfigError, loadConfig } from './config';
import { Role } from './domain/role';

describe('security configuration', () => {
  const base = { NEO4J_PASSWORD: 'pw' };

  it('is safe by default: no anonymous access, no CORS origin, no batching, no metrics without a token', () => {
    const s = loadConfig(base).security;
    expect(s.anonymousRead).toBe(false);
    expect(s.corsOrigins).toEqual([]);
    expect(s.limits.batch).toBe(1);
    expect(s.metrics).toEqual({ token: null, port: null });
    expect(s.oidc).toBeNull();
    expect([s.introspection, s.graphiql]).toEqual([true, true]);
  });

  it('turns introspection and GraphiQL off in production unless asked for', () => {
    expect(loadConfig({ ...base, NODE_ENV: 'production' }).security).toMatchObject({ introspection: false, graphiql: false, production: true });
    expect(loadConfig({ ...base, NODE_ENV: 'production', PVL_INTROSPECTION: 'true' }).security.introspection).toBe(true);
  });

  it('parses the OIDC settings and the role map', () => {
    const s = loadConfig({ ...base, PVL_OIDC_ISSUER: 'https://idp.test', PVL_OIDC_AUDIENCE: 'api', PVL_OIDC_JWKS_URI: 'https://idp.test/jwks', PVL_OIDC_ROLE_MAP: 'grp-qa=QA, grp-view=VIEWER' }).security;
    expect([...s.oidc!.roleMap.entries()]).toEqual([['grp-qa', Role.QA], ['grp-view', Role.VIEWER]]);
  });

  it.each([
    [{ PVL_OIDC_ISSUER: 'https://idp.test' }, 'PVL_OIDC_ISSUER'],
    [{ PVL_OIDC_ISSUER: 'https://idp.test', PVL_OIDC_AUDIENCE: 'a', PVL_OIDC_JWKS_URI: 'https://idp.test/j', PVL_OIDC_ROLE_MAP: 'x=GOD' }, 'PVL_OIDC_ROLE_MAP'],
    [{ PVL_METRICS_TOKEN: 'short' }, 'PVL_METRICS_TOKEN'],
    [{ PVL_LOCKOUT_THRESHOLD: '0' }, 'PVL_LOCKOUT_THRESHOLD'],
    [{ PVL_ANONYMOUS_READ: 'yes' }, 'PVL_ANONYMOUS_READ'],
    [{ NODE_ENV: 'production', PVL_ANONYMOUS_READ: '1' }, 'PVL_ANONYMOUS_READ'],
  ])('names the variable in error for %j', (bad, name) => {
    expect(() => loadConfig({ ...base, ...bad })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, ...bad })).toThrow(new RegExp(`\\n  ${name}:`));
  });
});
