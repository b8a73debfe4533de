import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import path from 'node:path';
import { Role } from '../src/domain/role';
import type { GraphExecutor } from '../src/graph/executor';
import { DEMO_REPORT_ID, seedDemoFromFixtures, signDemoReport } from '../src/services/ingest/demoFixtures';
import { startTestApi, type TestApi } from './support/api';
import { countGraph, resetGraph, testGraph } from './support/graph';
import { securityEventTypes } from './support/identity';
import { PASSWORD, REGISTER, REVISE, RUN_A, ingestFileStore, person, sha256, type Person, refusedWithoutWrites } from './support/reports';
import { testRoot } from './support/composition';

const SIGN = `mutation($reportId: ID!, $version: Int!, $meaning: SignatureMeaning!, $reason: String!, $password: String, $idToken: String) {
  signReport(reportId: $reportId, version: $version, meaning: $meaning, reason: $reason, password: $password, idToken: $idToken) {
    id reportId version meaning userId printedName signedAt recordHash reason manifestation
  }
}`;
const VERIFY = 'query($id: ID!) { verifySignatures(reportId: $id) { valid reason coversLatest signature { id version meaning userId } } }';
const SIGNED = `query($id: ID!) { report(id: $id) {
  signatures { meaning userId version manifestation }
  versions { version recordHash signatures { meaning userId } }
} }`;

interface Sig {
  id: string;
  version: number;
  meaning: string;
  userId: string;
  printedName: string;
  signedAt: string;
  recordHash: string;
  manifestation: string;
}
interface Verdict {
  valid: boolean;
  reason: string | null;
  coversLatest: boolean;
  signature: { id: string; version: number; meaning: string; userId: string };
}

