import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { DomainError } from '../domain/errors';
import { type BuilderMetadata, fromBuilderMetadata } from '../services/reports/builderMetadata';

/**
 * `npm run report -- register|revise|withdraw|verify …`: a GraphQL client of the API, run with
 * an API token (PVL_API_TOKEN) against PVL_API_URL. It has no database access of its own, so a
 * report registered from the command line passes the same authorisation, checks and audit
 * trail as any other client. Exit codes: 0 done, 1 the API refused, 2 a local problem (usage,
 * an unreadable file, a hash that does not match the report file).
 */
const DEFAULT_URL = 'http://localhost:4000/graphql';

class UsageError extends Error {}

const REPORT_FIELDS = `id title kind status period contentHash uri
  latestVersion { version recordHash createdAt createdBy generatedFromRuns modelVersionIds datasetIds signalIds }`;

interface GqlError {
  message: string;
  extensions?: Record<string, unknown>;
}

async function gql<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  const token = process.env.PVL_API_TOKEN;
  if (!token) throw new UsageError('PVL_API_TOKEN is not set: create an API token (npm run admin -- token create --user <id>) and export it');
  const url = process.env.PVL_API_URL || DEFAULT_URL;
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
  } catch (err) {
    throw new UsageError(`cannot reach the API at ${url} (PVL_API_URL): ${(err as Error).message}`);
  }
  const body = (await res.json().catch(() => ({ errors: [{ message: `HTTP ${res.status} without a JSON body` }] }))) as { data?: T; errors?: GqlError[] };
  if (body.errors && body.errors.length > 0) throw new ApiError(body.errors);
  return body.data as T;
}

class ApiError extends Error {
  constructor(readonly errors: GqlError[]) {
    super(
      errors
        .map((e) => {
          const { code, ...facts } = e.extensions ?? {};
          const extra = Object.keys(facts).length > 0 ? ` ${JSON.stringify(facts)}` : '';
          return `${String(code ?? 'ERROR')}: ${e.message}${extra}`;
        })
        .join('\n'),
    );
  }
}

/** Reads the builder's metadata; hashes the report file it names, which must agree with any hash it states. */
function readMetadata(file: string, overrides: { reason?: string; reportId?: string }): BuilderMetadata {
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
  }
  let meta: BuilderMetadata;
  try {
    meta = fromBuilderMetadata(data, overrides);
  } catch (err) {
    throw new UsageError(`${file}: ${(err as Error).message}`);
  }
  const reportPath = meta.reportFile ? path.resolve(path.dirname(file), meta.reportFile) : null;
  if (reportPath && fs.existsSync(reportPath)) {
    const actual = createHash('sha256').update(fs.readFileSync(reportPath)).digest('hex');
    if (meta.input.contentHash && meta.input.contentHash !== actual) {
      throw new UsageError(`the SHA-256 of ${reportPath} is ${actual}, but ${file} says ${meta.input.contentHash}`);
    }
    return { ...meta, input: { ...meta.input, contentHash: actual } };
  }
  if (!meta.input.contentHash) throw new UsageError(`${file} gives no contentHash (or report_sha256) and its report file was not found`);
  return meta;
}

function print(value: unknown, json: boolean, line: string): void {
  process.stdout.write(json ? `${JSON.stringify(value)}\n` : `${line}\n`);
}

interface ReportOut {
  id: string;
  title: string;
  status: string;
  latestVersion: { version: number; recordHash: string; generatedFromRuns: string[] } | null;
}

const describe = (r: ReportOut) =>
  `${r.id} "${r.title}" ${r.status}${r.latestVersion ? ` v${r.latestVersion.version} recordHash ${r.latestVersion.recordHash} runs ${r.latestVersion.generatedFromRuns.join(', ') || '-'}` : ''}`;

const program = new Command('report')
  .description('Register and manage pharmacovigilance reports through the pv-lineage API (PVL_API_URL, PVL_API_TOKEN).')
  .showHelpAfterError();

