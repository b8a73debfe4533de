import { timingSafeEqual } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { GraphExecutor } from '../graph/executor';

const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,60}$/;
const MAX_OPERATION_LABELS = 200;

/**
 * Prometheus metrics, one registry per app (tests build several apps in one process).
 * Operation names come from clients, so labels are capped to keep cardinality bounded.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly seenOperations = new Set<string>();
  readonly requests = new Counter({ name: 'pvl_graphql_requests_total', help: 'GraphQL requests by operation and outcome (ok, error, rejected).', labelNames: ['operation', 'outcome'], registers: [this.registry] });
  readonly latency = new Histogram({ name: 'pvl_graphql_request_duration_seconds', help: 'GraphQL request latency by operation.', labelNames: ['operation'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [this.registry] });
  readonly errors = new Counter({ name: 'pvl_graphql_errors_total', help: 'GraphQL errors by extensions.code.', labelNames: ['code'], registers: [this.registry] });
  readonly neo4j = new Histogram({ name: 'pvl_neo4j_statement_duration_seconds', help: 'Neo4j statement latency by executor operation and success.', labelNames: ['operation', 'ok'], buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5], registers: [this.registry] });
  readonly batchSize = new Histogram({ name: 'pvl_dataloader_batch_size', help: 'Keys per DataLoader batch, by repository method.', labelNames: ['loader'], buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000], registers: [this.registry] });
  readonly failedLogins = new Counter({ name: 'pvl_failed_logins_total', help: 'Failed sign-ins by reason.', labelNames: ['reason'], registers: [this.registry] });
  readonly http = new Counter({ name: 'pvl_http_responses_total', help: 'HTTP responses by status code.', labelNames: ['status'], registers: [this.registry] });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'pvl_' });
  }

  operationLabel(name: string | null | undefined): string {
    if (!name || !OPERATION_NAME.test(name)) return 'anonymous';
    if (this.seenOperations.has(name)) return name;
    if (this.seenOperations.size >= MAX_OPERATION_LABELS) return 'other';
    this.seenOperations.add(name);
    return name;
  }

  watchGraph(graph: GraphExecutor): () => void {
    return graph.onStatement((e) => this.neo4j.observe({ operation: e.operation, ok: String(e.ok) }, e.ms / 1000));
  }

  /** Wraps repositories so every batch read (a method whose first argument is a key list) records its size. */
  instrumentBatches<T extends object>(repos: T): T {
    const wrapped: Record<string, unknown> = {};
    for (const [name, repo] of Object.entries(repos)) {
      wrapped[name] = new Proxy(repo as object, {
        get: (target, prop, receiver) => {
          const value = Reflect.get(target, prop, receiver);
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            if (Array.isArray(args[0])) this.batchSize.observe({ loader: `${name}.${String(prop)}` }, args[0].length);
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      });
    }
    return wrapped as T;
  }

  plugin(): ApolloServerPlugin {
    const metrics = this;
    return {
      async requestDidStart() {
        const started = performance.now();
        return {
          async willSendResponse({ operationName, response }) {
            const op = metrics.operationLabel(operationName);
            const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
            const errors = body?.errors ?? [];
            for (const e of errors) metrics.errors.inc({ code: String(e.extensions?.code ?? 'UNKNOWN') });
            const outcome = errors.length === 0 ? 'ok' : body?.data ? 'error' : 'rejected';
            metrics.requests.inc({ operation: op, outcome });
            metrics.latency.observe({ operation: op }, (performance.now() - started) / 1000);
          },
        };
      },
    };
  }

  httpCounter(): RequestHandler {
    return (_req, res, next) => {
      res.on('finish', () => this.http.inc({ status: String(res.statusCode) }));
      next();
    };
  }

  /** GET /metrics guarded by a scrape token; with no token configured it is not served here. */
  endpoint(scrapeToken: string | null): RequestHandler {
    return async (req, res) => {
      const given = Buffer.from(String(req.headers.authorization ?? ''));
      const wanted = Buffer.from(`Bearer ${scrapeToken ?? ''}`);
      if (!scrapeToken || given.length !== wanted.length || !timingSafeEqual(given, wanted)) {
        res.status(401).setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
        res.json({ errors: [{ message: 'Metrics need the scrape token (PVL_METRICS_TOKEN) or the loopback metrics port', extensions: { code: 'UNAUTHENTICATED' } }] });
        return;
      }
      res.type(this.registry.contentType).send(await this.registry.metrics());
    };
  }
}
