// What a start needs before any configuration: the profile's home folders,
// Java, and the server jars fetched once from Maven Central.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { withLock } from './lock.mjs';
import { LIB_DIR, LIB_MARKER, NEO4J_ROOT, NEO4J_VERSION, Neo4jScriptError, POM, displayPath } from './profiles.mjs';

export function ensureHome(p) {
  fs.mkdirSync(NEO4J_ROOT, { recursive: true });
  // The home holds the password and the data: owner only.
  fs.mkdirSync(p.home, { recursive: true, mode: 0o700 });
  fs.chmodSync(p.home, 0o700);
  for (const dir of [p.confDir, p.dataDir, p.logsDir, p.runDir, p.pluginsDir, p.importDir]) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  }
}

export async function ensureLib(log) {
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

export async function requireJava() {
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
export function run(cmd, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks = [];
    child.stdout.on('data', (d) => chunks.push(d));
    child.stderr.on('data', (d) => chunks.push(d));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output: Buffer.concat(chunks).toString('utf8') }));
  });
}
