import { Agent, request } from 'node:http';

/**
 * POSTs JSON over a keep-alive agent whose idle sockets close well before the server's 5 s
 * keep-alive timeout, so a pause between phases never reuses a socket the server has just shut.
 */
const agent = new Agent({ keepAlive: true, maxSockets: 64, timeout: 2_000 });

export function postJson(url: string, body: unknown, headers: Record<string, string>): Promise<{ status: number; body: unknown }> {
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': String(payload.length) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
        } catch (err) {
          reject(err);
        }
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

export function closeAgent(): void {
  agent.destroy();
}
