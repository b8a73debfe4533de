import { readFileSync } from 'node:fs';
import { verifyCheckpoint } from '../verifier';
import { assemble, canonicalBytes } from './assemble';
import { fetchAuditEvents } from './auditTrail';
import { type CheckpointFile, FILES, type LineageGraphRecord, type ProofsFile, SCHEMA_VERSION } from './format';
import { ApiError, ConnectionError, type GraphQLClient } from './graphqlClient';
import { sha256File } from './manifest';
import { renderPdf } from './pdf/render';
import type { Progress } from './progress';
import { activeKey, signManifest } from './packageSignature';
import { fetchConsistencyProof, fetchCheckpoint, fetchInclusionProofs, IntegrityError, type SigningKey } from './proofs';
import { ME } from './queries';
import { readmeText } from './readme';
import { collectReportFiles } from './reportFile';
import { fetchLineage, fetchRecords } from './records';
import type { Scope } from './scope';
import { type ApiSubject, fetchReport, fetchSignal, reportIdsBetween } from './subjects';
import { traceabilityCsv } from './traceability';
import { checkOutput, OutputError, writePackage } from './writePackage';

/**
 * One compliance export, start to finish: who is asking, which checkpoint, the subjects and
 * their upstream lineage, the audit events and their proofs; then the package's files, written
 * whole or not at all.
 */
export interface ExportRequest {
  readonly scope: Scope;
  readonly out: string;
  /** Tree size of a stored checkpoint; null for the latest. */
  readonly checkpoint: number | null;
  /** checkpoint.json of an earlier export, for a consistency proof. */
  readonly since: string | null;
  readonly force: boolean;
  /** Lineage depth, at most the server's PVL_MAX_LINEAGE_DEPTH. */
  readonly depth: number;
  /** The registered report file to carry (one-report exports); null to read the registered URI when it is local. */
  readonly reportFile?: string | null;
}

/** The account that exported the package, from the API's `me` with the exporter's token. */
export interface Exporter {
  readonly id: string;
  readonly printedName: string;
  /** The role the export is authorised under: compliance exports are QA's. */
  readonly role: string;
  readonly roles: string[];
  readonly method: string;
}

export interface ExportDeps {
  readonly client: GraphQLClient;
  readonly progress: Progress;
  readonly verifierBundle: Buffer;
  readonly tool: { readonly name: string; readonly version: string };
  readonly now?: () => Date;
}

export interface ExportSummary {
  readonly dir: string;
  readonly subjects: string[];
  readonly checkpoint: { origin: string; treeSize: number; rootHash: string };
  readonly counts: { runs: number; modelVersions: number; datasets: number; jobs: number; other: number; events: number; proofs: number; signatures: number };
  readonly consistencyFrom: number | null;
  readonly files: { name: string; bytes: number }[];
  readonly warnings: string[];
  readonly requests: number;
}

/** The token's account may not export: compliance exports are for QA (docs/security.md). */
export class PermissionError extends Error {
  override readonly name = 'PermissionError';
}

export async function exportPackage(req: ExportRequest, deps: ExportDeps): Promise<ExportSummary> {
  let stage = 'starting';
  const progress: Progress = {
    ...deps.progress,
    step: (label, total) => {
      stage = label;
      deps.progress.step(label, total);
    },
  };
  try {
    return await run(req, { ...deps, progress });
  } catch (err) {
    // Say how far the export got: "did not answer … while reading audit trails".
    if (err instanceof ConnectionError) throw new ConnectionError(`${err.message} (during: ${stage})`);
    throw err;
  }
}

