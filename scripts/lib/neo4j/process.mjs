// The server process once launched: its pid file, whether a pid is still this
// profile's server, and stopping it.

import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { ENTRY_POINT, Neo4jScriptError, SECOND, displayPath } from './profiles.mjs';

const STOP_TIMEOUT_MS = 60 * SECOND;

/** Pid of this profile's running server, or null (no/stale pid file). */
export function runningPid(p) {
  const pid = readPidFile(p.pidFile);
  return pid && isAlive(pid) && isOurServer(pid, p) ? pid : null;
}

function readPidFile(file) {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

export function removeStalePidFile(p, log) {
  if (!fs.existsSync(p.pidFile)) return;
  log(`Removing stale pid file ${displayPath(p.pidFile)} (pid ${readPidFile(p.pidFile) ?? '?'} is not this profile's Neo4j).`);
  fs.rmSync(p.pidFile, { force: true });
}

const HAS_PROC = fs.existsSync('/proc/self/cmdline');

export function isAlive(pid) {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if (err.code !== 'EPERM') return false; // EPERM: exists, owned by someone else
  }
  if (!HAS_PROC) return true;
  // An exited child we have not reaped yet is a zombie: gone for our purposes.
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

// Pids get reused: only a java running CommunityEntryPoint for this very home
// counts. Without /proc (macOS) liveness is all we can check.
function isOurServer(pid, p) {
  if (!HAS_PROC) return true;
  try {
    const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return argv.includes(ENTRY_POINT) && argv.includes(`--home-dir=${p.home}`);
  } catch {
    return false;
  }
}

export async function terminate(pid, p, log) {
  signal(pid, 'SIGTERM');
  if (await waitForExit(pid, STOP_TIMEOUT_MS)) return;
  log(`Neo4j (${p.name}, pid ${pid}) did not stop within ${STOP_TIMEOUT_MS / SECOND} s; killing it (SIGKILL). Recovery will run on the next start.`);
  signal(pid, 'SIGKILL');
  if (!(await waitForExit(pid, 10 * SECOND))) {
    throw new Neo4jScriptError(`Neo4j (pid ${pid}) survived SIGKILL; check it by hand.`);
  }
}

function signal(pid, sig) {
  try {
    process.kill(pid, sig);
  } catch (err) {
    if (err.code !== 'ESRCH') throw err;
  }
}

async function waitForExit(pid, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await sleep(200);
  }
  return true;
}
