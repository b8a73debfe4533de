// Starting a profile's local server, or adopting one that already runs, and
// waiting until it is really up.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { assertPortFree, boltHandshake } from './bolt.mjs';
import {
  ensurePassword,
  javaArgs,
  renderConf,
  renderedPort,
  serverEnv,
  setInitialPassword,
  storeInitialised,
  writeFileAtomic,
} from './config.mjs';
import { withLock } from './lock.mjs';
import { logOffsets, logSince, startFailure } from './logs.mjs';
import { isAlive, removeStalePidFile, runningPid, terminate } from './process.mjs';
import { NEO4J_VERSION, SECOND, boltUri } from './profiles.mjs';
import { ensureHome, ensureLib, requireJava } from './provision.mjs';

/** Starts the server under the profile's lock; a running one is adopted instead. */
export async function startLocal(p, log) {
  ensureHome(p);
  return withLock(p.lockFile, log, async () => {
    const pid = runningPid(p);
    if (pid) return adoptRunning(p, pid, log);
    removeStalePidFile(p, log);
    await assertPortFree(p); // before a possibly long download, to fail fast

    const java = await requireJava();
    await ensureLib(log);
    const password = ensurePassword(p);
    const confText = renderConf(p);
    if (!storeInitialised(p)) await setInitialPassword(p, java, password);

    const began = Date.now();
    const offsets = logOffsets(p); // so failures show only this start's output
    const serverPid = await launch(p, java, confText);
    log(`Starting Neo4j ${NEO4J_VERSION} (${p.name}, pid ${serverPid}) on ${boltUri(p.boltPort)} ...`);
    await waitUntilReady(p, serverPid, offsets, log);
    log(`Neo4j (${p.name}) is up after ${((Date.now() - began) / SECOND).toFixed(1)} s.`);
    return { startedHere: true, pid: serverPid, port: p.boltPort };
  });
}

// A server left by an earlier run may still be starting (e.g. its `start` was
// interrupted), so wait for Bolt instead of trusting the pid file alone.
async function adoptRunning(p, pid, log) {
  const port = renderedPort(p) || p.boltPort;
  if (port !== p.boltPort) {
    log(`Neo4j (${p.name}) already runs on port ${port}; the configured port ${p.boltPort} applies after a restart.`);
  }
  await waitForBolt(p, pid, port, log);
  return { startedHere: false, pid, port };
}

async function waitForBolt(p, pid, port, log) {
  const deadline = Date.now() + p.startTimeoutMs;
  let said = false;
  while (!(await boltHandshake('127.0.0.1', port))) {
    if (!isAlive(pid)) throw startFailure(p, `Neo4j (pid ${pid}) exited while starting.`);
    if (Date.now() > deadline) throw startFailure(p, `Neo4j (pid ${pid}) runs but does not answer Bolt on port ${port}.`);
    if (!said) log(`Neo4j (${p.name}, pid ${pid}) is running; waiting for Bolt on port ${port} ...`);
    said = true;
    await sleep(500);
  }
}

async function launch(p, java, confText) {
  const consoleLog = path.join(p.logsDir, 'console.log');
  fs.appendFileSync(consoleLog, `\n=== ${new Date().toISOString()} scripts/neo4j.mjs starts Neo4j ${NEO4J_VERSION} ===\n`);
  const out = fs.openSync(consoleLog, 'a');
  let child;
  try {
    child = spawn(java.bin, javaArgs(p, confText), {
      cwd: p.home,
      detached: true, // own process group: outlives this script, immune to its Ctrl-C
      stdio: ['ignore', out, out],
      env: serverEnv(p),
    });
    await new Promise((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
  } finally {
    fs.closeSync(out);
  }
  child.unref();
  writeFileAtomic(p.pidFile, `${child.pid}\n`);
  return child.pid;
}

async function waitUntilReady(p, pid, offsets, log) {
  const deadline = Date.now() + p.startTimeoutMs;
  const neo4jLog = path.join(p.logsDir, 'neo4j.log');
  for (;;) {
    if (!isAlive(pid)) {
      fs.rmSync(p.pidFile, { force: true });
      throw startFailure(p, `Neo4j (${p.name}, pid ${pid}) exited during start-up.`, offsets);
    }
    // "Started." is logged once every database is up; Bolt alone can answer a
    // little earlier. The handshake proves the port is really ours and Bolt.
    if (logSince(neo4jLog, offsets.neo4j).includes('Started.') && (await boltHandshake('127.0.0.1', p.boltPort))) {
      return;
    }
    if (Date.now() > deadline) {
      log(`Neo4j (${p.name}) did not come up within ${p.startTimeoutMs / SECOND} s; stopping it.`);
      await terminate(pid, p, log);
      fs.rmSync(p.pidFile, { force: true });
      throw startFailure(p, `Neo4j (${p.name}) did not answer Bolt within ${p.startTimeoutMs / SECOND} s.`, offsets);
    }
    await sleep(500);
  }
}
