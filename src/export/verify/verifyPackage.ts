import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson } from '../../domain/audit/canonical';
import { eventHash, eventLeafHash } from '../../domain/audit/event';
import { verifyCheckpoint, verifyConsistencyProof, verifyInclusionProof, verifyPackageSignature } from '../../verifier';
import { type AuditFile, type CheckpointFile, type CheckpointRef, FILES, type LineageFile, type ManifestSignatureFile, PACKAGE_FILES, PDF_MARKERS, type ProofsFile, REPORT_FILE_DIR, REPORT_FILE_NAME, SCHEMA_VERSION } from '../format';
import { parseManifest, sha256File } from '../manifest';
import { traceabilityCsv } from '../traceability';
import { parseKeys } from './keys';
import { readPdfMarkers } from './pdfMarkers';

/**
 * Checks a compliance package with nothing but its own files: the manifest, the signed
 * checkpoint, every event against its inclusion proof, the consistency proof, that the
 * signatures and versions shown are the ones the audit log proves, and that the PDF and the
 * CSV say what lineage.json says, and last that the server's signature covers the manifest: the
 * content checks come first so a forgery is named where it is, and the signature then catches
 * the rewrite they cannot (lineage.json, the PDF and the manifest changed together). It stops at
 * the first failure and names the file.
 */
export interface VerifyOptions {
  /** Verifier keys obtained independently (e.g. published by the sponsor); used instead of the package's own. */
  readonly trustedKeys?: readonly string[];
}

export type PackageVerdict =
  | { readonly ok: true; readonly passed: string[] }
  | { readonly ok: false; readonly passed: string[]; readonly file: string; readonly reason: string };

class Failure extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

const fail = (file: string, reason: string): never => {
  throw new Failure(file, reason);
};

/** Reads every file of the folder and checks them. */
export function verifyPackage(dir: string, options: VerifyOptions = {}): PackageVerdict {
  const files = new Map<string, Buffer>();
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch (err) {
    return { ok: false, passed: [], file: dir, reason: `cannot read the folder: ${(err as Error).message}` };
  }
  for (const name of names) {
    const path = join(dir, name);
    if (name === REPORT_FILE_DIR && statSync(path).isDirectory()) {
      // The one folder a package may hold: the registered report file(s), files only.
      for (const inner of readdirSync(path).sort()) {
        const innerPath = join(path, inner);
        if (!statSync(innerPath).isFile()) return { ok: false, passed: [], file: `${name}/${inner}`, reason: 'is not a file; a package holds files only' };
        files.set(`${name}/${inner}`, readFileSync(innerPath));
      }
      continue;
    }
    if (!statSync(path).isFile()) return { ok: false, passed: [], file: name, reason: `is not a file; a package holds files only (and the ${REPORT_FILE_DIR}/ folder)` };
    files.set(name, readFileSync(path));
  }
  return checkPackage(files, options);
}

export function checkPackage(files: ReadonlyMap<string, Buffer>, options: VerifyOptions = {}): PackageVerdict {
  const passed: string[] = [];
  try {
    checkManifest(files, passed);
    const lineage = json<LineageFile>(files, FILES.lineage, true);
    const audit = json<AuditFile>(files, FILES.audit, true);
    const proofs = json<ProofsFile>(files, FILES.proofs, true);
    const checkpointFile = json<CheckpointFile>(files, FILES.checkpoint, true);
    const keys = checkKeys(files, options, passed);
    const checkpoint = checkCheckpoint(checkpointFile, keys, passed);
    for (const [file, ref] of [[FILES.lineage, lineage.checkpoint], [FILES.audit, audit.checkpoint], [FILES.proofs, proofs.checkpoint]] as const) {
      sameCheckpoint(file, ref, checkpoint);
    }
    const leaves = checkEvents(audit, checkpoint, passed);
    checkInclusion(proofs, audit, leaves, checkpoint, passed);
    checkConsistency(proofs, checkpoint, keys, passed);
    checkRecords(lineage, audit, passed);
    checkReportFiles(files, lineage, passed);
    checkPdf(files, lineage, passed);
    if (text(files, FILES.csv) !== traceabilityCsv(lineage)) fail(FILES.csv, 'its rows are not the traceability paths of lineage.json');
    passed.push(`${FILES.csv} lists the traceability paths of ${FILES.lineage}`);
    checkSignature(files, lineage, keys, checkpoint, passed);
    return { ok: true, passed };
  } catch (err) {
    if (err instanceof Failure) return { ok: false, passed, file: err.file, reason: err.reason };
    return { ok: false, passed, file: '(package)', reason: `unexpected problem: ${(err as Error).message}` };
  }
}

