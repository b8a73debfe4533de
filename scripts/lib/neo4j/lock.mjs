// Lock files serialising the scripts that touch one profile's home, or the
// shared jar folder while it is downloaded.

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { isAlive } from './process.mjs';
import { Neo4jScriptError, SECOND, displayPath } from './profiles.mjs';

const MINUTE = 60 * SECOND;
const LOCK_STALE_MS = 5 * MINUTE;
const LOCK_HEARTBEAT_MS = 30 * SECOND;
// A Maven download plus a slow start can hold a lock for a long time; the
// heartbeat keeps such a lock fresh, this only bounds a stuck waiter.
const LOCK_WAIT_MS = 20 * MINUTE;

/**
 * Runs fn while holding an exclusive lock file, so two concurrent starts never
 * launch two JVMs on one store. A lock is stale when its owner process is gone
 * or its heartbeat stopped (owner hung, or its pid was reused).
 */
export async function withLock(lockFile, log, fn) {
  const token = randomBytes(8).toString('hex');
  const deadline = Date.now() + LOCK_WAIT_MS;
  let said = false;
  while (!tryCreateLock(lockFile, token)) {
    const holder = readLock(lockFile);
    if (isLockStale(lockFile, holder)) {
      removeStaleLock(lockFile, holder);
      continue;
    }
    if (Date.now() > deadline) {
      throw new Neo4jScriptError(`Gave up waiting for ${displayPath(lockFile)} (held by pid ${holder?.pid ?? '?'}).`);
    }
    // holder is null for the instant between the holder's open and write.
    if (!said && holder) log(`Waiting for another neo4j script (pid ${holder.pid}) holding ${displayPath(lockFile)} ...`);
    said ||= Boolean(holder);
    await sleep(250);
  }
  const heartbeat = setInterval(() => touch(lockFile), LOCK_HEARTBEAT_MS);
  heartbeat.unref();
  try {
    return await fn();
  } finally {
    clearInterval(heartbeat);
    // Only remove our own lock: if ours was judged stale, it belongs to someone else now.
    if (readLock(lockFile)?.token === token) fs.rmSync(lockFile, { force: true });
  }
}

function tryCreateLock(lockFile, token) {
  let fd;
  try {
    fd = fs.openSync(lockFile, 'wx', 0o600);
  } catch (err) {
    if (err.code === 'EEXIST') return false;
    throw err;
  }
  try {
    fs.writeSync(fd, JSON.stringify({ pid: process.pid, token, since: new Date().toISOString(), argv: process.argv.slice(1) }));
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

function readLock(lockFile) {
  try {
    return JSON.parse(fs.readFileSync(lockFile, 'utf8'));
  } catch {
    return null; // gone, or created but not written yet
  }
}

function isLockStale(lockFile, holder) {
  let mtimeMs;
  try {
    mtimeMs = fs.statSync(lockFile).mtimeMs;
  } catch {
    return false; // released meanwhile: just retry
  }
  const age = Date.now() - mtimeMs;
  if (!holder) return age > 10 * SECOND; // a writer that died between open and write
  return !isAlive(holder.pid) || age > LOCK_STALE_MS;
}

// Rename first so that of two processes removing the same stale lock, the
// slower one cannot delete the fresh lock the faster one created in between.
function removeStaleLock(lockFile, holder) {
  const aside = `${lockFile}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    fs.renameSync(lockFile, aside);
  } catch {
    return;
  }
  const moved = readLock(aside);
  if (holder && moved?.token !== holder.token) {
    // We moved a live lock taken after our check: put it back unless another took its place.
    try {
      fs.linkSync(aside, lockFile);
    } catch {
      // lockFile exists again; the live holder's release is then a no-op, acceptable
    }
  }
  fs.rmSync(aside, { force: true });
}

function touch(file) {
  try {
    const now = new Date();
    fs.utimesSync(file, now, now);
  } catch {
    // the lock vanished; the finally block copes with that
  }
}
