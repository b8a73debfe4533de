import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { Config } from '../config';
import type { GraphExecutor } from '../graph/executor';
import { createRepositories } from '../graph/repositories';
import { createLoaders } from '../loaders/createLoaders';
import { buildSchema } from '../schema/buildSchema';
import type { GraphQLContext } from '../schema/context';
import { createFormatError } from '../schema/formatError';
import { mountGraphiql } from './graphiql';

export interface AppDeps {
  readonly config: Config;
  readonly graph: GraphExecutor;
  readonly log: Logger;
  /** Whether start-up work (migrations) has finished; /readyz waits for it. */
  readonly isStarted: () => boolean;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Builds the Express app with GraphQL, GraphiQL and health endpoints. Call `start` on the result. */
export async function createApp(deps: AppDeps, httpServer: Server): Promise<{ app: Express; apollo: ApolloServer<GraphQLContext> }> {
  const { config, graph, log } = deps;
  const repos = createRepositories(graph);
  const app = express();
  app.disable('x-powered-by');
  app.use(
    pinoHttp({
      logger: log,
      // Lines logged while handling a request carry just its id (reqId), not the whole request.
      quietReqLogger: true,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
    }),
  );

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    if (!deps.isStarted()) {
      res.status(503).json({ status: 'starting' });
      return;
    }
    try {
      await graph.ping();
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'neo4j unavailable' });
    }
  });

  mountGraphiql(app);

  const apollo = new ApolloServer<GraphQLContext>({
    schema: buildSchema(),
    formatError: createFormatError((error, formatted) =>
      log.error({ err: error, path: formatted.path }, 'masked internal error'),
    ),
    includeStacktraceInErrorResponses: false,
    // main.ts owns signal handling: it drains, closes the driver, then exits with a clear code.
    stopOnTerminationSignals: false,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.shutdownGraceMs }), ApolloServerPluginLandingPageDisabled()],
  });
  await apollo.start();

  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => ({
        requestId: String(req.id),
        log: req.log,
        services: {
          repos,
          loaders: createLoaders(repos),
          limits: { maxPageSize: config.maxPageSize, maxLineageDepth: config.maxLineageDepth },
        },
      }),
    }),
  );
  return { app, apollo };
}
