// Profiles and where everything lives; the base every other module builds on.
//
// Layout (all under the git-ignored .neo4j/ at the repo root):
//   .neo4j/lib-<version>/   server jars, shared by every profile
//   .neo4j/<profile>/       one Neo4j home per profile: conf/ data/ logs/
//                           run/ plugins/ import/ and the generated password

import path from 'node:path';
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

export const SECOND = 1000;
const DEFAULT_START_TIMEOUT_MS = 120 * SECOND;

// This file is scripts/lib/neo4j/profiles.mjs.
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const NEO4J_ROOT = path.join(REPO_ROOT, '.neo4j');
export const TEMPLATE_DIR = path.join(REPO_ROOT, 'scripts', 'neo4j', 'conf');
export const POM = path.join(REPO_ROOT, 'scripts', 'neo4j', 'pom.xml');
export const LIB_DIR = path.join(NEO4J_ROOT, `lib-${NEO4J_VERSION}`);
export const LIB_MARKER = path.join(LIB_DIR, '.complete');
// Both the command line we launch and the pid-reuse check key on it.
export const ENTRY_POINT = 'org.neo4j.server.CommunityEntryPoint';

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
