import { type FieldRow, mergeFields } from './datasetFields';
import { type ReaderRun, snapshotsOf } from './datasetSnapshots';
import { h } from './dom';
import { formatTime } from './runColumns';
import { dataTable, linkButton } from './tables';

interface LinkedRun { id: string; name: string | null; runId: string; status: string; startTime: string | null }

export interface DatasetRecord {
  id: string;
  name: string;
  namespace: string;
  digest: string | null;
  period: string | null;
  sourceType: string | null;
  mlflowName: string | null;
  fields: FieldRow[];
  openLineageSchema: unknown;
  runs: { totalCount: number; edges: { node: LinkedRun & ReaderRun }[] };
  writers: LinkedRun[];
  jobs: { reads: boolean; writes: boolean; job: { id: string; namespace: string; name: string } }[];
}

const SOURCE_LABEL: Record<string, string> = { MLFLOW: 'MLflow', OPENLINEAGE: 'OpenLineage' };

/** The dataset view: its fields and their source, its snapshots (per-run digests), and who reads and writes it. */
export function renderDataset(d: DatasetRecord, openLineage: (id: string) => void): HTMLElement {
  const lineage = (id: string, text: string) => linkButton(text, `Draw the lineage of ${text}`, () => openLineage(id), { 'data-id': id });
  const runLink = (r: { id: string; name: string | null; runId: string }) => lineage(r.id, r.name ?? r.runId);
  const readers = d.runs.edges.map((e) => e.node);
  const snapshots = snapshotsOf(d.id, d.digest, readers);
  const fields = mergeFields(d.fields, d.openLineageSchema);
  const section = (title: string, key: string, hint: string | null, body: HTMLElement | null) =>
    h('section', { class: 'catalog-section', 'data-section': key, 'aria-labelledby': `dataset-${key}` },
      h('h3', { id: `dataset-${key}`, text: title }), hint ? h('p', { class: 'hint', text: hint }) : null, body ?? h('p', { class: 'hint', text: 'None.' }));
  const facts = [['Namespace', d.namespace], ['MLflow name', d.mlflowName], ['Period', d.period], ['Source type', d.sourceType], ['Latest digest', d.digest]].filter(([, v]) => v);
  const openRoot = h('button', { type: 'button', text: 'Draw its lineage' });
  openRoot.addEventListener('click', () => openLineage(d.id));
  return h('div', { class: 'dataset-view', 'data-id': d.id },
    h('h3', { class: 'catalog-title', text: d.name }),
    h('dl', { class: 'facts' }, ...facts.flatMap(([k, v]) => [h('dt', { text: k! }), h('dd', { text: v! })])), openRoot,
    section('Fields', 'fields', 'From the MLflow dataset schema and the OpenLineage schema facet; where both list a field, MLflow’s type is shown.',
      fields.length === 0 ? null : dataTable('Fields', ['Field', 'Type', 'Source', 'Description'], fields.map((f) => ({
        attrs: { 'data-field': f.name, 'data-source': f.source ?? '' },
        cells: [f.name, f.type ?? '—', f.openLineageOnly ? 'OpenLineage (not in MLflow’s schema)' : f.source ? (SOURCE_LABEL[f.source] ?? f.source) : 'column lineage only', f.description ?? ''],
      })))),
    section('Snapshots', 'snapshots', 'A snapshot version here is a digest some run read: pv-lineage keeps the digest on each run’s input, not a list of its own. First and last seen are the start times of those runs.' +
        (readers.length < d.runs.totalCount ? ` Counted over the newest ${readers.length} of ${d.runs.totalCount} runs.` : ''),
      snapshots.length === 0 ? null : dataTable('Snapshots', ['Digest', 'Read by', 'First seen (UTC)', 'Last seen (UTC)'], snapshots.map((s) => ({
        attrs: { 'data-digest': s.digest ?? '' },
        cells: [
          h('span', { class: 'mono', text: (s.digest ?? 'not recorded') + (s.latest ? ' (latest)' : '') }),
          h('ul', { class: 'links' }, ...s.runs.map((r) => h('li', {}, runLink({ id: r.id, name: r.name, runId: r.name }), r.context ? ` (${r.context})` : ''))),
          formatTime(s.firstSeen), formatTime(s.lastSeen),
        ],
      })))),
    section('Runs that read it', 'readers', readers.length < d.runs.totalCount ? `The newest ${readers.length} of ${d.runs.totalCount}.` : null,
      readers.length === 0 ? null : dataTable('Runs that read it', ['Run', 'Status', 'Started (UTC)', 'Digest read'], readers.map((r) => ({
        attrs: { 'data-id': r.id },
        cells: [runLink(r), r.status, formatTime(r.startTime), r.inputs.filter((i) => i.dataset.id === d.id).map((i) => i.digest ?? '—').filter((x, i, a) => a.indexOf(x) === i).join(', ') || '—'],
      })))),
    section('Runs that wrote it', 'writers', null,
      d.writers.length === 0 ? null : dataTable('Runs that wrote it', ['Run', 'Status', 'Started (UTC)'], d.writers.map((r) => ({ attrs: { 'data-id': r.id }, cells: [runLink(r), r.status, formatTime(r.startTime)] })))),
    section('Jobs (OpenLineage)', 'jobs', 'Jobs whose runs read or wrote the dataset.',
      d.jobs.length === 0 ? null : dataTable('Jobs', ['Job', 'Namespace', 'Reads', 'Writes'], d.jobs.map((j) => ({
        attrs: { 'data-id': j.job.id },
        cells: [lineage(j.job.id, j.job.name), j.job.namespace, j.reads ? 'yes' : 'no', j.writes ? 'yes' : 'no'],
      })))),
  );
}
