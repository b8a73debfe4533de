import type { Actor } from '../../domain/audit/actor';
import { AuditKind } from '../../domain/audit/draft';
import { signNote } from '../../domain/audit/note';
import { formatPackageStatement, type PackageStatement, SHA256_HEX } from '../../domain/audit/packageStatement';
import { BadInputError, NodeNotFoundError } from '../../domain/errors';
import { parseId } from '../../domain/ids';
import { NodeType } from '../../domain/nodeType';
import type { AuditedWriter } from '../../graph/auditedWriter';
import type { Repositories } from '../../graph/repositories';
import type { KeyRing } from './keyRing';

/** A compliance package's signature: the signed note over its manifest's SHA-256, and what it says. */
export interface PackageSignature extends PackageStatement {
  readonly algorithm: 'Ed25519';
  readonly keyId: string;
  /** The C2SP signed note: the package statement, a blank line, the signature line. */
  readonly note: string;
}

/** A range export names one subject per report; beyond this the statement and its audit event grow unreasonably. */
export const MAX_PACKAGE_SUBJECTS = 10_000;
export const PACKAGE_SIGNED = 'EXPORT_PACKAGE_SIGNED';
const ENTITY = 'CompliancePackage';

/**
 * Signs compliance packages with the audit signing key, which only the server holds: the
 * exporter sends the SHA-256 of MANIFEST.sha256 and the package's subjects, and gets back a
 * signed note it stores beside the manifest. Every signature is an audited event, committed
 * before the signature is handed out, so no signed package exists that the trail does not name.
 */
export class PackageSigningService {
  constructor(
    private readonly repos: Pick<Repositories, 'reports' | 'signals'>,
    private readonly writer: AuditedWriter,
    private readonly keys: KeyRing,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async sign(actor: Actor, manifestSha256: string, subjectIds: readonly string[]): Promise<PackageSignature> {
    if (!SHA256_HEX.test(manifestSha256)) {
      throw new BadInputError('manifestSha256', 'manifestSha256 must be the SHA-256 of MANIFEST.sha256 as 64 lowercase hex digits');
    }
    const subjects = await this.existingSubjects(subjectIds);
    const { signerKey, keyId } = this.keys.signer();
    const statement: PackageStatement = { origin: this.keys.origin, manifestSha256, signedAt: this.now().toISOString(), signedBy: actor.id, subjectIds: subjects };
    const note = signNote(formatPackageStatement(statement), signerKey);
    await this.writer.write('export.sign', async (tx) => {
      tx.audit({
        actor,
        kind: AuditKind.CREATE,
        action: PACKAGE_SIGNED,
        entityType: ENTITY,
        entityId: `package:${manifestSha256}`,
        oldValue: null,
        newValue: { manifestSha256, subjectIds: subjects, keyId, signedAt: statement.signedAt, origin: statement.origin },
      });
    });
    return { ...statement, algorithm: 'Ed25519', keyId, note };
  }

  /** Sorted, each once; every one a report or signal that exists (NOT_FOUND names the first that does not). */
  private async existingSubjects(subjectIds: readonly string[]): Promise<string[]> {
    const ids = [...new Set(subjectIds)].sort();
    if (ids.length === 0) throw new BadInputError('subjectIds', 'subjectIds must name the package\'s reports or signals');
    if (ids.length > MAX_PACKAGE_SUBJECTS) throw new BadInputError('subjectIds', `A package names at most ${MAX_PACKAGE_SUBJECTS} subjects, got ${ids.length}`);
    const byType = new Map<NodeType, string[]>([[NodeType.REPORT, []], [NodeType.SIGNAL, []]]);
    for (const id of ids) {
      const { type } = parseId(id, 'subjectIds');
      const list = byType.get(type);
      if (!list) throw new BadInputError('subjectIds', `The subject ${id} is not a report or a signal id`, { id });
      list.push(id);
    }
    const reports = byType.get(NodeType.REPORT)!;
    const signals = byType.get(NodeType.SIGNAL)!;
    const [foundReports, foundSignals] = await Promise.all([this.repos.reports.byIds(reports), this.repos.signals.byIds(signals)]);
    reports.forEach((id, i) => {
      if (!foundReports[i]) throw new NodeNotFoundError(NodeType.REPORT, id);
    });
    signals.forEach((id, i) => {
      if (!foundSignals[i]) throw new NodeNotFoundError(NodeType.SIGNAL, id);
    });
    return ids;
  }
}
