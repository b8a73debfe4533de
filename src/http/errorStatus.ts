import type { Response } from 'express';
import { DomainError, type ErrorCode } from '../domain/errors';

/**
 * The HTTP status of each domain error code: the one mapping every non-GraphQL path (auth
 * middleware, OpenLineage routes, health, the last-resort handler) and the GraphQL status plugin
 * share, so a Neo4j outage is 503 wherever it surfaces.
 */
export const HTTP_STATUS: Readonly<Record<ErrorCode, number>> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  INTERNAL_SERVER_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
  TIMEOUT: 504,
};

/** Seconds a client should wait before retrying while the database is unreachable. */
export const UNAVAILABLE_RETRY_SECONDS = 2;

export function sendJsonError(res: Response, status: number, code: string, message: string, extra: Record<string, unknown> = {}): void {
  if (status === 503) res.setHeader('Retry-After', String(UNAVAILABLE_RETRY_SECONDS));
  res.status(status).json({ errors: [{ message, extensions: { code, ...extra } }] });
}

/**
 * Answers a domain error with its status and code and returns true; returns false for anything
 * else, which the caller passes on to be logged and masked as 500.
 */
export function sendDomainError(res: Response, err: unknown): boolean {
  if (!(err instanceof DomainError) || res.headersSent) return false;
  sendJsonError(res, HTTP_STATUS[err.code], err.code, err.message, { ...err.details });
  return true;
}

/** The status a GraphQL response should carry for its errors' codes: 503 while the database is unreachable, else null. */
export function graphqlStatusFor(codes: readonly unknown[]): number | null {
  return codes.includes('SERVICE_UNAVAILABLE') ? HTTP_STATUS.SERVICE_UNAVAILABLE : null;
}
