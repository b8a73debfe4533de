import type { ChangeFlag, LineageFile } from '../format';
import type { Doc } from './document';
import { cut, pairs, ranges, utc } from './format';
import { type Cell, capped, drawTable } from './table';
import { heading, paragraph } from './text';

/**
 * The upstream lineage as tables: runs with their parameters, metrics, code commit and the
 * dataset snapshots they read; model versions; datasets with digests; OpenLineage jobs; and
 * every other node. Each row carries the "changed since original entry" flag.
 */
const flag = (r: ChangeFlag): Cell => (r.changedSinceOriginalEntry ? { text: `CHANGED (event${r.changeSeqs.length > 1 ? 's' : ''} ${ranges(r.changeSeqs)})`, bold: true, color: '#b42318' } : 'no');

export function recordSections(doc: Doc, lineage: LineageFile): void {
  const { runs, modelVersions, datasets, jobs, other } = lineage.records;
  const datasetName = new Map(datasets.map((d) => [d.id, `${d.namespace}/${d.name}`]));
  doc.addPage();
  heading(doc, 'Upstream lineage: records');
  paragraph(doc, `Every record upstream of the exported subject(s), as lineage.json holds it: ${runs.length} runs, ${modelVersions.length} model versions, ${datasets.length} datasets, ${jobs.length} OpenLineage jobs and ${other.length} other nodes.`);

  heading(doc, `Runs (${runs.length})`, 2);
  drawTable(
    doc,
    [
      { header: 'Run name', weight: 1.6 },
      { header: 'MLflow run id', weight: 2, mono: true },
      { header: 'Typed id', weight: 3.2, mono: true },
      { header: 'Experiment', weight: 1.4 },
      { header: 'Status', weight: 0.8 },
    ],
    runs.map((r) => [r.name ?? '(unnamed)', r.runId, r.id, r.experiment?.name ?? '—', r.status]),
  );
  heading(doc, 'Runs in detail', 2);
  drawTable(
    doc,
    [
      { header: 'Run', weight: 1.7 },
      { header: 'Status, experiment, user, time (UTC)', weight: 1.6 },
      { header: 'Code commit', weight: 1.1, mono: true },
      { header: 'Parameters', weight: 2.2 },
      { header: 'Metrics (latest)', weight: 1.8 },
      { header: 'Datasets read (digest)', weight: 2 },
      { header: 'Model versions produced', weight: 1.2 },
      { header: 'Changed', weight: 0.7 },
    ],
    runs.map((r) => [
      `${r.name ?? '(unnamed)'}\nMLflow run ${r.runId}${r.parentId ? `\nchild of ${r.parentId}` : ''}`,
      `${r.status} (${r.lifecycleStage})\n${r.experiment?.name ?? '—'}\n${r.userId ?? '—'}\n${utc(r.startTime)} → ${utc(r.endTime)}${r.detectionMethod ? `\nmethod ${pairs(r.detectionMethod, 80)}` : ''}`,
      r.codeCommit ?? '—',
      capped(pairs(r.params)),
      capped(r.metrics.map((m) => `${m.key}=${m.value ?? m.special}`).join('; ') || '—'),
      capped(r.inputs.map((i) => `${datasetName.get(i.datasetId) ?? i.datasetId}${i.context ? ` [${i.context}]` : ''} @ ${i.digest ?? '—'}`).join('\n') || '—'),
      r.modelVersionIds.join('\n') || '—',
      flag(r),
    ]),
  );

  heading(doc, `Model versions (${modelVersions.length})`, 2);
  drawTable(
    doc,
    [
      { header: 'Model version', weight: 2.2 },
      { header: 'Stage / status', weight: 1 },
      { header: 'Produced by run', weight: 2 },
      { header: 'Artifacts', weight: 2 },
      { header: 'Artifact hash', weight: 1.6, mono: true },
      { header: 'Changed', weight: 0.7 },
    ],
    modelVersions.map((m) => [`${m.name} v${m.version}\n${m.id}${m.aliases.length ? `\naliases ${m.aliases.join(', ')}` : ''}`, `${m.stage} / ${m.status ?? '—'}`, m.producedByRun ?? m.runId ?? '—', m.source ?? '—', m.hash ?? '—', flag(m)]),
  );

  heading(doc, `Datasets (${datasets.length})`, 2);
  drawTable(
    doc,
    [
      { header: 'Dataset', weight: 3 },
      { header: 'Period', weight: 0.7 },
      { header: 'Source type', weight: 0.7 },
      { header: 'Versions (digest · store key), oldest first; each run\'s own is in the runs table', weight: 2.4, mono: true },
      { header: 'Changed', weight: 0.7 },
    ],
    datasets.map((d) => [`${d.namespace}/${d.name}\n${d.id}`, d.period ?? '—', d.sourceType ?? '—', d.versions.map((v) => `${v.digest} · ${v.source}`).join('\n') || '—', flag(d)]),
  );

  heading(doc, `OpenLineage jobs (${jobs.length})`, 2);
  if (jobs.length === 0) paragraph(doc, 'No OpenLineage job is upstream.');
  else {
    drawTable(
      doc,
      [
        { header: 'Job', weight: 2.4 },
        { header: 'Runs', weight: 2.4 },
        { header: 'Facets', weight: 2.4 },
        { header: 'Changed', weight: 0.7 },
      ],
      jobs.map((j) => [`${j.namespace} / ${j.name}\n${j.id}`, capped(j.runIds.join('\n'), 600), capped(j.facets ? JSON.stringify(j.facets) : '—', 600), flag(j)]),
    );
  }

  heading(doc, `Other upstream nodes (${other.length})`, 2);
  drawTable(
    doc,
    [
      { header: 'Type', weight: 1 },
      { header: 'Name', weight: 2 },
      { header: 'Id', weight: 3 },
      { header: 'Summary', weight: 2 },
      { header: 'Changed', weight: 0.7 },
    ],
    other.map((o) => [o.type, cut(o.displayName, 200), o.id, o.summary ?? '—', flag(o)]),
  );
}
