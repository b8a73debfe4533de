// Local Neo4j Community servers for development, tests and benchmarks,
// provisioned from Maven Central instead of Docker or a system package.
//
// Layout (all under the git-ignored .neo4j/ at the repo root):
//   .neo4j/lib-<version>/   server jars, shared by every profile
//   .neo4j/<profile>/       one Neo4j home per profile: conf/ data/ logs/
//                           run/ plugins/ import/ and the generated password
//
// Used by scripts/neo4j.mjs (the CLI) and by other scripts through
// ensureNeo4j(profile) / stopNeo4j(profile). Plain Node built-ins only.

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

export const NEO4J_VERSION = '5.26.30';
export const NEO4J_USER = 'neo4j';
export const DEFAULT_PROFILE = 'demo';

/**
 * Per-profile settings. Sized for a 2-core / 24 GB box where the API, the test
 * suite and sometimes a benchmark run side by side: demo and test together stay
 * under 6 GB, bench gets the big page cache. Port, heap and page cache can be
 * overridden with PVL_NEO4J_PORT, PVL_NEO4J_HEAP and PVL_NEO4J_PAGECACHE.
 */
export const PROFILES = Object.freeze({
  demo: Object.freeze({
    boltPort: 7687,
    heap: '2g',
    pagecache: '2g',
    txTimeout: '30s',
    txLogRetention: '2 days 1G',
    txLogRotationSize: '256M',
  }),
  test: Object.freeze({
    boltPort: 17687,
    heap: '1g',
    pagecache: '512m',
    txTimeout: '30s',
    // Test data is disposable: keep only the log file recovery needs.
    txLogRetention: '1 files',
    txLogRotationSize: '64M',
  }),
  bench: Object.freeze({
    boltPort: 27687,
    heap: '4g',
    pagecache: '6g',
    // Bulk loads in a benchmark legitimately run longer than API queries.
    txTimeout: '120s',
    txLogRetention: '1 files',
    txLogRotationSize: '256M',
  }),
});

export class Neo4jScriptError extends Error {
  constructor(message) {
    super(message);
    this.name = 'Neo4jScriptError';
  }
}

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const NEO4J_ROOT = path.join(REPO_ROOT, '.neo4j');
const TEMPLATE_DIR = path.join(REPO_ROOT, 'scripts', 'neo4j', 'conf');
const POM = path.join(REPO_ROOT, 'scripts', 'neo4j', 'pom.xml');
const LIB_DIR = path.join(NEO4J_ROOT, `lib-${NEO4J_VERSION}`);
const LIB_MARKER = path.join(LIB_DIR, '.complete');
const ENTRY_POINT = 'org.neo4j.server.CommunityEntryPoint';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DEFAULT_START_TIMEOUT_MS = 120 * SECOND;
const STOP_TIMEOUT_MS = 60 * SECOND;
const LOCK_STALE_MS = 5 * MINUTE;
const LOCK_HEARTBEAT_MS = 30 * SECOND;
// A Maven download plus a slow start can hold a lock for a long time; the
// heartbeat keeps such a lock fresh, this only bounds a stuck waiter.
const LOCK_WAIT_MS = 20 * MINUTE;

const defaultLog = (message) => process.stderr.write(`[neo4j] ${message}\n`);

// ---------------------------------------------------------------------------
// Profiles and paths
// ---------------------------------------------------------------------------

/** Resolves a profile name plus env overrides into settings and paths. */
export function resolveProfile(name = DEFAULT_PROFILE, env = process.env) {
  // `dev-<name>` profiles let several developers on one machine each run an isolated test
  // server; they take the test sizing and must be given their own port.
  const isDev = /^dev-[a-z0-9-]{1,32}$/.test(name);
  const base = PROFILES[name] ?? (isDev ? PROFILES.test : undefined);
  if (!base) {
    throw new Neo4jScriptError(
      `Unknown Neo4j profile "${name}". Use one of: ${Object.keys(PROFILES).join(', ')}, or dev-<name> with PVL_NEO4J_PORT.`,
    );
  }
  if (isDev && !env.PVL_NEO4J_PORT) {
    throw new Neo4jScriptError(`Profile "${name}" needs its own port: set PVL_NEO4J_PORT.`);
  }
  const home = path.join(NEO4J_ROOT, name);
  return {
    ...base,
    name,
    boltPort: parsePort(env.PVL_NEO4J_PORT, base.boltPort),
    heap: parseMemory('PVL_NEO4J_HEAP', env.PVL_NEO4J_HEAP, base.heap),
    pagecache: parseMemory('PVL_NEO4J_PAGECACHE', env.PVL_NEO4J_PAGECACHE, base.pagecache),
    startTimeoutMs: parseSeconds(env.PVL_NEO4J_START_TIMEOUT, DEFAULT_START_TIMEOUT_MS),
    home,
    confDir: path.join(home, 'conf'),
    dataDir: path.join(home, 'data'),
    logsDir: path.join(home, 'logs'),
    runDir: path.join(home, 'run'),
    pluginsDir: path.join(home, 'plugins'),
    importDir: path.join(home, 'import'),
    pidFile: path.join(home, 'run', 'neo4j.pid'),
    lockFile: path.join(home, 'run', 'neo4j.lock'),
    passwordFile: path.join(home, 'password'),
  };
}

