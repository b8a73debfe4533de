import type { CheckpointService } from './checkpointService';
import type { KeyRing } from './keyRing';
import type { PackageSigningService } from './packageSigningService';
import type { ProofService } from './proofService';
import type { TrailService } from './trailService';
import type { VerifyService } from './verifyService';

/** The audit services of one server, built once by the composition root (they hold no per-request state). */
export interface AuditServices {
  readonly keys: KeyRing;
  readonly checkpoints: CheckpointService;
  readonly proofs: ProofService;
  readonly verifier: VerifyService;
  readonly trail: TrailService;
  /** Signs compliance packages (their manifests) with the audit signing key, through the audited writer. */
  readonly packages: PackageSigningService;
}
