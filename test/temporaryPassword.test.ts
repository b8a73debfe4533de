import { Role } from '../src/domain/role';
import type { GraphExecutor } from '../src/graph/executor';
import { startTestApi, type TestApi } from './support/api';
import { resetGraph, testGraph } from './support/graph';
import { tokenWithRoles } from './support/identity';

const TEMPORARY = 'chosen by the admin 12345';
const OWN = 'chosen by the user 67890';

/** A password an ADMIN sets is temporary: its holder changes it before anything else, and cannot sign with it. */
describe('temporary passwords', () => {
  let graph: GraphExecutor;
  let api: TestApi;
  let admin: string;

  beforeAll(async () => {
    graph = testGraph();
    await resetGraph(graph);
    api = await startTestApi(graph);
    admin = await tokenWithRoles([Role.ADMIN]);
  });
  afterAll(async () => {
    await api.close();
    await graph.close();
  });

  const login = async (userId: string, password: string) => {
    const res = await api.gql<{ login: { token: string; user: { passwordChangeRequired: boolean } } }>(
      'mutation($u: String!, $p: String!) { login(userId: $u, password: $p) { token user { passwordChangeRequired } } }',
      { u: userId, p: password },
      { anonymous: true },
    );
    expect(res.errors).toBeUndefined();
    return res.data!.login;
  };
  const changePassword = (userId: string, current: string, next: string) =>
    api.gql('mutation($u: String!, $c: String!, $n: String!) { changePassword(userId: $u, currentPassword: $c, newPassword: $n) { passwordChangeRequired } }', { u: userId, c: current, n: next }, { anonymous: true });
  const reads = (token: string) => api.gql('{ trackingStores { id } }', undefined, { token });
  const signAs = (userId: string, password: string) =>
    api.identity.reauthenticate(null, { id: userId, displayName: userId, roles: [Role.REVIEWER], method: 'SESSION' }, { password }, { reportId: 'report:X', version: 1, meaning: 'REVIEWED' });

  it('lets a new user only change the password, see who they are and sign out, until they change it', async () => {
    const created = await api.gql('mutation($input: CreateUserInput!) { createUser(input: $input) { passwordChangeRequired } }', { input: { id: 'new.starter', displayName: 'New Starter', kind: 'USER', roles: [Role.VIEWER, Role.REVIEWER], password: TEMPORARY } }, { token: admin });
    expect(created.data).toEqual({ createUser: { passwordChangeRequired: true } });
    const session = await login('new.starter', TEMPORARY);
    expect(session.user.passwordChangeRequired).toBe(true);

    const refused = await reads(session.token);
    expect(refused.status).toBe(403);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'PASSWORD_CHANGE_REQUIRED', operation: 'trackingStores' });
    const mixed = await api.gql('{ me { id } trackingStores { id } }', undefined, { token: session.token });
    expect(mixed.errors?.[0]?.extensions?.reason).toBe('PASSWORD_CHANGE_REQUIRED');
    const openLineage = await fetch(`${api.url}/api/v1/events/lineage`, { headers: { authorization: `Bearer ${session.token}` } });
    expect(openLineage.status).toBe(403);
    expect((await openLineage.json()) as unknown).toMatchObject({ errors: [{ extensions: { code: 'FORBIDDEN', reason: 'PASSWORD_CHANGE_REQUIRED' } }] });
    const me = await api.gql<{ me: { passwordChangeRequired: boolean } }>('{ me { passwordChangeRequired } }', undefined, { token: session.token });
    expect(me.data).toEqual({ me: { passwordChangeRequired: true } });
    await expect(signAs('new.starter', TEMPORARY)).rejects.toMatchObject({ code: 'UNAUTHENTICATED', details: { reason: 'PASSWORD_CHANGE_REQUIRED' } });

    expect((await changePassword('new.starter', TEMPORARY, OWN)).data).toEqual({ changePassword: { passwordChangeRequired: false } });
    // The same session now works: the change dropped its cached principal.
    expect((await reads(session.token)).errors).toBeUndefined();
    await expect(signAs('new.starter', OWN)).resolves.toEqual({ printedName: 'New Starter' });
    expect((await api.gql('mutation { logout }', undefined, { token: session.token })).data).toEqual({ logout: true });
  });

  it('stops an ADMIN reset from handing over the account: every token of it is held until the user changes the password', async () => {
    await api.identity.createAccount({ id: 'cli:test', address: null }, { id: 'old.hand', displayName: 'Old Hand', kind: 'USER', roles: [Role.REVIEWER, Role.VIEWER], password: OWN }, { temporary: false });
    const own = await login('old.hand', OWN);
    expect(own.user.passwordChangeRequired).toBe(false);
    expect((await reads(own.token)).errors).toBeUndefined();

    const reset = await api.gql('mutation($p: String!) { resetPassword(userId: "old.hand", newPassword: $p) { passwordChangeRequired } }', { p: TEMPORARY }, { token: admin });
    expect(reset.data).toEqual({ resetPassword: { passwordChangeRequired: true } });
    const [event] = await graph.query('t.reset', "MATCH (e:AuditEvent {action: 'PASSWORD_RESET', entityId: 'old.hand'}) RETURN e.newValue AS v");
    expect(JSON.parse(String(event.v))).toMatchObject({ temporary: true });

    // Whoever knows the reset password (the ADMIN included) can neither act as the user nor sign.
    const theirs = await login('old.hand', TEMPORARY);
    expect((await reads(theirs.token)).status).toBe(403);
    await expect(signAs('old.hand', TEMPORARY)).rejects.toMatchObject({ details: { reason: 'PASSWORD_CHANGE_REQUIRED' } });
    // The user's own earlier session is held too, until the password is changed.
    expect((await reads(own.token)).status).toBe(403);
    expect((await changePassword('old.hand', TEMPORARY, `${OWN} again`)).errors).toBeUndefined();
    expect((await reads(own.token)).errors).toBeUndefined();
  });
});
