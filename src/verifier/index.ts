/**
 * The offline verifier of pv-lineage's audit log, shipped to auditors as one bundled file: it
 * needs no database and no network, only the exported checkpoint, proofs, events and the
 * published verifier keys.
 */
export { verifyCheckpoint, type VerifiedCheckpoint } from './checkpoint';
export { verifyPackageSignature, type VerifiedPackageSignature } from './packageSignature';
export { verifyInclusionProof, verifyConsistencyProof, type InclusionProofInput, type ConsistencyProofInput } from './proofs';
export { verifyEvents, type StoredHashes, type VerifiedEvents } from './events';
export { assertOk, VerificationError, type Check, type Failure, type Verdict } from './verdict';
export { eventCanonical, eventHash, eventLeafHash, type AuditEventData } from '../domain/audit/event';
