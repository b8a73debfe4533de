import 'reflect-metadata';
import { createServer } from 'node:http';
import { ConfigError, loadConfig } from './config';
import { compose } from './composition/root';
import { UnavailableError } from './domain/errors';
import { translateDriverError } from './graph/errors';
import { createApp } from './http/app';
import { createLogger, logFormatFor } from './http/logger';
import { watchIngestions } from './ingestWatch';

/**
 * Starts the API. The HTTP server comes up even while Neo4j is down, so /healthz answers and
 * /readyz reports 503; migrations are retried in the background until Neo4j accepts them.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger(config.logLevel, logFormatFor(config.logFormat ?? undefined, process.stdout.isTTY === true));
  const root = compose(config, { log });
  let started = false;
  const httpServer = createServer();
  const { app, apollo, metrics } = await createApp({ root, log, isStarted: () => started }, httpServer);
  httpServer.on('request', app);
  await new Promise<void>((resolve) => {
    httpServer.once('error', (err: NodeJS.ErrnoException) => {
      log.fatal({ port: config.port, code: err.code }, `cannot listen on ${config.host}:${config.port}: ${err.code ?? err.message}`);
      process.exit(1);
    });
    httpServer.listen(config.port, config.host, resolve);
  });
  log.info({ port: config.port, neo4j: config.neo4j.uri }, 'pv-lineage listening');
  if (config.security.metrics.port) {
    // Loopback only: whoever can reach this port is already on the machine.
    const scrape = createServer((req, res) => {
      if (req.url !== '/metrics') return void res.writeHead(404).end();
      void metrics.registry.metrics().then((text) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text));
    });
    scrape.listen(config.security.metrics.port, '127.0.0.1');
    scrape.unref();
  }
  if (config.security.anonymousRead) log.warn('anonymous read-only access is ON (PVL_ANONYMOUS_READ): requests without a token read as VIEWER');

  void (async () => {
    for (let attempt = 1; !started; attempt++) {
      try {
        const prepared = await root.prepare();
        started = true;
        log.info({ migrations: prepared.migrations }, 'schema migrations up to date');
        if (prepared.datasetNames.length > 0) log.info({ datasets: prepared.datasetNames }, 'datasets renamed or merged to their canonical names (audited)');
        if (prepared.dutyConflicts.length > 0) {
          log.warn({ accounts: prepared.dutyConflicts.map((c) => c.account.id) }, 'accounts hold ADMIN beside a signing role (rule ADMIN_NEVER_SIGNS); they cannot sign until fixed: see `npm run admin -- user conflicts`');
        }
        watchIngestions(root, log);
      } catch (err) {
        // Only an unreachable database is worth waiting for; a refused migration or bad credentials
        // would fail the same way forever, so the operator is told once and the process exits.
        if (!(translateDriverError(err) instanceof UnavailableError)) {
          log.fatal({ err: (err as Error).message }, 'start-up preparation failed; fix the cause and start again');
          process.exit(1);
        }
        log.warn({ err: (err as Error).message, attempt }, 'Neo4j not ready; retrying migrations');
        await new Promise((r) => setTimeout(r, Math.min(30_000, 1000 * attempt)));
      }
    }
  })();

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'draining requests');
    const force = setTimeout(() => process.exit(1), config.shutdownGraceMs + 5_000);
    force.unref();
    try {
      await apollo.stop();
      await root.close();
      log.info('stopped');
      process.exit(0);
    } catch (err) {
      log.error({ err }, 'error while stopping');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

void main();
