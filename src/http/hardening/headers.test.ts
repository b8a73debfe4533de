import express from 'express';
import request from 'supertest';
import { securityHeaders } from './headers';

/** An app answering 200 behind the security headers, trusting X-Forwarded-Proto from loopback when asked. */
function app(upgradeInsecureRequests: boolean, trustLoopback: boolean) {
  const a = express();
  a.set('trust proxy', trustLoopback ? 'loopback' : false);
  a.use(securityHeaders({ upgradeInsecureRequests }));
  a.get('/', (_req, res) => res.send('ok'));
  return a;
}

const csp = async (a: express.Express, headers: Record<string, string> = {}) => {
  const res = await request(a).get('/').set(headers);
  expect(res.status).toBe(200);
  return String(res.headers['content-security-policy']);
};

describe('securityHeaders: upgrade-insecure-requests', () => {
  it('is left out of a plain-HTTP answer, so pages load where no TLS is served', async () => {
    const policy = await csp(app(false, false));
    expect(policy).toMatch(/script-src 'self'/);
    expect(policy).not.toMatch(/upgrade-insecure-requests/);
  });

  it('is sent when a trusted proxy says the request came over https', async () => {
    expect(await csp(app(false, true), { 'x-forwarded-proto': 'https' })).toMatch(/upgrade-insecure-requests/);
    expect(await csp(app(false, true), { 'x-forwarded-proto': 'http' })).not.toMatch(/upgrade-insecure-requests/);
  });

  it('ignores X-Forwarded-Proto from a client that is not a trusted proxy', async () => {
    expect(await csp(app(false, false), { 'x-forwarded-proto': 'https' })).not.toMatch(/upgrade-insecure-requests/);
  });

  it('is sent on every answer when configured always (PVL_UPGRADE_INSECURE_REQUESTS)', async () => {
    expect(await csp(app(true, false))).toMatch(/upgrade-insecure-requests/);
  });
});
