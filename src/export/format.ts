import type { AuditEventData } from '../domain/audit/event';

/**
 * The files of a compliance package and the shapes of its JSON files. The exporter writes them
 * and the bundled verifier reads them, so this module holds types and constants only: the
 * verifier bundle must stay free of the exporter's dependencies.
 */
export const SCHEMA_VERSION = 1;

export const FILES = {
  lineage: 'lineage.json',
  audit: 'audit.json',
  checkpoint: 'checkpoint.json',
  proofs: 'proofs.json',
  publicKey: 'public-key.pem',
  verifierKey: 'verifier-key.txt',
  pdf: 'report.pdf',
  csv: 'traceability.csv',
  verifier: 'verify.mjs',
  readme: 'README.txt',
  info: 'export-info.json',
  manifest: 'MANIFEST.sha256',
  /** The server's detached signature over the manifest: the one file the manifest cannot list. */
  manifestSignature: 'MANIFEST.sha256.sig',
} as const;

/**
 * The folder that carries the registered report file(s) themselves, when the exporter could
 * read them: `report-file/<name>`. Optional; the verifier checks each against the registered
 * content hash (SHA-256) in lineage.json.
 */
export const REPORT_FILE_DIR = 'report-file';

/** A name inside REPORT_FILE_DIR: what the manifest and the verifier accept. */
export const REPORT_FILE_NAME = /^[A-Za-z0-9._-]+$/;

/** Every file a package must hold besides the manifest, its signature and the optional report file(s), in manifest (name) order. */
export const PACKAGE_FILES: readonly string[] = Object.values(FILES)
  .filter((f) => f !== FILES.manifest && f !== FILES.manifestSignature)
  .sort();

/** The markers the PDF's XMP keywords carry, so the verifier can tie the PDF to lineage.json. */
export const PDF_MARKERS = { lineage: 'lineage.json-sha256', content: 'content-sha256' } as const;

export interface CheckpointView {
  readonly origin: string;
  readonly treeSize: number;
  /** Base64 RFC 9162 root hash. */
  readonly rootHash: string;
  readonly keyId: string;
  readonly issuedAt: string;
}

/**
 * MANIFEST.sha256.sig: the audit signing key's signed note over the SHA-256 of MANIFEST.sha256
 * (src/domain/audit/packageStatement.ts), exactly as the server signed it, and what it says.
 */
export interface ManifestSignatureFile {
  readonly schemaVersion: number;
  readonly algorithm: 'Ed25519';
  /** The signing key, one of public-key.pem / verifier-key.txt. */
  readonly keyId: string;
  readonly origin: string;
  readonly manifestSha256: string;
  readonly subjectIds: string[];
  readonly signedAt: string;
  readonly signedBy: string;
  readonly note: string;
}

/** checkpoint.json: the signed note exactly as the server signed it, and what it says. */
export interface CheckpointFile {
  readonly schemaVersion: number;
  readonly note: string;
  readonly checkpoint: CheckpointView;
}

/** What the JSON files repeat of the checkpoint, so each names the tree it belongs to. */
export interface CheckpointRef {
  readonly origin: string;
  readonly treeSize: number;
  readonly rootHash: string;
}

/** One audit event: exactly the canonical fields its leaf hash covers, plus the stored hash (hex). */
export type AuditEventRecord = AuditEventData & { readonly hash: string };

export interface AuditFile {
  readonly schemaVersion: number;
  readonly checkpoint: CheckpointRef;
  /** Every event about the package's records within the checkpoint, by seq. */
  readonly events: AuditEventRecord[];
}

export interface InclusionRecord {
  readonly seq: number;
  /** Base64 leaf hash. */
  readonly leafHash: string;
  /** Base64 audit path, leaf to root. */
  readonly proof: string[];
}

export interface ConsistencyRecord {
  readonly fromSize: number;
  readonly toSize: number;
  readonly fromRoot: string;
  readonly toRoot: string;
  readonly proof: string[];
  /** The earlier export's signed checkpoint note (from `--since`), so its root is signed too. */
  readonly fromCheckpointNote: string;
}

export interface ProofsFile {
  readonly schemaVersion: number;
  readonly checkpoint: CheckpointRef;
  readonly inclusion: InclusionRecord[];
  readonly consistency: ConsistencyRecord | null;
}

export interface LineageNodeRecord {
  readonly id: string;
  readonly type: string;
  readonly displayName: string;
  readonly depth: number;
  readonly summary: string | null;
}

export interface LineageEdgeRecord {
  readonly from: string;
  readonly to: string;
  readonly type: string;
}

export interface LineageGraphRecord {
  readonly nodes: LineageNodeRecord[];
  readonly edges: LineageEdgeRecord[];
  readonly truncated: boolean;
  readonly truncationReason: string | null;
}

export interface SignatureRecord {
  readonly id: string;
  readonly reportId: string;
  readonly version: number;
  readonly meaning: string;
  readonly userId: string;
  readonly printedName: string;
  readonly signedAt: string;
  readonly reason: string;
  readonly recordHash: string;
  readonly manifestation: string;
  /** The server's re-check of the signature against the version it names (verifySignatures). */
  readonly valid: boolean;
  readonly invalidReason: string | null;
  readonly coversLatest: boolean;
  /** SHA-256 of the upstream provenance manifest frozen at signing; null on signatures made before it was. */
  readonly provenanceDigest: string | null;
  /** The server's comparison of that provenance with the provenance now; null when nothing was frozen. */
  readonly upstreamChanged: boolean | null;
  readonly upstreamChanges: UpstreamChangeRecord[];
}

