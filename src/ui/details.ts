import { h } from './dom';
import { mlflowRunUrl } from './mlflowLink';
import { styleOf } from './nodeStyles';

/** A node as `node(id:)` returns it: `__typename`, `id` and the fields of its fragment. */
export type NodeRecord = Record<string, unknown> & { __typename: string; id: string };

export interface Signature {
  meaning: string;
  printedName: string;
  userId: string;
  signedAt: string;
  version: number | string;
}

/** Field name → label, per GraphQL type, in display order. Objects and lists get their own blocks below. */
const FIELDS: Record<string, [string, string][]> = {
  Run: [['name', 'Name'], ['runId', 'MLflow run id'], ['status', 'Status'], ['lifecycleStage', 'Lifecycle stage'], ['experiment.name', 'Experiment'], ['userId', 'User'], ['startTime', 'Started'], ['endTime', 'Ended'], ['gitCommit', 'Code commit']],
  Dataset: [['name', 'Name'], ['namespace', 'Namespace'], ['digest', 'Digest'], ['period', 'Period'], ['sourceType', 'Source type'], ['source', 'Source']],
  ModelVersion: [['name', 'Model'], ['version', 'Version'], ['stage', 'Stage'], ['status', 'Status'], ['aliases', 'Aliases'], ['runId', 'Run id'], ['source', 'Source']],
  Report: [['title', 'Title'], ['kind', 'Kind'], ['status', 'Status'], ['period', 'Period'], ['createdAt', 'Created'], ['contentHash', 'Content SHA-256'], ['uri', 'Location']],
  Signal: [['drug', 'Drug'], ['eventTerm', 'Event term'], ['meddraCode', 'MedDRA code'], ['status', 'Status'], ['prr', 'PRR'], ['ror', 'ROR'], ['chiSquare', 'χ²'], ['caseCount', 'Cases'], ['detectedAt', 'Detected']],
  Experiment: [['name', 'Name'], ['experimentId', 'Experiment id'], ['lifecycleStage', 'Lifecycle stage'], ['artifactLocation', 'Artifacts']],
  RegisteredModel: [['name', 'Name'], ['description', 'Description']],
  LoggedModel: [['name', 'Name'], ['modelId', 'Model id'], ['status', 'Status'], ['modelType', 'Type']],
  Job: [['namespace', 'Namespace'], ['name', 'Name']],
  DatasetField: [['name', 'Field'], ['type', 'Type'], ['description', 'Description'], ['dataset.name', 'Dataset'], ['dataset.namespace', 'Namespace']],
  TrackingStore: [['displayName', 'Name'], ['kind', 'Kind'], ['uri', 'URI'], ['storeKey', 'Store key']],
};

const TYPE_BY_TYPENAME: Record<string, string> = {
  Run: 'RUN', Dataset: 'DATASET', ModelVersion: 'MODEL_VERSION', Report: 'REPORT', Signal: 'SIGNAL', Experiment: 'EXPERIMENT',
  RegisteredModel: 'REGISTERED_MODEL', LoggedModel: 'LOGGED_MODEL', Job: 'JOB', TrackingStore: 'TRACKING_STORE', DatasetField: 'DATASET_FIELD',
};

interface RunInput { context: string | null; digest: string | null; dataset: { id: string; name: string; digest: string | null } }
interface RunModelVersion { id: string; name: string; version: string; stage: string | null }
interface LinkedReport { id: string; title: string }
interface Transition { from: string; to: string; actorId: string; actorName: string; decision: string; rationale: string; at: string }

export interface DetailsOptions {
  /** False when this server has no `Report.signatures` yet; the panel says so instead of an empty list. */
  readonly signaturesAvailable: boolean;
  readonly isRoot: boolean;
  readonly onReroot: (id: string) => void;
  /** Opens the dataset view (fields, snapshots, readers and writers). */
  readonly onOpenDataset: (id: string) => void;
}

/** The details panel's content for one node. */
export function renderDetails(node: NodeRecord, options: DetailsOptions): HTMLElement {
  const style = styleOf(TYPE_BY_TYPENAME[node.__typename] ?? '');
  const rows = (FIELDS[node.__typename] ?? [])
    .map(([path, label]) => [label, format(read(node, path))] as const)
    .filter(([, value]) => value !== '');
  const root = h('div', { class: 'details', 'data-id': node.id },
    h('p', { class: 'details-type' }, h('span', { class: 'swatch', style: `background:${style.colour}`, 'aria-hidden': 'true' }), style.label),
    h('dl', {}, ...rows.flatMap(([label, value]) => [h('dt', { text: label }), h('dd', { text: value })]), h('dt', { text: 'Id' }), h('dd', { class: 'mono', text: node.id })),
  );
  if (Array.isArray(node.metrics)) root.append(metricsTable(node.metrics as { key: string; value: number | null; special: string | null }[]));
  if (isObject(node.params)) root.append(keyValueTable('Parameters', 'params', node.params));
  if (node.__typename === 'Dataset' && Array.isArray(node.fields)) root.append(fieldsTable(node.fields as { name: string; type: string | null; description: string | null }[]));
  if (node.__typename === 'Dataset') {
    const open = h('button', { type: 'button', class: 'open-dataset', text: 'Open the dataset view' });
    open.addEventListener('click', () => options.onOpenDataset(node.id));
    root.append(h('p', {}, open, h('span', { class: 'hint', text: ' Fields with their source, snapshots, and the runs and jobs that read and write it.' })));
  }
  if (node.__typename === 'Report') root.append(signaturesBlock(node.signatures as Signature[] | undefined, options.signaturesAvailable));
  if (node.__typename === 'Run') root.append(...runBlocks(node, options.onReroot));
  if (node.__typename === 'Signal' && Array.isArray(node.history)) root.append(historyTable(String(node.status ?? ''), node.history as Transition[]));
  root.append(
    options.isRoot
      ? h('p', { class: 'hint', text: 'The graph is rooted on this node.' })
      : rerootButton(node.id, options.onReroot),
  );
  return root;
}

