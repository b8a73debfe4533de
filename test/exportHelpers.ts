import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Role } from '../src/domain/role';
import type { GraphExecutor } from '../src/graph/executor';
import { seedDemoFromFixtures } from '../src/services/ingest/demoFixtures';
import { testRoot } from './support/composition';
import type { TestApi } from './support/api';
import { resetGraph } from './support/graph';
import { postEvent, runEvent, uuid } from './support/openlineage';
import { type Person, person, sha256 } from './support/reports';

/** Shared set-up of the compliance export tests: the demo's report, registered, revised and signed. */
export const ROOT = path.resolve(__dirname, '..');
export const EXPORT_CLI = path.join(ROOT, 'dist', 'src', 'export', 'cli.js');
export const VERIFIER = path.join(ROOT, 'dist', 'verify.mjs');
export const REPORT_ID = 'report:SDR-2024Q1';

export interface SignedReport {
  readonly author: Person;
  readonly reviewer: Person;
  readonly approver: Person;
  /** Printed names of everyone who signed. */
  readonly signers: string[];
  /** MLflow run ids of the runs upstream of the report. */
  readonly runIds: string[];
  /** The OpenLineage job that produced a dataset the report's runs read. */
  readonly jobId: string;
  /** The bytes of the latest version's report file: their SHA-256 is its registered content hash. */
  readonly fileContent: string;
}

const SIGN = `mutation($id: ID!, $v: Int!, $m: SignatureMeaning!, $p: String!, $r: String!) {
  signReport(reportId: $id, version: $v, meaning: $m, password: $p, reason: $r) { id printedName }
}`;

async function ok<T>(call: Promise<{ data?: T; errors?: unknown[] }>): Promise<T> {
  const res = await call;
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!;
}

/**
 * Loads the demo (both MLflow fixture stores through the real, audited ingest path, plus the
 * demo report SDR-2024Q1), registers the report's file as version 1 with its demo sources,
 * signs it AUTHORED and REVIEWED, revises it to version 2 and signs that AUTHORED, REVIEWED and
 * APPROVED: a report with version history, signatures and a change since its original entry.
 */
export async function signedDemoReport(graph: GraphExecutor, api: TestApi): Promise<SignedReport> {
  await resetGraph(graph);
  await seedDemoFromFixtures(testRoot(graph), ROOT);
  // An Airflow load job wrote the FAERS extract the runs read, so OpenLineage is upstream too.
  const job = { namespace: 'airflow://pv-scheduler', name: 'faers_load.extract' };
  const olRun = uuid();
  const extract = { namespace: 's3://pv-data', name: 'faers/2024Q1/drug_event.parquet' };
  for (const [eventType, eventTime] of [['START', '2024-04-01T02:00:00.000Z'], ['COMPLETE', '2024-04-01T02:40:00.000Z']]) {
    const res = await postEvent(api, runEvent({ eventType, eventTime, runId: olRun, job, outputs: [extract] }));
    if (res.status !== 201) throw new Error(`OpenLineage event refused: ${JSON.stringify(res.body)}`);
  }
  const stamp = Date.now().toString(36);
  const author = await person(api, `author.${stamp}`, [Role.SCIENTIST]);
  const reviewer = await person(api, `reviewer.${stamp}`, [Role.REVIEWER]);
  const approver = await person(api, `approver.${stamp}`, [Role.QA]);
  type Sources = { report: { title: string; runs: { id: string; runId: string }[]; modelVersions: { id: string }[]; signals: { id: string }[] } };
  const { report } = await ok(api.gql<Sources>('query($id: ID!) { report(id: $id) { title runs { id runId } modelVersions { id } signals { id } } }', { id: REPORT_ID }));
  const sources = { generatedFromRuns: report.runs.map((r) => r.id), modelVersions: report.modelVersions.map((m) => m.id), signals: report.signals.map((s) => s.id) };
  const content = { title: report.title, kind: 'SIGNAL_DETECTION', period: '2024Q1', ...sources };
  await ok(api.gql('mutation($input: RegisterReportInput!) { registerReport(input: $input) { id } }', { input: { ...content, reportId: 'SDR-2024Q1', contentHash: sha256(report.title), reason: 'Q1 detection report issued' } }, { token: author.token }));
  const fileContent = `${report.title} v2`;
  const sign = (p: Person, v: number, m: string) => ok(api.gql(SIGN, { id: REPORT_ID, v, m, p: p.password, r: `${m.toLowerCase()} after reading v${v}` }, { token: p.token }));
  await sign(author, 1, 'AUTHORED');
  await sign(reviewer, 1, 'REVIEWED');
  await ok(
    api.gql('mutation($id: ID!, $input: ReviseReportInput!) { reviseReport(id: $id, input: $input) { id } }', {
      id: REPORT_ID,
      input: { ...content, title: `${report.title} (corrected)`, contentHash: sha256(fileContent), reason: 'Corrected the case counts table' },
    }, { token: author.token }),
  );
  await sign(author, 2, 'AUTHORED');
  await sign(reviewer, 2, 'REVIEWED');
  await sign(approver, 2, 'APPROVED');
  return {
    author,
    reviewer,
    approver,
    signers: [author, reviewer, approver].map((p) => `Dr ${p.id}`),
    runIds: report.runs.map((r) => r.runId),
    jobId: `job:${encodeURIComponent(job.namespace)}:${encodeURIComponent(job.name)}`,
    fileContent,
  };
}

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs node on a script without blocking this process, which serves the API the script calls. */
export function runNode(args: readonly string[], options: { cwd?: string; env: Record<string, string> }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Runs the compiled export CLI with a clean environment plus the API's URL and the token. */
export function runExport(args: readonly string[], url: string, token: string | null): Promise<Run> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', PVL_API_URL: url };
  if (token) env.PVL_API_TOKEN = token;
  return runNode([EXPORT_CLI, ...args], { env });
}

/** Runs a verifier file (a package's verify.mjs or dist/verify.mjs) with nothing but node. */
export function runVerifier(file: string, args: readonly string[], cwd: string): Promise<Run> {
  return runNode([file, ...args], { cwd, env: { PATH: process.env.PATH ?? '' } });
}

/** Every file of a package by its name in the manifest, the report-file/ folder's files included. */
export function readPackage(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const name of fs.readdirSync(dir).sort()) {
    const file = path.join(dir, name);
    if (fs.statSync(file).isDirectory()) for (const inner of fs.readdirSync(file).sort()) out.set(`${name}/${inner}`, fs.readFileSync(path.join(file, inner)));
    else out.set(name, fs.readFileSync(file));
  }
  return out;
}

/** report.pdf as text, in the order it was set, whitespace collapsed: a wrapped table cell reads as one phrase. */
export function pdfText(file: string, pages?: { first: number; last: number }): string {
  const range = pages ? ['-f', String(pages.first), '-l', String(pages.last)] : [];
  const res = spawnSync('pdftotext', ['-raw', ...range, file, '-'], { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`pdftotext failed: ${res.stderr}`);
  return res.stdout.replace(/\s+/g, ' ');
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Leftovers of a failed export beside --out: temporary and replaced folders. */
export function partialFolders(parent: string): string[] {
  return fs.readdirSync(parent).filter((n) => /\.partial-|\.replaced-/.test(n));
}

/** A folder holding `files` (names as in readPackage), for the command-line verifiers to check. */
export function writePackageFolder(files: ReadonlyMap<string, Buffer>, prefix: string): string {
  const dir = tempDir(prefix);
  for (const [name, bytes] of files) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), bytes);
  }
  return dir;
}
