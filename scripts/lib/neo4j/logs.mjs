// Reading the server's logs: tails for the `logs` command, and the lines a
// failed start appends to its error.

import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_PROFILE, Neo4jScriptError, displayPath, resolveProfile } from './profiles.mjs';

const FAILURE_LOGS = ['console', 'neo4j', 'debug'];
const FAILURE_TAIL_LINES = 30;

/** Last `lines` lines of one of the profile's logs: neo4j, debug or console. */
export function readLogTail(profile = DEFAULT_PROFILE, { which = 'neo4j', lines = 100, env = process.env } = {}) {
  const p = resolveProfile(profile, env);
  const file = path.join(p.logsDir, `${which}.log`);
  if (!fs.existsSync(file)) return { file, text: null };
  return { file, text: tailLines(file, lines) };
}

export function logOffsets(p) {
  return Object.fromEntries(FAILURE_LOGS.map((which) => [which, fileSize(path.join(p.logsDir, `${which}.log`))]));
}

/** An error carrying the end of each log, limited to this start's output when offsets are known. */
export function startFailure(p, headline, offsets = {}) {
  const parts = [headline];
  for (const which of FAILURE_LOGS) {
    const file = path.join(p.logsDir, `${which}.log`);
    if (!fs.existsSync(file)) continue;
    const recent = which in offsets ? lastLines(logSince(file, offsets[which]), FAILURE_TAIL_LINES) : tailLines(file, FAILURE_TAIL_LINES);
    const text = recent.trim();
    if (text) parts.push(`--- ${displayPath(file)} (last lines) ---\n${text}`);
  }
  parts.push(`Full logs: ${displayPath(p.logsDir)}/  (npm run neo4j -- logs --profile ${p.name} [--debug|--console])`);
  return new Neo4jScriptError(parts.join('\n'));
}

function lastLines(text, n) {
  return text.replace(/\n$/, '').split('\n').slice(-n).join('\n');
}

function fileSize(file) {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

/** Text appended to a log since `offset` (from the start if it was rotated). */
export function logSince(file, offset) {
  const size = fileSize(file);
  if (size === 0) return '';
  const from = size < offset ? 0 : offset;
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(size - from);
    fs.readSync(fd, buf, 0, buf.length, from);
    return buf.toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

/** Last n lines of a file, reading backwards in blocks (logs can be 20 MB). */
export function tailLines(file, n) {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const block = 64 * 1024;
    let pos = size;
    let text = '';
    while (pos > 0 && text.split('\n').length <= n + 1) {
      const len = Math.min(block, pos);
      pos -= len;
      const buf = Buffer.alloc(len);
      fs.readSync(fd, buf, 0, len, pos);
      text = buf.toString('utf8') + text;
    }
    return lastLines(text, n);
  } finally {
    fs.closeSync(fd);
  }
}
