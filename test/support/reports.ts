import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Role } from '../../src/domain/role';
import type { GraphExecutor } from '../../src/graph/executor';
import { testRoot } from './composition';
import type { TestApi } from './api';
import { countGraph } from './graph';

/** The real MLflow file store fixture; its side files describe a report generated from RUN_A. */
export const FILESTORE = path.resolve(__dirname, '..', '..', 'demo', 'mlflow', 'filestore');
/** The run `sar_reports/model_run_metadata.json` names (`mlflow_run_id`), which produced pv-signal-xgb v2. */
export const RUN_A = '9b793a31ddc64306849b6f79532cc907';
/** Another run of the fixture (it produced pv-signal-xgb v1). */
export const RUN_B = '7658f35e19484e9599520b72d4d6910d';

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A password that satisfies the policy for every test user id. */
export const PASSWORD = 'correct horse battery staple 42';
const TEMPORARY_PASSWORD = 'temporary horse battery staple 41';

/**
 * Ingests the file-store fixture, and `copies` copies of its runs as further stores, so a run id
 * is then found in more than one store. The copies leave out the side files, the model registry
 * and the runs in `except`, so those stay unambiguous. Returns the store keys, original first.
 */
export async function ingestFileStore(graph: GraphExecutor, copies = 0, except: readonly string[] = [RUN_A]): Promise<string[]> {
  const ingest = testRoot(graph).ingest;
  const original = path.join(FILESTORE, 'mlruns');
  const roots = [original];
  for (let i = 0; i < copies; i++) {
    const root = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pvl-store-')), 'mlruns');
    fs.cpSync(original, root, { recursive: true });
    fs.rmSync(path.join(root, 'models'), { recursive: true, force: true });
    for (const experiment of fs.readdirSync(root)) {
      for (const runId of except) fs.rmSync(path.join(root, experiment, runId), { recursive: true, force: true });
    }
    roots.push(root);
  }
  const keys: string[] = [];
  for (const root of roots) {
    const summary = await ingest.ingestMlflow(root, { actor: 'test' });
    if (summary.status !== 'COMPLETED') throw new Error(`ingest of ${root} failed: ${summary.error}`);
    keys.push(summary.storeId.slice('store:'.length));
  }
  return keys;
}

export interface Person {
  readonly id: string;
  readonly token: string;
  readonly password: string;
}

/** A real account with a password (people sign) or a service account, and an API token for it. */
export async function person(api: TestApi, id: string, roles: readonly Role[], kind: 'USER' | 'SERVICE' = 'USER'): Promise<Person> {
  const admin = { id: 'test.setup', address: null };
  await api.identity.createAccount(admin, { id, displayName: `Dr ${id}`, kind, roles, password: kind === 'USER' ? TEMPORARY_PASSWORD : null });
  // The administrator's initial password is temporary; the person replaces it, as at a first sign-in.
  if (kind === 'USER') await api.identity.changePassword(null, id, TEMPORARY_PASSWORD, PASSWORD);
  const token = (await api.identity.issueApiToken(admin, id, 1, 'test')).secret;
  return { id, token, password: PASSWORD };
}

export const REPORT_FIELDS = `id title kind status period contentHash uri
  runs { id } modelVersions { id } signals { id }
  latestVersion { version recordHash contentHash createdBy createdByName generatedFromRuns modelVersionIds datasetIds signalIds }`;

export const REGISTER = `mutation($input: RegisterReportInput!) { registerReport(input: $input) { ${REPORT_FIELDS} } }`;
export const REVISE = `mutation($id: ID!, $input: ReviseReportInput!) { reviseReport(id: $id, input: $input) { ${REPORT_FIELDS} } }`;

/** Audit events about one entity, oldest first, read straight from the log. */
export async function auditActions(graph: GraphExecutor, entityId: string): Promise<{ action: string; entityVersion: string | null; reason: string | null; category: string }[]> {
  const rows = await graph.query(
    'test.auditOf',
    'MATCH (e:AuditEvent {entityId: $entityId}) RETURN e.action AS action, e.entityVersion AS entityVersion, e.reason AS reason, e.category AS category ORDER BY e.seq',
    { entityId },
  );
  return rows.map((r) => ({ action: String(r.action), entityVersion: (r.entityVersion as string | null) ?? null, reason: (r.reason as string | null) ?? null, category: String(r.category) }));
}

/**
 * Makes a call that must be refused and shows, with a node and relationship count before and
 * after, that it wrote nothing. Returns the one error's extensions.
 */
export async function refusedWithoutWrites(
  graph: GraphExecutor,
  call: () => Promise<{ errors?: { extensions?: Record<string, unknown> }[] }>,
): Promise<Record<string, unknown>> {
  const before = await countGraph(graph);
  const res = await call();
  expect(await countGraph(graph)).toEqual(before);
  expect(res.errors).toHaveLength(1);
  return res.errors![0].extensions!;
}