function checkManifest(files: ReadonlyMap<string, Buffer>, passed: string[]): void {
  const manifest = files.get(FILES.manifest) ?? fail(FILES.manifest, 'is missing');
  const parsed = parseManifest(manifest.toString('utf8'));
  if (!parsed.ok) return fail(FILES.manifest, parsed.reason);
  for (const name of PACKAGE_FILES) {
    if (!parsed.entries.has(name)) fail(files.has(name) ? FILES.manifest : name, files.has(name) ? `does not list ${name}` : 'is missing from the package and from MANIFEST.sha256');
  }
  if (parsed.entries.has(FILES.manifestSignature)) fail(FILES.manifest, `lists ${FILES.manifestSignature}, the signature over the manifest itself, which no manifest can list`);
  for (const name of files.keys()) {
    if (name !== FILES.manifest && name !== FILES.manifestSignature && !parsed.entries.has(name)) fail(name, `is not listed in ${FILES.manifest}: it does not belong to the package`);
  }
  for (const [name, expected] of parsed.entries) {
    const bytes = files.get(name) ?? fail(name, `is listed in ${FILES.manifest} but missing from the package`);
    const actual = sha256File(bytes);
    if (actual !== expected) fail(name, `its SHA-256 is ${actual}, but ${FILES.manifest} lists ${expected}: ${name} or the manifest was altered`);
  }
  passed.push(`${FILES.manifest}: all ${parsed.entries.size} files present, none extra, every SHA-256 matches`);
}

function text(files: ReadonlyMap<string, Buffer>, name: string): string {
  const bytes = files.get(name) ?? fail(name, 'is missing');
  const s = bytes.toString('utf8');
  if (!Buffer.from(s, 'utf8').equals(bytes)) fail(name, 'is not valid UTF-8');
  return s;
}

