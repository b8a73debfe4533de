import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { testNeo4jConfig } from './support/env';

const MAIN = join(__dirname, '..', 'dist', 'src', 'main.js');

/** The compiled server as a real process: start-up validation, JSON logs and SIGTERM. */
describe('server process', () => {
  it('exits at start-up naming a bad configuration variable', () => {
    const res = spawnSync(process.execPath, [MAIN], { env: { PATH: process.env.PATH, NEO4J_PASSWORD: 'x', PORT: 'eighty' }, encoding: 'utf8' });
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('PORT');
  });

  it('exits once, naming the failure, when the database refuses it rather than being away', () => {
    const neo = testNeo4jConfig();
    const port = 40000 + Math.floor(Math.random() * 10000);
    const res = spawnSync(process.execPath, [MAIN], {
      env: { PATH: process.env.PATH, NEO4J_URI: neo.uri, NEO4J_USER: neo.user, NEO4J_PASSWORD: `${neo.password}-wrong`, PORT: String(port), HOST: '127.0.0.1' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(res.status).toBe(1);
    const lines = res.stdout.trim().split('\n').map((l) => JSON.parse(l) as { msg: string; level: number });
    expect(lines.filter((l) => l.msg === 'Neo4j not ready; retrying migrations')).toEqual([]);
    expect(lines.find((l) => l.msg.startsWith('start-up preparation failed'))?.level).toBe(60);
  });

  it('logs JSON lines with request ids, becomes ready, and drains on SIGTERM', async () => {
    const neo = testNeo4jConfig();
    const port = 40000 + Math.floor(Math.random() * 10000);
    const child: ChildProcess = spawn(process.execPath, [MAIN], {
      env: { PATH: process.env.PATH, NEO4J_URI: neo.uri, NEO4J_USER: neo.user, NEO4J_PASSWORD: neo.password, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const base = `http://127.0.0.1:${port}`;
      let ready = false;
      for (let i = 0; i < 100 && !ready; i++) {
        ready = await fetch(`${base}/readyz`).then((r) => r.status === 200, () => false);
        if (!ready) await new Promise((r) => setTimeout(r, 200));
      }
      expect(ready).toBe(true);
      const res = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'req-42' },
        body: JSON.stringify({ query: '{ trackingStores { id } }' }),
      });
      // Without a token the API refuses every field but `login`; the request is still logged with its id.
      expect(res.status).toBe(401);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    const lines = out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.some((l) => l.req?.id === 'req-42' && l.res?.statusCode === 401 && /^[0-9a-f]{32}$/.test(l.traceId))).toBe(true);
    expect(lines.some((l) => l.msg === 'draining requests')).toBe(true);
    expect(lines.some((l) => l.msg === 'stopped')).toBe(true);
  });
});
