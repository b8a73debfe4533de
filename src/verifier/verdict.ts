/**
 * Every verifier check returns a verdict instead of throwing, so an auditor's report can list
 * each failure side by side; `assertOk` turns a failed verdict into an exception where one is
 * wanted.
 */
export type Check = 'checkpoint' | 'inclusion' | 'consistency' | 'events' | 'package';

export interface Failure {
  readonly ok: false;
  /** Which check failed. */
  readonly check: Check;
  /** What failed, in words an auditor can act on. */
  readonly reason: string;
  /** The sequence number of the first bad event, when the check is about events. */
  readonly seq?: number;
}

export type Verdict<T extends object = object> = ({ readonly ok: true } & T) | Failure;

export class VerificationError extends Error {
  override readonly name = 'VerificationError';
  constructor(readonly failure: Failure) {
    super(`${failure.check} verification failed: ${failure.reason}`);
  }
}

/** The verdict's details when it passed; throws VerificationError naming the failure otherwise. */
export function assertOk<T extends object>(verdict: Verdict<T>): { readonly ok: true } & T {
  if (!verdict.ok) throw new VerificationError(verdict);
  return verdict;
}

export const fail = (check: Check, reason: string, seq?: number): Failure =>
  seq === undefined ? { ok: false, check, reason } : { ok: false, check, reason, seq };

/** Runs a check; anything it throws (malformed input of any shape) becomes a failed verdict. */
export function guarded<T extends object>(check: Check, run: () => Verdict<T>): Verdict<T> {
  try {
    return run();
  } catch (err) {
    return fail(check, err instanceof Error ? err.message : String(err));
  }
}
