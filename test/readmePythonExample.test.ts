import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Role } from '../src/domain/role';
import type { GraphExecutor } from '../src/graph/executor';
import { type TestApi, startTestApi } from './support/api';
import { testAuditEnv } from './support/audit';
import { testNeo4jConfig } from './support/env';
import { resetGraph, testGraph } from './support/graph';
import { type Person, person, sha256 } from './support/reports';
import { DEMO_STORES_ROOT } from './support/stores';

const ROOT = path.resolve(__dirname, '..');
const PYTHON = path.join(ROOT, '.venv/mlflow/bin/python');
const SQLITE_STORE = path.join(DEMO_STORES_ROOT, 'sqlite', 'mlflow.db');

/** The README's report-builder example, as it stands, with its one placeholder (rendering the PDF) filled in. */
function readmeExample(): string {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('```python', readme.indexOf('A report builder written in Python'));
  const code = readme.slice(start + '```python'.length, readme.indexOf('```', start + 3));
  const placeholder = '    ...                                         # score the quarter, render SAR_2024Q1.pdf';
  expect(code).toContain(placeholder);
  return code.replace(placeholder, '    open("SAR_2024Q1.pdf", "wb").write(b"%PDF-1.4 signal assessment 2024Q1")');
}

function run(script: string, cwd: string, env: Record<string, string>): Promise<{ status: number; out: string }> {
  return new Promise((resolve) => {
    execFile(PYTHON, ['-c', script], { cwd, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 240_000 }, (err, stdout, stderr) => {
      resolve({ status: err ? Number((err as { code?: number }).code ?? 1) : 0, out: `${stdout}${stderr}` });
    });
  });
}

/**
 * The seed audit's third fault, closed the way the README tells a Python report builder to: the
 * real MLflow client starts a run, the builder records it in its metadata while it is active,
 * ingests the store and registers the report through the report CLI. The report then names that
 * run, which MLflow's own client reports under the same id and name.
 */
describe('the README Python example of a report builder', () => {
  let graph: GraphExecutor;
  let api: TestApi;
  let builder: Person;
  let dir: string;
  // MLflow 3's own client refuses a file store unless told to (MLFLOW_ALLOW_FILE_STORE); the team's SQLite store is what it writes to.
  const trackingUri = () => `sqlite:///${path.join(dir, 'mlflow.db')}`;

  beforeAll(async () => {
    graph = testGraph();
    await resetGraph(graph);
    api = await startTestApi(graph);
    builder = await person(api, 'sar.builder', [Role.PIPELINE], 'SERVICE');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pvl-readme-'));
    fs.copyFileSync(SQLITE_STORE, path.join(dir, 'mlflow.db'));
  });
  afterAll(async () => {
    await api?.close();
    await resetGraph(graph);
    await graph.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('registers the report with the MLflow run that produced it', async () => {
    const neo4j = testNeo4jConfig();
    const res = await run(readmeExample(), dir, {
      ...testAuditEnv(),
      MLFLOW_TRACKING_URI: trackingUri(),
      PV_LINEAGE_HOME: ROOT,
      PV_LINEAGE_PIPELINE_TOKEN: builder.token,
      PVL_API_URL: `${api.url}/graphql`,
      NEO4J_URI: neo4j.uri,
      NEO4J_USER: neo4j.user,
      NEO4J_PASSWORD: neo4j.password,
    });
    expect({ status: res.status, out: res.status === 0 ? '' : res.out }).toEqual({ status: 0, out: '' });
    const metadata = JSON.parse(fs.readFileSync(path.join(dir, 'model_run_metadata.json'), 'utf8')) as Record<string, string>;
    // What MLflow's own client says of the run the builder recorded.
    const mlflowSays = await run(
      `import json, mlflow\nr = mlflow.get_run(${JSON.stringify(metadata.mlflow_run_id)})\nprint(json.dumps({"id": r.info.run_id, "name": r.info.run_name, "status": r.info.status}))`,
      dir,
      { MLFLOW_TRACKING_URI: trackingUri() },
    );
    expect(mlflowSays.status).toBe(0);
    const mlflowRun = JSON.parse(mlflowSays.out.trim().split('\n').pop() as string) as { id: string; name: string; status: string };

    const answer = await api.gql<{ report: { title: string; contentHash: string; latestVersion: { generatedFromRuns: string[] }; sourceRuns: { run: { runId: string; name: string; status: string } }[] } }>(
      'query { report(id: "report:SAR-2024Q1") { title contentHash latestVersion { generatedFromRuns } sourceRuns { run { runId name status } } } }',
      {},
      { token: builder.token },
    );
    expect(answer.errors).toBeUndefined();
    const report = answer.data!.report;
    expect(report.title).toBe('Signal Assessment Report — FAERS 2024Q1');
    expect(report.contentHash).toBe(sha256('%PDF-1.4 signal assessment 2024Q1'));
    expect(report.latestVersion.generatedFromRuns).toEqual([expect.stringMatching(new RegExp(`^run:[0-9a-f]+:${mlflowRun.id}$`))]);
    expect(report.sourceRuns.map((s) => s.run)).toContainEqual({ runId: mlflowRun.id, name: mlflowRun.name, status: mlflowRun.status });
  }, 300_000);
});