function rerootButton(id: string, onReroot: (id: string) => void): HTMLElement {
  const button = h('button', { type: 'button', class: 'reroot', text: 'Re-root the graph here' });
  button.addEventListener('click', () => onReroot(id));
  return button;
}

/** What the run read, what it produced and what it feeds, each linked to re-root on it; and its MLflow UI page where there is one. */
function runBlocks(node: NodeRecord, onReroot: (id: string) => void): HTMLElement[] {
  const link = (id: string, text: string) => nodeLink(id, text, onReroot);
  const inputs = (node.inputs ?? []) as RunInput[];
  const versions = (node.modelVersions ?? []) as RunModelVersion[];
  const reports = (node.downstreamReports ?? []) as LinkedReport[];
  const blocks = [
    section('Datasets read', 'inputs', inputs.length === 0 ? null : table(['Dataset', 'Digest', 'Context'], inputs.map((i) => [link(i.dataset.id, i.dataset.name), i.digest ?? i.dataset.digest ?? '—', i.context ?? '—']))),
    section('Model versions produced', 'model-versions', versions.length === 0 ? null : table(['Model', 'Version', 'Stage'], versions.map((v) => [link(v.id, v.name), v.version, v.stage ?? '—']))),
    section('Reports it feeds', 'reports', reports.length === 0 ? null : h('ul', { class: 'links' }, ...reports.map((r) => h('li', {}, link(r.id, r.title))))),
  ];
  const experiment = isObject(node.experiment) ? node.experiment : {};
  const store = isObject(experiment.store) ? experiment.store : {};
  const url = mlflowRunUrl(store.uri as string | undefined, experiment.experimentId as string | undefined, String(node.runId ?? ''));
  if (url) blocks.push(h('p', { class: 'mlflow' }, h('a', { href: url, target: '_blank', rel: 'noopener noreferrer', text: 'Open the run in the MLflow UI' })));
  return blocks;
}

/** The signal's lifecycle: where it is now, then every step, oldest first, as the API lists them. */
function historyTable(status: string, history: Transition[]): HTMLElement {
  const body = h('div', {},
    h('p', { class: 'hint', text: `Current status: ${status}.` }),
    history.length === 0
      ? h('p', { class: 'hint', text: 'No transitions recorded: the status is the one the signal was recorded with.' })
      : table(['Step', 'By', 'Decision', 'Rationale', 'At (UTC)'], history.map((t) => [`${t.from} → ${t.to}`, `${t.actorName} (${t.actorId})`, t.decision, t.rationale, t.at])),
  );
  return section('Lifecycle', 'history', body);
}

/** A button that looks like a link: it re-roots in place, where a real link would lose the view's other settings. */
function nodeLink(id: string, text: string, onReroot: (id: string) => void): HTMLElement {
  const button = h('button', { type: 'button', class: 'link', 'data-id': id, title: `Re-root the graph on ${text}`, text });
  button.addEventListener('click', () => onReroot(id));
  return button;
}

function metricsTable(metrics: { key: string; value: number | null; special: string | null }[]): HTMLElement {
  return section('Metrics', 'metrics', metrics.length === 0 ? null : table(['Metric', 'Latest value'], metrics.map((m) => [m.key, m.value === null ? (m.special ?? '—') : String(m.value)])));
}

function fieldsTable(fields: { name: string; type: string | null; description: string | null }[]): HTMLElement {
  return section('Fields', 'fields', fields.length === 0 ? null : table(['Field', 'Type', 'Description'], fields.map((f) => [f.name, f.type ?? '—', f.description ?? ''])));
}

function keyValueTable(title: string, cls: string, values: Record<string, unknown>): HTMLElement {
  const entries = Object.entries(values).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return section(title, cls, entries.length === 0 ? null : table(['Name', 'Value'], entries.map(([k, v]) => [k, format(v)])));
}

function signaturesBlock(signatures: Signature[] | undefined, available: boolean): HTMLElement {
  if (!available) return section('Signatures', 'signatures', h('p', { class: 'hint', text: 'This server does not list electronic signatures.' }));
  const list = signatures ?? [];
  return section('Signatures', 'signatures', list.length === 0 ? null : table(['Meaning', 'Signed by', 'User id', 'Signed at (UTC)', 'Version'], list.map((s) => [s.meaning, s.printedName, s.userId, s.signedAt, String(s.version)])));
}

function section(title: string, cls: string, body: HTMLElement | null): HTMLElement {
  return h('section', { class: cls }, h('h3', { text: title }), body ?? h('p', { class: 'hint', text: 'None.' }));
}

function table(headers: string[], rows: (string | HTMLElement)[][]): HTMLElement {
  return h('table', {},
    h('thead', {}, h('tr', {}, ...headers.map((t) => h('th', { scope: 'col', text: t })))),
    h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((c, i) => h(i === 0 ? 'th' : 'td', i === 0 ? { scope: 'row' } : {}, c))))),
  );
}

function read(node: NodeRecord, path: string): unknown {
  return path.split('.').reduce<unknown>((v, key) => (isObject(v) ? v[key] : undefined), node);
}

function format(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(format).join(', ');
  if (isObject(value)) return JSON.stringify(value);
  return String(value);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
