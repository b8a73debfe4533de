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

  it('trusts no proxy unless told, and takes CIDRs and addresses of both families', () => {
    expect(loadConfig(base).security.trustProxy).toEqual([]);
    expect(loadConfig({ ...base, PVL_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,::1, fd00::/8' }).security.trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1', '::1', 'fd00::/8']);
    expect(loadConfig(base).security.openLineage).toEqual({ maxInputs: 1000, maxOutputs: 1000 });
  });

  it.each([
    [{ PVL_OIDC_ISSUER: 'https://idp.test' }, 'PVL_OIDC_ISSUER'],
    [{ PVL_OIDC_ISSUER: 'https://idp.test', PVL_OIDC_AUDIENCE: 'a', PVL_OIDC_JWKS_URI: 'https://idp.test/j', PVL_OIDC_ROLE_MAP: 'x=GOD' }, 'PVL_OIDC_ROLE_MAP'],
    [{ PVL_METRICS_TOKEN: 'short' }, 'PVL_METRICS_TOKEN'],
    [{ PVL_LOCKOUT_THRESHOLD: '0' }, 'PVL_LOCKOUT_THRESHOLD'],
    [{ PVL_ANONYMOUS_READ: 'yes' }, 'PVL_ANONYMOUS_READ'],
    [{ NODE_ENV: 'production', PVL_ANONYMOUS_READ: '1' }, 'PVL_ANONYMOUS_READ'],
    [{ PVL_TRUST_PROXY: 'proxy.internal' }, 'PVL_TRUST_PROXY'],
    [{ PVL_TRUST_PROXY: '10.0.0.0/33' }, 'PVL_TRUST_PROXY'],
    [{ PVL_TRUST_PROXY: '10.0.0.1, 300.1.1.1' }, 'PVL_TRUST_PROXY'],
    [{ PVL_OPENLINEAGE_MAX_INPUTS: '0' }, 'PVL_OPENLINEAGE_MAX_INPUTS'],
  ])('names the variable in error for %j', (bad, name) => {
    expect(() => loadConfig({ ...base, ...bad })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, ...bad })).toThrow(new RegExp(`\\n  ${name}:`));
  });
});