async function run(req: ExportRequest, deps: ExportDeps): Promise<ExportSummary> {
  const { client, progress } = deps;
  const now = deps.now ?? (() => new Date());
  checkOutput(req.out, req.force);
  const previous = req.since ? readPrevious(req.since) : null;

  progress.step('checking the token');
  const me = await whoAmI(client);
  progress.step('audit checkpoint');
  const { checkpoint, keys } = await fetchCheckpoint(client, req.checkpoint);
  const previousOpened = previous ? openPrevious(previous, keys, checkpoint.origin, req.since!) : null;

  const subjects = await fetchSubjects(client, req.scope, progress);
  // Read and checked before the long part, so a wrong --report-file fails at once, writing nothing.
  const reportFiles = collectReportFiles(
    subjects.flatMap((s) => (s.type === 'REPORT' ? [{ id: s.id, contentHash: s.contentHash, uri: s.uri }] : [])),
    req.reportFile ?? null,
  );
  progress.step('lineage', subjects.length);
  const withLineage: { api: ApiSubject; lineage: LineageGraphRecord }[] = [];
  for (const api of subjects) {
    withLineage.push({ api, lineage: await fetchLineage(client, api.id, req.depth) });
    progress.update(withLineage.length);
  }
  progress.step('upstream records');
  const records = await fetchRecords(
    client,
    withLineage.map((s) => ({ type: s.api.type, id: s.api.id, lineage: s.lineage })),
    (_step, done, total) => progress.update(done, total),
  );

  const entityIds = new Set<string>([...withLineage.flatMap((s) => [s.api.id, ...s.lineage.nodes.map((n) => n.id)])]);
  // OpenLineage events are audited under their event id; the runs they moved name them.
  for (const run of records.runs.values()) for (const t of run.stateHistory) entityIds.add(t.eventId);
  progress.step('audit trails', entityIds.size);
  const trail = await fetchAuditEvents(client, [...entityIds], checkpoint.treeSize, (done, total) => progress.update(done, total));

  const assembled = assemble({ scope: req.scope, checkpoint, subjects: withLineage, records, events: trail.events, later: trail.later });
  progress.step('inclusion proofs', assembled.audit.events.length);
  const inclusion = await fetchInclusionProofs(client, assembled.audit.events, checkpoint, (done, total) => progress.update(done, total));
  const consistency = previousOpened ? await fetchConsistencyProof(client, previousOpened, checkpoint) : null;

  progress.step('writing the package');
  // The active key signs the package; it is shipped with the checkpoint keys so one key file checks both.
  const packageKey = activeKey(keys);
  const usedKeys = keysFor([checkpoint.keyId, ...(previousOpened ? previousOpened.keyIds : []), packageKey.keyId], keys);
  const checkpointFile: CheckpointFile = {
    schemaVersion: SCHEMA_VERSION,
    note: checkpoint.note,
    checkpoint: { origin: checkpoint.origin, treeSize: checkpoint.treeSize, rootHash: checkpoint.rootHash, keyId: checkpoint.keyId, issuedAt: checkpoint.issuedAt },
  };
  const proofsFile: ProofsFile = { schemaVersion: SCHEMA_VERSION, checkpoint: assembled.lineage.checkpoint, inclusion, consistency };
  const lineageBytes = canonicalBytes(assembled.lineage);
  const auditBytes = canonicalBytes(assembled.audit);
  const exportedAt = now().toISOString();
  const warnings = [...assembled.warnings, ...reportFiles.warnings];
  const pdf = await renderPdf({
    lineage: assembled.lineage,
    audit: assembled.audit,
    checkpoint: checkpointFile,
    hashes: { lineage: sha256File(lineageBytes), audit: sha256File(auditBytes) },
    verifierKeys: usedKeys.map((k) => k.verifierKey),
    exported: { by: me, at: exportedAt },
    reportFiles: reportFiles.files,
  });
  const info = {
    schemaVersion: SCHEMA_VERSION,
    exportedAt,
    exportedBy: me,
    reportFiles: reportFiles.files.map((f) => ({ reportId: f.reportId, file: f.name, sha256: f.sha256, source: f.source })),
    tool: { ...deps.tool, node: process.version },
    api: client.url,
    request: { scope: req.scope, checkpoint: req.checkpoint, since: req.since, depth: req.depth, reportFile: req.reportFile ?? null },
    warnings,
  };
  const files = new Map<string, Buffer>([
    [FILES.lineage, lineageBytes],
    [FILES.audit, auditBytes],
    [FILES.checkpoint, canonicalBytes(checkpointFile)],
    [FILES.proofs, canonicalBytes(proofsFile)],
    [FILES.publicKey, Buffer.from(usedKeys.map((k) => (k.publicKeyPem.endsWith('\n') ? k.publicKeyPem : `${k.publicKeyPem}\n`)).join(''), 'utf8')],
    [FILES.verifierKey, Buffer.from(usedKeys.map((k) => `${k.verifierKey}\n`).join(''), 'utf8')],
    [FILES.pdf, pdf],
    [FILES.csv, Buffer.from(traceabilityCsv(assembled.lineage), 'utf8')],
    [FILES.verifier, deps.verifierBundle],
    [FILES.readme, Buffer.from(readmeText(assembled.lineage, consistency !== null, reportFiles.files.map((f) => f.name)), 'utf8')],
    [FILES.info, Buffer.from(`${JSON.stringify(info, null, 2)}\n`, 'utf8')],
    ...reportFiles.files.map((f) => [f.name, f.bytes] as const),
  ]);
  progress.step('signing, verifying and renaming');
  const subjectIds = assembled.lineage.subjects.map((s) => s.id);
  const { dir, manifest, signature } = await writePackage(req.out, files, req.force, (m) => signManifest(client, m, subjectIds, packageKey, checkpoint.origin));
  progress.stop();

  const r = assembled.lineage.records;
  return {
    dir,
    subjects: assembled.lineage.subjects.map((s) => s.id),
    checkpoint: assembled.lineage.checkpoint,
    counts: {
      runs: r.runs.length,
      modelVersions: r.modelVersions.length,
      datasets: r.datasets.length,
      jobs: r.jobs.length,
      other: r.other.length,
      events: assembled.audit.events.length,
      proofs: inclusion.length,
      signatures: assembled.lineage.subjects.reduce((n, s) => n + (s.type === 'REPORT' ? s.signatures.length : 0), 0),
    },
    consistencyFrom: consistency?.fromSize ?? null,
    files: [...files, [FILES.manifest, manifest] as const, [FILES.manifestSignature, signature] as const].map(([name, bytes]) => ({ name, bytes: bytes.length })).sort((a, b) => (a.name < b.name ? -1 : 1)),
    warnings,
    requests: client.requests,
  };
}

