import { toCsv } from './csv';
import type { DatasetRecord, LineageFile, ModelVersionRecord, RunRecord, Subject } from './format';

/**
 * traceability.csv: one row per (subject, run, model version, dataset) path through the
 * upstream lineage. A run's model versions are those it produced or read; its datasets are
 * those it read. A run with neither still gets a row (blank columns), and so do model versions
 * and datasets a report names directly, with a blank run.
 */
export const TRACEABILITY_HEADER = [
  'subject_type',
  'subject_id',
  'subject_title',
  'run_id',
  'mlflow_run_id',
  'run_name',
  'run_status',
  'code_commit',
  'job_id',
  'model_version_id',
  'model_name',
  'model_version',
  'model_stage',
  'dataset_id',
  'dataset_name',
  'dataset_digest',
  'dataset_context',
] as const;

type Cell = string | number | null;

export function traceabilityRows(doc: LineageFile): Cell[][] {
  const runs = new Map(doc.records.runs.map((r) => [r.id, r]));
  const versions = new Map(doc.records.modelVersions.map((m) => [m.id, m]));
  const datasets = new Map(doc.records.datasets.map((d) => [d.id, d]));
  const jobOf = new Map(doc.records.jobs.flatMap((j) => j.runIds.map((r) => [r, j.id] as const)));
  const rows: Cell[][] = [];
  for (const s of doc.subjects) {
    const head: Cell[] = [s.type, s.id, titleOf(s)];
    const inGraph = new Set(s.lineage.nodes.map((n) => n.id));
    const covered = { versions: new Set<string>(), datasets: new Set<string>() };
    const runIds = s.lineage.nodes.filter((n) => n.type === 'RUN').map((n) => n.id).sort();
    for (const runId of runIds) {
      const run = runs.get(runId);
      if (!run) continue;
      const mvIds = modelVersionsOf(run, s).filter((id) => inGraph.has(id));
      const inputs = datasetsOf(run, s);
      mvIds.forEach((id) => covered.versions.add(id));
      inputs.forEach((d) => covered.datasets.add(d.datasetId));
      const runCells: Cell[] = [run.id, run.runId, run.name, run.status, run.codeCommit, jobOf.get(run.id) ?? null];
      for (const mv of mvIds.length > 0 ? mvIds : [null]) {
        for (const input of inputs.length > 0 ? inputs : [null]) {
          rows.push([...head, ...runCells, ...versionCells(mv === null ? undefined : versions.get(mv), mv), ...datasetCells(input, datasets)]);
        }
      }
    }
    const direct = directSources(s);
    for (const mv of direct.versions.filter((id) => !covered.versions.has(id))) rows.push([...head, null, null, null, null, null, null, ...versionCells(versions.get(mv), mv), null, null, null, null]);
    for (const ds of direct.datasets.filter((id) => !covered.datasets.has(id))) {
      rows.push([...head, null, null, null, null, null, null, null, null, null, null, ...datasetCells({ datasetId: ds, digest: null, context: null }, datasets)]);
    }
    if (runIds.length === 0 && direct.versions.length === 0 && direct.datasets.length === 0) rows.push([...head, ...Array<Cell>(TRACEABILITY_HEADER.length - 3).fill(null)]);
  }
  return rows;
}

export function traceabilityCsv(doc: LineageFile): string {
  return toCsv(TRACEABILITY_HEADER, traceabilityRows(doc));
}

const titleOf = (s: Subject): string => (s.type === 'REPORT' ? s.title : `${s.drug} / ${s.eventTerm}`);

/** Model versions the run produced (its record or a PRODUCED edge) or read (INPUT_TO). */
function modelVersionsOf(run: RunRecord, s: Subject): string[] {
  const ids = new Set(run.modelVersionIds);
  for (const e of s.lineage.edges) {
    if (e.type === 'PRODUCED' && e.from === run.id && e.to.startsWith('modelversion:')) ids.add(e.to);
    if (e.type === 'INPUT_TO' && e.to === run.id && e.from.startsWith('modelversion:')) ids.add(e.from);
  }
  return [...ids].sort();
}

/** Datasets the run read: its recorded inputs, and OpenLineage inputs (INPUT_TO edges). */
function datasetsOf(run: RunRecord, s: Subject): RunRecord['inputs'] {
  const out = new Map(run.inputs.map((i) => [`${i.datasetId}\u0000${i.context ?? ''}`, i]));
  for (const e of s.lineage.edges) {
    if (e.type === 'INPUT_TO' && e.to === run.id && e.from.startsWith('dataset:') && ![...out.values()].some((i) => i.datasetId === e.from)) {
      out.set(`${e.from}\u0000`, { datasetId: e.from, context: null, digest: null });
    }
  }
  return [...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, i]) => i);
}

function directSources(s: Subject): { versions: string[]; datasets: string[] } {
  if (s.type !== 'REPORT' || s.versions.length === 0) return { versions: [], datasets: [] };
  const latest = s.versions[s.versions.length - 1];
  return { versions: [...latest.modelVersionIds].sort(), datasets: [...latest.datasetIds].sort() };
}

function versionCells(mv: ModelVersionRecord | undefined, id: string | null): Cell[] {
  if (id === null) return [null, null, null, null];
  return [id, mv?.name ?? null, mv?.version ?? null, mv?.stage ?? null];
}

function datasetCells(input: RunRecord['inputs'][number] | null, datasets: Map<string, DatasetRecord>): Cell[] {
  if (input === null) return [null, null, null, null];
  const d = datasets.get(input.datasetId);
  // Only the digest the run itself read: the node's newest snapshot may be another store's.
  return [input.datasetId, d ? `${d.namespace}/${d.name}` : null, input.digest ?? null, input.context];
}
