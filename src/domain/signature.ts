import { BadInputError, ConflictError, DomainError } from './errors';
import { type ReportVersionFields, versionRecordHash } from './reportVersion';

/** What a signature means (Part 11 §11.50(a)(3)). */
export enum SignatureMeaning {
  /** The author vouches for the version they registered. */
  AUTHORED = 'AUTHORED',
  /** A second person has reviewed the version. */
  REVIEWED = 'REVIEWED',
  /** Quality assurance approves the reviewed version for release. */
  APPROVED = 'APPROVED',
  /** The signer takes responsibility for the version as issued (e.g. the QPPV). */
  RESPONSIBLE = 'RESPONSIBLE',
}

/** An electronic signature, linked to one version of one report by that version's record hash. */
export interface Signature {
  readonly id: string;
  /** Typed id of the report. */
  readonly reportId: string;
  readonly version: number;
  readonly meaning: SignatureMeaning;
  readonly userId: string;
  /**
   * The role the signer signed in (one the meaning needs), recorded so a later check can tell a
   * signature made in its proper capacity; null on signatures made before roles were recorded.
   */
  readonly signerRole: string | null;
  /** The signer's printed name when they signed. */
  readonly printedName: string;
  /** Server time, ISO-8601 UTC with milliseconds. */
  readonly signedAt: string;
  /** SHA-256 of the canonical form of the exact version signed. */
  readonly recordHash: string;
  readonly reason: string;
  /**
   * SHA-256 of the canonical manifest of the version's upstream provenance at signing
   * (`provenanceManifest.ts`); null on signatures made before provenance was frozen.
   */
  readonly provenanceDigest: string | null;
  /** That manifest as canonical JSON text, kept so a later check can say what changed; null with the digest. */
  readonly provenanceManifest: string | null;
}

export class SigningForbiddenError extends DomainError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('FORBIDDEN', message, { operation: 'signReport', ...details });
  }
}

/** Who asks to sign, as the request authenticated them. */
export interface Signer {
  readonly id: string;
  readonly roles: readonly string[];
  /** Service accounts (pipelines) never sign. */
  readonly service: boolean;
}

/** Everything the signing rules look at, read in the transaction that stores the signature. */
export interface SigningFacts {
  readonly signer: Signer;
  readonly meaning: SignatureMeaning;
  /** The roles the meaning's rule allows (from the role matrix). */
  readonly allowedRoles: readonly string[];
  readonly requestedVersion: number;
  readonly latestVersion: number;
  /** Author (createdBy) of the requested version. */
  readonly author: string;
  readonly withdrawn: boolean;
  /** Signatures already on the requested version. */
  readonly existing: readonly Pick<Signature, 'meaning' | 'userId'>[];
}

/**
 * Part 11 and Annex 11 rules for one signing, in the order a person would want to hear them.
 * Throws FORBIDDEN (who may sign), CONFLICT (what may be signed) or BAD_USER_INPUT (approval
 * before review); returns quietly when the signature may be stored.
 */
export function checkSigning(f: SigningFacts): void {
  const { signer, meaning } = f;
  if (signer.service) throw new SigningForbiddenError('Service accounts cannot sign; a signature must be made by a person');
  if (!f.allowedRoles.some((r) => signer.roles.includes(r))) {
    throw new SigningForbiddenError(`Signing ${meaning} needs one of the roles ${f.allowedRoles.join(', ')}`, { meaning, allowed: [...f.allowedRoles] });
  }
  if (f.withdrawn) throw new ConflictError('The report is withdrawn; a withdrawn report cannot be signed');
  if (f.requestedVersion !== f.latestVersion) {
    throw new ConflictError(`Only the latest version (v${f.latestVersion}) can be signed; v${f.requestedVersion} has been superseded`, {
      version: f.requestedVersion,
      latestVersion: f.latestVersion,
    });
  }
  if (meaning === SignatureMeaning.AUTHORED && signer.id !== f.author) {
    throw new SigningForbiddenError(`Only the author of v${f.requestedVersion} (${f.author}) can sign it AUTHORED`, { meaning });
  }
  if (meaning === SignatureMeaning.REVIEWED && signer.id === f.author) {
    throw new SigningForbiddenError('The reviewer must be a different person from the author', { meaning });
  }
  if (meaning === SignatureMeaning.APPROVED) {
    const reviewers = f.existing.filter((s) => s.meaning === SignatureMeaning.REVIEWED).map((s) => s.userId);
    if (reviewers.length === 0) {
      throw new BadInputError('meaning', `v${f.requestedVersion} has no REVIEWED signature yet; it must be reviewed before it can be approved`);
    }
    if (signer.id === f.author) throw new SigningForbiddenError('The approver must be a different person from the author', { meaning });
    if (reviewers.includes(signer.id)) throw new SigningForbiddenError('The approver must be a different person from the reviewer', { meaning });
  }
  if (f.existing.some((s) => s.meaning === meaning && s.userId === signer.id)) {
    throw new ConflictError(`You have already signed v${f.requestedVersion} ${meaning}`, { meaning });
  }
}

export interface SignatureCheck {
  readonly valid: boolean;
  /** Why the signature does not hold; null when it does. */
  readonly reason: string | null;
}

/**
 * Re-checks a signature against the version it is linked to, recomputing that version's hash
 * from its stored fields. The signature holds only for the very record and version it names.
 */
export function checkSignature(sig: Signature, signed: ReportVersionFields | null): SignatureCheck {
  if (!signed) return { valid: false, reason: `The signed version ${sig.reportId} v${sig.version} is missing` };
  if (signed.reportId !== sig.reportId || signed.version !== sig.version) {
    return {
      valid: false,
      reason: `The signature names ${sig.reportId} v${sig.version} but is linked to ${signed.reportId} v${signed.version}`,
    };
  }
  if (versionRecordHash(signed) !== sig.recordHash) {
    return { valid: false, reason: `The stored content of ${sig.reportId} v${sig.version} no longer has the hash that was signed` };
  }
  return { valid: true, reason: null };
}

/** How a signature is shown wherever the signed record is (§11.50): name, UTC time, meaning. */
export function manifestation(sig: Pick<Signature, 'printedName' | 'userId' | 'signedAt' | 'meaning'>): string {
  return `${sig.meaning} by ${sig.printedName} (${sig.userId}) at ${sig.signedAt}`;
}
