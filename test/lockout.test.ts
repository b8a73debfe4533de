import { Role } from '../src/domain/role';
import { startTestApi, type TestApi } from './support/api';
import { clockedIdentity, tokenWithRoles } from './support/identity';

const PASSWORD = 'a perfectly good passphrase 8';
const WRONG = 'not the passphrase at all 9';

interface Event {
  readonly seq: number;
  readonly action: string;
  readonly detail: Record<string, unknown>;
}

/** Account lockout: counted atomically in Neo4j, reported on every lock, and never revealed to the caller. */
describe('account lockout', () => {
  const cli = { id: 'cli:test', address: null };
  const env = { PVL_LOCKOUT_THRESHOLD: '5', PVL_LOCKOUT_MINUTES: '15', PVL_LOGIN_ADDRESS_MAX_FAILURES: '10000' };
  const t = clockedIdentity(env);

  const person = (id: string, roles: Role[] = [Role.VIEWER]) =>
    t.service.createAccount(cli, { id, displayName: `Dr ${id}`, kind: 'USER', roles, password: PASSWORD }, { temporary: false });
  const eventsOf = async (id: string): Promise<Event[]> => {
    const rows = await t.graph.query('t.events', "MATCH (e:AuditEvent {category: 'SECURITY', entityId: $id}) RETURN e.seq AS seq, e.action AS action, e.newValue AS v ORDER BY e.seq", { id });
    return rows.map((r) => ({ seq: Number(r.seq), action: String(r.action), detail: JSON.parse(String(r.v)) as Record<string, unknown> }));
  };
  const stateOf = async (id: string) => {
    const [row] = await t.graph.query('t.state', 'MATCH (u:User {id: $id}) RETURN u.failedLogins AS failures, u.lockedUntil IS NOT NULL AND u.lockedUntil > datetime($now) AS locked', { id, now: t.now.toISOString() });
    return { failures: Number(row.failures), locked: row.locked === true };
  };
  const refusal = async (attempt: Promise<unknown>) => {
    const err = (await attempt.then(() => null, (e: unknown) => e)) as { code: string; message: string; details: Record<string, unknown> } | null;
    expect(err).not.toBeNull();
    return { code: err!.code, message: err!.message, details: err!.details };
  };

  it('counts 50 parallel wrong passwords exactly, locks once, and issues no session after the threshold', async () => {
    await person('race.target');
    const attempts = [
      ...Array.from({ length: 50 }, (_, i) => t.service.login(`10.1.0.${i}`, 'race.target', WRONG)),
      t.service.login('10.2.0.1', 'race.target', PASSWORD),
    ];
    const results = await Promise.allSettled(attempts);
    expect(results.slice(0, 50).every((r) => r.status === 'rejected')).toBe(true);

    const events = await eventsOf('race.target');
    const failures = events.filter((e) => e.action === 'LOGIN_FAILED' && typeof e.detail.failures === 'number');
    const success = events.find((e) => e.action === 'LOGIN_SUCCEEDED');
    const right = results[50];
    expect(right.status === 'fulfilled').toBe(success !== undefined);
    if (success) {
      // A session is allowed only while fewer failures than the threshold were committed.
      expect(failures.filter((e) => e.seq < success.seq).length).toBeLessThan(5);
    }
    // Every failure since the last success was counted once: no update lost, none counted twice.
    const counted = failures.filter((e) => !success || e.seq > success.seq);
    expect(counted.map((e) => e.detail.failures)).toEqual(counted.map((_, i) => i + 1));
    expect(await stateOf('race.target')).toEqual({ failures: counted.length, locked: true });
    expect(events.filter((e) => e.action === 'ACCOUNT_LOCKED')).toHaveLength(1);
    const sessions = await t.graph.query('t.sessions', "MATCH (t:ApiToken {kind: 'SESSION'})-[:ISSUED_TO]->(:User {id: 'race.target'}) RETURN count(t) AS n");
    expect(Number(sessions[0].n)).toBe(success ? 1 : 0);
  });

  it('writes ACCOUNT_LOCKED for every lock: once a lock runs out the count restarts, and the next lock is reported too', async () => {
    await person('relock.target');
    for (let i = 0; i < 5; i++) await refusal(t.service.login(null, 'relock.target', WRONG));
    expect(await stateOf('relock.target')).toEqual({ failures: 5, locked: true });
    t.advance(16 * 60_000);
    await refusal(t.service.login(null, 'relock.target', WRONG));
    // One wrong password after the lock ran out does not lock again silently: it is failure 1 of 5.
    expect(await stateOf('relock.target')).toEqual({ failures: 1, locked: false });
    expect((await eventsOf('relock.target')).filter((e) => e.action === 'ACCOUNT_LOCKED')).toHaveLength(1);
    for (let i = 0; i < 4; i++) await refusal(t.service.login(null, 'relock.target', WRONG));
    expect(await stateOf('relock.target')).toEqual({ failures: 5, locked: true });
    const locks = (await eventsOf('relock.target')).filter((e) => e.action === 'ACCOUNT_LOCKED');
    expect(locks.map((e) => e.detail.failures)).toEqual([5, 5]);
  });

  it('answers unknown ids, wrong passwords, locked and deactivated accounts alike', async () => {
    await person('known.user');
    await person('locked.user');
    await person('gone.user');
    for (let i = 0; i < 5; i++) await refusal(t.service.login(null, 'locked.user', WRONG));
    await t.service.setActive(cli, 'gone.user', false);
    const answers = await Promise.all([
      refusal(t.service.login(null, 'no.such.user', WRONG)),
      refusal(t.service.login(null, 'known.user', WRONG)),
      refusal(t.service.login(null, 'locked.user', PASSWORD)),
      refusal(t.service.login(null, 'locked.user', WRONG)),
      refusal(t.service.login(null, 'gone.user', PASSWORD)),
      refusal(t.service.changePassword(null, 'locked.user', PASSWORD, 'another fine passphrase 3')),
      refusal(t.service.changePassword(null, 'no.such.user', PASSWORD, 'another fine passphrase 3')),
    ]);
    for (const a of answers) expect(a).toEqual(answers[0]);
    expect(answers[0]).toMatchObject({ code: 'UNAUTHENTICATED', details: { reason: 'BAD_CREDENTIALS' } });
    expect(answers[0].message).not.toMatch(/lock|until/i);
    // The security events keep the real reason for administrators.
    const reasons = (await eventsOf('locked.user')).filter((e) => e.action === 'LOGIN_FAILED').map((e) => e.detail.reason);
    expect(reasons.slice(-3)).toEqual(['LOCKED', 'LOCKED', 'LOCKED']);
  });

  it('takes about as long for an unknown id as for a known one (a decoy hash is verified)', async () => {
    await person('timed.user');
    const time = async (userId: string) => {
      const start = process.hrtime.bigint();
      await refusal(t.service.login(null, userId, WRONG));
      return Number(process.hrtime.bigint() - start) / 1e6;
    };
    await time('warm.up.unknown');
    const known: number[] = [];
    const unknown: number[] = [];
    // Interleaved, so load on the machine hits both alike.
    for (let i = 0; i < 8; i++) {
      known.push(await time('timed.user'));
      unknown.push(await time(`nobody.${i}`));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const ratio = median(unknown) / median(known);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });

  describe('a signer locked out', () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await startTestApi(t.graph, { PVL_LOCKOUT_THRESHOLD: '5' });
    });
    afterAll(async () => {
      await api.close();
    });

    it('raises SIGNER_LOCKED, which QA reads in the audit trail', async () => {
      await api.identity.createAccount(cli, { id: 'qa.signer', displayName: 'Q Signer', kind: 'USER', roles: [Role.QA], password: PASSWORD }, { temporary: false });
      await api.identity.createAccount(cli, { id: 'plain.viewer', displayName: 'P Viewer', kind: 'USER', roles: [Role.VIEWER], password: PASSWORD }, { temporary: false });
      const login = (userId: string) => api.gql('mutation($u: String!, $p: String!) { login(userId: $u, password: $p) { token } }', { u: userId, p: WRONG }, { anonymous: true });
      for (let i = 0; i < 5; i++) {
        await login('qa.signer');
        await login('plain.viewer');
      }
      const qa = await tokenWithRoles([Role.QA]);
      const trail = await api.gql<{ auditTrail: { edges: { node: { action: string; entityId: string; newValue: unknown } }[] } }>(
        'query($a: String) { auditTrail(action: $a, first: 50) { edges { node { action entityId newValue } } } }',
        { a: 'SIGNER_LOCKED' },
        { token: qa },
      );
      expect(trail.errors).toBeUndefined();
      const nodes = trail.data!.auditTrail.edges.map((e) => e.node);
      expect(nodes.map((n) => n.entityId)).toEqual(['qa.signer']);
      expect(JSON.stringify(nodes[0].newValue)).toContain('QA');
    });
  });
});