async function whoAmI(client: GraphQLClient): Promise<Exporter> {
  let me: { id: string; displayName: string; roles: string[]; method: string };
  try {
    me = (await client.request<{ me: typeof me }>(ME)).me;
  } catch (err) {
    if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') throw new PermissionError(`the API refused the token (${err.message}); check PVL_API_TOKEN or --token`);
    throw err;
  }
  if (!me.roles.includes('QA')) {
    throw new PermissionError(`the token's account ${me.id} (${me.displayName}) holds ${me.roles.join(', ') || 'no roles'}; compliance exports need the QA role`);
  }
  return { id: me.id, printedName: me.displayName, role: 'QA', roles: me.roles, method: me.method };
}

async function fetchSubjects(client: GraphQLClient, scope: Scope, progress: Progress): Promise<ApiSubject[]> {
  progress.step('subjects');
  if (scope.kind === 'report') return [await fetchReport(client, scope.id!)];
  if (scope.kind === 'signal') return [await fetchSignal(client, scope.id!)];
  const ids = await reportIdsBetween(client, new Date(scope.from!), new Date(scope.to!));
  if (ids.length === 0) throw new OutputError(`no report was registered from ${scope.from} to ${scope.to}; nothing to export`);
  progress.step('subjects', ids.length);
  const out: ApiSubject[] = [];
  for (const id of ids) {
    out.push(await fetchReport(client, id));
    progress.update(out.length);
  }
  return out;
}

function readPrevious(file: string): { note: string } {
  let parsed: Partial<CheckpointFile>;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<CheckpointFile>;
  } catch (err) {
    throw new OutputError(`--since ${file} cannot be read as an earlier export's checkpoint.json: ${(err as Error).message}`);
  }
  if (typeof parsed.note !== 'string') throw new OutputError(`--since ${file} has no signed checkpoint note; give the checkpoint.json of an earlier export`);
  return { note: parsed.note };
}

function openPrevious(previous: { note: string }, keys: readonly SigningKey[], origin: string, file: string): { note: string; treeSize: number; rootHash: string; keyIds: string[] } {
  const opened = verifyCheckpoint(previous.note, keys.map((k) => k.verifierKey), origin);
  if (!opened.ok) throw new IntegrityError(`--since ${file}: the earlier checkpoint does not verify with this server's keys: ${opened.reason}`);
  return { note: previous.note, treeSize: opened.treeSize, rootHash: opened.rootHash, keyIds: opened.keyIds };
}

function keysFor(keyIds: readonly string[], keys: readonly SigningKey[]): SigningKey[] {
  return [...new Set(keyIds)].sort().map((id) => keys.find((k) => k.keyId === id) ?? (() => {
    throw new IntegrityError(`the server does not list the key ${id} that signed the checkpoint`);
  })());
}
