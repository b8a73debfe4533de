import type { Repositories } from '../../graph/repositories';
import { CheckpointService } from './checkpointService';
import type { AuditKeyConfig } from '../../domain/audit/keyConfig';
import { KeyRing } from './keyRing';
import { ProofService } from './proofService';
import { TrailService } from './trailService';
import { VerifyService } from './verifyService';

/** The audit services of one server, built once at start-up (they hold no per-request state). */
export interface AuditServices {
  readonly keys: KeyRing;
  readonly checkpoints: CheckpointService;
  readonly proofs: ProofService;
  readonly verifier: VerifyService;
  readonly trail: TrailService;
}

export function createAuditServices(repos: Pick<Repositories, 'audit'>, keys: AuditKeyConfig, maxPageSize: number): AuditServices {
  const ring = new KeyRing(keys);
  const checkpoints = new CheckpointService(repos.audit, ring);
  return {
    keys: ring,
    checkpoints,
    proofs: new ProofService(repos.audit),
    verifier: new VerifyService(repos.audit, checkpoints),
    trail: new TrailService(repos.audit, maxPageSize),
  };
}
