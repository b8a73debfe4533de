import type { Report } from '../../domain/report';
import type { ReportVersion } from '../../domain/reportVersion';
import type { ReportSigningState } from '../../domain/signingWork';
import type { Signature, SignatureMeaning } from '../../domain/signature';
import { manyByKey } from '../batch';
import { toNeoDateTime, toNeoInt } from '../convert';
import { toReport } from '../mappers';
import type { GraphExecutor, Row, Tx } from '../executor';
import { LOCK_REPORT, toReportVersion } from './reportWriteRepository';

/**
 * Electronic signatures: `(:Signature)-[:SIGNS]->(:ReportVersion)`. A signature is written once
 * and never changed; it carries the record hash of the version it signs, so it can be checked
 * against that version at any later time.
 */

/** What the signing rules need, read after the report's lock is taken. */
export const SIGNING_STATE = `
MATCH (rep:Report {id: $reportId})
OPTIONAL MATCH (rep)-[:HAS_REPORT_VERSION]->(v:ReportVersion {version: $version})
OPTIONAL MATCH (s:Signature)-[:SIGNS]->(v)
WITH rep, v, collect(s{.meaning, .userId}) AS existing
OPTIONAL MATCH (signer:User {id: $signerId})
RETURN rep.status AS status, rep.latestVersion AS latestVersion, v{.*} AS version,
       existing, signer.roles AS signerRoles`;

export const CREATE_SIGNATURE = `
MATCH (:Report {id: $props.reportId})-[:HAS_REPORT_VERSION]->(v:ReportVersion {version: $props.version})
CREATE (s:Signature)
SET s = $props
CREATE (s)-[:SIGNS]->(v)
RETURN s.id AS id`;

/**
 * Signatures that name the report, and any signature linked to one of its versions (a copied or
 * re-linked signature must show up, and fail, rather than hide), with what each is linked to.
 */
export const SIGNATURES_TO_VERIFY = `
CALL () {
  MATCH (s:Signature {reportId: $reportId}) RETURN s
  UNION
  MATCH (:Report {id: $reportId})-[:HAS_REPORT_VERSION]->(:ReportVersion)<-[:SIGNS]-(s:Signature) RETURN s
}
OPTIONAL MATCH (s)-[:SIGNS]->(v:ReportVersion)
WITH s, collect(v{.*}) AS linked
OPTIONAL MATCH (signer:User {id: s.userId})
RETURN s{.*} AS signature, linked, signer.roles AS signerRoles
ORDER BY s.signedAt, s.id`;

export const SIGNATURES_OF_REPORTS = `
UNWIND $ids AS key
MATCH (s:Signature {reportId: key})
WITH key, s ORDER BY s.signedAt, s.id
RETURN key, s{.*} AS node`;

/**
 * Reports whose latest version still lacks one of `$meanings` (what the account's roles sign),
 * or that the account signed at some version: the candidates of its signing worklist, whose
 * rules the domain then applies (`signingWork.ts`). Oldest latest version first, then id.
 */
export const WORKLIST_SIGNING_STATES = `
MATCH (rep:Report)-[:HAS_REPORT_VERSION]->(v:ReportVersion)
WHERE v.version = rep.latestVersion AND rep.status <> 'WITHDRAWN'
OPTIONAL MATCH (s:Signature)-[:SIGNS]->(v)
WITH rep, v, collect(s{.meaning, .userId}) AS onLatest
WHERE any(meaning IN $meanings WHERE none(x IN onLatest WHERE x.meaning = meaning))
   OR EXISTS { (:Signature {userId: $userId})-[:SIGNS]->(:ReportVersion)<-[:HAS_REPORT_VERSION]-(rep) }
OPTIONAL MATCH (rep)-[:HAS_REPORT_VERSION]->(:ReportVersion)<-[:SIGNS]-(own:Signature {userId: $userId})
WITH rep, v, onLatest, collect(own{.id, .meaning, .version, .signedAt}) AS mine
RETURN rep{.*} AS report, v.version AS latestVersion, v.createdBy AS author, v.createdAt AS latestAt, onLatest, mine
ORDER BY v.createdAt, rep.id
LIMIT $limit`;

/** One candidate of a signing worklist: the report and the state the rules look at. */
export interface WorklistCandidate {
  readonly report: Report;
  readonly state: ReportSigningState;
}

export interface SigningState {
  readonly status: string;
  readonly latestVersion: number | null;
  readonly version: ReportVersion | null;
  readonly existing: readonly { meaning: SignatureMeaning; userId: string }[];
  /** The signer's roles as stored now (another replica may have changed them); null for SSO signers, who have no account node. */
  readonly signerRoles: readonly string[] | null;
}

