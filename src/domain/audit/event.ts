import { canonicalJson, sha256Hex } from './canonical';
import { AuditFormatError } from './formatError';
import { leafHash } from './merkle';

/**
 * The canonical form of one audit event: what its hash covers and what a Merkle leaf commits to.
 * Changing these fields or their rules changes every hash, so the form carries a version (`v`).
 */
export interface AuditEventData {
  /** Position in the log, from 0; also the Merkle leaf index. */
  seq: number;
  /** ISO 8601 UTC with milliseconds, e.g. 2026-11-26T10:00:00.123Z. */
  at: string;
  actorId: string;
  actorRole: string | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string;
  entityVersion: string | null;
  /** Any JSON value, or null. */
  oldValue: unknown;
  newValue: unknown;
  reason: string | null;
  /** 'CHANGE' or 'SECURITY'. */
  category: string;
}

export const EVENT_FORMAT_VERSION = 1;

const ISO_UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** RFC 8785 text of exactly the event's fields plus `v`; throws AuditFormatError on a malformed event. */
export function eventCanonical(e: AuditEventData): string {
  if (!Number.isSafeInteger(e.seq) || e.seq < 0) throw invalid(e, 'seq', 'a non-negative integer');
  if (typeof e.at !== 'string' || !ISO_UTC_MS.test(e.at) || Number.isNaN(Date.parse(e.at)) || new Date(e.at).toISOString() !== e.at) {
    throw invalid(e, 'at', 'an ISO 8601 UTC time with milliseconds (YYYY-MM-DDTHH:mm:ss.sssZ)');
  }
  for (const field of ['actorId', 'actorName', 'action', 'entityType', 'entityId', 'category'] as const) {
    if (typeof e[field] !== 'string') throw invalid(e, field, 'a string');
  }
  for (const field of ['actorRole', 'entityVersion', 'reason'] as const) {
    if (e[field] !== null && typeof e[field] !== 'string') throw invalid(e, field, 'a string or null');
  }
  // Undefined would silently drop the member and hash differently once stored and read back as null.
  if (e.oldValue === undefined) throw invalid(e, 'oldValue', 'a JSON value or null');
  if (e.newValue === undefined) throw invalid(e, 'newValue', 'a JSON value or null');
  const form = {
    v: EVENT_FORMAT_VERSION,
    seq: e.seq,
    at: e.at,
    actorId: e.actorId,
    actorRole: e.actorRole,
    actorName: e.actorName,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    entityVersion: e.entityVersion,
    oldValue: e.oldValue,
    newValue: e.newValue,
    reason: e.reason,
    category: e.category,
  };
  try {
    return canonicalJson(form);
  } catch (err) {
    throw new AuditFormatError(`audit event ${e.seq}: ${(err as Error).message}`);
  }
}

/** SHA-256 (hex) of the canonical form. */
export function eventHash(e: AuditEventData): string {
  return sha256Hex(eventCanonical(e));
}

/** RFC 9162 leaf hash of the canonical form's UTF-8 bytes. */
export function eventLeafHash(e: AuditEventData): Buffer {
  return leafHash(Buffer.from(eventCanonical(e), 'utf8'));
}

function invalid(e: AuditEventData, field: string, expected: string): AuditFormatError {
  return new AuditFormatError(`audit event ${String(e.seq)}: ${field} must be ${expected}`);
}
