import { randomBytes } from 'node:crypto';

/** W3C trace context: version-traceid-parentid-flags; all-zero ids are invalid. */
const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;

/** The trace id of a request: from `traceparent` when valid, else a fresh one. */
export function traceIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  const m = value ? TRACEPARENT.exec(value.trim().toLowerCase()) : null;
  if (m && !/^0+$/.test(m[1]) && !/^0+$/.test(m[2])) return m[1];
  return randomBytes(16).toString('hex');
}
