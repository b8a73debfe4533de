import { h } from './dom';
import { type VersionRow, servingSummary, sortVersions } from './modelVersions';
import { formatTime } from './runColumns';
import { dataTable, linkButton } from './tables';

export interface ModelSummary {
  id: string;
  name: string;
  description: string | null;
  updatedAt: string | null;
  versions: { totalCount: number; edges: { node: { version: number; stage: string; aliases: string[] } }[] };
}

export interface ModelDetail {
  id: string;
  name: string;
  description: string | null;
  tags: Record<string, string>;
  versions: { totalCount: number; edges: { node: VersionRow }[] };
}

export interface RegistryHooks {
  readonly openModel: (id: string) => void;
  readonly openLineage: (id: string) => void;
}

/** The store key of a typed model id (`model:<storeKey>:<name>`): two stores may hold a model of one name. */
const storeOf = (id: string) => id.split(':')[1] ?? '';

/** The registered models, by name, as the API orders them. */
export function renderModels(models: readonly ModelSummary[], total: number, hooks: RegistryHooks): HTMLElement {
  if (models.length === 0) return h('p', { class: 'hint', role: 'status', text: 'No registered models have been ingested yet.' });
  const rows = models.map((m) => {
    const latest = m.versions.edges[0]?.node;
    return {
      attrs: { 'data-id': m.id },
      cells: [
        linkButton(m.name, `Show the versions of ${m.name}`, () => hooks.openModel(m.id)),
        storeOf(m.id),
        String(m.versions.totalCount),
        latest ? `v${latest.version} (${[latest.stage, ...latest.aliases].join(', ')})` : '—',
        m.description ?? '',
      ],
    };
  });
  return h('div', {},
    h('p', { class: 'hint', text: `${total} registered model${total === 1 ? '' : 's'}, by name. Pick one for its versions.` }),
    h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': 'Registered models (scrolls sideways)' },
      dataTable('Registered models', ['Model', 'Store', 'Versions', 'Latest version', 'Description'], rows)));
}

/** One model's versions, newest first: stage, aliases, status, the run that produced it and what it feeds. */
export function renderVersions(model: ModelDetail, hooks: RegistryHooks): HTMLElement {
  const versions = sortVersions(model.versions.edges.map((e) => e.node));
  const lineage = (id: string, text: string) => linkButton(text, `Draw the lineage of ${text}`, () => hooks.openLineage(id), { 'data-id': id });
  const list = (items: HTMLElement[]) => (items.length === 0 ? '—' : h('ul', { class: 'links' }, ...items.map((i) => h('li', {}, i))));
  const rows = versions.map((v) => ({
    attrs: { 'data-id': v.id, 'data-stage': v.stage },
    cells: [
      lineage(v.id, `v${v.version}`),
      h('span', { class: `stage stage-${v.stage.toLowerCase()}`, text: v.stage }),
      v.aliases.length === 0 ? '—' : h('span', { class: 'aliases' }, ...v.aliases.map((a) => h('span', { class: 'alias', text: `@${a}` }))),
      v.status ?? '—',
      v.run ? lineage(v.run.id, v.run.name ?? v.runId ?? v.run.id) : (v.runId ? `${v.runId} (not ingested)` : '—'),
      list(v.reports.map((r) => lineage(r.id, r.title))),
      list(v.signals.map((s) => lineage(s.id, `${s.drug} – ${s.eventTerm} (${s.status})`))),
      formatTime(v.createdAt),
    ],
  }));
  const serving = servingSummary(versions);
  const shown = versions.length < model.versions.totalCount ? ` The newest ${versions.length} of ${model.versions.totalCount} are shown.` : '';
  return h('div', {},
    h('h3', { class: 'catalog-title', text: `${model.name} · ${storeOf(model.id)}` }),
    model.description ? h('p', { text: model.description }) : null,
    h('p', { class: 'hint', text: `${serving.length > 0 ? `Serving: ${serving.join(', ')}. ` : ''}Versions newest first. Reports and signals fed: those downstream of the version or of the run that produced it.${shown}` }),
    h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': `Versions of ${model.name} (scrolls sideways)` },
      dataTable(`Versions of ${model.name}`, ['Version', 'Stage', 'Aliases', 'Status', 'Source run', 'Reports fed', 'Signals fed', 'Created (UTC)'], rows, 'catalog-table versions-table')));
}
