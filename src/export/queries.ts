/**
 * The GraphQL the export sends. Record fields are fragments so a record reads the same whether
 * it came through a report's provenance or a batched lookup by id.
 */

export const ME = 'query ExportMe { me { id displayName roles method } }';

export const CHECKPOINT = `query ExportCheckpoint($treeSize: Int) {
  auditCheckpoint(treeSize: $treeSize) { origin treeSize rootHash keyId issuedAt note }
  auditSigningKeys { keyId verifierKey publicKeyPem active }
}`;

const SIGNATURE_FIELDS = 'id reportId version meaning userId printedName signedAt reason recordHash provenanceDigest manifestation';

export const REPORT = `query ExportReport($id: ID!) {
  report(id: $id) {
    id title kind status period contentHash uri createdAt
    withdrawal { at by byName reason }
    versions { version title kind period contentHash uri createdAt createdBy createdByName recordHash supersedes
      generatedFromRuns modelVersionIds datasetIds signalIds }
    signatures { ${SIGNATURE_FIELDS} }
  }
  verifySignatures(reportId: $id) { valid reason coversLatest upstreamChanged upstreamChanges { kind section entity field before after summary } signature { id } }
}`;

export const SIGNAL = `query ExportSignal($id: ID!) {
  signal(id: $id) {
    id drug drugCode eventTerm meddraCode meddraVersion status prr ror chiSquare caseCount detectedAt
    run { id }
    reports { id title }
    history { from to at actorId actorName decision rationale }
  }
}`;

export const REPORT_PAGE = `query ExportReports($after: String) {
  reports(first: 500, after: $after) { edges { node { id createdAt } } pageInfo { hasNextPage endCursor } }
}`;

export const LINEAGE = `query ExportLineage($id: ID!, $depth: Int!) {
  lineage(id: $id, direction: UPSTREAM, depth: $depth, limit: 10000) {
    nodes { id type displayName depth summary }
    edges { from to type }
    truncated truncationReason
  }
}`;

export const RUN_FIELDS = `fragment ExportRun on Run {
  id runId name status lifecycleStage startTime endTime userId gitCommit sourceName sourceType artifactUri
  params tags
  metrics { key value special step timestamp }
  experiment { id name }
  parent { id }
  inputs { context digest dataset { id } }
  modelVersions { id }
  stateHistory { at state eventId }
}`;

export const MODEL_VERSION_FIELDS = `fragment ExportModelVersion on ModelVersion {
  id name version stage status source runId aliases createdAt run { id }
}`;

const DETECTION_FIELDS = 'method thresholds dataSource dataPeriod meddraVersion meddraLevel deduplication file';

const PROVENANCE_FIELDS = `provenance {
  runs { detectionMethod { ${DETECTION_FIELDS} } run { ...ExportRun } }
  modelVersions { hash modelVersion { ...ExportModelVersion } }
}`;

export const REPORT_PROVENANCE = `query ExportReportProvenance($id: ID!) { report(id: $id) { ${PROVENANCE_FIELDS} } }
${RUN_FIELDS}
${MODEL_VERSION_FIELDS}`;

export const SIGNAL_PROVENANCE = `query ExportSignalProvenance($id: ID!) { signal(id: $id) { ${PROVENANCE_FIELDS} } }
${RUN_FIELDS}
${MODEL_VERSION_FIELDS}`;

export const DATASET_FIELDS = 'fragment ExportDataset on Dataset { id namespace name digest period sourceType versions { digest source recordedAt } }';
export const JOB_FIELDS = 'fragment ExportJob on Job { id namespace name facets runs { id } }';

export const AUDIT_ENTRY_FIELDS = `fragment ExportAuditEntry on AuditEntry {
  seq at actor { id role name } action category entityType entityId entityVersion oldValue newValue reason hash
}`;

export const INCLUSION_PROOFS = `query ExportProofs($seqs: [Int!]!, $treeSize: Int!) {
  auditInclusionProofs(seqs: $seqs, treeSize: $treeSize) { seq treeSize leafHash proof rootHash }
}`;

export const CONSISTENCY_PROOF = `query ExportConsistency($fromSize: Int!, $toSize: Int!) {
  auditConsistencyProof(fromSize: $fromSize, toSize: $toSize) { fromSize toSize fromRoot toRoot proof }
}`;

export const SIGN_MANIFEST = `mutation ExportSignManifest($manifestSha256: String!, $subjectIds: [ID!]!) {
  signExportManifest(manifestSha256: $manifestSha256, subjectIds: $subjectIds) { algorithm keyId origin manifestSha256 subjectIds signedAt signedBy note }
}`;
