import 'reflect-metadata';
import { createServer } from 'node:http';
import { ConfigError, loadConfig } from './config';
import { compose } from './composition/root';
import { migrate } from './graph/migrate';
import { createApp } from './http/app';
import { createLogger } from './http/logger';
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
  const log = createLogger(config.logLevel);
  const root = compose(config, { log });
  const { graph } = root;
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
        const ran = await migrate(graph);
        started = true;
        log.info({ migrations: ran }, 'schema migrations up to date');
        watchIngestions(root, log);
      } catch (err) {
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
