import { hashPassword } from '../src/domain/identity/password';
import { Role } from '../src/domain/role';
import type { GraphExecutor } from '../src/graph/executor';
import { reportDutyConflicts } from '../src/services/identity/dutyConflicts';
import { startTestApi, type TestApi } from './support/api';
import { testRoot } from './support/composition';
import { resetGraph, testGraph } from './support/graph';
import { securityEventTypes } from './support/identity';
import { PASSWORD, REGISTER, RUN_A, ingestFileStore, person, refusedWithoutWrites, sha256, type Person } from './support/reports';

const SIGN = `mutation($reportId: ID!, $meaning: SignatureMeaning!, $password: String) {
  signReport(reportId: $reportId, version: 1, meaning: $meaning, reason: "read it", password: $password) { id signerRole }
}`;
const VERIFY = 'query($id: ID!) { verifySignatures(reportId: $id) { valid reason signature { id meaning userId signerRole } } }';
const SET_ROLES = 'mutation($u: ID!, $r: [Role!]!) { setUserRoles(userId: $u, roles: $r) { id roles } }';
const CREATE = 'mutation($input: CreateUserInput!) { createUser(input: $input) { id roles } }';
const CONFLICTS = '{ dutyConflicts { rule conflicting account { id roles } } }';

/** Separation of duties: whoever manages accounts never signs, and nobody edits their own roles. */
describe('separation of duties', () => {
  let graph: GraphExecutor;
  let api: TestApi;
  let admin: Person; // ADMIN
  let admin2: Person; // a second ADMIN
  let author: Person; // SCIENTIST
  let rita: Person; // REVIEWER
  let store: string;

  const register = async (reportId: string) => {
    const res = await api.gql(REGISTER, { input: { reportId, title: reportId, kind: 'SIGNAL_ASSESSMENT', contentHash: sha256(reportId), generatedFromRuns: [`run:${store}:${RUN_A}`] } }, { token: author.token });
    expect(res.errors).toBeUndefined();
    return `report:${reportId}`;
  };
  const sign = (who: Person, reportId: string, meaning: string) =>
    api.gql<{ signReport: { id: string; signerRole: string | null } }>(SIGN, { reportId, meaning, password: who.password }, { token: who.token });
  const verify = async (reportId: string) => {
    const res = await api.gql<{ verifySignatures: { valid: boolean; reason: string | null; signature: { id: string; userId: string; signerRole: string | null } }[] }>(VERIFY, { id: reportId }, { token: rita.token });
    expect(res.errors).toBeUndefined();
    return res.data!.verifySignatures;
  };
  /** An account as it may exist from before the rule: written past the service, which refuses it now. */
  const legacyAccount = async (id: string, roles: Role[]): Promise<Person> => {
    const root = testRoot(graph);
    const passwordHash = await hashPassword(PASSWORD);
    await root.repos.identity.createAccount({ id, displayName: `Legacy ${id}`, kind: 'USER', roles, passwordHash }, { type: 'USER_CREATED', subject: id, actor: 'test', address: null, detail: {} }, new Date());
    const token = (await api.identity.issueApiToken({ id: 'test.setup', address: null }, id, 1, 'test')).secret;
    return { id, token, password: PASSWORD };
  };

  beforeAll(async () => {
    graph = testGraph();
    await resetGraph(graph);
    [store] = await ingestFileStore(graph);
    api = await startTestApi(graph);
    admin = await person(api, 'ada.admin', [Role.ADMIN]);
    admin2 = await person(api, 'bert.admin', [Role.ADMIN]);
    author = await person(api, 'sam.author', [Role.SCIENTIST]);
    rita = await person(api, 'rita.reviewer', [Role.REVIEWER]);
  });
  afterAll(async () => {
    await api.close();
    await graph.close();
  });

  it('refuses an ADMIN granting itself a signing role, so it can never sign REVIEWED', async () => {
    for (const roles of [[Role.ADMIN, Role.REVIEWER], [Role.ADMIN, Role.QA], [Role.ADMIN, Role.VIEWER]]) {
      const ext = await refusedWithoutWrites(graph, () => api.gql(SET_ROLES, { u: admin.id, r: roles }, { token: admin.token }));
      expect(ext).toMatchObject({ code: 'FORBIDDEN', rule: 'NO_SELF_ROLE_CHANGE' });
    }
    const reportId = await register('SOD-SELF');
    const signed = await sign(admin, reportId, 'REVIEWED');
    expect(signed.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await api.gql<{ user: { roles: string[] } }>('{ user(id: "ada.admin") { roles } }', undefined, { token: admin2.token })).data!.user.roles).toEqual(['ADMIN']);
  });

  it('refuses ADMIN beside SCIENTIST, REVIEWER or QA on one account, with CONFLICT naming the rule', async () => {
    for (const extra of [Role.SCIENTIST, Role.REVIEWER, Role.QA]) {
      const grant = await refusedWithoutWrites(graph, () => api.gql(SET_ROLES, { u: admin.id, r: [Role.ADMIN, extra] }, { token: admin2.token }));
      expect(grant).toMatchObject({ code: 'CONFLICT', rule: 'ADMIN_NEVER_SIGNS', conflicting: [extra] });
      const makeAdmin = await refusedWithoutWrites(graph, () => api.gql(SET_ROLES, { u: rita.id, r: [Role.ADMIN, Role.REVIEWER] }, { token: admin2.token }));
      expect(makeAdmin).toMatchObject({ code: 'CONFLICT', rule: 'ADMIN_NEVER_SIGNS' });
      const created = await refusedWithoutWrites(graph, () =>
        api.gql(CREATE, { input: { id: `mixed.${extra.toLowerCase()}`, displayName: 'Mixed Duties', kind: 'USER', roles: [Role.ADMIN, extra], password: PASSWORD } }, { token: admin2.token }),
      );
      expect(created).toMatchObject({ code: 'CONFLICT', rule: 'ADMIN_NEVER_SIGNS' });
    }
    const res = await api.gql(SET_ROLES, { u: rita.id, r: [Role.REVIEWER, Role.QA] }, { token: admin2.token });
    expect(res.errors).toBeUndefined();
    expect((await api.gql(SET_ROLES, { u: rita.id, r: [Role.REVIEWER] }, { token: admin2.token })).errors).toBeUndefined();
  });

  it('records the role signed in, and verifySignatures refuses a signature whose role cannot sign its meaning', async () => {
    const reportId = await register('SOD-ROLE');
    const signed = await sign(rita, reportId, 'REVIEWED');
    expect(signed.errors).toBeUndefined();
    expect(signed.data!.signReport.signerRole).toBe('REVIEWER');
    const [stored] = await graph.query('t.s', 'MATCH (s:Signature {id: $id}) RETURN s.signerRole AS role', { id: signed.data!.signReport.id });
    expect(stored.role).toBe('REVIEWER');
    expect(await verify(reportId)).toEqual([expect.objectContaining({ valid: true, reason: null })]);
    await graph.write('t.tamper', (tx) => tx.run('MATCH (s:Signature {id: $id}) SET s.signerRole = "ADMIN"', { id: signed.data!.signReport.id }));
    expect(await verify(reportId)).toEqual([expect.objectContaining({ valid: false, reason: expect.stringMatching(/made as ADMIN.*REVIEWED/) })]);
  });

  it('reports accounts that already break the rule, refuses their signing until an ADMIN splits the roles', async () => {
    const mixed = await legacyAccount('old.mixed', [Role.ADMIN, Role.REVIEWER]);
    const reportId = await register('SOD-LEGACY');

    const listed = await api.gql<{ dutyConflicts: { rule: string; conflicting: string[]; account: { id: string } }[] }>(CONFLICTS, undefined, { token: admin.token });
    expect(listed.errors).toBeUndefined();
    expect(listed.data!.dutyConflicts).toEqual([{ rule: 'ADMIN_NEVER_SIGNS', conflicting: ['REVIEWER'], account: { id: 'old.mixed', roles: ['ADMIN', 'REVIEWER'] } }]);
    expect((await api.gql(CONFLICTS, undefined, { token: rita.token })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const repo = testRoot(graph).repos.identity;
    expect((await reportDutyConflicts(repo, 'system:duty-check')).map((c) => c.account.id)).toEqual(['old.mixed']);
    await reportDutyConflicts(repo, 'system:duty-check');
    expect((await securityEventTypes(graph, 'old.mixed')).filter((t) => t === 'DUTY_CONFLICT')).toHaveLength(1);
    const [event] = await graph.query('t.e', "MATCH (e:AuditEvent {action: 'DUTY_CONFLICT', entityId: 'old.mixed'}) RETURN e.category AS c, e.newValue AS v");
    expect(event.c).toBe('SECURITY');
    expect(JSON.parse(String(event.v))).toMatchObject({ rule: 'ADMIN_NEVER_SIGNS', conflicting: ['REVIEWER'] });

    const refused = await refusedWithoutWrites(graph, () => sign(mixed, reportId, 'REVIEWED'));
    expect(refused).toMatchObject({ code: 'CONFLICT', rule: 'ADMIN_NEVER_SIGNS' });

    expect((await api.gql(SET_ROLES, { u: mixed.id, r: [Role.REVIEWER] }, { token: admin.token })).errors).toBeUndefined();
    expect((await api.gql<{ dutyConflicts: unknown[] }>(CONFLICTS, undefined, { token: admin.token })).data!.dutyConflicts).toEqual([]);
    const signed = await sign(mixed, reportId, 'REVIEWED');
    expect(signed.errors).toBeUndefined();
    expect(await verify(reportId)).toEqual([expect.objectContaining({ valid: true })]);

    // Given ADMIN back behind the service's back, the signature made as a reviewer no longer holds.
    await graph.write('t.regrant', (tx) => tx.run('MATCH (u:User {id: "old.mixed"}) SET u.roles = ["ADMIN", "REVIEWER"]'));
    expect(await verify(reportId)).toEqual([expect.objectContaining({ valid: false, reason: expect.stringMatching(/now holds ADMIN together with REVIEWER.*ADMIN_NEVER_SIGNS/) })]);
  });
});