program
  .command('register')
  .description("Register a report from the metadata its builder wrote (docs/report-builders.md), including the seed's model_run_metadata.json.")
  .argument('<metadata.json>', 'the builder metadata file')
  .option('--reason <text>', 'why it is registered')
  .option('--report-id <id>', 'the report id after report: (default: from the file, else derived from the content hash)')
  .option('--json', 'print the registered report as JSON')
  .action(async (file: string, opts: { reason?: string; reportId?: string; json?: boolean }) => {
    const { input } = readMetadata(file, opts);
    const data = await gql<{ registerReport: ReportOut }>(`mutation($input: RegisterReportInput!) { registerReport(input: $input) { ${REPORT_FIELDS} } }`, { input });
    print(data.registerReport, opts.json === true, `Registered ${describe(data.registerReport)}`);
  });

program
  .command('revise')
  .description('Register a new version of a report from new builder metadata.')
  .argument('<reportId>', 'typed id, e.g. report:SDR-2024Q1')
  .argument('<metadata.json>', 'the builder metadata file of the new version')
  .requiredOption('--reason <text>', 'why the report is revised')
  .option('--json', 'print the report as JSON')
  .action(async (id: string, file: string, opts: { reason: string; json?: boolean }) => {
    const { reportId: _ignored, ...input } = readMetadata(file, opts).input;
    const data = await gql<{ reviseReport: ReportOut }>(`mutation($id: ID!, $input: ReviseReportInput!) { reviseReport(id: $id, input: $input) { ${REPORT_FIELDS} } }`, {
      id,
      input: { ...input, reason: opts.reason },
    });
    print(data.reviseReport, opts.json === true, `Revised ${describe(data.reviseReport)}`);
  });

program
  .command('withdraw')
  .description('Withdraw a report (a tombstone with a reason; nothing is deleted).')
  .argument('<reportId>', 'typed id, e.g. report:SDR-2024Q1')
  .requiredOption('--reason <text>', 'why it is withdrawn')
  .option('--json', 'print the report as JSON')
  .action(async (id: string, opts: { reason: string; json?: boolean }) => {
    const data = await gql<{ withdrawReport: ReportOut }>(`mutation($id: ID!, $reason: String!) { withdrawReport(id: $id, reason: $reason) { ${REPORT_FIELDS} } }`, { id, reason: opts.reason });
    print(data.withdrawReport, opts.json === true, `Withdrew ${describe(data.withdrawReport)}`);
  });

program
  .command('verify')
  .description("Re-check every signature of a report against the version it signs; exits 1 if any does not hold.")
  .argument('<reportId>', 'typed id, e.g. report:SDR-2024Q1')
  .option('--json', 'print the verification as JSON')
  .action(async (id: string, opts: { json?: boolean }) => {
    type Verdict = { valid: boolean; reason: string | null; coversLatest: boolean; upstreamChanged: boolean | null; upstreamChanges: { summary: string }[]; signature: { manifestation: string; version: number } };
    const data = await gql<{ verifySignatures: Verdict[] }>(
      'query($id: ID!) { verifySignatures(reportId: $id) { valid reason coversLatest upstreamChanged upstreamChanges { summary } signature { version manifestation } } }',
      { id },
    );
    const rows = data.verifySignatures;
    const upstream = (r: Verdict) => (r.upstreamChanged ? `\n        upstream changed since signing:${r.upstreamChanges.map((c) => `\n          ${c.summary}`).join('')}` : '');
    const lines = rows.map((r) => `${r.valid ? 'valid  ' : 'INVALID'} v${r.signature.version} ${r.signature.manifestation}${r.reason ? ` — ${r.reason}` : ''}${upstream(r)}`);
    print(rows, opts.json === true, lines.length > 0 ? lines.join('\n') : `${id} has no signatures`);
    if (rows.some((r) => !r.valid)) process.exitCode = 1;
  });

program.parseAsync(process.argv).catch((err: Error) => {
  process.stderr.write(`report: ${err.message}\n`);
  process.exit(err instanceof ApiError ? 1 : err instanceof UsageError || err instanceof DomainError ? 2 : 1);
});