/** A stored signature with what `verifySignatures` checks it against. */
export interface SignatureToVerify {
  readonly signature: Signature;
  readonly linked: ReportVersion[];
  /** The signer's roles now; null when the signer has no account node (SSO). */
  readonly signerRoles: readonly string[] | null;
}

export function toSignature(p: Row): Signature {
  return {
    id: String(p.id),
    reportId: String(p.reportId),
    version: p.version as number,
    meaning: p.meaning as SignatureMeaning,
    userId: String(p.userId),
    signerRole: (p.signerRole as string | null | undefined) ?? null,
    printedName: String(p.printedName),
    signedAt: String(p.signedAt),
    recordHash: String(p.recordHash),
    reason: String(p.reason),
    provenanceDigest: (p.provenanceDigest as string | null | undefined) ?? null,
    provenanceManifest: (p.provenanceManifest as string | null | undefined) ?? null,
  };
}

export class SignatureRepository {
  constructor(private readonly graph: GraphExecutor) {}

  /** Locks the report (signings and revisions of one report queue up) and reads what the rules need. */
  async signingState(tx: Tx, reportId: string, version: number, signerId: string, now: string): Promise<SigningState | null> {
    const locked = await tx.run(LOCK_REPORT, { reportId, now: toNeoDateTime(now) });
    if (locked.length === 0) return null;
    return this.readState(tx, reportId, version, signerId);
  }

  /** The same facts without the lock, for the check made before re-authentication. */
  async peekState(reportId: string, version: number, signerId: string): Promise<SigningState | null> {
    return this.graph.read('signature.peek', (tx) => this.readState(tx, reportId, version, signerId));
  }

  async create(tx: Tx, s: Signature): Promise<void> {
    const rows = await tx.run(CREATE_SIGNATURE, { props: { ...s, version: toNeoInt(s.version), signedAt: toNeoDateTime(s.signedAt) } });
    if (rows.length !== 1) throw new Error(`the signed version ${s.reportId} v${s.version} vanished inside the signing transaction`);
  }

  async toVerify(reportId: string): Promise<SignatureToVerify[]> {
    const rows = await this.graph.query('signature.toVerify', SIGNATURES_TO_VERIFY, { reportId });
    return rows.map((r) => ({
      signature: toSignature(r.signature as Row),
      linked: (r.linked as Row[]).map(toReportVersion),
      signerRoles: (r.signerRoles as string[] | null) ?? null,
    }));
  }

  async ofReports(ids: readonly string[]): Promise<Signature[][]> {
    return manyByKey(await this.graph.query('signature.ofReports', SIGNATURES_OF_REPORTS, { ids }), ids, toSignature);
  }

  /** At most `limit` candidates of `userId`'s signing worklist, in `WORKLIST_SIGNING_STATES` order. */
  async worklistCandidates(userId: string, meanings: readonly SignatureMeaning[], limit: number): Promise<WorklistCandidate[]> {
    const rows = await this.graph.query('signature.worklist', WORKLIST_SIGNING_STATES, { userId, meanings, limit: toNeoInt(limit) });
    return rows.map((r) => {
      const report = toReport(r.report as Row);
      return {
        report,
        state: {
          reportId: report.id,
          latestVersion: r.latestVersion as number,
          author: String(r.author),
          latestAt: String(r.latestAt),
          withdrawn: false,
          onLatest: (r.onLatest as Row[]).map((e) => ({ meaning: e.meaning as SignatureMeaning, userId: String(e.userId) })),
          mine: (r.mine as Row[]).map((e) => ({ id: String(e.id), meaning: e.meaning as SignatureMeaning, version: e.version as number, signedAt: String(e.signedAt) })),
        },
      };
    });
  }

  private async readState(tx: Tx, reportId: string, version: number, signerId: string): Promise<SigningState | null> {
    const [row] = await tx.run(SIGNING_STATE, { reportId, version: toNeoInt(version), signerId });
    if (!row) return null;
    return {
      status: String(row.status),
      latestVersion: (row.latestVersion as number | null) ?? null,
      version: row.version ? toReportVersion(row.version as Row) : null,
      existing: (row.existing as Row[]).map((e) => ({ meaning: e.meaning as SignatureMeaning, userId: String(e.userId) })),
      signerRoles: (row.signerRoles as string[] | null) ?? null,
    };
  }
}
