import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { Role } from '../src/domain/role';
import { createAuthenticator, principalOf } from '../src/http/auth/authenticate';
import { clockedIdentity } from './support/identity';

const PASSWORD = 'a perfectly good passphrase 8';

interface Event {
  readonly action: string;
  readonly subject: string;
  readonly detail: Record<string, unknown>;
}

/**
 * The authentication middleware with its token cache, over the real database, on the identity
 * service's injected clock: an answer is never served from the cache past the token's expiry,
 * idle timeout or revocation, and every refusal says whose token it was.
 */
describe('bearer tokens through the cache', () => {
  const cli = { id: 'cli:test', address: null };
  const t = clockedIdentity({ PVL_SESSION_TTL_MINUTES: '3', PVL_SESSION_IDLE_MINUTES: '1' });
  let server: Server | undefined;
  let url = '';

  /** A server whose only route answers the principal, with a cache TTL of `ttlMs`. */
  const serve = async (ttlMs: number) => {
    const auth = createAuthenticator({ identity: t.service, oidc: null, cacheTtlMs: ttlMs, anonymousRead: false, rejectLimit: { max: 1000, windowMs: 60_000 } });
    const app = express();
    app.get('/who', auth.middleware, (_req, res) => res.json({ id: principalOf(res)?.id ?? null }));
    server = createServer(app);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };
  afterEach(async () => {
    await new Promise((resolve) => server?.close(resolve));
    server = undefined;
  });

  const status = async (token: string) => (await fetch(`${url}/who`, { headers: { authorization: `Bearer ${token}` } })).status;
  const at = async (seconds: number, token: string, start: number) => {
    t.now = new Date(start + seconds * 1000);
    return status(token);
  };
  const session = async (id: string) => {
    await t.service.createAccount(cli, { id, displayName: `Dr ${id}`, kind: 'USER', roles: [Role.VIEWER], password: PASSWORD }, { temporary: false });
    return (await t.service.login(null, id, PASSWORD)).issued;
  };
  const eventsOf = async (subject: string, action: string): Promise<Event[]> => {
    const rows = await t.graph.query('t.ev', "MATCH (e:AuditEvent {category: 'SECURITY', entityId: $subject, action: $action}) RETURN e.action AS action, e.entityId AS subject, e.newValue AS v ORDER BY e.seq", { subject, action });
    return rows.map((r) => ({ action: String(r.action), subject: String(r.subject), detail: JSON.parse(String(r.v)) as Record<string, unknown> }));
  };

  it('refuses a session from its expiry on, though the cache TTL reaches past it', async () => {
    await serve(30_000);
    const issued = await session('short.session');
    const start = t.now.getTime();
    // Used every 50 s, so never idle; the session's three minutes are what end it.
    const early = [50, 100, 150, 179];
    const answers: number[] = [];
    for (const s of early) answers.push(await at(s, issued.secret, start));
    expect(answers).toEqual([200, 200, 200, 200]);
    const late: number[] = [];
    for (const s of [182, 188, 195]) late.push(await at(s, issued.secret, start));
    expect(late).toEqual([401, 401, 401]);
    const [rejected] = await eventsOf('short.session', 'TOKEN_REJECTED');
    expect(rejected.detail).toMatchObject({ reason: 'EXPIRED', tokenId: issued.info.id });
  });

  it('ends an idle session at its idle timeout, even inside the cache TTL, and keeps a used one alive past the TTL', async () => {
    await serve(120_000);
    const idle = await session('idle.session');
    const busy = await session('busy.session');
    const start = t.now.getTime();
    expect(await at(0, idle.secret, start)).toBe(200);
    expect(await at(0, busy.secret, start)).toBe(200);
    // busy: used every 40 s; its last verification in the database was at 0 s, its last use at 40 s.
    expect(await at(40, busy.secret, start)).toBe(200);
    expect(await at(59, busy.secret, start)).toBe(200);
    expect(await at(61, idle.secret, start)).toBe(401);
    expect(await at(95, busy.secret, start)).toBe(200);
    // The cache entry has aged out; the database last saw it at 0 s, but this replica served it at 95 s.
    expect(await at(130, busy.secret, start)).toBe(200);
    const [rejected] = await eventsOf('idle.session', 'TOKEN_REJECTED');
    expect(rejected.detail).toMatchObject({ reason: 'IDLE', tokenId: idle.info.id });
  });

  it('names a revoked token and its account in the rejection', async () => {
    await serve(30_000);
    await t.service.createAccount(cli, { id: 'etl.job', displayName: 'ETL', kind: 'SERVICE', roles: [Role.PIPELINE], password: null });
    const token = await t.service.issueApiToken(cli, 'etl.job', 1, null);
    expect(await status(token.secret)).toBe(200);
    await t.service.revokeToken({ ...cli, mayRevokeOthers: true }, token.info.id);
    expect(await status(token.secret)).toBe(401);
    const [rejected] = await eventsOf('etl.job', 'TOKEN_REJECTED');
    expect(rejected).toMatchObject({ subject: 'etl.job', detail: { reason: 'REVOKED', tokenId: token.info.id } });
    expect(await status(`pvl_${'x'.repeat(43)}`)).toBe(401);
    const [unknown] = await t.graph.query('t.unknown', "MATCH (e:AuditEvent {action: 'TOKEN_REJECTED'}) WHERE e.newValue CONTAINS 'UNKNOWN_TOKEN' RETURN e.entityId AS subject");
    expect(unknown.subject).toBe('(none)');
  });

  it('writes TOKEN_REVOKED for each token of a deactivated account, and names it in later rejections', async () => {
    await serve(30_000);
    const issued = await session('leaver');
    const api = await t.service.issueApiToken(cli, 'leaver', 1, 'script');
    expect(await status(api.secret)).toBe(200);
    await t.service.setActive(cli, 'leaver', false);
    const revoked = await eventsOf('leaver', 'TOKEN_REVOKED');
    expect(revoked.map((e) => e.detail.tokenId).sort()).toEqual([issued.info.id, api.info.id].sort());
    expect(revoked.every((e) => e.detail.reason === 'USER_DEACTIVATED')).toBe(true);
    expect(await status(api.secret)).toBe(401);
    const [rejected] = await eventsOf('leaver', 'TOKEN_REJECTED');
    expect(rejected.detail).toMatchObject({ reason: 'DEACTIVATED', tokenId: api.info.id });
  });
});
