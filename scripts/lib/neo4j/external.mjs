// A server managed outside these scripts, chosen through NEO4J_URI,
// NEO4J_USER and NEO4J_PASSWORD.

import { setTimeout as sleep } from 'node:timers/promises';
import { boltHandshake } from './bolt.mjs';
import { Neo4jScriptError, SECOND } from './profiles.mjs';

/**
 * Credentials of an externally managed server, when NEO4J_URI, NEO4J_USER and
 * NEO4J_PASSWORD are all set; null otherwise. All three are required so that a
 * stray NEO4J_URI alone never points tests at the wrong database.
 */
export function externalServer(env = process.env) {
  const { NEO4J_URI: uri, NEO4J_USER: user, NEO4J_PASSWORD: password } = env;
  if (uri && user && password) return { uri, user, password };
  return null;
}

export function partialExternalEnv(env) {
  const set = ['NEO4J_URI', 'NEO4J_USER', 'NEO4J_PASSWORD'].filter((k) => env[k]);
  return set.length > 0 && set.length < 3 ? set : null;
}

// Plain bolt:// and neo4j:// can be probed with the handshake; the TLS schemes
// would need a TLS socket, so they are left to the driver to report.
function probeTarget(uri) {
  let url;
  try {
    url = new URL(uri);
  } catch {
    return null;
  }
  if (url.protocol !== 'bolt:' && url.protocol !== 'neo4j:') return null;
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || 7687) };
}

export async function waitForExternal(server, timeoutMs, log) {
  const target = probeTarget(server.uri);
  if (!target) return;
  const deadline = Date.now() + timeoutMs;
  let said = false;
  while (!(await boltHandshake(target.host, target.port))) {
    if (Date.now() > deadline) {
      throw new Neo4jScriptError(
        `External Neo4j at ${server.uri} (from NEO4J_URI) does not answer Bolt. ` +
          'Start it, or unset NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD to use a local server.',
      );
    }
    if (!said) log(`Waiting for external Neo4j at ${server.uri} ...`);
    said = true;
    await sleep(SECOND);
  }
}
