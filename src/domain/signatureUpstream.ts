import { type ProvenanceChange, diffProvenance } from './provenanceDiff';
import { type ProvenanceManifest, parseManifest, provenanceDigest } from './provenanceManifest';
import type { Signature } from './signature';

/** Whether the upstream a signature froze is still what the graph holds. */
export interface UpstreamCheck {
  /**
   * True when the provenance now differs from the manifest signed, false when it is the same;
   * null when the signature froze no provenance (made before this check existed) or the
   * signed version is missing, so there is nothing to compare and no alarm is raised.
   */
  readonly upstreamChanged: boolean | null;
  /** The differences (`diffProvenance` order); empty unless upstreamChanged. */
  readonly changes: readonly ProvenanceChange[];
  /** Why the signature itself no longer holds: its stored manifest does not hash to its digest. */
  readonly problem: string | null;
}

/** The manifest a signature stored, when it stored one that still hashes to its digest. */
export function signedManifest(sig: Pick<Signature, 'provenanceDigest' | 'provenanceManifest'>): { manifest: ProvenanceManifest | null; problem: string | null } {
  if (sig.provenanceDigest === null) return { manifest: null, problem: null };
  const manifest = sig.provenanceManifest === null ? null : parseManifest(sig.provenanceManifest);
  if (!manifest || provenanceDigest(manifest) !== sig.provenanceDigest) {
    return { manifest: null, problem: 'The provenance manifest stored with the signature no longer has the digest that was signed' };
  }
  return { manifest, problem: null };
}

/**
 * Compares what a signature froze with the provenance computed now (by the same walk, at the
 * depth the manifest records). `now` is null when the signed version could not be read.
 */
export function checkUpstream(sig: Pick<Signature, 'provenanceDigest' | 'provenanceManifest'>, now: ProvenanceManifest | null): UpstreamCheck {
  const { manifest, problem } = signedManifest(sig);
  if (problem) return { upstreamChanged: null, changes: [], problem };
  if (!manifest || !now) return { upstreamChanged: null, changes: [], problem: null };
  if (provenanceDigest(now) === sig.provenanceDigest) return { upstreamChanged: false, changes: [], problem: null };
  return { upstreamChanged: true, changes: diffProvenance(manifest, now), problem: null };
}
