import type { Actor } from '../../domain/audit/actor';
import { DomainError, type ErrorCode } from '../../domain/errors';
import type { IngestionRecord } from '../../graph/repositories/ingestRepository';

/** What the API asks an ingest worker to do. */
export interface IngestRequest {
  readonly uri: string;
  readonly actor: string;
  readonly auditActor?: Actor;
}

/** A refusal as it crosses the thread boundary: class identity does not survive structured cloning. */
export interface WireError {
  readonly code: ErrorCode | null;
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>>;
}

/** Worker → API: the RUNNING record once committed, a refusal before that, or the end. */
export type WorkerMessage =
  | { readonly type: 'started'; readonly record: IngestionRecord }
  | { readonly type: 'refused'; readonly error: WireError }
  | { readonly type: 'finished'; readonly status: string };

export function toWire(err: unknown): WireError {
  if (err instanceof DomainError) return { code: err.code, message: err.message, details: { ...err.details } };
  return { code: null, message: (err as Error).message ?? String(err), details: {} };
}

/** A domain refusal keeps its code (BAD_USER_INPUT, CONFLICT…); anything else stays an internal error. */
export function fromWire(w: WireError): Error {
  return w.code ? new DomainError(w.code, w.message, w.details) : new Error(w.message);
}
