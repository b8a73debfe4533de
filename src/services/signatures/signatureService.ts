import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/audit/actor';
import { AuditKind } from '../../domain/audit/draft';
import { BadInputError, ConflictError, NodeNotFoundError, NotFoundError } from '../../domain/errors';
import type { Principal } from '../../domain/identity/principal';
import { checkMaySign, signerRoleProblem } from '../../domain/identity/roleRules';
import { parseIdOf } from '../../domain/ids';
import { NodeType } from '../../domain/nodeType';
import { ReportStatus } from '../../domain/report';
import { versionRecordHash } from '../../domain/reportVersion';
import { type Signature, type SignatureCheck, SignatureMeaning, checkSignature, checkSigning } from '../../domain/signature';
import { DEFAULT_PROVENANCE_DEPTH, buildProvenanceManifest, manifestJson, provenanceDigest, type ProvenanceManifest } from '../../domain/provenanceManifest';
import type { ProvenanceChange } from '../../domain/provenanceDiff';
import { checkUpstream, signedManifest } from '../../domain/signatureUpstream';
import type { ReportVersion } from '../../domain/reportVersion';
import type { SigningState } from '../../graph/repositories/signatureRepository';
import type { ServiceContext } from '../context';
import type { ReauthProof } from '../identity/identityService';
import type { WriteContext } from '../reports/reportService';

export interface SignRequest extends ReauthProof {
  readonly reportId: string;
  readonly version: number;
  readonly meaning: SignatureMeaning;
  readonly reason: string;
}

/** The signer as the request authenticated them, with the roles the meaning's rule allows. */
export interface SignerContext {
  readonly principal: Principal;
  readonly address: string | null;
  readonly actor: Actor;
  readonly allowedRoles: readonly string[];
}

/** What the ceremony needs from identity: who is a person, and a fresh proof of who they are. */
export interface SignerIdentity {
  isServiceAccount(principal: Principal): Promise<boolean>;
  reauthenticate(address: string | null, principal: Principal, proof: ReauthProof, detail: Record<string, string | number | boolean | null>): Promise<{ printedName: string }>;
}

export interface SignatureVerification {
  readonly signature: Signature;
  readonly valid: boolean;
  readonly reason: string | null;
  /** True when the signature holds and is on the report's latest version. */
  readonly coversLatest: boolean;
  /** Whether the upstream provenance frozen at signing has changed since; null when none was frozen (`UpstreamCheck`). */
  readonly upstreamChanged: boolean | null;
  readonly upstreamChanges: readonly ProvenanceChange[];
}

/** Signing and verifying read upstream provenance to the configured lineage depth. */
export type SignatureContext = WriteContext & Partial<Pick<ServiceContext, 'limits'>>;

const MAX_REASON = 2000;

function checkRequest(req: SignRequest): string {
  parseIdOf(NodeType.REPORT, req.reportId, 'reportId');
  if (!Number.isInteger(req.version) || req.version < 1) throw new BadInputError('version', 'version must be a positive integer');
  if (!Object.values(SignatureMeaning).includes(req.meaning)) throw new BadInputError('meaning', `Unknown signature meaning "${String(req.meaning)}"`);
  const reason = req.reason?.trim() ?? '';
  if (reason.length === 0) throw new BadInputError('reason', `A reason is required to sign report ${req.reportId}`);
  if (reason.length > MAX_REASON) throw new BadInputError('reason', `The reason is longer than ${MAX_REASON} characters`);
  return reason;
}

/** Applies the rules to a state read from the database; the same function runs before and inside the transaction. */
function applyRules(state: SigningState | null, req: SignRequest, signer: SignerContext, service: boolean): NonNullable<SigningState['version']> {
  if (!state) throw new NodeNotFoundError(NodeType.REPORT, req.reportId);
  if (state.latestVersion === null) {
    throw new ConflictError(`Report ${req.reportId} was imported from MLflow side files and has no versions; register its file with registerReport before signing`, { reportId: req.reportId });
  }
  if (!state.version) throw new NotFoundError(`Version ${req.version} of report`, req.reportId);
  // The stored roles too: a role change made on another replica reaches this principal's cache only after its TTL.
  checkMaySign(signer.principal.id, [...signer.principal.roles, ...(state.signerRoles ?? [])]);
  checkSigning({
    signer: { id: signer.principal.id, roles: signer.principal.roles, service },
    meaning: req.meaning,
    allowedRoles: signer.allowedRoles,
    requestedVersion: req.version,
    latestVersion: state.latestVersion,
    author: state.version.createdBy,
    withdrawn: state.status === ReportStatus.WITHDRAWN,
    existing: state.existing,
  });
  return state.version;
}

/**
 * The signing ceremony (Part 11 §11.50, §11.70, §11.200). The rules are checked first, so a
 * request that would be refused anyway costs no password attempt; then the signer
 * re-authenticates (a failure is audited and counts toward the lockout); then, under the
 * report's lock, the rules are checked again and the signature is stored with the hash of the
 * exact version signed, together with its audit event.
 */
