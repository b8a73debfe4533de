// What the server runs with: the profile's password, conf/neo4j.conf rendered
// from scripts/neo4j/conf/, and the JVM command line and environment.

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { run } from './provision.mjs';
import { ENTRY_POINT, LIB_DIR, NEO4J_VERSION, Neo4jScriptError, TEMPLATE_DIR, displayPath } from './profiles.mjs';

export function readPassword(p) {
  const stat = fs.statSync(p.passwordFile);
  if (stat.mode & 0o077) fs.chmodSync(p.passwordFile, 0o600);
  return fs.readFileSync(p.passwordFile, 'utf8').trim();
}

export function ensurePassword(p) {
  if (fs.existsSync(p.passwordFile)) return readPassword(p);
  if (storeInitialised(p)) {
    throw new Neo4jScriptError(
      `${displayPath(p.passwordFile)} is missing, but the store in ${displayPath(p.dataDir)} already has a password.\n` +
        `Restore the file, or delete ${displayPath(p.home)} to start from an empty database.`,
    );
  }
  // Hex: nothing that needs quoting in a shell or a URI, and never a leading '-', which
  // neo4j-admin would read as an option (base64url drew one about one time in 64).
  const password = randomBytes(24).toString('hex');
  fs.writeFileSync(p.passwordFile, `${password}\n`, { mode: 0o600, flag: 'wx' });
  return password;
}

// The system database appears on the first start; from then on the initial
// password has been consumed and set-initial-password no longer applies.
export function storeInitialised(p) {
  return fs.existsSync(path.join(p.dataDir, 'databases', 'system'));
}

// `--` ends the options, so a password that begins with '-' (written by an older version) is
// still taken as the password.
export async function setInitialPassword(p, java, password) {
  const result = await run(
    java.bin,
    ['-Xmx256m', '-XX:+UseSerialGC', '-cp', path.join(LIB_DIR, '*'), 'org.neo4j.cli.AdminTool', 'dbms', 'set-initial-password', '--', password],
    { env: serverEnv(p), cwd: p.home },
  );
  if (result.code !== 0) {
    throw new Neo4jScriptError(`Setting the initial Neo4j password failed (exit ${result.code}):\n${result.output.trim()}`);
  }
}

/** Renders conf/neo4j.conf from the template and copies the log configs. */
export function renderConf(p) {
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
export function renderedPort(p) {
  try {
    const conf = fs.readFileSync(path.join(p.confDir, 'neo4j.conf'), 'utf8');
    const m = /^server\.bolt\.listen_address=.*:(\d+)\s*$/m.exec(conf);
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

export function javaArgs(p, confText) {
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
export function serverEnv(p) {
  const env = { ...process.env, NEO4J_HOME: p.home, NEO4J_CONF: p.confDir };
  delete env.NEO4J_PASSWORD;
  return env;
}

export function writeFileAtomic(file, text) {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}
