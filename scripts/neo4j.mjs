#!/usr/bin/env node
// Manage local Neo4j Community servers (one per profile) without Docker.
//
//   npm run neo4j -- <start|stop|status|logs|env> [--profile demo|test|bench]
//
// See scripts/README.md. The real work lives in scripts/lib/neo4jServer.mjs so
// that other scripts can call ensureNeo4j()/stopNeo4j() directly.

import { parseArgs } from 'node:util';
import {
  DEFAULT_PROFILE,
  Neo4jScriptError,
  PROFILES,
  displayPath,
  ensureNeo4j,
  externalServer,
  getStatus,
  localCredentials,
  readLogTail,
  stopNeo4j,
} from './lib/neo4jServer.mjs';

const EXIT_STOPPED = 3; // like `neo4j status` and LSB init scripts
const EXIT_USAGE = 2;

const USAGE = `Usage: npm run neo4j -- <command> [--profile ${Object.keys(PROFILES).join('|')}] [options]

Commands:
  start            provision (first run: Maven download, password, config) and start;
                   a no-op when already running
  stop             stop the server (SIGTERM, SIGKILL after 60 s)
  status           show state; exit code 0 when running, 3 when stopped
  logs             print the end of logs/neo4j.log
                     --lines N    number of lines (default 100)
                     --debug      debug.log instead    --console  console.log (JVM output)
  env              print NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD lines for a shell:
                     eval "$(npm run -s neo4j -- env --profile test)"

Options:
  -p, --profile    ${Object.entries(PROFILES)
    .map(([name, p]) => `${name} (bolt ${p.boltPort}, heap ${p.heap}, page cache ${p.pagecache})`)
    .join(',\n                   ')}; default ${DEFAULT_PROFILE}

Environment:
  PVL_NEO4J_PORT, PVL_NEO4J_HEAP, PVL_NEO4J_PAGECACHE   override the profile's values
  PVL_NEO4J_START_TIMEOUT                               seconds to wait for start (default 120)
  NEO4J_URI + NEO4J_USER + NEO4J_PASSWORD               use that server; start launches nothing`;

const COMMANDS = { start, stop, status, logs, env: printEnv, help };

async function main(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        profile: { type: 'string', short: 'p', default: DEFAULT_PROFILE },
        lines: { type: 'string', short: 'n', default: '100' },
        debug: { type: 'boolean', default: false },
        console: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    return usageError(err.message);
  }
  const { values, positionals } = parsed;
  const name = values.help ? 'help' : (positionals[0] ?? 'help');
  if (positionals.length > 1) return usageError(`Unexpected argument "${positionals[1]}".`);
  const command = COMMANDS[name];
  if (!command) return usageError(`Unknown command "${name}".`);
  return command(values);
}

function usageError(message) {
  console.error(`${message}\n\n${USAGE}`);
  return EXIT_USAGE;
}

function help() {
  console.log(USAGE);
  return 0;
}

async function start({ profile }) {
  const external = externalServer();
  if (external) {
    console.log(`NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD are set: using the external server ${external.uri}; nothing started.`);
    await ensureNeo4j(profile); // waits until it answers Bolt, or explains that it does not
    console.log(`${external.uri} answers Bolt.`);
    return 0;
  }
  const began = Date.now();
  const { startedHere } = await ensureNeo4j(profile);
  if (!startedHere) console.log(`Neo4j (${profile}) was already running.`);
  else console.log(`Neo4j (${profile}) started in ${((Date.now() - began) / 1000).toFixed(1)} s.`);
  printStatus(await getStatus(profile));
  return 0;
}

async function stop({ profile }) {
  const { wasRunning } = await stopNeo4j(profile);
  console.log(wasRunning ? `Neo4j (${profile}) stopped.` : `Neo4j (${profile}) was not running.`);
  if (externalServer()) console.log('(NEO4J_URI is set; external servers are never stopped by this script.)');
  return 0;
}

async function status({ profile }) {
  const s = await getStatus(profile);
  printStatus(s);
  const external = externalServer();
  if (external) console.log(`note:     NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD are set, so start and tests use ${external.uri} instead`);
  return s.running ? 0 : EXIT_STOPPED;
}

function printStatus(s) {
  const bolt = s.running ? (s.boltProtocol ? `answering, Bolt ${s.boltProtocol}` : 'not answering yet') : 'stopped';
  console.log(
    [
      `profile:  ${s.profile}`,
      `state:    ${s.running ? `running (pid ${s.pid})` : 'stopped'}`,
      `bolt:     ${s.uri} (${bolt})`,
      `home:     ${displayPath(s.home)}`,
      `version:  Neo4j Community ${s.version}`,
      `memory:   heap ${s.heap}, page cache ${s.pagecache}`,
    ].join('\n'),
  );
}

function logs({ profile, lines, debug, console: consoleLog }) {
  const n = Number(lines);
  if (!Number.isInteger(n) || n < 1) return usageError(`--lines needs a positive whole number, got "${lines}".`);
  const which = debug ? 'debug' : consoleLog ? 'console' : 'neo4j';
  const { file, text } = readLogTail(profile, { which, lines: n });
  if (text === null) {
    console.error(`No ${displayPath(file)} yet: Neo4j (${profile}) has not been started.`);
    return 1;
  }
  console.log(text);
  return 0;
}

function printEnv({ profile }) {
  const creds = externalServer() ?? localCredentials(profile);
  console.log(`NEO4J_URI=${quote(creds.uri)}`);
  console.log(`NEO4J_USER=${quote(creds.user)}`);
  console.log(`NEO4J_PASSWORD=${quote(creds.password)}`);
  return 0;
}

// Plain KEY=value (also fits `export $(...)` and env files) unless the value
// needs quoting for `eval`, which only an external password might.
function quote(value) {
  const v = String(value);
  return /^[\w@%+=:,./-]*$/.test(v) ? v : `'${v.replaceAll("'", `'\\''`)}'`;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    if (err instanceof Neo4jScriptError) console.error(`neo4j: ${err.message}`);
    else console.error(err);
    process.exitCode = 1;
  },
);
