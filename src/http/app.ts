import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type ErrorRequestHandler, type Express } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import proxyAddr from 'proxy-addr';
import type { Composition } from '../composition/root';
import { buildSchema } from '../schema/buildSchema';
import type { GraphQLContext } from '../schema/context';
import { formatError } from '../schema/formatError';
import { maskedErrorLogPlugin } from './maskedErrorLog';
import { publicRootFields } from '../schema/authChecker';
import type { IdentityService } from '../services/identity/identityService';
import { anonymousGate, anonymousHttpGate } from './auth/anonymousGate';
import { createAuthenticator, principalOf, unauthenticated } from './auth/authenticate';
import { OidcVerifier } from './auth/oidc';
import { passwordChangeGate, withSettledPassword } from './auth/passwordChangeGate';
import { bodyErrors, jsonBody } from './hardening/body';
import { corsAllowList, securityHeaders } from './hardening/headers';
import { inputStringsPlugin } from './hardening/inputStrings';
import { operationResolutionPlugin } from './hardening/operationResolution';
import { queryLimitsPlugin } from './hardening/queryLimits';
import { rateLimit } from './hardening/rateLimit';
import { hideSuggestionsPlugin } from './hardening/suggestions';
import { mountExplorer } from './explorer';
import { mountGraphiql } from './graphiql';
import { Metrics } from './metrics';
import { graphqlStatusPlugin } from './graphqlStatus';
import { redactRequest } from './logRedaction';
import { HTTP_STATUS, sendDomainError, sendJsonError } from './errorStatus';
import { traceContext, traceIdOf } from './trace';
import { openLineageRouter } from './openlineage/router';
import { columnLineageRouter } from './openlineage/columnLineageRoute';

