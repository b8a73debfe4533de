import { getMetadataStorage } from 'type-graphql';
import { Role } from '../src/domain/role';
import { hashToken } from '../src/domain/identity/token';
import type { GraphExecutor } from '../src/graph/executor';
import { buildSchema } from '../src/schema/buildSchema';
import { AUTH, PUBLIC } from '../src/schema/authRules';
import { startTestApi, type TestApi } from './support/api';
import { loadDemo } from './support/demo';
import { testGraph } from './support/graph';
import { securityEventTypes, tokenWithRoles } from './support/identity';

const PASSWORD = 'correct horse battery staple 7';

describe('authentication and authorization', () => {
  let graph: GraphExecutor;
  let api: TestApi;
  let admin: string;

  beforeAll(async () => {
    graph = testGraph();
    await loadDemo(graph);
    api = await startTestApi(graph, { PVL_LOCKOUT_THRESHOLD: '3' });
    admin = await tokenWithRoles([Role.ADMIN]);
  });
  afterAll(async () => {
    await api.close();
    await graph.close();
  });

  const createUser = (id: string, roles: Role[], kind = 'USER', password: string | null = PASSWORD) =>
    api.gql<{ createUser: { id: string; roles: string[] } }>(
      'mutation($input: CreateUserInput!) { createUser(input: $input) { id roles active } }',
      { input: { id, displayName: `Dr ${id}`, kind, roles, password } },
      { token: admin },
    );
  const login = (userId: string, password: string) =>
    api.gql<{ login: { token: string; user: { id: string } } }>('mutation($u: String!, $p: String!) { login(userId: $u, password: $p) { token expiresAt user { id } } }', { u: userId, p: password }, { anonymous: true });

  it('puts a rule from authRules.ts on every Query and Mutation field of the generated schema', () => {
    const schema = buildSchema();
    const storage = getMetadataStorage();
    const rules = Object.values(AUTH).map((r) => [...r].sort().join(','));
    const roots = [...storage.queries, ...storage.mutations];
    const fields = [...Object.keys(schema.getQueryType()!.getFields()), ...Object.keys(schema.getMutationType()?.getFields() ?? {})];
    expect(fields.length).toBeGreaterThan(10);
    const missing: string[] = [];
    for (const name of fields) {
      const def = roots.find((r) => r.schemaName === name);
      const auth = def && storage.authorizedFields.find((a) => a.target === def.target && a.fieldName === def.methodName);
      if (!auth || auth.roles.length === 0 || !rules.includes([...auth.roles].sort().join(','))) missing.push(name);
    }
    expect(missing).toEqual([]);
  });

  it('keeps roles independent: no rule but manageIdentity and manageStores names ADMIN, only public is open', () => {
    for (const [name, roles] of Object.entries(AUTH)) {
      if (name !== 'manageIdentity' && name !== 'manageStores' && name !== 'self') expect({ name, admin: (roles as readonly string[]).includes(Role.ADMIN) }).toEqual({ name, admin: false });
      if (name !== 'public') expect({ name, open: (roles as readonly string[]).includes(PUBLIC) }).toEqual({ name, open: false });
    }
    for (const rule of [AUTH.signReviewed, AUTH.signApproved]) expect(rule).not.toContain(Role.PIPELINE);
  });

  it('answers 401 UNAUTHENTICATED to anonymous requests except health, GraphiQL assets and login', async () => {
    const res = await api.gql('{ trackingStores { id } }', undefined, { anonymous: true });
    expect(res.status).toBe(401);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const introspect = await api.gql('{ __schema { types { name } } }', undefined, { anonymous: true });
    expect(introspect.status).toBe(401);
    expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${api.url}/graphql`, { headers: { accept: 'text/html' } })).status).toBe(200);
    expect((await fetch(`${api.url}/assets/graphiql/graphiql.js`)).status).toBe(200);
    expect((await fetch(`${api.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${api.url}/anything`)).status).toBe(401);
    const get = await fetch(`${api.url}/graphql?query=${encodeURIComponent('{ trackingStores { id } }')}`);
    expect(get.status).toBe(401);
  });

  it('enforces the role matrix per field: VIEWER reads but cannot manage, ADMIN manages but cannot read lineage', async () => {
    const viewer = await tokenWithRoles([Role.VIEWER]);
    const read = await api.gql<{ trackingStores: unknown[] }>('{ trackingStores { id } }', undefined, { token: viewer });
    expect(read.errors).toBeUndefined();
    expect(read.data!.trackingStores.length).toBeGreaterThan(0);
    const manage = await api.gql('{ users { id } }', undefined, { token: viewer });
    expect(manage.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', allowed: [...AUTH.manageIdentity] });
    const adminRead = await api.gql('{ trackingStores { id } }', undefined, { token: admin });
    expect(adminRead.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const users = await api.gql<{ users: { id: string }[] }>('{ users { id } }', undefined, { token: admin });
    expect(users.errors).toBeUndefined();
  });

  it('creates users with scrypt-hashed passwords, signs in with a session token, and logs out', async () => {
    expect((await createUser('alice', [Role.SCIENTIST])).errors).toBeUndefined();
    const [stored] = await graph.query('t.hash', 'MATCH (u:User {id: "alice"}) RETURN u.passwordHash AS h, properties(u) AS all');
    expect(String(stored.h)).toMatch(/^scrypt\$\d+\$\d+\$\d+\$/);
    expect(JSON.stringify(stored.all)).not.toContain(PASSWORD);
    const session = await login('alice', PASSWORD);
    expect(session.errors).toBeUndefined();
    const token = session.data!.login.token;
    const me = await api.gql<{ me: { id: string; roles: string[]; method: string } }>('{ me { id roles method } }', undefined, { token });
    expect(me.data!.me).toEqual({ id: 'alice', roles: [Role.SCIENTIST], method: 'SESSION' });
    const [t] = await graph.query('t.tok', 'MATCH (t:ApiToken {kind: "SESSION"})-[:ISSUED_TO]->(:User {id: "alice"}) RETURN t.hash AS hash');
    expect(t.hash).toBe(hashToken(token));
    expect((await api.gql<{ logout: boolean }>('mutation { logout }', undefined, { token })).data!.logout).toBe(true);
    expect((await api.gql('{ me { id } }', undefined, { token })).status).toBe(401);
  });

  it('locks an account after the configured failures and records failures and the lock as security events', async () => {
    await createUser('bob', [Role.REVIEWER]);
    for (let i = 0; i < 3; i++) expect((await login('bob', 'wrong password !!')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // The right password on a locked account gets the same answer as a wrong one: the lock is not revealed.
    const locked = await login('bob', PASSWORD);
    expect(locked.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'BAD_CREDENTIALS' });
    const [state] = await graph.query('t.lock', 'MATCH (u:User {id: "bob"}) RETURN u.failedLogins AS f, u.lockedUntil IS NOT NULL AS locked');
    expect(state).toEqual({ f: 3, locked: true });
    const events = await securityEventTypes(graph, 'bob');
    expect(events.filter((e) => e === 'LOGIN_FAILED')).toHaveLength(4);
    expect(events.filter((e) => e === 'ACCOUNT_LOCKED')).toHaveLength(1);
    // bob reviews, so the lock is also a SIGNER_LOCKED event for QA.
    expect(events.filter((e) => e === 'SIGNER_LOCKED')).toHaveLength(1);
    expect((await api.gql('mutation { unlockUser(userId: "bob") { id } }', undefined, { token: admin })).errors).toBeUndefined();
    expect((await login('bob', PASSWORD)).errors).toBeUndefined();
  });

  it('issues API tokens shown once and stored hashed, lists them without secrets, and revokes them', async () => {
    await createUser('etl', [Role.PIPELINE], 'SERVICE', null);
    const issued = await api.gql<{ createApiToken: { token: string; info: { id: string } } }>('mutation { createApiToken(userId: "etl", expiresInDays: 30, label: "nightly") { token info { id expiresAt } } }', undefined, { token: admin });
    const { token, info } = issued.data!.createApiToken;
    const listed = await api.gql<{ apiTokens: { id: string }[] }>('{ apiTokens(userId: "etl") { id label kind expiresAt } }', undefined, { token: admin });
    expect(listed.data!.apiTokens.map((t) => t.id)).toEqual([info.id]);
    expect(JSON.stringify(listed)).not.toContain(token);
    const stored = await graph.query('t.tokens', 'MATCH (t:ApiToken {id: $id}) RETURN properties(t) AS p', { id: info.id });
    expect(JSON.stringify(stored)).not.toContain(token);
    expect((await api.gql('{ me { id } }', undefined, { token })).status).toBe(200);
    // PIPELINE may not read the admin surface.
    expect((await api.gql('{ users { id } }', undefined, { token })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await api.gql('mutation($id: ID!) { revokeApiToken(tokenId: $id) { revokedAt } }', { id: info.id }, { token: admin });
    expect((await api.gql('{ me { id } }', undefined, { token })).status).toBe(401);
  });

  it('makes a revocation on another replica effective within the cache TTL', async () => {
    const other = await startTestApi(graph, { PVL_TOKEN_CACHE_TTL_MS: '400' }, { anonymous: true });
    try {
      const token = await tokenWithRoles([Role.VIEWER]);
      expect((await other.gql('{ me { id } }', undefined, { token })).status).toBe(200);
      const [t] = await graph.query('t.id', 'MATCH (t:ApiToken {hash: $h}) RETURN t.id AS id', { h: hashToken(token) });
      await api.gql('mutation($id: ID!) { revokeApiToken(tokenId: $id) { id } }', { id: t.id }, { token: admin });
      await new Promise((r) => setTimeout(r, 500));
      expect((await other.gql('{ me { id } }', undefined, { token })).status).toBe(401);
    } finally {
      await other.close();
    }
  });

  it('never reuses an id: a deactivated user keeps id and history, cannot sign in, and the id cannot be taken again', async () => {
    await createUser('carol', [Role.QA]);
    expect((await login('carol', PASSWORD)).errors).toBeUndefined();
    await api.gql('mutation { deactivateUser(userId: "carol") { active } }', undefined, { token: admin });
    expect((await login('carol', PASSWORD)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const again = await createUser('carol', [Role.VIEWER]);
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const all = await api.gql<{ users: { id: string; active: boolean }[] }>('{ users(includeInactive: true) { id active } }', undefined, { token: admin });
    expect(all.data!.users.find((u) => u.id === 'carol')).toEqual({ id: 'carol', active: false });
    expect(await securityEventTypes(graph, 'carol')).toEqual(expect.arrayContaining(['USER_CREATED', 'LOGIN_SUCCEEDED', 'USER_DEACTIVATED']));
  });

  it('keeps service accounts away from people roles, and records grants and revocations', async () => {
    expect((await createUser('svc', [Role.REVIEWER], 'SERVICE', null)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'roles' });
    expect((await createUser('dave', [Role.PIPELINE])).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    await createUser('erin', [Role.VIEWER]);
    await api.gql('mutation { setUserRoles(userId: "erin", roles: [REVIEWER, QA]) { roles } }', undefined, { token: admin });
    const [e] = await graph.query('t.ev', 'MATCH (e:AuditEvent {entityId: "erin", action: "ROLES_CHANGED"}) RETURN e.newValue AS d, e.actorName AS who, e.category AS c');
    expect(JSON.parse(String(e.d))).toMatchObject({ granted: ['QA', 'REVIEWER'], revoked: ['VIEWER'] });
    expect(e).toMatchObject({ c: 'SECURITY', who: expect.any(String) });
  });

  it('refuses weak passwords with a message naming the rule', async () => {
    const res = await createUser('frank', [Role.VIEWER], 'USER', 'short');
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'password' });
    expect(res.errors?.[0]?.message).toMatch(/at least 12 characters/);
  });

  it.each(['Password1234', '123456789012', 'qwertyuiopas'])('refuses the common password %s, explaining why in the estimator\'s words', async (weak) => {
    const res = await createUser('gina', [Role.VIEWER], 'USER', weak);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'password' });
    expect(res.errors?.[0]?.message).toMatch(/too easy to guess \(strength [0-2] of 4, at least 3 needed\): .*commonly used password/);
  });

  it('refuses a password holding the printed name, and one set by reset or change', async () => {
    const named = await api.gql(
      'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
      { input: { id: 'hank', displayName: 'Wilhelmina Ortiz', kind: 'USER', roles: [Role.VIEWER], password: 'violet WILHELMINA-ortiz 9' } },
      { token: admin },
    );
    expect(named.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'password' });
    expect(named.errors?.[0]?.message).toMatch(/printed name/);
    expect((await createUser('hank', [Role.VIEWER])).errors).toBeUndefined();
    const reset = await api.gql('mutation { resetPassword(userId: "hank", newPassword: "123456789012") { id } }', undefined, { token: admin });
    expect(reset.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'newPassword' });
    const changed = await api.gql('mutation($c: String!) { changePassword(userId: "hank", currentPassword: $c, newPassword: "qwertyuiopas") { id } }', { c: PASSWORD }, { anonymous: true });
    expect(changed.errors?.[0]?.message).toMatch(/too easy to guess/);
  });
});
