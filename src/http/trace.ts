import { randomBytes } from 'node:crypto';
import type { RequestHandler, Response } from 'express';

/** W3C trace context: version-traceid-parentid-flags; all-zero ids are invalid. */
const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;

export const TRACE_ID_HEADER = 'x-trace-id';

/** The trace id of a request: from `traceparent` when valid, else a fresh one. */
export function traceIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  const m = value ? TRACEPARENT.exec(value.trim().toLowerCase()) : null;
  if (m && !/^0+$/.test(m[1]) && !/^0+$/.test(m[2])) return m[1];
  return randomBytes(16).toString('hex');
}

/** The trace id `traceContext` fixed for this request. */
export const traceIdOf = (res: Response): string => res.locals.traceId as string;

/**
 * Computes the trace id once per request, before anything logs, and returns it to the client;
 * every log line of the request then reads this one value instead of deriving its own.
 */
export function traceContext(): RequestHandler {
  return (req, res, next) => {
    const traceId = traceIdFrom(req.headers.traceparent);
    res.locals.traceId = traceId;
    res.setHeader(TRACE_ID_HEADER, traceId);
    next();
  };
}
