// Talking to the Bolt port without a driver: the handshake that proves a
// Neo4j answers, and the check that a port is free before we claim it.

import net from 'node:net';
import { renderedPort } from './config.mjs';
import { runningPid } from './process.mjs';
import { Neo4jScriptError, PROFILES, resolveProfile } from './profiles.mjs';

// Bolt handshake: magic preamble, then four version proposals (big-endian
// [0, range, minor, major]): 5.8 down to 5.0, 4.4, 4.3, none.
const BOLT_HANDSHAKE = Buffer.from([
  0x60, 0x60, 0xb0, 0x17,
  0x00, 0x08, 0x08, 0x05,
  0x00, 0x00, 0x04, 0x04,
  0x00, 0x00, 0x03, 0x04,
  0x00, 0x00, 0x00, 0x00,
]);

/**
 * Performs the 20-byte Bolt handshake. Resolves to the agreed protocol version
 * ("5.7") or null when nothing Bolt-speaking answers.
 */
export function boltHandshake(host, port, timeoutMs = 2000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    let received = Buffer.alloc(0);
    const finish = (result) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => finish(null), timeoutMs);
    socket.once('connect', () => socket.write(BOLT_HANDSHAKE));
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 4) return;
      const major = received[3];
      const minor = received[2];
      // 0 means "no common version"; an HTTP server answers with text, i.e. large bytes.
      const plausible = received[0] === 0 && received[1] === 0 && major >= 1 && major <= 9;
      finish(plausible ? `${major}.${minor}` : null);
    });
    socket.once('error', () => finish(null));
    socket.once('close', () => finish(null));
  });
}

export async function assertPortFree(p) {
  const error = await new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', resolve);
    server.listen({ host: '127.0.0.1', port: p.boltPort, exclusive: true }, () => server.close(() => resolve(null)));
  });
  if (!error) return;
  if (error.code !== 'EADDRINUSE') throw error;
  const owner = Object.keys(PROFILES).find((name) => {
    if (name === p.name) return false;
    const other = resolveProfile(name, {});
    return runningPid(other) && renderedPort(other) === p.boltPort;
  });
  throw new Neo4jScriptError(
    `Port ${p.boltPort} on 127.0.0.1 is already in use by ${owner ? `the running "${owner}" Neo4j profile` : 'another program'}, ` +
      `so Neo4j (${p.name}) cannot listen there.\n` +
      'Stop that program, or pick another port with PVL_NEO4J_PORT=<port>.',
  );
}