function parsePort(raw, fallback) {
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Neo4jScriptError(`PVL_NEO4J_PORT must be a TCP port (1-65535), got "${raw}".`);
  }
  return port;
}

// Accepted by both java (-Xmx) and neo4j.conf, so one value serves both.
function parseMemory(name, raw, fallback) {
  if (raw === undefined || raw === '') return fallback;
  if (!/^[1-9]\d*[kmg]$/i.test(raw)) {
    throw new Neo4jScriptError(`${name} must look like 512m or 2g, got "${raw}".`);
  }
  return raw.toLowerCase();
}

function parseSeconds(raw, fallbackMs) {
  if (raw === undefined || raw === '') return fallbackMs;
  const seconds = Number(raw);
  if (!(seconds > 0)) {
    throw new Neo4jScriptError(`PVL_NEO4J_START_TIMEOUT must be a number of seconds, got "${raw}".`);
  }
  return seconds * SECOND;
}

export function boltUri(port) {
  return `bolt://127.0.0.1:${port}`;
}

/** Paths relative to the repo root read better in messages. */
export function displayPath(p) {
  const rel = path.relative(process.cwd(), p);
  return rel && !rel.startsWith('..') ? rel : p;
}

// ---------------------------------------------------------------------------
// External server
// ---------------------------------------------------------------------------

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

