import { execFile } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const PY = path.join(ROOT, '.venv/mlflow/bin/python');

export type ViewType = 'ACTIVE_ONLY' | 'ALL';

export interface SearchCase {
  readonly filter: string;
  readonly order_by?: readonly string[];
  readonly view?: ViewType;
}

export type SearchAnswer = { readonly run_ids: string[] } | { readonly error: string };

/**
 * What `MlflowClient.search_runs` of the pinned mlflow answers for each case, over every
 * experiment of the store (scripts/mlflow/search_runs.py). Give it a copy of a store only.
 */
// Asynchronous, so a test API served from the same process keeps answering meanwhile.
export function mlflowSearchRuns(trackingUri: string, cases: readonly SearchCase[]): Promise<SearchAnswer[]> {
  return new Promise((resolve, reject) => {
    const child = execFile(PY, [path.join(ROOT, 'scripts/mlflow/search_runs.py'), '--tracking-uri', trackingUri], { maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`search_runs.py failed: ${stderr}`));
      else resolve(JSON.parse(stdout) as SearchAnswer[]);
    });
    child.stdin?.end(JSON.stringify(cases));
  });
}
