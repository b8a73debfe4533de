import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSection } from '../report';

/**
 * The start-up benchmark: from `git clone` of the current HEAD to a server whose /readyz
 * answers 200, through `npm run demo` exactly as a user runs it. Cold = an empty Maven
 * repository (every Neo4j jar downloaded); warm = the machine's ~/.m2. The npm cache stays
 * warm in both (npm ci still installs every package into the fresh clone).
 */
const REPO = process.cwd();
const NEO4J_PORT = '27990';
const API_PORT = '4990';

async function waitReady(deadlineMs: number): Promise<boolean> {
  while (Date.now() < deadlineMs) {
    const ok = await fetch(`http://127.0.0.1:${API_PORT}/readyz`).then((r) => r.status === 200, () => false);
    if (ok) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

async function measure(label: string, mavenRepo: string | null): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'pvl-clone-'));
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: API_PORT, PVL_NEO4J_PORT: NEO4J_PORT, LOG_LEVEL: 'warn' };
  delete env.NEO4J_URI;
  delete env.NEO4J_USER;
  delete env.NEO4J_PASSWORD;
  if (mavenRepo) env.MAVEN_OPTS = `${env.MAVEN_OPTS ?? ''} -Dmaven.repo.local=${mavenRepo}`;
  const started = Date.now();
  try {
    const clone = spawnSync('git', ['clone', '-q', REPO, dir], { stdio: 'inherit' });
    if (clone.status !== 0) throw new Error('git clone failed');
    const demo = spawn('npm', ['run', 'demo'], { cwd: dir, env, stdio: ['ignore', 'ignore', 'inherit'], detached: true });
    try {
      if (!(await waitReady(started + 15 * 60_000))) throw new Error(`${label}: server never became ready`);
      return (Date.now() - started) / 1000;
    } finally {
      process.kill(-demo.pid!, 'SIGTERM');
      spawnSync(process.execPath, ['scripts/neo4j.mjs', 'stop', '--profile', 'demo'], { cwd: dir, env, stdio: 'ignore' });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const emptyM2 = mkdtempSync(join(tmpdir(), 'pvl-m2-'));
  try {
    const cold = await measure('cold', emptyM2);
    const warm = await measure('warm', null);
    writeSection(
      'startup',
      'Fresh clone to ready server',
      `\`git clone\` then \`npm run demo\` until \`/readyz\` answers 200 (install, compile, provision and start Neo4j, load the demo data, start the API).

| Maven cache | seconds |
| --- | --- |
| cold (empty local repository: all Neo4j jars downloaded from Maven Central) | ${cold.toFixed(1)} |
| warm (~/.m2 already holds the jars) | ${warm.toFixed(1)} |

The npm cache was warm in both runs.`,
    );
    console.log(`startup: cold ${cold.toFixed(1)} s, warm ${warm.toFixed(1)} s`);
  } finally {
    rmSync(emptyM2, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
