import express, { type ErrorRequestHandler, type RequestHandler, Router } from 'express';
import type { Logger } from 'pino';
import type { Role } from '../../domain/role';
import type { MarquezLineageRepository } from '../../graph/repositories/marquezLineageRepository';
import type { OpenLineageRepository } from '../../graph/repositories/openLineageRepository';
import { actorOf } from '../../schema/actor';
import { AUTH } from '../../schema/authRules';
import { listLineageEvents } from '../../services/openlineage/eventLog';
import type { OpenLineageService } from '../../services/openlineage/openLineageService';
import { principalOf, unauthenticated } from '../auth/authenticate';
import { sendDomainError, sendJsonError as fail } from '../errorStatus';
import { capExceeded, type EventCaps } from './eventCaps';
import { lineageRead } from './lineageRead';

/** Events are small (event_large.json is 220 kB); 5 MB bounds memory per request. */
export const DEFAULT_OPENLINEAGE_BODY_BYTES = 5 * 1024 * 1024;

export interface OpenLineageRouterDeps {
  readonly service: OpenLineageService;
  readonly repo: OpenLineageRepository;
  readonly marquez: MarquezLineageRepository;
  /** The deepest lineage a request may ask for (PVL_MAX_LINEAGE_DEPTH), in Marquez's steps. */
  readonly maxDepth: number;
  /** Resolves the bearer token into the principal (the same middleware as `/graphql`). */
  readonly authenticate: RequestHandler;
  /** The per-token rate limit `/graphql` uses (the same buckets), applied once the caller is known. */
  readonly rateLimit: RequestHandler;
  readonly caps: EventCaps;
  readonly maxBodyBytes?: number;
  readonly log: Logger;
}

/** The roles of a rule in authRules.ts, checked at the HTTP layer (these routes are not GraphQL). */
export function requireRoles(rule: readonly string[]): RequestHandler {
  return (_req, res, next) => {
    const principal = principalOf(res);
    if (!principal) return unauthenticated(res, 'Authentication required: send "Authorization: Bearer <token>"');
    if (!principal.roles.some((r: Role) => rule.includes(r))) {
      return fail(res, 403, 'FORBIDDEN', `This endpoint needs one of the roles ${rule.join(', ')}`);
    }
    next();
  };
}

/**
 * Marquez-compatible OpenLineage endpoints: `POST /lineage` receives an event, `GET /lineage`
 * reads the lineage graph, `GET /events/lineage` lists the raw log. Mounted under `/api/v1`.
 */
export function openLineageRouter(deps: OpenLineageRouterDeps): Router {
  const router = Router();
  const limit = deps.maxBodyBytes ?? DEFAULT_OPENLINEAGE_BODY_BYTES;
  // The body is read as text so the raw log keeps it byte for byte as sent.
  const text = express.text({ type: () => true, limit });

  router.post('/lineage', deps.authenticate, deps.rateLimit, requireRoles(AUTH.ingest), text, async (req, res, next) => {
    const raw = typeof req.body === 'string' ? req.body : '';
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return fail(res, 400, 'BAD_USER_INPUT', 'The request body is not valid JSON');
    }
    const over = capExceeded(body, deps.caps);
    if (over) {
      const { argument, setting, limit, count } = over;
      return fail(res, 400, 'BAD_USER_INPUT', `An event may name at most ${limit} ${argument} (${setting}); this one names ${count}`, { argument, setting, limit, count });
    }
    try {
      const principal = principalOf(res);
      const outcome = await deps.service.ingest(body, raw, actorOf(principal, AUTH.ingest));
      res.status(201).json(outcome);
    } catch (err) {
      next(err);
    }
  });

  router.get('/lineage', deps.authenticate, deps.rateLimit, requireRoles(AUTH.readLineage), lineageRead(deps.marquez, deps.maxDepth));

  router.get('/events/lineage', deps.authenticate, deps.rateLimit, requireRoles(AUTH.readLineage), async (req, res, next) => {
    const q = (k: string) => (typeof req.query[k] === 'string' ? (req.query[k] as string) : null);
    try {
      res.json(await listLineageEvents(deps.repo, { before: q('before'), after: q('after'), limit: q('limit'), offset: q('offset') }));
    } catch (err) {
      next(err);
    }
  });

  router.use(((err, req, res, next) => {
    if (res.headersSent) return next(err);
    const e = err as { type?: string; status?: number };
    if (e.type === 'entity.too.large') return fail(res, 413, 'PAYLOAD_TOO_LARGE', `The event is larger than ${limit} bytes`);
    if (e.type && e.status && e.status >= 400 && e.status < 500) return fail(res, e.status, 'BAD_REQUEST', 'The request body could not be read');
    if (sendDomainError(res, err)) return;
    (req.log ?? deps.log).error({ err }, 'OpenLineage request failed');
    fail(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
  }) as ErrorRequestHandler);
  return router;
}
