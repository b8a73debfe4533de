import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { MlflowRestClient } from './restClient';
import { NO_ACCESS } from './restAccess';

/** An HTTPS server with a fresh self-signed certificate for 127.0.0.1 that echoes the Authorization header. */
describe('MlflowRestClient TLS and credentials', () => {
  let dir: string;
  let server: https.Server;
  let url: string;
  let seen: (string | undefined)[];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pvl-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
      '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
    seen = [];
    server = https.createServer({ key: fs.readFileSync(path.join(dir, 'key.pem')), cert: fs.readFileSync(path.join(dir, 'cert.pem')) }, (req, res) => {
      seen.push(req.headers.authorization);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"experiments": []}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses an untrusted certificate by default, naming the URL', async () => {
    const client = new MlflowRestClient(url);
    await expect(client.get('experiments/search', {})).rejects.toThrow(new RegExp(`^MLflow server ${url}/api/2.0/mlflow/experiments/search is unreachable`));
  });

  it('trusts the certificate named by serverCertPath, and sends basic auth', async () => {
    const client = new MlflowRestClient(url, { access: { ...NO_ACCESS, serverCertPath: path.join(dir, 'cert.pem'), username: 'u', password: 'p' } });
    await expect(client.get('experiments/search', {})).resolves.toEqual({ experiments: [] });
    await client.close();
    expect(seen.pop()).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
  });

  it('skips verification with insecureTls, and sends a bearer token when no user is set', async () => {
    const client = new MlflowRestClient(url, { access: { ...NO_ACCESS, insecureTls: true, token: 'tok-1' } });
    await expect(client.get('experiments/search', {})).resolves.toEqual({ experiments: [] });
    await client.close();
    expect(seen.pop()).toBe('Bearer tok-1');
  });
});