export interface AppDeps {
  /** The process's services, repositories and executor (composition/root.ts); the app builds none. */
  readonly root: Composition;
  readonly log: Logger;
  /** Whether start-up work (migrations) has finished; /readyz waits for it. */
  readonly isStarted: () => boolean;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export interface App {
  readonly app: Express;
  readonly apollo: ApolloServer<GraphQLContext>;
  readonly identity: IdentityService;
  readonly metrics: Metrics;
}

/**
 * Builds the Express app: hardening, authentication, GraphQL, GraphiQL, health and metrics.
 * Anonymous requests reach only /healthz, /readyz, the GraphiQL page and assets, and `login`.
 */
export async function createApp(deps: AppDeps, httpServer: Server): Promise<App> {
  const { root, log } = deps;
  const { config, graph, repos, audit, identity, ingest, stores, storeWrites, ingestRunner } = root;
  const security = config.security;
  const metrics = new Metrics();
  metrics.watchGraph(graph);
  const newLoaders = root.loaderFactory((r) => metrics.instrumentBatches(r));
  identity.onLoginFailed((reason) => metrics.failedLogins.inc({ reason }));
  const app = express();
  app.disable('x-powered-by');
  // Without trusted hops req.ip is the socket's peer; with them, Express (through proxy-addr)
  // walks X-Forwarded-For from the right and stops at the first address it does not trust.
  app.set('trust proxy', security.trustProxy.length ? proxyAddr.compile([...security.trustProxy]) : false);
  app.use(traceContext());
  app.use(
    pinoHttp({
      logger: log,
      // Lines logged while handling a request carry just its id (reqId) and trace id, not the whole request.
      quietReqLogger: true,
      serializers: { req: redactRequest },
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      // The same value every time it is asked for, so pino-http binds it once per line.
      customProps: (_req, res) => ({ traceId: traceIdOf(res) }),
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
    }),
  );
  // quietReqLogger leaves req.log with the request id only; lines logged while handling the
  // request (masked errors among them) need the trace id too.
  app.use((req, res, next) => {
    req.log = req.log.child({ traceId: traceIdOf(res) });
    next();
  });
  app.use(metrics.httpCounter());
  app.use(securityHeaders({ upgradeInsecureRequests: security.upgradeInsecureRequests }));
  app.use(corsAllowList(security.corsOrigins));

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
      res.status(HTTP_STATUS.SERVICE_UNAVAILABLE).json({ status: 'neo4j unavailable' });
    }
  });

  if (security.metrics.token) app.get('/metrics', metrics.endpoint(security.metrics.token));
  if (security.graphiql) mountGraphiql(app);
  mountExplorer(app, { maxDepth: config.maxLineageDepth });
  const oidc = security.oidc ? new OidcVerifier(security.oidc) : null;
  const auth = createAuthenticator({
    identity,
    oidc,
    cacheTtlMs: security.tokenCacheTtlMs,
    anonymousRead: security.anonymousRead,
    rejectLimit: { max: security.lockout.addressMaxFailures, windowMs: security.lockout.windowMinutes * 60_000 },
  });
  const schema = buildSchema();
  const publicFields = publicRootFields();

  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    formatError,
    introspection: security.introspection,
    allowBatchedHttpRequests: security.limits.batch > 1,
    parseOptions: { maxTokens: security.limits.tokens },
    // No client uses automatic persisted queries; off, a malformed `persistedQuery` extension gets
    // PERSISTED_QUERY_NOT_SUPPORTED instead of Apollo's uncoded errors, and no query cache grows.
    persistedQueries: false,
    includeStacktraceInErrorResponses: false,
    // main.ts owns signal handling: it drains, closes the driver, then exits with a clear code.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.shutdownGraceMs }),
      ApolloServerPluginLandingPageDisabled(),
      // Answers are per-user and change with every ingest, so nothing sets cache hints; the
      // default cache-control plugin would still wrap every field resolver to look for them.
      ApolloServerPluginCacheControlDisabled(),
      metrics.plugin(),
      maskedErrorLogPlugin(),
      graphqlStatusPlugin(),
      // Without introspection, error hints must not describe the schema either.
      ...(security.introspection ? [] : [hideSuggestionsPlugin()]),
      operationResolutionPlugin(),
      anonymousGate(publicFields),
      passwordChangeGate(),
      queryLimitsPlugin(schema, security.limits, config.maxLineageDepth),
      inputStringsPlugin(schema),
    ],
  });
  await apollo.start();

  // One set of buckets for /graphql and the OpenLineage routes: a token's budget is shared.
  const perToken = rateLimit(security.ratePerMinute, principalOf);
  app.use(
    '/graphql',
    auth.middleware,
    perToken,
    ...jsonBody(security.maxBodyBytes, security.limits.batch),
    anonymousHttpGate(publicFields, security.limits.tokens),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => ({
        requestId: String(req.id),
        log: req.log,
        serviceContext: {
          repos,
          loaders: newLoaders(),
          limits: { maxPageSize: config.maxPageSize, maxLineageDepth: config.maxLineageDepth },
          audit,
          ingest,
          stores,
          storeWrites,
          ingestRunner,
        },
        principal: principalOf(res),
        address: req.ip ?? null,
        identity,
      }),
    }),
  );
  // OpenLineage (Marquez-compatible): POST and GET /api/v1/lineage, GET /api/v1/events/lineage.
  app.use('/api/v1', openLineageRouter({ service: root.openLineage, repo: repos.openlineage, marquez: repos.marquezLineage, maxDepth: config.maxLineageDepth, authenticate: withSettledPassword(auth.middleware), rateLimit: perToken, caps: security.openLineage, log }));
  // Marquez-compatible column lineage: GET /api/v1/column-lineage.
  app.use('/api/v1', columnLineageRouter({ fields: repos.datasetFields, maxDepth: config.maxLineageDepth, authenticate: withSettledPassword(auth.middleware), rateLimit: perToken, log }));
  // Anything else: 401 without credentials (nothing else is public), 404 with them.
  app.use((req, res) => {
    if (!req.headers.authorization) return unauthenticated(res, 'Authentication required');
    res.status(404).json({ errors: [{ message: `No route ${req.method} ${req.path}`, extensions: { code: 'NOT_FOUND' } }] });
  });
  app.use(bodyErrors);
  app.use(((err, req, res, _next) => {
    if (sendDomainError(res, err)) return;
    req.log.error({ err }, 'unhandled HTTP error');
    if (!res.headersSent) sendJsonError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
  }) as ErrorRequestHandler);
  return { app, apollo, identity, metrics };
}
