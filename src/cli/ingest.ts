import 'reflect-metadata';
import os from 'node:os';
import { Command, InvalidArgumentError } from 'commander';
import { SingleBar } from 'cli-progress';
import { loadConfig } from '../config';
import { compose } from '../composition/root';
import type { IngestProgress, IngestionSummary } from '../services/ingest/ingestService';

/** `30`, `30s`, `5m`, `1h` → milliseconds. */
function parseInterval(value: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value.trim());
  if (!m) throw new InvalidArgumentError(`"${value}" is not an interval (e.g. 30s, 5m, 1h)`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  const ms = Number(m[1]) * unit;
  if (ms < 1000) throw new InvalidArgumentError(`--watch interval "${value}" is shorter than 1s`);
  return ms;
}

function progressReporter(): { update: (p: IngestProgress) => void; stop: () => void } {
  if (process.stderr.isTTY) {
    const bar = new SingleBar({ format: 'runs {bar} {value}/{total} | added {added} updated {updated} unchanged {unchanged}', stream: process.stderr });
    let started = false;
    return {
      update: (p) => {
        const payload = { added: p.added, updated: p.updated, unchanged: p.unchanged };
        if (!started) {
          bar.start(p.totalRuns ?? p.runsSeen, p.runsSeen, payload);
          started = true;
        } else {
          if (p.totalRuns === null) bar.setTotal(p.runsSeen);
          bar.update(p.runsSeen, payload);
        }
      },
      stop: () => started && bar.stop(),
    };
  }
  return {
    update: (p) =>
      process.stderr.write(
        `[ingest] runs ${p.runsSeen}${p.totalRuns === null ? '' : `/${p.totalRuns}`}: added ${p.added}, updated ${p.updated}, unchanged ${p.unchanged}\n`,
      ),
    stop: () => undefined,
  };
}

function printSummary(s: IngestionSummary): void {
  const lines = [
    `Ingestion ${s.ingestionId} of ${s.storeUri} (${s.storeKind}): ${s.status}${s.error ? ` — ${s.error}` : ''}`,
    `  experiments ${s.experiments}, runs seen ${s.runsSeen}: added ${s.added}, updated ${s.updated}, unchanged ${s.unchanged}, marked deleted ${s.deleted}`,
    `  logged models ${s.loggedModels}, model versions ${s.modelVersions}, reports ${s.reports}, skipped ${s.skipped.length}`,
    ...(s.notOffered.length > 0 ? [`  not offered by the server (read as empty): ${s.notOffered.join(', ')}`] : []),
    ...s.skipped.slice(0, 50).map((k) => `  skipped ${k.kind} ${k.where}: ${k.reason}`),
    ...(s.skipped.length > 50 ? [`  … and ${s.skipped.length - 50} more skipped items`] : []),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function run(uri: string, opts: { watch?: number; batchSize: number; actor?: string; json?: boolean }): Promise<number> {
  const config = loadConfig();
  const root = compose(config);
  let stopping = false;
  let wake: (() => void) | null = null;
  const stop = () => {
    stopping = true;
    wake?.();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    await root.prepare();
    const actor = opts.actor ?? `cli:${os.userInfo().username}`;
    // The operator on the host may name any store; it is registered so the API can ingest it by id later.
    const store = await root.stores.registerFromHost({ id: actor, role: null, name: `${actor} (ingest CLI)` }, uri);
    process.stderr.write(`[ingest] store ${store.id} (${store.uri})\n`);
    let exit = 0;
    do {
      const progress = progressReporter();
      let summary: IngestionSummary;
      try {
        summary = await root.ingest.ingestMlflow(uri, {
          actor,
          batchSize: opts.batchSize,
          onProgress: progress.update,
        });
      } finally {
        progress.stop();
      }
      printSummary(summary);
      if (opts.json) process.stdout.write(`${JSON.stringify({ ...summary, maxRssKb: process.resourceUsage().maxRSS })}\n`);
      exit = summary.status === 'COMPLETED' ? 0 : 1;
      if (opts.watch && !stopping) {
        process.stderr.write(`[ingest] watching: next sync in ${opts.watch / 1000}s (Ctrl-C stops)\n`);
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, opts.watch);
          wake = () => {
            clearTimeout(t);
            resolve();
          };
        });
      }
    } while (opts.watch && !stopping);
    return exit;
  } finally {
    await root.close();
  }
}

const program = new Command('ingest')
  .description('Ingest MLflow tracking stores into the pv-lineage graph (NEO4J_* or the demo Neo4j).')
  .showHelpAfterError();

program
  .command('mlflow')
  .description('Ingest one MLflow store: a file store folder or file:// URI, a sqlite:/// URI or .db file, or an http(s):// tracking server.')
  .argument('<uri>', 'path | file:// | sqlite:/// | http(s)://')
  .option('--watch <interval>', 'keep the store in sync, re-ingesting every interval (e.g. 30s, 5m, 1h)', parseInterval)
  .option('--batch-size <n>', 'runs per write transaction', (v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new InvalidArgumentError('must be an integer from 1 to 10000');
    return n;
  }, 500)
  .option('--actor <name>', 'who to record as having run the ingest (default cli:<os user>)')
  .option('--json', 'also print the summary as one JSON line (with the peak RSS)')
  .action(async (uri: string, opts: { watch?: number; batchSize: number; actor?: string; json?: boolean }) => {
    process.exitCode = await run(uri, opts);
  });

program.parseAsync(process.argv).catch((err: Error) => {
  process.stderr.write(`ingest failed: ${err.message}\n`);
  process.exit(1);
});
