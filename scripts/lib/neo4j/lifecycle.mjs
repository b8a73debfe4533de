// The operations other scripts call: make sure a server answers, stop it,
// report on it, and hand out its credentials.

import fs from 'node:fs';
import { boltHandshake } from './bolt.mjs';
import { ensurePassword, readPassword, renderedPort } from './config.mjs';
import { externalServer, partialExternalEnv, waitForExternal } from './external.mjs';
import { withLock } from './lock.mjs';
import { removeStalePidFile, runningPid, terminate } from './process.mjs';
import { DEFAULT_PROFILE, NEO4J_USER, NEO4J_VERSION, boltUri, resolveProfile } from './profiles.mjs';
import { ensureHome } from './provision.mjs';
import { startLocal } from './start.mjs';

const defaultLog = (message) => process.stderr.write(`[neo4j] ${message}\n`);

/**
 * Makes sure a Neo4j server for `profile` answers Bolt and returns how to reach
 * it. With NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD set, that server is used and
 * nothing is started. `startedHere` tells the caller whether it should call
 * stopNeo4j() when done.
 *
 * @param {string} [profile]
 * @param {{log?: (msg: string) => void, env?: NodeJS.ProcessEnv}} [options]
 * @returns {Promise<{uri: string, user: string, password: string, startedHere: boolean}>}
 */
export async function ensureNeo4j(profile = DEFAULT_PROFILE, { log = defaultLog, env = process.env } = {}) {
  const p = resolveProfile(profile, env);
  const external = externalServer(env);
  if (external) {
    await waitForExternal(external, p.startTimeoutMs, log);
    return { ...external, startedHere: false };
  }
  const partial = partialExternalEnv(env);
  if (partial) log(`Ignoring ${partial.join(', ')}: all of NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD are needed.`);

  const { startedHere, port } = await startLocal(p, log);
  return { uri: boltUri(port), user: NEO4J_USER, password: readPassword(p), startedHere };
}

/**
 * Stops the local server of `profile` (never an external one).
 * @returns {Promise<{wasRunning: boolean}>}
 */
export async function stopNeo4j(profile = DEFAULT_PROFILE, { log = defaultLog, env = process.env } = {}) {
  const p = resolveProfile(profile, env);
  if (!fs.existsSync(p.home)) return { wasRunning: false };
  return withLock(p.lockFile, log, async () => {
    const pid = runningPid(p);
    if (!pid) {
      removeStalePidFile(p, log);
      return { wasRunning: false };
    }
    log(`Stopping Neo4j (${p.name}, pid ${pid}) ...`);
    await terminate(pid, p, log);
    fs.rmSync(p.pidFile, { force: true });
    return { wasRunning: true };
  });
}

/**
 * What is known about the local server of `profile` without changing anything.
 * `port` is the one the running server was started with (PVL_NEO4J_PORT may
 * have changed since), or the configured one when stopped.
 */
export async function getStatus(profile = DEFAULT_PROFILE, { env = process.env } = {}) {
  const p = resolveProfile(profile, env);
  const pid = runningPid(p);
  const port = (pid && renderedPort(p)) || p.boltPort;
  const bolt = pid ? await boltHandshake('127.0.0.1', port) : null;
  return {
    profile: p.name,
    running: Boolean(pid),
    pid,
    port,
    uri: boltUri(port),
    boltProtocol: bolt,
    home: p.home,
    version: NEO4J_VERSION,
    heap: p.heap,
    pagecache: p.pagecache,
  };
}

/**
 * Credentials of the local server for `profile`; creates the password on first
 * use so `env` works before the first start.
 */
export function localCredentials(profile = DEFAULT_PROFILE, { env = process.env } = {}) {
  const p = resolveProfile(profile, env);
  ensureHome(p);
  const port = (runningPid(p) && renderedPort(p)) || p.boltPort;
  return { uri: boltUri(port), user: NEO4J_USER, password: ensurePassword(p) };
}