/** Electronic signatures: the ceremony, separation of duties, and verification against the signed version. */
describe('signatures', () => {
  let graph: GraphExecutor;
  let api: TestApi;
  let alice: Person; // author: SCIENTIST and REVIEWER
  let bob: Person; // REVIEWER
  let rita: Person; // REVIEWER and QA
  let quinn: Person; // QA
  let olga: Person; // SCIENTIST, not the author
  let lena: Person; // REVIEWER, locks herself out
  let etl: Person; // service account
  let store: string;
  const report = 'report:SIGN-1';

  const sign = (who: Person, meaning: string, extra: Record<string, unknown> = {}) =>
    api.gql<{ signReport: Sig }>(SIGN, { reportId: report, version: 1, meaning, reason: `${meaning} by ${who.id}`, password: who.password, ...extra }, { token: who.token });
  const verify = async (id = report) => {
    const res = await api.gql<{ verifySignatures: Verdict[] }>(VERIFY, { id }, { token: bob.token });
    expect(res.errors).toBeUndefined();
    return res.data!.verifySignatures;
  };
  const refused = (call: Parameters<typeof refusedWithoutWrites>[1]) => refusedWithoutWrites(graph, call);
  const registerAs = async (who: Person, reportId: string, text: string) => {
    const res = await api.gql(REGISTER, { input: { reportId, title: `Report ${text}`, kind: 'SIGNAL_ASSESSMENT', contentHash: sha256(text), generatedFromRuns: [`run:${store}:${RUN_A}`] } }, { token: who.token });
    expect(res.errors).toBeUndefined();
  };

  beforeAll(async () => {
    graph = testGraph();
    await resetGraph(graph);
    [store] = await ingestFileStore(graph);
    api = await startTestApi(graph);
    alice = await person(api, 'alice', [Role.SCIENTIST, Role.REVIEWER]);
    bob = await person(api, 'bob', [Role.REVIEWER]);
    rita = await person(api, 'rita', [Role.REVIEWER, Role.QA]);
    quinn = await person(api, 'quinn', [Role.QA]);
    olga = await person(api, 'olga', [Role.SCIENTIST]);
    lena = await person(api, 'lena', [Role.REVIEWER]);
    etl = await person(api, 'etl', [Role.PIPELINE], 'SERVICE');
    await registerAs(alice, 'SIGN-1', 'sign one');
  });
  afterAll(async () => {
    await api.close();
    await graph.close();
  });

  it('refuses a wrong password with UNAUTHENTICATED, recording only one SIGNATURE_FAILED security event', async () => {
    const before = await countGraph(graph);
    const res = await sign(alice, 'AUTHORED', { password: 'not my password at all' });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'BAD_CREDENTIALS' });
    expect(await countGraph(graph)).toEqual({ nodes: before.nodes + 1, relationships: before.relationships });
    const [event] = await graph.query('t.e', "MATCH (e:AuditEvent {action: 'SIGNATURE_FAILED'}) RETURN e{.*} AS e");
    expect(event.e).toMatchObject({ category: 'SECURITY', entityId: 'alice', actorId: 'alice' });
    expect(JSON.parse(String((event.e as Record<string, unknown>).newValue))).toMatchObject({ reportId: report, version: 1, meaning: 'AUTHORED', reason: 'BAD_PASSWORD', failures: 1 });
    expect(await securityEventTypes(graph, 'alice')).not.toContain('LOGIN_FAILED');
  });

  it.each([
    ['no reason', () => sign(bob, 'REVIEWED', { reason: ' ' }), 'BAD_USER_INPUT', 'reason'],
    ['no password', () => sign(bob, 'REVIEWED', { password: null }), 'BAD_USER_INPUT', 'password'],
    ['approval before review', () => sign(quinn, 'APPROVED'), 'BAD_USER_INPUT', 'meaning'],
    ['a version that does not exist', () => sign(bob, 'REVIEWED', { version: 7 }), 'NOT_FOUND', undefined],
  ])('refuses %s, writing nothing', async (_name, call, code, argument) => {
    const ext = await refused(call);
    expect(ext.code).toBe(code);
    if (argument) expect(ext.argument).toBe(argument);
  });

  it.each([
    ['AUTHORED by someone who is not the author', () => sign(olga, 'AUTHORED')],
    ['REVIEWED by the author', () => sign(alice, 'REVIEWED')],
    ['REVIEWED without the REVIEWER role', () => sign(olga, 'REVIEWED')],
    ['anything by a service account', () => sign(etl, 'REVIEWED', { password: null })],
  ])('refuses %s with FORBIDDEN, writing nothing', async (_name, call) => {
    expect((await refused(call)).code).toBe('FORBIDDEN');
  });

  it('signs with printed name, user id, UTC time, meaning and the hash of the exact version', async () => {
    const authored = await sign(alice, 'AUTHORED');
    expect(authored.errors).toBeUndefined();
    const s = authored.data!.signReport;
    const [v] = await graph.query('t.v', 'MATCH (v:ReportVersion {reportId: $id, version: 1}) RETURN v.recordHash AS h', { id: report });
    expect(s).toMatchObject({ reportId: report, version: 1, meaning: 'AUTHORED', userId: 'alice', printedName: 'Dr alice', recordHash: v.h });
    expect(s.signedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(s.manifestation).toBe(`AUTHORED by Dr alice (alice) at ${s.signedAt}`);
    const [event] = await graph.query('t.s', "MATCH (e:AuditEvent {action: 'REPORT_SIGNED'}) RETURN e.entityId AS id, e.entityVersion AS v, e.reason AS reason, e.actorId AS actor");
    expect(event).toEqual({ id: report, v: '1', reason: 'AUTHORED by alice', actor: 'alice' });
  });

  it('enforces review before approval by a third person', async () => {
    expect((await sign(bob, 'REVIEWED')).errors).toBeUndefined();
    expect((await sign(rita, 'REVIEWED')).errors).toBeUndefined();
    expect((await refused(() => sign(rita, 'APPROVED'))).code).toBe('FORBIDDEN');
    expect((await refused(() => sign(bob, 'REVIEWED'))).code).toBe('CONFLICT');
    const approved = await sign(quinn, 'APPROVED');
    expect(approved.errors).toBeUndefined();
    const res = await api.gql<{ report: { signatures: { meaning: string; userId: string }[] } }>(SIGNED, { id: report }, { token: bob.token });
    expect(res.data!.report.signatures.map((x) => [x.meaning, x.userId])).toEqual([
      ['AUTHORED', 'alice'],
      ['REVIEWED', 'bob'],
      ['REVIEWED', 'rita'],
      ['APPROVED', 'quinn'],
    ]);
  });

  it('verifies every signature against the stored version', async () => {
    const verdicts = await verify();
    expect(verdicts).toHaveLength(4);
    for (const v of verdicts) expect(v).toMatchObject({ valid: true, reason: null, coversLatest: true });
  });

  it('leaves a revision unsigned, keeps the old signatures valid for the old version, and refuses to sign the old one', async () => {
    const res = await api.gql(REVISE, { id: report, input: { title: 'Report sign one (rev)', kind: 'SIGNAL_ASSESSMENT', contentHash: sha256('sign one rev'), generatedFromRuns: [`run:${store}:${RUN_A}`], reason: 'typo on page 3' } }, { token: alice.token });
    expect(res.errors).toBeUndefined();
    const verdicts = await verify();
    for (const v of verdicts) expect(v).toMatchObject({ valid: true, coversLatest: false });
    const read = await api.gql<{ report: { versions: { version: number; signatures: unknown[] }[] } }>(SIGNED, { id: report }, { token: bob.token });
    expect(read.data!.report.versions.map((v) => [v.version, v.signatures.length])).toEqual([
      [1, 4],
      [2, 0],
    ]);
    const ext = await refused(() => sign(bob, 'REVIEWED', { version: 1 }));
    expect(ext).toMatchObject({ code: 'CONFLICT', version: 1, latestVersion: 2 });
  });

  it('fails a signature when the signed version is edited in place in the database', async () => {
    await registerAs(alice, 'SIGN-2', 'sign two');
    const s = await api.gql<{ signReport: Sig }>(SIGN, { reportId: 'report:SIGN-2', version: 1, meaning: 'REVIEWED', reason: 'ok', password: PASSWORD }, { token: bob.token });
    expect(s.errors).toBeUndefined();
    expect((await verify('report:SIGN-2'))[0].valid).toBe(true);
    await graph.write('t.tamper', (tx) => tx.run("MATCH (v:ReportVersion {reportId: 'report:SIGN-2', version: 1}) SET v.title = 'Quietly changed'"));
    const [verdict] = await verify('report:SIGN-2');
    expect(verdict).toMatchObject({ valid: false, coversLatest: false, reason: expect.stringContaining('no longer has the hash') });
  });

  it('never lets a signature validate another record: copied or re-linked signatures fail', async () => {
    await registerAs(alice, 'SIGN-3', 'sign three');
    // A copy of bob's SIGN-2 signature, pointed at SIGN-3 v1 and claiming to be about it.
    await graph.write('t.copy', (tx) =>
      tx.run(`MATCH (s:Signature {reportId: 'report:SIGN-2'}), (v:ReportVersion {reportId: 'report:SIGN-3', version: 1})
              WITH v, properties(s) AS p
              CREATE (c:Signature) SET c = p{.*, id: 'sig_copy', reportId: 'report:SIGN-3'}
              CREATE (c)-[:SIGNS]->(v)`),
    );
    // And the original signature of SIGN-1 v1 (quinn's approval) moved onto SIGN-3 v1.
    await graph.write('t.relink', (tx) =>
      tx.run(`MATCH (s:Signature {reportId: 'report:SIGN-1', meaning: 'APPROVED'})-[e:SIGNS]->()
              MATCH (v:ReportVersion {reportId: 'report:SIGN-3', version: 1})
              DELETE e CREATE (s)-[:SIGNS]->(v)`),
    );
    const verdicts = await verify('report:SIGN-3');
    expect(verdicts.map((v) => [v.signature.id === 'sig_copy' ? 'copy' : v.signature.meaning, v.valid])).toEqual(expect.arrayContaining([
      ['copy', false],
      ['APPROVED', false],
    ]));
    expect(verdicts.every((v) => !v.valid)).toBe(true);
    const moved = (await verify(report)).find((v) => v.signature.meaning === 'APPROVED');
    expect(moved).toMatchObject({ valid: false, reason: expect.stringContaining('report:SIGN-3') });
  });

  it('counts failed signing attempts toward the account lockout', async () => {
    await registerAs(alice, 'SIGN-4', 'sign four');
    const attempt = (password: string) => api.gql(SIGN, { reportId: 'report:SIGN-4', version: 1, meaning: 'REVIEWED', reason: 'r', password }, { token: lena.token });
    for (let i = 0; i < 5; i++) expect((await attempt('wrong password number x')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const locked = await attempt(PASSWORD);
    expect(locked.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'LOCKED' });
    const types = await securityEventTypes(graph, 'lena');
    expect(types.filter((t) => t === 'SIGNATURE_FAILED').length).toBeGreaterThanOrEqual(5);
    expect(types).toContain('ACCOUNT_LOCKED');
    expect(types).not.toContain('LOGIN_FAILED');
    const [n] = await graph.query('t.n', "MATCH (s:Signature {reportId: 'report:SIGN-4'}) RETURN count(s) AS n");
    expect(n.n).toBe(0);
  });

  describe('SSO signers', () => {
    let sso: TestApi;
    let jwks: Server;
    let key: CryptoKey;
    const issuer = 'https://idp.example.test/realms/pv';
    const audience = 'pv-lineage';
    const now = () => Math.floor(Date.now() / 1000);
    const jwt = (sub: string, authTime: number | null) =>
      new SignJWT({ name: `SSO ${sub}`, roles: ['REVIEWER'], ...(authTime === null ? {} : { auth_time: authTime }) })
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setSubject(sub)
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(key);
    const ssoSign = async (idToken: string | null, reportId: string) =>
      sso.gql(SIGN, { reportId, version: 1, meaning: 'REVIEWED', reason: 'SSO review', idToken }, { token: await jwt('u-1', now() - 7200) });

    beforeAll(async () => {
      const pair = await generateKeyPair('RS256');
      key = pair.privateKey;
      const publicKey = await exportJWK(pair.publicKey);
      jwks = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [{ ...publicKey, kid: 'k1', alg: 'RS256', use: 'sig' }] })));
      await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', r));
      sso = await startTestApi(graph, {
        PVL_OIDC_ISSUER: issuer,
        PVL_OIDC_AUDIENCE: audience,
        PVL_OIDC_JWKS_URI: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks`,
        PVL_SIGNATURE_REAUTH_SECONDS: '300',
        PVL_TOKEN_CACHE_TTL_MS: '0',
      });
      await registerAs(alice, 'SIGN-5', 'sign five');
    });
    afterAll(async () => {
      await sso.close();
      await new Promise((r) => jwks.close(r));
    });

    it('accepts an ID token from a sign-in within the window', async () => {
      const res = await ssoSign(await jwt('u-1', now() - 60), 'report:SIGN-5');
      expect(res.errors).toBeUndefined();
      expect(res.data).toMatchObject({ signReport: { userId: 'sso:u-1', printedName: 'SSO u-1', meaning: 'REVIEWED' } });
    });

    it.each([
      ['an old sign-in', () => jwt('u-1', now() - 3600), 'STALE_AUTHENTICATION'],
      ['no auth_time', () => jwt('u-1', null), 'ID_TOKEN_NO_AUTH_TIME'],
      ["someone else's token", () => jwt('u-2', now()), 'ID_TOKEN_OTHER_USER'],
      ['a token that is not a JWT', async () => 'garbage', 'ID_TOKEN_ERR_JWS_INVALID'],
    ])('refuses %s with UNAUTHENTICATED and one SIGNATURE_FAILED event', async (_name, make, reason) => {
      await registerAs(alice, `SSO-${reason}`, `sso ${reason}`);
      const before = await countGraph(graph);
      const res = await ssoSign(await make(), `report:SSO-${reason}`);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason });
      expect(await countGraph(graph)).toEqual({ nodes: before.nodes + 1, relationships: before.relationships });
    });

    it('asks an SSO signer for an ID token, not a password', async () => {
      await registerAs(alice, 'SIGN-6', 'sign six');
      const ext = await refused(() => ssoSign(null, 'report:SIGN-6'));
      expect(ext).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'idToken' });
    });
  });

  describe('the demo', () => {
    it('registers the demo report as its author and signs it through the ceremony, once', async () => {
      await resetGraph(graph);
      const demo = testRoot(graph);
      await seedDemoFromFixtures(demo, path.resolve(__dirname, '..'));
      expect(await signDemoReport(demo)).toEqual({ signatures: 3 });
      const reader = await person(api, 'demo.viewer', [Role.VIEWER]);
      const res = await api.gql<{ report: { signatures: { meaning: string; userId: string; version: number }[]; versions: { version: number }[] } }>(SIGNED, { id: DEMO_REPORT_ID }, { token: reader.token });
      expect(res.data!.report.signatures.map((x) => [x.meaning, x.userId, x.version])).toEqual([
        ['AUTHORED', 'demo.author', 1],
        ['REVIEWED', 'demo.reviewer', 1],
        ['APPROVED', 'demo.qa', 1],
      ]);
      // Loading the demo again leaves the report and its signatures as they are.
      await seedDemoFromFixtures(demo, path.resolve(__dirname, '..'));
      const before = await countGraph(graph);
      expect(await signDemoReport(demo)).toEqual({ signatures: 0 });
      expect(await countGraph(graph)).toEqual(before);
      const verdicts = await api.gql<{ verifySignatures: Verdict[] }>(VERIFY, { id: DEMO_REPORT_ID }, { token: reader.token });
      expect(verdicts.data!.verifySignatures.map((v) => [v.valid, v.coversLatest])).toEqual([
        [true, true],
        [true, true],
        [true, true],
      ]);
    });
  });
});
