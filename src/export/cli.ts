import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { type ExportRequest, type ExportSummary, exportPackage, PermissionError } from './exporter';
import { ApiError, ConnectionError, createClient } from './graphqlClient';
import { terminalProgress } from './progress';
import { IntegrityError } from './proofs';
import { type Scope, typedId } from './scope';
import { SubjectNotFoundError } from './subjects';
import { projectRoot, readVerifierBundle } from './verifierBundle';
import { OutputError, pendingFolder } from './writePackage';

/**
 * `npm run export -- report <id> | signal <id> | reports --from <date> --to <date> --out <dir>`:
 * writes an auditor's compliance package from the GraphQL API, with an API token of a QA
 * account (PVL_API_TOKEN or --token) against PVL_API_URL or --url. Exit codes: 0 written and
 * verified, 1 refused or failed (unknown id, no QA role, server gone, proofs that do not add
 * up), 2 a local problem (usage, --out not empty, an unreadable --since file).
 */
const DEFAULT_URL = 'http://localhost:4000/graphql';

class UsageError extends Error {}

interface CommonOptions {
  out: string;
  checkpoint?: number;
  since?: string;
  force?: boolean;
  url?: string;
  token?: string;
  depth: number;
  reportFile?: string;
}

const positiveInt = (what: string) => (value: string): number => {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`${what} must be a whole number`);
  return Number(value);
};

function isoDate(value: string): string {
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new InvalidArgumentError(`"${value}" is not a date (e.g. 2024-01-01 or 2024-01-01T00:00:00Z)`);
  return new Date(t).toISOString();
}

function withCommonOptions(cmd: Command): Command {
  return cmd
    .requiredOption('--out <dir>', 'folder to write the package to; must not exist or be empty (see --force)')
    .option('--checkpoint <treeSize>', 'pin the export to the stored audit checkpoint of this tree size (default: the latest)', positiveInt('--checkpoint'))
    .option('--since <checkpoint.json>', "an earlier export's checkpoint.json: adds a consistency proof from it")
    .option('--force', 'replace a non-empty --out (only once the new package has verified)')
    .addOption(new Option('--url <url>', 'GraphQL endpoint (default: PVL_API_URL, else http://localhost:4000/graphql)'))
    .addOption(new Option('--token <token>', 'API token of a QA account (default: PVL_API_TOKEN)'))
    .option('--depth <n>', 'lineage depth, at most the server maximum', positiveInt('--depth'), 20)
    .option('--report-file <path>', "the registered report file, carried as report-file/<name> once its SHA-256 matches the registered content hash (report exports; default: the registered URI when it is a readable local path)");
}

function printSummary(s: ExportSummary, seconds: number): void {
  const kb = (n: number) => (n < 10_240 ? `${n} B` : `${(n / 1024).toFixed(0)} KB`);
  const c = s.counts;
  const lines = [
    `Compliance package written to ${s.dir}`,
    `  subjects     ${s.subjects.join(', ')}`,
    `  checkpoint   ${s.checkpoint.origin}, tree size ${s.checkpoint.treeSize}, root ${s.checkpoint.rootHash}`,
    `  upstream     ${c.runs} runs, ${c.modelVersions} model versions, ${c.datasets} datasets, ${c.jobs} OpenLineage jobs, ${c.other} other nodes`,
    `  audit        ${c.events} events, ${c.proofs} inclusion proofs${s.consistencyFrom === null ? '' : `, consistency proof from tree size ${s.consistencyFrom}`}`,
    `  signatures   ${c.signatures}`,
    `  files        ${s.files.map((f) => `${f.name} (${kb(f.bytes)})`).join(', ')}`,
    '  verified     PASS (run `node verify.mjs` in the folder to repeat the check)',
    `  took         ${seconds.toFixed(1)} s, ${s.requests} API requests`,
    ...(s.warnings.length > 0 ? ['Warnings:', ...s.warnings.map((w) => `  - ${w}`)] : []),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function run(scope: Scope, opts: CommonOptions): Promise<void> {
  const token = opts.token ?? process.env.PVL_API_TOKEN;
  if (!token) throw new UsageError('no API token: set PVL_API_TOKEN (or pass --token) to a token of a QA account (npm run admin -- token create --user <id>)');
  const url = opts.url ?? (process.env.PVL_API_URL || DEFAULT_URL);
  if (opts.reportFile !== undefined && scope.kind !== 'report') throw new UsageError('--report-file is for `export report <id>`');
  const request: ExportRequest = { scope, out: opts.out, checkpoint: opts.checkpoint ?? null, since: opts.since ?? null, force: opts.force === true, depth: opts.depth, reportFile: opts.reportFile ?? null };
  const version = (JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  const progress = terminalProgress();
  const started = performance.now();
  try {
    const summary = await exportPackage(request, {
      client: createClient({ url, token }),
      progress,
      verifierBundle: readVerifierBundle(),
      tool: { name: 'pv-lineage export-compliance', version },
    });
    printSummary(summary, (performance.now() - started) / 1000);
  } finally {
    progress.stop();
  }
}

const program = new Command('export')
  .description('Write a compliance package (PDF, JSON, CSV, signed checkpoint, proofs, offline verifier) for auditors, through the pv-lineage API.')
  .showHelpAfterError();

withCommonOptions(program.command('report').description('Export one report and everything upstream of it.').argument('<reportId>', 'typed id (report:SDR-2024Q1) or the part after report:')).action(
  (id: string, opts: CommonOptions) => run({ kind: 'report', id: typedId('report', id), from: null, to: null }, opts),
);

withCommonOptions(program.command('signal').description('Export one signal and everything upstream of it.').argument('<signalId>', 'typed id (signal:SIG-2024-001) or the part after signal:')).action(
  (id: string, opts: CommonOptions) => run({ kind: 'signal', id: typedId('signal', id), from: null, to: null }, opts),
);

withCommonOptions(
  program
    .command('reports')
    .description('Export every report registered in a date range (from inclusive, to exclusive).')
    .requiredOption('--from <date>', 'first day or instant (UTC)', isoDate)
    .requiredOption('--to <date>', 'day or instant after the last (UTC)', isoDate),
).action((opts: CommonOptions & { from: string; to: string }) => {
  if (opts.from >= opts.to) throw new UsageError(`--from ${opts.from} is not before --to ${opts.to}`);
  return run({ kind: 'reports', id: null, from: opts.from, to: opts.to }, opts);
});

function exitCode(err: unknown): number {
  return err instanceof UsageError || err instanceof OutputError ? 2 : 1;
}

function describe(err: unknown): string {
  if (err instanceof ApiError) return `the API refused: ${err.message}`;
  if (err instanceof ConnectionError) return `${err.message}; no package was written`;
  if (err instanceof IntegrityError) return `the audit log does not add up: ${err.message}; no package was written`;
  if (err instanceof SubjectNotFoundError || err instanceof PermissionError || err instanceof OutputError || err instanceof UsageError) return err.message;
  // Anything else (a folder that cannot be written, a bug) is shown as it is; the stack only on request.
  return process.env.PVL_DEBUG ? ((err as Error)?.stack ?? String(err)) : ((err as Error)?.message ?? String(err));
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    const temp = pendingFolder();
    if (temp) rmSync(temp, { recursive: true, force: true });
    process.stderr.write(`\nexport: interrupted; no package was written\n`);
    process.exit(130);
  });
}

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`export: ${describe(err)}\n`);
  process.exit(exitCode(err));
});
