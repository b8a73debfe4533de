import { Role } from '../src/domain/role';
import { testConfig, testRoot } from './support/composition';
import { clockedIdentity } from './support/identity';

/** Expiry and idle timeouts, driven by an injected clock against the real database. */
describe('token and password lifetimes', () => {
  const cli = { id: 'cli:test', address: null };
  const env = { PVL_SESSION_IDLE_MINUTES: '15', PVL_PASSWORD_MAX_AGE_DAYS: '90' };
  const security = testConfig(env).security;
  const t = clockedIdentity(env);
  const advance = (ms: number) => t.advance(ms);

  it('times out a session after the idle period but keeps it alive while it is used', async () => {
    await t.service.createAccount(cli, { id: 'idle.user', displayName: 'Idle', kind: 'USER', roles: [Role.VIEWER], password: 'a long enough passphrase' });
    const { issued } = await t.service.login(null, 'idle.user', 'a long enough passphrase');
    advance(security.sessionIdleMs - 60_000);
    expect((await t.service.verifyToken(issued.secret))?.id).toBe('idle.user');
    advance(security.sessionIdleMs - 60_000);
    expect((await t.service.verifyToken(issued.secret))?.id).toBe('idle.user');
    advance(security.sessionIdleMs + 1);
    expect(await t.service.verifyToken(issued.secret)).toBeNull();
  });

  it('rejects an API token after its expiry', async () => {
    await t.service.createAccount(cli, { id: 'job', displayName: 'Job', kind: 'SERVICE', roles: [Role.PIPELINE], password: null });
    const issued = await t.service.issueApiToken(cli, 'job', 2, null);
    advance(86_400_000);
    expect((await t.service.verifyToken(issued.secret))?.roles).toEqual([Role.PIPELINE]);
    advance(86_400_000 + 1);
    expect(await t.service.verifyToken(issued.secret)).toBeNull();
  });

  it('expires passwords after the configured age; changePassword with the old one renews it', async () => {
    await t.service.createAccount(cli, { id: 'old.pw', displayName: 'Old', kind: 'USER', roles: [Role.QA], password: 'first passphrase 123' });
    advance((security.password.maxAgeDays + 1) * 86_400_000);
    await expect(t.service.login(null, 'old.pw', 'first passphrase 123')).rejects.toMatchObject({ code: 'UNAUTHENTICATED', details: { reason: 'PASSWORD_EXPIRED' } });
    await t.service.changePassword(null, 'old.pw', 'first passphrase 123', 'second passphrase 456');
    expect((await t.service.login(null, 'old.pw', 'second passphrase 456')).account.id).toBe('old.pw');
  });

  it('refuses a second bootstrap once an ADMIN exists', async () => {
    await t.service.bootstrapAdmin(cli, { id: 'root.admin', displayName: 'Root', password: 'bootstrap passphrase 1' });
    await expect(t.service.bootstrapAdmin(cli, { id: 'root.two', displayName: 'Two', password: 'bootstrap passphrase 2' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('throttles failed logins per account and address together, so one noisy client behind a shared address locks out nobody else', async () => {
    const strict = testRoot(t.graph, { ...env, PVL_LOGIN_ADDRESS_MAX_FAILURES: '2', PVL_LOCKOUT_THRESHOLD: '100' }, { now: () => t.now }).identity;
    const shared = '10.0.0.9';
    const passwords: Record<string, string> = { 'noisy.one': 'violet harbour tram quill 7', 'quiet.two': 'amber lantern ferry 42 oak' };
    for (const [id, password] of Object.entries(passwords)) {
      await t.service.createAccount(cli, { id, displayName: `User ${id}`, kind: 'USER', roles: [Role.QA], password: `${password} first` });
      // An administrator's password is temporary; each user sets their own before signing.
      await t.service.changePassword(null, id, `${password} first`, password);
    }
    for (let i = 0; i < 2; i++) await expect(strict.login(shared, 'noisy.one', 'a wrong passphrase')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(strict.login(shared, 'noisy.one', passwords['noisy.one'])).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    // Unknown ids count for themselves too, not against the address as a whole.
    for (let i = 0; i < 3; i++) await expect(strict.login(shared, `nobody.${i}`, 'whatever password')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });

    expect((await strict.login(shared, 'quiet.two', passwords['quiet.two'])).account.id).toBe('quiet.two');
    const quiet = { id: 'quiet.two', displayName: 'User quiet.two', roles: [Role.QA], method: 'SESSION' as const };
    expect(await strict.reauthenticate(shared, quiet, { password: passwords['quiet.two'] }, {})).toEqual({ printedName: 'User quiet.two' });
    // The noisy account itself is still free to sign in from another address.
    expect((await strict.login('10.0.0.10', 'noisy.one', passwords['noisy.one'])).account.id).toBe('noisy.one');
  });
});
