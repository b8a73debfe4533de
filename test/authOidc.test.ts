import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import type { GraphExecutor } from '../src/graph/executor';
import { startTestApi, type TestApi } from './support/api';
import { resetGraph, testGraph } from './support/graph';
import { securityEventTypes } from './support/identity';

/** SSO: JWTs from a test OpenID provider whose JWKS is served from a local HTTP server. */
describe('OIDC bearer tokens', () => {
  let graph: GraphExecutor;
  let api: TestApi;
  let jwks: Server;
  let key: CryptoKey;
  let otherKey: CryptoKey;
  const issuer = 'https://idp.example.test/realms/pv';
  const audience = 'pv-lineage';

  beforeAll(async () => {
    graph = testGraph();
    await resetGraph(graph);
    const signing = await generateKeyPair('RS256');
    key = signing.privateKey;
    otherKey = (await generateKeyPair('RS256')).privateKey;
    const publicKey = await exportJWK(signing.publicKey);
    jwks = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [{ ...publicKey, kid: 'k1', alg: 'RS256', use: 'sig' }] })));
    await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', r));
    api = await startTestApi(graph, {
      PVL_OIDC_ISSUER: issuer,
      PVL_OIDC_AUDIENCE: audience,
      PVL_OIDC_JWKS_URI: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks`,
      PVL_OIDC_ROLE_CLAIM: 'realm_access.roles',
      PVL_OIDC_ROLE_MAP: 'pv-viewer=VIEWER,pv-qa=QA,pv-pipeline=PIPELINE',
      PVL_TOKEN_CACHE_TTL_MS: '0',
    });
  });
  afterAll(async () => {
    await api.close();
    await graph.close();
    await new Promise((r) => jwks.close(r));
  });

  const sign = (claims: Record<string, unknown>, opts: { key?: CryptoKey; aud?: string; iss?: string; exp?: string | number } = {}) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setSubject('u-123')
      .setIssuer(opts.iss ?? issuer)
      .setAudience(opts.aud ?? audience)
      .setIssuedAt()
      .setExpirationTime(opts.exp ?? '5m')
      .sign(opts.key ?? key);

  it('accepts a valid JWT and maps the role claim; PIPELINE never comes from SSO', async () => {
    const token = await sign({ name: 'Dr Who', realm_access: { roles: ['pv-viewer', 'pv-qa', 'pv-pipeline', 'unrelated'] } });
    const me = await api.gql<{ me: { id: string; roles: string[]; method: string; displayName: string } }>('{ me { id roles method displayName } }', undefined, { token });
    expect(me.errors).toBeUndefined();
    expect(me.data!.me).toEqual({ id: 'sso:u-123', roles: ['QA', 'VIEWER'], method: 'OIDC', displayName: 'Dr Who' });
  });

  it.each([
    ['wrong audience', () => sign({ realm_access: { roles: ['pv-viewer'] } }, { aud: 'someone-else' })],
    ['wrong issuer', () => sign({ realm_access: { roles: ['pv-viewer'] } }, { iss: 'https://evil.test' })],
    ['expired', () => sign({ realm_access: { roles: ['pv-viewer'] } }, { exp: Math.floor(Date.now() / 1000) - 3600 })],
    ['forged (other key)', () => sign({ realm_access: { roles: ['pv-viewer'] } }, { key: otherKey })],
    ['unsigned', async () => `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'x', iss: issuer, aud: audience })).toString('base64url')}.`],
  ])('rejects a %s token with 401 and records it', async (_name, make) => {
    const before = (await securityEventTypes(graph)).filter((t) => t === 'TOKEN_REJECTED').length;
    const res = await api.gql('{ me { id } }', undefined, { token: await make() });
    expect(res.status).toBe(401);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await securityEventTypes(graph)).filter((t) => t === 'TOKEN_REJECTED').length).toBe(before + 1);
  });
});
