import net from 'node:net';

export interface RawAnswer {
  readonly status: number;
  /** Headers and body as received (bodies here are small, so a chunk boundary never splits a code). */
  readonly text: string;
}

/**
 * Sends `head` (request line and header lines, CRLF-separated, without the blank line) and
 * `body` over a fresh socket and reads until the server closes it. A raw socket, not fetch: only
 * it can send repeated headers, any method and any content type exactly as written.
 */
export function rawRequest(port: number, head: string, body: Buffer): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.setTimeout(120_000, () => socket.destroy(new Error(`no answer within 120 s to ${head.split('\r\n')[0]}`)));
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('end', () => socket.end());
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      resolve({ status, text });
    });
    socket.write(`${head}\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`);
    // No half-close: Node's server drops a request whose client ends its side before the answer.
    socket.write(body);
  });
}

/**
 * Samples `/healthz` every `everyMs`, each on a fresh connection, until stopped; `stop` resolves
 * to the latencies in ms of the answers that were 200, and how many were not.
 */
export function sampleHealthz(port: number, everyMs = 50): { stop: () => Promise<{ ms: number[]; failed: number }> } {
  const ms: number[] = [];
  let failed = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      const answer = await rawRequest(port, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1', Buffer.alloc(0)).catch(() => null);
      if (answer?.status === 200) ms.push(performance.now() - started);
      else failed++;
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return { ms, failed };
    },
  };
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