/** One difference between the upstream a signature froze and the upstream at export (`ProvenanceChange`). */
export interface UpstreamChangeRecord {
  readonly kind: string;
  readonly section: string;
  readonly entity: string;
  readonly field: string | null;
  readonly before: string | null;
  readonly after: string | null;
  readonly summary: string;
}

export interface ReportVersionRecord {
  readonly version: number;
  readonly title: string;
  readonly kind: string;
  readonly period: string | null;
  readonly contentHash: string;
  readonly uri: string | null;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly createdByName: string;
  readonly recordHash: string;
  readonly supersedes: number | null;
  readonly generatedFromRuns: string[];
  readonly modelVersionIds: string[];
  readonly datasetIds: string[];
  readonly signalIds: string[];
}

export interface ChangeFlag {
  /** True when an audit event after the record's first one replaced an earlier value. */
  readonly changedSinceOriginalEntry: boolean;
  /** The seqs of those events. */
  readonly changeSeqs: number[];
}

export interface ReportSubject extends ChangeFlag {
  readonly type: 'REPORT';
  readonly id: string;
  readonly title: string;
  readonly kind: string;
  readonly status: string;
  readonly period: string | null;
  /** SHA-256 of the report file. */
  readonly contentHash: string;
  readonly uri: string | null;
  readonly createdAt: string;
  readonly withdrawal: { at: string; by: string; byName: string; reason: string } | null;
  readonly versions: ReportVersionRecord[];
  readonly signatures: SignatureRecord[];
  readonly lineage: LineageGraphRecord;
}

export interface SignalTransitionRecord {
  readonly from: string;
  readonly to: string;
  readonly at: string;
  readonly actorId: string;
  readonly actorName: string;
  readonly decision: string;
  readonly rationale: string;
}

export interface SignalSubject extends ChangeFlag {
  readonly type: 'SIGNAL';
  readonly id: string;
  readonly drug: string;
  readonly drugCode: string | null;
  readonly eventTerm: string;
  readonly meddraCode: string | null;
  readonly meddraVersion: string | null;
  readonly status: string;
  readonly prr: number | null;
  readonly ror: number | null;
  readonly chiSquare: number | null;
  readonly caseCount: number | null;
  readonly detectedAt: string | null;
  readonly detectedByRun: string | null;
  readonly history: SignalTransitionRecord[];
  /** Reports that cover the signal. */
  readonly reports: { id: string; title: string }[];
  readonly lineage: LineageGraphRecord;
}

export type Subject = ReportSubject | SignalSubject;

export interface MetricRecord {
  readonly key: string;
  readonly value: number | null;
  readonly special: string | null;
  readonly step: number;
  readonly timestamp: number;
}

export interface RunRecord extends ChangeFlag {
  readonly id: string;
  readonly runId: string;
  readonly name: string | null;
  readonly status: string;
  readonly lifecycleStage: string;
  readonly experiment: { id: string; name: string } | null;
  readonly parentId: string | null;
  readonly startTime: string | null;
  readonly endTime: string | null;
  readonly userId: string | null;
  readonly codeCommit: string | null;
  readonly sourceName: string | null;
  readonly sourceType: string | null;
  readonly artifactUri: string | null;
  readonly params: Record<string, unknown>;
  readonly metrics: MetricRecord[];
  readonly tags: Record<string, unknown>;
  readonly inputs: { datasetId: string; context: string | null; digest: string | null }[];
  readonly modelVersionIds: string[];
  readonly detectionMethod: Record<string, unknown> | null;
  /** OpenLineage state transitions (empty for MLflow runs). */
  readonly stateHistory: { at: string; state: string; eventId: string }[];
}

export interface ModelVersionRecord extends ChangeFlag {
  readonly id: string;
  readonly name: string;
  readonly version: number;
  readonly stage: string;
  readonly status: string | null;
  readonly source: string | null;
  readonly runId: string | null;
  readonly producedByRun: string | null;
  readonly aliases: string[];
  /** Artifact hash recorded on the version, when known. */
  readonly hash: string | null;
  readonly createdAt: string | null;
}

export interface DatasetRecord extends ChangeFlag {
  readonly id: string;
  readonly namespace: string;
  readonly name: string;
  readonly digest: string | null;
  /** Every snapshot any store reported, oldest recorded first: a run's own is on its input. */
  readonly versions: readonly { readonly digest: string; readonly source: string; readonly recordedAt: string }[];
  readonly period: string | null;
  readonly sourceType: string | null;
}

export interface JobRecord extends ChangeFlag {
  readonly id: string;
  readonly namespace: string;
  readonly name: string;
  readonly facets: Record<string, unknown> | null;
  readonly runIds: string[];
}

/** Any other upstream node (experiments, stores, registered and logged models, signals): what the lineage says of it. */
export interface OtherRecord extends ChangeFlag {
  readonly id: string;
  readonly type: string;
  readonly displayName: string;
  readonly summary: string | null;
}

export interface LineageFile {
  readonly schemaVersion: number;
  readonly scope: { readonly kind: 'report' | 'signal' | 'reports'; readonly id: string | null; readonly from: string | null; readonly to: string | null };
  readonly checkpoint: CheckpointRef;
  readonly subjects: Subject[];
  readonly records: {
    readonly runs: RunRecord[];
    readonly modelVersions: ModelVersionRecord[];
    readonly datasets: DatasetRecord[];
    readonly jobs: JobRecord[];
    readonly other: OtherRecord[];
  };
}