function json<T>(files: ReadonlyMap<string, Buffer>, name: string, canonical: boolean): T {
  const s = text(files, name);
  let value: unknown;
  try {
    value = JSON.parse(s);
  } catch (err) {
    return fail(name, `is not JSON: ${(err as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || (value as { schemaVersion?: unknown }).schemaVersion !== SCHEMA_VERSION) {
    fail(name, `has no schemaVersion ${SCHEMA_VERSION}; this verifier reads version ${SCHEMA_VERSION} packages`);
  }
  if (canonical && canonicalJson(value) !== s) fail(name, 'is not in RFC 8785 canonical form');
  return value as T;
}

function checkKeys(files: ReadonlyMap<string, Buffer>, options: VerifyOptions, passed: string[]): string[] {
  const parsed = parseKeys(text(files, FILES.verifierKey), text(files, FILES.publicKey));
  if (!parsed.ok) return fail(FILES[parsed.file], parsed.reason);
  if (options.trustedKeys && options.trustedKeys.length > 0) {
    passed.push(`keys: using the ${options.trustedKeys.length} verifier key(s) given on the command line, not the package's own`);
    return [...options.trustedKeys];
  }
  passed.push(`keys: ${FILES.publicKey} and ${FILES.verifierKey} hold the same ${parsed.verifierKeys.length} key(s)`);
  return parsed.verifierKeys;
}

function checkCheckpoint(file: CheckpointFile, keys: string[], passed: string[]): CheckpointRef {
  const view = file.checkpoint ?? fail(FILES.checkpoint, 'has no checkpoint view');
  const opened = verifyCheckpoint(file.note, keys, view.origin);
  if (!opened.ok) return fail(FILES.checkpoint, `the signed checkpoint does not verify: ${opened.reason}`);
  if (opened.treeSize !== view.treeSize || opened.rootHash !== view.rootHash || !opened.keyIds.includes(view.keyId)) {
    fail(FILES.checkpoint, `its JSON view (size ${view.treeSize}, root ${view.rootHash}, key ${view.keyId}) is not what the signed note says (size ${opened.treeSize}, root ${opened.rootHash}, keys ${opened.keyIds.join(', ')})`);
  }
  passed.push(`checkpoint: ${opened.origin}, tree size ${opened.treeSize}, root ${opened.rootHash}, signed by ${opened.keyIds.join(', ')}`);
  return { origin: opened.origin, treeSize: opened.treeSize, rootHash: opened.rootHash };
}

function sameCheckpoint(file: string, ref: CheckpointRef | undefined, checkpoint: CheckpointRef): void {
  if (!ref || ref.origin !== checkpoint.origin || ref.treeSize !== checkpoint.treeSize || ref.rootHash !== checkpoint.rootHash) {
    fail(file, `names checkpoint ${JSON.stringify(ref ?? null)}, not the signed one (size ${checkpoint.treeSize}, root ${checkpoint.rootHash})`);
  }
}

/** Every event's hash, order and time; returns the leaf hashes (base64) by seq. */
function checkEvents(audit: AuditFile, checkpoint: CheckpointRef, passed: string[]): Map<number, string> {
  if (!Array.isArray(audit.events)) return fail(FILES.audit, 'has no list of events');
  const leaves = new Map<number, string>();
  let previous: { seq: number; at: string } | null = null;
  for (const [i, e] of audit.events.entries()) {
    const label = `event ${typeof e?.seq === 'number' ? e.seq : `at position ${i}`}`;
    let hash: string;
    let leaf: string;
    try {
      hash = eventHash(e);
      leaf = eventLeafHash(e).toString('base64');
    } catch (err) {
      return fail(FILES.audit, `${label} is malformed: ${(err as Error).message}`);
    }
    if (e.hash !== hash) fail(FILES.audit, `${label}: its fields do not match its hash ${e.hash}: the event was altered`);
    if (e.seq >= checkpoint.treeSize) fail(FILES.audit, `${label} is not in the checkpointed tree of size ${checkpoint.treeSize}`);
    if (previous && e.seq <= previous.seq) fail(FILES.audit, `${label} follows event ${previous.seq}: events must be in increasing seq order, each once`);
    if (previous && e.at < previous.at) fail(FILES.audit, `${label} is timed ${e.at}, before event ${previous.seq} (${previous.at}): time ran backwards`);
    leaves.set(e.seq, leaf);
    previous = e;
  }
  passed.push(`${FILES.audit}: ${audit.events.length} events, each matching its hash, in seq order, time never running backwards`);
  return leaves;
}

function checkInclusion(proofs: ProofsFile, audit: AuditFile, leaves: Map<number, string>, checkpoint: CheckpointRef, passed: string[]): void {
  if (!Array.isArray(proofs.inclusion)) return fail(FILES.proofs, 'has no list of inclusion proofs');
  const proven = new Set<number>();
  const events = new Map(audit.events.map((e) => [e.seq, e]));
  for (const p of proofs.inclusion) {
    const event = events.get(p?.seq) ?? fail(FILES.audit, `event ${p?.seq}, proven in ${FILES.proofs}, is missing: an event was removed`);
    if (proven.has(p.seq)) fail(FILES.proofs, `proves event ${p.seq} twice`);
    if (p.leafHash !== leaves.get(p.seq)) fail(FILES.audit, `event ${p.seq} does not hash to the leaf ${p.leafHash} proven in ${FILES.proofs}: the event was altered`);
    const verdict = verifyInclusionProof({ event, index: p.seq, treeSize: checkpoint.treeSize, proof: p.proof, rootHash: checkpoint.rootHash });
    if (!verdict.ok) fail(FILES.proofs, `event ${p.seq}: ${verdict.reason}`);
    proven.add(p.seq);
  }
  for (const seq of leaves.keys()) if (!proven.has(seq)) fail(FILES.proofs, `has no inclusion proof for event ${seq} of ${FILES.audit}`);
  passed.push(`${FILES.proofs}: all ${proven.size} inclusion proofs lead to the checkpoint's root`);
}

function checkConsistency(proofs: ProofsFile, checkpoint: CheckpointRef, keys: string[], passed: string[]): void {
  const c = proofs.consistency;
  if (c === null || c === undefined) {
    passed.push(`${FILES.proofs}: no consistency proof (the export was not given an earlier checkpoint)`);
    return;
  }
  const previous = verifyCheckpoint(c.fromCheckpointNote, keys, checkpoint.origin);
  if (!previous.ok) return fail(FILES.proofs, `the earlier checkpoint does not verify: ${previous.reason}`);
  if (previous.treeSize !== c.fromSize || previous.rootHash !== c.fromRoot) fail(FILES.proofs, `the consistency proof starts at size ${c.fromSize}, root ${c.fromRoot}, not at the earlier checkpoint's size ${previous.treeSize}, root ${previous.rootHash}`);
  if (c.toSize !== checkpoint.treeSize || c.toRoot !== checkpoint.rootHash) fail(FILES.proofs, `the consistency proof ends at size ${c.toSize}, not at the checkpoint`);
  const verdict = verifyConsistencyProof(c);
  if (!verdict.ok) fail(FILES.proofs, verdict.reason);
  passed.push(`${FILES.proofs}: the earlier checkpoint (size ${c.fromSize}) is a prefix of this one (size ${c.toSize}): nothing before it was rewritten or removed`);
}

/** The signatures and versions lineage.json shows must be the ones the proven audit events record. */
function checkRecords(lineage: LineageFile, audit: AuditFile, passed: string[]): void {
  if (!Array.isArray(lineage.subjects)) return fail(FILES.lineage, 'has no subjects');
  let signatures = 0;
  let versions = 0;
  for (const s of lineage.subjects) {
    if (s.type !== 'REPORT') continue;
    const mine = audit.events.filter((e) => e.entityId === s.id);
    for (const sig of s.signatures) {
      const match = mine.some((e) => {
        const v = e.newValue as Record<string, unknown> | null;
        return (
          e.action === 'REPORT_SIGNED' && v !== null && v.id === sig.id && v.version === sig.version && v.meaning === sig.meaning && v.userId === sig.userId &&
          v.printedName === sig.printedName && v.recordHash === sig.recordHash && v.reason === sig.reason && Date.parse(String(v.signedAt)) === Date.parse(sig.signedAt) &&
          (v.provenanceDigest ?? null) === (sig.provenanceDigest ?? null)
        );
      });
      if (!match) fail(FILES.lineage, `signature ${sig.id} on ${s.id} v${sig.version} (${sig.meaning} by ${sig.printedName}) has no matching REPORT_SIGNED event in ${FILES.audit}`);
      signatures++;
    }
    for (const v of s.versions) {
      const match = mine.some((e) => {
        const n = e.newValue as Record<string, unknown> | null;
        return (e.action === 'REPORT_REGISTERED' || e.action === 'REPORT_REVISED') && n !== null && n.version === v.version && n.recordHash === v.recordHash && (n.contentHash === undefined || n.contentHash === v.contentHash);
      });
      if (!match) fail(FILES.lineage, `version ${v.version} of ${s.id} (record hash ${v.recordHash}) has no matching REPORT_REGISTERED or REPORT_REVISED event in ${FILES.audit}`);
      versions++;
    }
  }
  passed.push(`${FILES.lineage}: ${signatures} signature(s) and ${versions} report version(s) match their proven audit events`);
}

/**
 * Each carried report file must be the registered one: its SHA-256 equal to the content hash a
 * report of lineage.json was registered with (which checkRecords tied to a proven audit event).
 */
function checkReportFiles(files: ReadonlyMap<string, Buffer>, lineage: LineageFile, passed: string[]): void {
  const registered = lineage.subjects.flatMap((s) => (s.type === 'REPORT' ? [s] : []));
  const carried = [...files.keys()].filter((n) => n.startsWith(`${REPORT_FILE_DIR}/`)).sort();
  for (const name of carried) {
    if (!REPORT_FILE_NAME.test(name.slice(REPORT_FILE_DIR.length + 1))) fail(name, 'has a name a package does not use');
    const actual = sha256File(files.get(name)!);
    const match = registered.find((r) => r.contentHash === actual);
    if (!match) {
      const expected = registered.map((r) => `${r.contentHash} (${r.id})`).join(', ') || '(no report in the package)';
      fail(name, `its SHA-256 is ${actual}, but the registered content hash is ${expected}: this is not the registered report file`);
    }
    passed.push(`${name}: its SHA-256 ${actual} is the registered content hash of ${match!.id}`);
  }
  if (carried.length === 0) passed.push(`${REPORT_FILE_DIR}/: no report file carried, so the report file's hash was not checked`);
}

function checkPdf(files: ReadonlyMap<string, Buffer>, lineage: LineageFile, passed: string[]): void {
  const parsed = readPdfMarkers(files.get(FILES.pdf) ?? fail(FILES.pdf, 'is missing'));
  if (!parsed.ok) return fail(FILES.pdf, parsed.reason);
  const stated = parsed.markers.get(PDF_MARKERS.lineage) ?? [];
  const actual = sha256File(files.get(FILES.lineage)!);
  if (stated.length !== 1 || stated[0] !== actual) fail(FILES.pdf, `states ${stated.join(', ') || 'no'} SHA-256 for ${FILES.lineage}, which hashes to ${actual}`);
  const content = [...new Set(lineage.subjects.flatMap((s) => (s.type === 'REPORT' ? [s.contentHash] : [])))].sort();
  const statedContent = [...(parsed.markers.get(PDF_MARKERS.content) ?? [])].sort();
  if (statedContent.join(',') !== content.join(',')) fail(FILES.pdf, `states report content hashes ${statedContent.join(', ') || '(none)'}, but ${FILES.lineage} has ${content.join(', ') || '(none)'}`);
  passed.push(`${FILES.pdf} states the SHA-256 of ${FILES.lineage} and the report content hash(es) it holds`);
}

/**
 * MANIFEST.sha256.sig: the audit signing key's note over the manifest's SHA-256, opened with the
 * same keys as the checkpoint (the package's own, or --key). The manifest covers every other file,
 * so this is what catches files rewritten consistently with the manifest.
 */
function checkSignature(files: ReadonlyMap<string, Buffer>, lineage: LineageFile, keys: string[], checkpoint: CheckpointRef, passed: string[]): void {
  const name = FILES.manifestSignature;
  if (!files.has(name)) fail(name, `is missing: the package is not signed, so files rewritten together with ${FILES.manifest} would go unnoticed`);
  const file = json<ManifestSignatureFile>(files, name, true);
  const opened = verifyPackageSignature(String(file.note), keys, checkpoint.origin);
  if (!opened.ok) return fail(name, `the signature over ${FILES.manifest} does not verify: ${opened.reason}`);
  const actual = sha256File(files.get(FILES.manifest)!);
  if (opened.manifestSha256 !== actual) {
    fail(name, `signs a ${FILES.manifest} with SHA-256 ${opened.manifestSha256}, but ${FILES.manifest} hashes to ${actual}: the package was changed after the server signed it`);
  }
  const subjects = [...new Set(lineage.subjects.map((s) => s.id))].sort();
  if (opened.subjectIds.join('\n') !== subjects.join('\n')) fail(name, `signs a package about ${opened.subjectIds.join(', ')}, but ${FILES.lineage} is about ${subjects.join(', ')}`);
  const view = { algorithm: file.algorithm, origin: file.origin, manifestSha256: file.manifestSha256, subjectIds: file.subjectIds, signedAt: file.signedAt, signedBy: file.signedBy };
  const signed = { algorithm: 'Ed25519', origin: opened.origin, manifestSha256: opened.manifestSha256, subjectIds: opened.subjectIds, signedAt: opened.signedAt, signedBy: opened.signedBy };
  if (canonicalJson(view) !== canonicalJson(signed) || !opened.keyIds.includes(file.keyId)) {
    fail(name, `its JSON fields are not what the signed note says (${canonicalJson({ ...signed, keyIds: opened.keyIds })})`);
  }
  passed.push(`${name}: the server's signature (key ${file.keyId}, ${opened.signedAt}, for ${opened.signedBy}) covers ${FILES.manifest}, and so every file it lists`);
}
