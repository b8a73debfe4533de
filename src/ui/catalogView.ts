import { ApiProblem, type GraphQLClient } from './api';
import { type CatalogRoute, formatCatalogRoute } from './catalogRoute';
import { type DatasetRecord, renderDataset } from './datasetView';
import { h } from './dom';
import type { Messages } from './messages';
import { DATASET_VIEW, MODEL_VERSIONS, REGISTERED_MODELS } from './queries';
import { type ModelDetail, type ModelSummary, renderModels, renderVersions } from './registryView';

export interface CatalogHooks {
  /** Draws a node's lineage (leaves this view). */
  readonly openLineage: (id: string) => void;
  /** The server refused the stored token, or wants one. */
  readonly unauthenticated: () => void;
}

/**
 * The registry (`?view=registry`, a model with `&model=`) and dataset (`?view=dataset&id=`)
 * views: one request each, painted into `#catalog`, which records its paint time in
 * `data-render-ms` as the runs view does.
 */
export class CatalogView {
  private route: CatalogRoute = { view: 'registry', model: null };
  private seq = 0;
  private readonly heading: HTMLElement;
  private readonly body = h('div', { class: 'catalog-body' });

  constructor(
    private readonly el: HTMLElement,
    private readonly client: GraphQLClient,
    private readonly messages: Messages,
    private readonly hooks: CatalogHooks,
  ) {
    this.heading = el.querySelector('h2') ?? h('h2');
    el.append(this.body);
  }

  show(route: CatalogRoute): void {
    this.route = route;
    this.el.hidden = false;
    document.body.dataset.view = route.view;
    if (route.view === 'dataset') void this.load('Dataset', route.id, () => this.dataset(route.id!));
    else if (route.model) void this.load('Registry', route.model, () => this.model(route.model!));
    else void this.load('Registry', '', () => this.models());
  }

  hide(): void {
    this.seq++;
    this.el.hidden = true;
    this.messages.remove('catalog');
    document.body.dataset.view = 'lineage';
  }

  reload(): void {
    if (!this.el.hidden) this.show(this.route);
  }

  private navigate(route: CatalogRoute): void {
    history.pushState(null, '', formatCatalogRoute(route));
    this.show(route);
  }

  private async load(title: string, id: string | null, paint: () => Promise<(Node | string)[]>): Promise<void> {
    this.heading.textContent = title;
    this.messages.remove('catalog');
    const seq = ++this.seq;
    const started = performance.now();
    this.el.dataset.state = 'loading';
    this.el.setAttribute('aria-busy', 'true');
    let state = 'ready';
    let content: (Node | string)[];
    try {
      content = id === null ? [h('p', { class: 'hint', text: 'Pick a dataset in the lineage or in search results to see it here.' })] : await paint();
    } catch (err) {
      if (seq !== this.seq) return;
      if (!(err instanceof ApiProblem)) throw err;
      if (err.kind === 'UNAUTHENTICATED') this.hooks.unauthenticated();
      const text = `Loading the ${title.toLowerCase()} failed: ${err.message}`;
      this.messages.set('catalog', 'error', text, err.kind === 'NETWORK' || err.kind === 'UNAVAILABLE' ? { label: 'Try again', run: () => this.show(this.route) } : undefined);
      content = [h('p', { class: 'hint', text })];
      state = 'error';
    }
    if (seq !== this.seq) return;
    this.body.replaceChildren(...content);
    this.el.setAttribute('aria-busy', 'false');
    Object.assign(this.el.dataset, { state, renderMs: (performance.now() - started).toFixed(1) });
  }

  private registryHooks() {
    return { openModel: (model: string) => this.navigate({ view: 'registry', model }), openLineage: this.hooks.openLineage };
  }

  private async models(): Promise<Node[]> {
    const { registeredModels } = await this.client.request<{ registeredModels: { totalCount: number; edges: { node: ModelSummary }[] } }>(REGISTERED_MODELS);
    return [renderModels(registeredModels.edges.map((e) => e.node), registeredModels.totalCount, this.registryHooks())];
  }

  private async model(id: string): Promise<Node[]> {
    const { registeredModel } = await this.client.request<{ registeredModel: ModelDetail }>(MODEL_VERSIONS, { id });
    return [this.back('← All registered models', () => this.navigate({ view: 'registry', model: null })), renderVersions(registeredModel, this.registryHooks())];
  }

  private async dataset(id: string): Promise<Node[]> {
    const { dataset } = await this.client.request<{ dataset: DatasetRecord }>(DATASET_VIEW, { id });
    return [renderDataset(dataset, this.hooks.openLineage)];
  }

  private back(text: string, run: () => void): HTMLElement {
    const button = h('button', { type: 'button', class: 'back', text });
    button.addEventListener('click', run);
    return button;
  }
}
