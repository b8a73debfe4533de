import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { MlflowRestClient } from './restClient';

/** A server that streams its answer in chunks with no Content-Length, so only the running count can stop it. */
describe('MlflowRestClient body limit', () => {
  let server: http.Server;
  let url: string;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunks = req.url?.includes('big') ? 64 : 1;
      res.write('{"experiments": [');
      for (let i = 0; i < chunks; i++) res.write(`${i > 0 ? ',' : ''}{"name": "${'x'.repeat(1000)}"}`);
      res.end(']}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('reads a streamed answer under the limit whole', async () => {
    const client = new MlflowRestClient(url, { maxBodyBytes: 16 * 1024 });
    expect(await client.get('small', {})).toEqual({ experiments: [{ name: 'x'.repeat(1000) }] });
  });

  it('stops a streamed answer past the limit, naming the URL and the limit', async () => {
    const client = new MlflowRestClient(url, { maxBodyBytes: 16 * 1024 });
    await expect(client.get('big', {})).rejects.toThrow(/answered with a body larger than the read limit of 16384 bytes/);
  });
});