export async function signReport(ctx: SignatureContext, identity: SignerIdentity, signer: SignerContext, req: SignRequest): Promise<Signature> {
  const reason = checkRequest(req);
  const service = await identity.isServiceAccount(signer.principal);
  applyRules(await ctx.repos.signatures.peekState(req.reportId, req.version, signer.principal.id), req, signer, service);
  const { printedName } = await identity.reauthenticate(signer.address, signer.principal, req, {
    reportId: req.reportId,
    version: req.version,
    meaning: req.meaning,
  });
  return ctx.repos.writer.write('report.sign', async (tx) => {
    const signedAt = new Date().toISOString();
    const state = await ctx.repos.signatures.signingState(tx, req.reportId, req.version, signer.principal.id, signedAt);
    const version = applyRules(state, req, signer, service);
    const recordHash = versionRecordHash(version);
    if (recordHash !== version.recordHash) {
      throw new ConflictError(`The stored content of ${req.reportId} v${req.version} no longer matches its record hash; it cannot be signed`, { reportId: req.reportId });
    }
    // Read under the report's lock, in the transaction that stores the signature: what is frozen is exactly what was there.
    const manifest = buildProvenanceManifest(await ctx.repos.lineage.upstreamProvenance(version, ctx.limits?.maxLineageDepth ?? DEFAULT_PROVENANCE_DEPTH, tx));
    const signature: Signature = {
      id: `sig_${randomUUID()}`,
      reportId: req.reportId,
      version: req.version,
      meaning: req.meaning,
      userId: signer.principal.id,
      signerRole: signer.principal.roles.find((r) => signer.allowedRoles.includes(r)) ?? null,
      printedName,
      signedAt,
      recordHash,
      reason,
      provenanceDigest: provenanceDigest(manifest),
      provenanceManifest: manifestJson(manifest),
    };
    await ctx.repos.signatures.create(tx, signature);
    const { provenanceManifest: _text, ...signed } = signature;
    tx.audit({
      actor: { ...signer.actor, name: printedName },
      kind: AuditKind.SIGNATURE,
      action: 'REPORT_SIGNED',
      entityType: 'Report',
      entityId: req.reportId,
      entityVersion: String(req.version),
      oldValue: null,
      // The manifest itself stays on the signature node; the event carries its digest and size.
      newValue: { ...signed, provenance: { runs: manifest.runs.length, datasetInputs: manifest.datasetInputs.length, modelVersions: manifest.modelVersions.length, links: manifest.links.length, nodes: manifest.nodes.length, depth: manifest.depth, truncated: manifest.truncated } },
      reason,
    });
    return signature;
  });
}

/**
 * Re-checks every signature that names the report or is linked to one of its versions, by
 * recomputing the signed version's hash from its stored fields. A signature holds only for the
 * record and version it was made on: one moved to another record, or a version edited in place,
 * fails with the reason. It also fails when the role recorded with it cannot sign its meaning,
 * or when its signer now holds ADMIN beside a signing role (separation of duties).
 *
 * A signature that holds is also compared with the upstream provenance now, walked again from
 * the signed version's sources to the depth its manifest records: a difference leaves it valid
 * (the record signed is unchanged) but `upstreamChanged`, with what changed.
 */
export async function verifySignatures(ctx: SignatureContext, reportId: string): Promise<SignatureVerification[]> {
  parseIdOf(NodeType.REPORT, reportId, 'reportId');
  const [report] = await ctx.repos.reports.byIds([reportId]);
  if (!report) throw new NodeNotFoundError(NodeType.REPORT, reportId);
  const [versions] = await ctx.repos.reportWrites.versionsOf([reportId]);
  const latest = versions.length > 0 ? versions[versions.length - 1].version : null;
  const rows = await ctx.repos.signatures.toVerify(reportId);
  const current = currentProvenance(ctx);
  const out: SignatureVerification[] = [];
  for (const { signature, linked, signerRoles } of rows) {
    const check: SignatureCheck =
      linked.length === 1
        ? checkSignature(signature, linked[0])
        : { valid: false, reason: linked.length === 0 ? 'The signature is not linked to any version' : `The signature is linked to ${linked.length} versions` };
    const own = signature.reportId === reportId;
    const roleProblem = signerRoleProblem(signature.meaning, signature.signerRole, signerRoles);
    const held = !own
      ? { valid: false, reason: `The signature belongs to ${signature.reportId}, not ${reportId}` }
      : check.valid && roleProblem
        ? { valid: false, reason: roleProblem }
        : check;
    const { manifest } = signedManifest(signature);
    const upstream = checkUpstream(signature, held.valid && manifest ? await current(linked[0], manifest.depth) : null);
    const result = held.valid && upstream.problem ? { valid: false, reason: upstream.problem } : held;
    out.push({ signature, ...result, coversLatest: result.valid && signature.version === latest, upstreamChanged: upstream.upstreamChanged, upstreamChanges: upstream.changes });
  }
  return out;
}

/** The provenance of a version now, read once per version and depth however many signatures it has. */
function currentProvenance(ctx: SignatureContext): (version: ReportVersion, depth: number) => Promise<ProvenanceManifest> {
  const seen = new Map<string, Promise<ProvenanceManifest>>();
  return (version, depth) => {
    const key = `${version.version}@${depth}`;
    let found = seen.get(key);
    if (!found) {
      found = ctx.repos.lineage.upstreamProvenance(version, depth).then(buildProvenanceManifest);
      seen.set(key, found);
    }
    return found;
  };
}