function partialExternalEnv(env) {
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

async function waitForExternal(server, timeoutMs, log) {
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

// ---------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------

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

/** Last `lines` lines of one of the profile's logs: neo4j, debug or console. */
export function readLogTail(profile = DEFAULT_PROFILE, { which = 'neo4j', lines = 100, env = process.env } = {}) {
  const p = resolveProfile(profile, env);
  const file = path.join(p.logsDir, `${which}.log`);
  if (!fs.existsSync(file)) return { file, text: null };
  return { file, text: tailLines(file, lines) };
}

// ---------------------------------------------------------------------------
// Start
// ---------------------------------------------------------------------------

async function startLocal(p, log) {
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

function javaArgs(p, confText) {
  const classpath = [path.join(p.pluginsDir, '*'), p.confDir, path.join(LIB_DIR, '*')].join(path.delimiter);
  return [
    ...jvmFlagsFromConf(confText),
    `-Xms${p.heap}`,
    `-Xmx${p.heap}`,
    // JVM crash reports next to the other logs rather than in the home.
    `-XX:ErrorFile=${path.join(p.logsDir, 'hs_err_pid%p.log')}`,
    '-cp',
    classpath,
    ENTRY_POINT,
    `--home-dir=${p.home}`,
    `--config-dir=${p.confDir}`,
  ];
}

// Neo4j's own launcher turns server.jvm.additional into JVM flags; we do the
// same so the conf template stays the single place for them.
export function jvmFlagsFromConf(confText) {
  return confText
    .split('\n')
    .map((line) => /^\s*server\.jvm\.additional\s*=(.*)$/.exec(line))
    .filter(Boolean)
    .map((m) => m[1].trim())
    .filter(Boolean);
}

// The server needs no secrets from our environment, and a NEO4J_CONF or
// NEO4J_HOME pointing elsewhere must not win over this profile's home.
function serverEnv(p) {
  const env = { ...process.env, NEO4J_HOME: p.home, NEO4J_CONF: p.confDir };
  delete env.NEO4J_PASSWORD;
  return env;
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

const FAILURE_LOGS = ['console', 'neo4j', 'debug'];
const FAILURE_TAIL_LINES = 30;

function logOffsets(p) {
  return Object.fromEntries(FAILURE_LOGS.map((which) => [which, fileSize(path.join(p.logsDir, `${which}.log`))]));
}

/** An error carrying the end of each log, limited to this start's output when offsets are known. */
function startFailure(p, headline, offsets = {}) {
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

// ---------------------------------------------------------------------------
// Provisioning: home, jars, password, config
// ---------------------------------------------------------------------------

function ensureHome(p) {
  fs.mkdirSync(NEO4J_ROOT, { recursive: true });
  // The home holds the password and the data: owner only.
  fs.mkdirSync(p.home, { recursive: true, mode: 0o700 });
  fs.chmodSync(p.home, 0o700);
  for (const dir of [p.confDir, p.dataDir, p.logsDir, p.runDir, p.pluginsDir, p.importDir]) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  }
}

async function ensureLib(log) {
  if (fs.existsSync(LIB_MARKER)) return;
  await withLock(`${LIB_DIR}.lock`, log, async () => {
    if (fs.existsSync(LIB_MARKER)) return; // another process fetched it meanwhile
    await requireMaven();
    // Without the marker the folder may hold a partial download: start over.
    fs.rmSync(LIB_DIR, { recursive: true, force: true });
    fs.mkdirSync(LIB_DIR, { recursive: true });
    log(`Fetching Neo4j ${NEO4J_VERSION} jars from Maven Central into ${displayPath(LIB_DIR)} (about 125 MB, once) ...`);
    const result = await run('mvn', [
      '-B',
      '-q',
      '-Dstyle.color=never',
      '-f',
      POM,
      'dependency:copy-dependencies',
      `-DoutputDirectory=${LIB_DIR}`,
      '-DincludeScope=runtime',
      `-Dneo4j.version=${NEO4J_VERSION}`,
    ]);
    const jars = fs.readdirSync(LIB_DIR).filter((f) => f.endsWith('.jar'));
    if (result.code !== 0 || !jars.includes(`neo4j-${NEO4J_VERSION}.jar`)) {
      throw new Neo4jScriptError(
        `Maven could not fetch the Neo4j jars (exit ${result.code}).\n${result.output.trim()}\n` +
          'Check network access to Maven Central (or your ~/.m2/settings.xml mirror) and retry.',
      );
    }
    fs.writeFileSync(LIB_MARKER, `${JSON.stringify({ version: NEO4J_VERSION, jars: jars.length, at: new Date().toISOString() })}\n`);
    log(`Fetched ${jars.length} jars.`);
  });
}

function readPassword(p) {
  const stat = fs.statSync(p.passwordFile);
  if (stat.mode & 0o077) fs.chmodSync(p.passwordFile, 0o600);
  return fs.readFileSync(p.passwordFile, 'utf8').trim();
}

function ensurePassword(p) {
  if (fs.existsSync(p.passwordFile)) return readPassword(p);
  if (storeInitialised(p)) {
    throw new Neo4jScriptError(
      `${displayPath(p.passwordFile)} is missing, but the store in ${displayPath(p.dataDir)} already has a password.\n` +
        `Restore the file, or delete ${displayPath(p.home)} to start from an empty database.`,
    );
  }
  // base64url: no characters that need quoting in a shell or a URI.
  const password = randomBytes(24).toString('base64url');
  fs.writeFileSync(p.passwordFile, `${password}\n`, { mode: 0o600, flag: 'wx' });
  return password;
}

// The system database appears on the first start; from then on the initial
// password has been consumed and set-initial-password no longer applies.
function storeInitialised(p) {
  return fs.existsSync(path.join(p.dataDir, 'databases', 'system'));
}

async function setInitialPassword(p, java, password) {
  const result = await run(
    java.bin,
    ['-Xmx256m', '-XX:+UseSerialGC', '-cp', path.join(LIB_DIR, '*'), 'org.neo4j.cli.AdminTool', 'dbms', 'set-initial-password', password],
    { env: serverEnv(p), cwd: p.home },
  );
  if (result.code !== 0) {
    throw new Neo4jScriptError(`Setting the initial Neo4j password failed (exit ${result.code}):\n${result.output.trim()}`);
  }
}

/** Renders conf/neo4j.conf from the template and copies the log configs. */
function renderConf(p) {
  const values = {
    NEO4J_VERSION,
    PROFILE: p.name,
    CONF_DIR: p.confDir,
    BOLT_PORT: String(p.boltPort),
    HEAP: p.heap,
    PAGECACHE: p.pagecache,
    TX_TIMEOUT: p.txTimeout,
    TX_LOG_RETENTION: p.txLogRetention,
    TX_LOG_ROTATION_SIZE: p.txLogRotationSize,
  };
  const template = fs.readFileSync(path.join(TEMPLATE_DIR, 'neo4j.conf.template'), 'utf8');
  const text = template.replace(/\{\{(\w+)\}\}/g, (_, key) => {
    if (!(key in values)) throw new Neo4jScriptError(`neo4j.conf.template uses unknown placeholder {{${key}}}.`);
    return values[key];
  });
  writeFileAtomic(path.join(p.confDir, 'neo4j.conf'), text);
  for (const file of ['server-logs.xml', 'user-logs.xml']) {
    fs.copyFileSync(path.join(TEMPLATE_DIR, file), path.join(p.confDir, file));
  }
  return text;
}

// The port the running server was started with, from the config rendered at
// its start (it is only re-rendered when a new server starts).
function renderedPort(p) {
  try {
    const conf = fs.readFileSync(path.join(p.confDir, 'neo4j.conf'), 'utf8');
    const m = /^server\.bolt\.listen_address=.*:(\d+)\s*$/m.exec(conf);
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------
// Prerequisites
// ---------------------------------------------------------------------------

async function requireJava() {
  const bin = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
  const where = process.env.JAVA_HOME ? `JAVA_HOME (${bin})` : '`java` on PATH';
  let result;
  try {
    result = await run(bin, ['-version']);
  } catch (err) {
    if (err.code !== 'ENOENT') throw err;
    throw new Neo4jScriptError(
      `Neo4j ${NEO4J_VERSION} needs Java 17 or 21, but ${where} was not found.\n` +
        'Install a JDK (e.g. `apt-get install openjdk-17-jdk-headless`) or set JAVA_HOME.',
    );
  }
  const m = /version "(\d+)(?:\.(\d+))?/.exec(result.output);
  // Java 8 and older report "1.x".
  const major = m ? (m[1] === '1' ? Number(m[2]) : Number(m[1])) : NaN;
  if (!(major >= 17)) {
    throw new Neo4jScriptError(
      `Neo4j ${NEO4J_VERSION} needs Java 17 or 21; ${where} is ${m ? `Java ${major}` : 'unrecognised'}:\n${result.output.trim()}`,
    );
  }
  return { bin, major };
}

async function requireMaven() {
  try {
    const result = await run('mvn', ['-v']);
    if (result.code === 0) return;
  } catch (err) {
    if (err.code !== 'ENOENT') throw err;
  }
  throw new Neo4jScriptError(
    'Maven (`mvn`) is needed once to fetch the Neo4j jars from Maven Central, but it is not on PATH.\n' +
      'Install it (e.g. `apt-get install maven`), or use an existing server via NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD.',
  );
}

/** Runs a command to completion, collecting stdout+stderr. Rejects only if it cannot be spawned. */
function run(cmd, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks = [];
    child.stdout.on('data', (d) => chunks.push(d));
    child.stderr.on('data', (d) => chunks.push(d));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output: Buffer.concat(chunks).toString('utf8') }));
  });
}

// ---------------------------------------------------------------------------
// Processes
// ---------------------------------------------------------------------------

/** Pid of this profile's running server, or null (no/stale pid file). */
function runningPid(p) {
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

function removeStalePidFile(p, log) {
  if (!fs.existsSync(p.pidFile)) return;
  log(`Removing stale pid file ${displayPath(p.pidFile)} (pid ${readPidFile(p.pidFile) ?? '?'} is not this profile's Neo4j).`);
  fs.rmSync(p.pidFile, { force: true });
}

const HAS_PROC = fs.existsSync('/proc/self/cmdline');

function isAlive(pid) {
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

async function terminate(pid, p, log) {
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

// ---------------------------------------------------------------------------
// Network
// ---------------------------------------------------------------------------

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

async function assertPortFree(p) {
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

// ---------------------------------------------------------------------------
// Files
// ---------------------------------------------------------------------------

/**
 * Runs fn while holding an exclusive lock file, so two concurrent starts never
 * launch two JVMs on one store. A lock is stale when its owner process is gone
 * or its heartbeat stopped (owner hung, or its pid was reused).
 */
async function withLock(lockFile, log, fn) {
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

function writeFileAtomic(file, text) {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

function fileSize(file) {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

/** Text appended to a log since `offset` (from the start if it was rotated). */
function logSince(file, offset) {
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
