import { MAX_LINEAGE_LIMIT } from '../domain/lineage';
import type { LineageGraph } from '../domain/lineageGraph';
import { ApiProblem, GraphQLClient } from './api';
import { auditTrailButton } from './auditTrailView';
import { signalTransitionForm } from './signalTransitionForm';
import { signReportBlock } from './signReportForm';
import { signedMessage } from './signingOffer';
import { Controls } from './controls';
import { type NodeRecord, renderDetails } from './details';
import { byId, h } from './dom';
import { GraphView } from './graphView';
import { Messages } from './messages';
import { NodeList } from './nodeList';
import { CatalogView } from './catalogView';
import { formatCatalogRoute, isCatalogAddress, parseCatalogRoute } from './catalogRoute';
import { RunsView } from './runsView';
import { isRunsAddress, parseRunsRoute } from './runsRoute';
import { TrendsView } from './trendsView';
import { isTrendsAddress, parseTrendsRoute } from './trendsRoute';
import { styleOf } from './nodeStyles';
import { LINEAGE, MAX_COLUMN_DATASETS, REPORT_FIELDS, SEARCH, SIGNATURES_PROBE, columnEdges, nodeDetails } from './queries';
import type { ColumnEdge } from './graphView';
import { session } from './session';
import { SignIn } from './signIn';
import { formatView, idProblem, parseView, type ViewState } from './viewState';
import { Landing } from './worklistView';

interface SearchHit {
  id: string;
  type: string;
  displayName: string;
  summary: string | null;
  /** The store or OpenLineage namespace: what tells two same-named runs apart. */
  source: string | null;
}

/** The page controller: controls → view state → address bar → one lineage request → canvas and list. */
export class Explorer {
  private readonly client = new GraphQLClient('/graphql', () => session.token());
  private readonly messages = new Messages(byId('messages'));
  private readonly controls: Controls;
  private readonly graphEl = byId('graph');
  private readonly graph: GraphView;
  private readonly list: NodeList;
  private readonly signIn: SignIn;
  private readonly landing: Landing;
  private readonly runs: RunsView;
  private readonly trends: TrendsView;
  private readonly catalog: CatalogView;
  private readonly details = byId('details-body');
  private readonly results = byId<HTMLUListElement>('search-results');
  private readonly searchText = byId<HTMLInputElement>('search-text');
  private view: ViewState;
  private answer: LineageGraph | null = null;
  private signatures: Promise<boolean> | null = null;
  /** Answers that arrive after a newer request was made are dropped. */
  private loads = 0;
  private detailRequests = 0;
  /** Set when a search result was picked: keyboard users continue in the node list. */
  private focusList = false;
  /** Set by the worklist's "Sign" button: the report's signing form opens with that meaning and the focus. */
  private signIntent: { id: string; meaning: string } | null = null;

  constructor(maxDepth: number) {
    this.controls = new Controls(maxDepth);
    const handlers = { select: (id: string) => this.select(id), reroot: (id: string) => this.reroot(id) };
    // A node clicked on the canvas is already in view: no panning.
    this.graph = new GraphView(this.graphEl, { select: (id) => this.select(id, true, false), reroot: handlers.reroot });
    this.list = new NodeList(byId('node-list'), handlers, byId('node-walk'));
    this.landing = new Landing(byId('landing'), this.client, (id, sign) => {
      this.signIntent = sign ? { id, meaning: sign.meaning } : null;
      this.reroot(id);
    }, () => this.signIn.expired());
    this.runs = new RunsView(byId('runs'), this.client, this.messages, {
      openLineage: (id) => {
        this.runs.hide();
        this.reroot(id);
      },
      unauthenticated: () => (session.token() ? this.signIn.expired() : this.signIn.require('Sign in to see runs: this server does not allow anonymous reading.')),
    });
    this.trends = new TrendsView(byId('trends'), this.client, this.messages, {
      openLineage: (id) => {
        this.trends.hide();
        this.reroot(id);
      },
      unauthenticated: () => (session.token() ? this.signIn.expired() : this.signIn.require('Sign in to see trends: this server does not allow anonymous reading.')),
    });
    this.catalog = new CatalogView(byId('catalog'), this.client, this.messages, {
      openLineage: (id) => {
        this.catalog.hide();
        this.reroot(id);
      },
      unauthenticated: () => (session.token() ? this.signIn.expired() : this.signIn.require('Sign in to see the registry and datasets: this server does not allow anonymous reading.')),
    });
    this.signIn = new SignIn(this.client, this.messages, () => {
      this.signatures = null;
      if (isRunsAddress(location.search)) {
        this.runs.reload();
        return;
      }
      if (isTrendsAddress(location.search)) {
        this.trends.reload();
        return;
      }
      if (isCatalogAddress(location.search)) {
        this.catalog.reload();
        return;
      }
      if (!session.token()) {
        this.clearGraph('Signed out: sign in again to see lineage.');
        if (!this.view.id) void this.landing.show(false);
      } else if (this.view.id) void this.load();
      // Signed in after a search was refused: run it again.
      else if (this.searchText.value.trim() !== '') void this.search(this.searchText.value.trim());
      else void this.landing.show(true);
    });
    const parsed = parseView(location.search, maxDepth);
    this.view = parsed.view;
    if (parsed.problems.length > 0) this.messages.set('url', 'error', parsed.problems.join(' '));
    this.controls.write(this.view);
    this.controls.onChange(() => this.apply({ ...this.controls.read() }));
    this.controls.columns.addEventListener('change', () => void this.drawColumns());
    byId<HTMLFormElement>('controls').addEventListener('submit', (e) => {
      e.preventDefault();
      void this.search(this.searchText.value.trim());
    });
    window.addEventListener('popstate', () => {
      if (this.showSideView()) return;
      this.runs.hide();
      this.trends.hide();
      this.catalog.hide();
      this.view = parseView(location.search, maxDepth).view;
      this.controls.write(this.view);
      if (this.view.id) void this.load();
      else {
        this.clearGraph('');
        void this.landing.show(session.token() !== null);
      }
    });
    if (this.showSideView()) return;
    if (this.view.id) void this.load();
    else {
      if (parsed.problems.length === 0) this.messages.set('load', 'info', 'Search for a report, run, dataset or model, then pick a result to draw its lineage.');
      void this.landing.show(session.token() !== null);
    }
  }

  /**
   * The runs view (`?view=runs`: the table, or a comparison), the trends view (`?view=trends`) or
   * the registry and dataset views (`?view=registry`, `?view=dataset&id=`), when the address asks
   * for one; the lineage panes are hidden meanwhile.
   */
  private showSideView(): boolean {
    const search = location.search;
    const which = isRunsAddress(search) ? 'runs' : isTrendsAddress(search) ? 'trends' : isCatalogAddress(search) ? 'catalog' : null;
    if (which === null) return false;
    const problems = which === 'runs' ? parseRunsRoute(search).problems : which === 'trends' ? parseTrendsRoute(search).problems : parseCatalogRoute(search).problems;
    this.landing.hide();
    this.clearGraph('');
    if (problems.length > 0) this.messages.set('url', 'error', problems.join(' '));
    else if (which === 'catalog') this.messages.remove('url', 'load', 'search');
    else this.messages.remove('url', 'load');
    if (which !== 'runs') this.runs.hide();
    if (which !== 'trends') this.trends.hide();
    if (which !== 'catalog') this.catalog.hide();
    if (which === 'runs') this.runs.show(parseRunsRoute(search).route);
    else if (which === 'trends') this.trends.show(parseTrendsRoute(search).route);
    else this.catalog.show(parseCatalogRoute(search).route);
    return true;
  }

  /** Leaves the lineage for a dataset's own view. */
  private openDataset(id: string): void {
    history.pushState(null, '', formatCatalogRoute({ view: 'dataset', id }));
    this.results.hidden = true;
    this.showSideView();
  }

  /** The canvas, for debugging in the console and for benchmarks. */
  get cy() {
    return this.graph.core;
  }

  private apply(patch: Partial<ViewState>): void {
    if (patch.types && patch.types.length === 0) {
      this.messages.set('load', 'error', 'Choose at least one node type.');
      return;
    }
    this.view = { ...this.view, ...patch };
    history.pushState(null, '', formatView(this.view));
    void this.load();
  }

  private reroot(id: string): void {
    this.messages.remove('url');
    this.apply({ id });
  }

  private async load(): Promise<void> {
    const view = this.view;
    if (!view.id) return;
    const seq = ++this.loads;
    this.landing.hide();
    this.setState('loading');
    this.messages.remove('load', 'truncated', 'absent', 'sign');
    try {
      const { lineage } = await this.client.request<{ lineage: LineageGraph }>(LINEAGE, {
        id: view.id,
        direction: view.direction,
        depth: view.depth,
        nodeTypes: view.types,
        asOf: view.asOf,
        validAt: view.validAt,
        limit: view.limit,
      });
      if (seq !== this.loads) return;
      this.answer = lineage;
      this.messages.remove('auth');
      const times = await this.graph.show(lineage.nodes, lineage.edges, lineage.root.id, view.direction);
      if (seq !== this.loads) return;
      this.list.show(lineage.nodes, lineage.edges);
      if (this.focusList) byId('node-list').focus();
      this.focusList = false;
      this.describe(lineage, times.renderMs);
      Object.assign(this.graphEl.dataset, { nodeCount: String(lineage.nodes.length), edgeCount: String(lineage.edges.length), layoutMs: times.layoutMs.toFixed(1), renderMs: times.renderMs.toFixed(1) });
      this.setState('ready');
      if (this.controls.columns.checked) void this.drawColumns();
      if (lineage.truncated) this.offerMore(lineage);
      // An empty answer because the root did not exist yet at the time asked is not "no lineage".
      if (!lineage.rootExistedAt) this.messages.set('absent', 'info', lineage.rootAbsence ?? 'The root did not exist yet at the time asked for.');
      // The root is selected, but the view stays on the whole graph.
      void this.select(lineage.root.id, true, false);
    } catch (err) {
      if (seq !== this.loads) return;
      this.fail(err, 'load');
    }
  }

  /** With the "Columns" switch on, the field edges between the datasets on screen; off, none. */
  private async drawColumns(): Promise<void> {
    const seq = this.loads;
    const datasets = (this.answer?.nodes ?? []).filter((n) => n.type === 'DATASET').map((n) => n.id);
    this.messages.remove('columns');
    if (!this.controls.columns.checked || datasets.length === 0) {
      this.graph.showColumnEdges([]);
      this.graphEl.dataset.columnEdges = '0';
      return;
    }
    const asked = datasets.slice(0, MAX_COLUMN_DATASETS);
    try {
      const answer = await this.client.request<Record<string, { nodes: { id: string; datasetId: string; name: string }[]; edges: { from: string; to: string; type: string | null; masking: boolean | null }[] }>>(
        columnEdges(asked.length),
        Object.fromEntries(asked.map((id, i) => [`d${i}`, id])),
      );
      if (seq !== this.loads || !this.controls.columns.checked) return;
      const edges: ColumnEdge[] = [];
      for (const g of Object.values(answer)) {
        const field = new Map(g.nodes.map((n) => [n.id, n]));
        for (const e of g.edges) {
          const from = field.get(e.from);
          const to = field.get(e.to);
          if (from && to) edges.push({ from: from.datasetId, to: to.datasetId, label: `${from.name} → ${to.name}${e.masking ? ' (masked)' : ''}` });
        }
      }
      this.graph.showColumnEdges(edges);
      this.graphEl.dataset.columnEdges = String(edges.length);
      if (datasets.length > asked.length) this.messages.set('columns', 'warning', `Column lineage is drawn for the first ${asked.length} of ${datasets.length} datasets on screen.`);
    } catch (err) {
      this.fail(err, 'columns');
    }
  }

  private describe(lineage: LineageGraph, renderMs: number): void {
    const byType = lineage.stats.nodesByType.map((t) => `${t.count} ${styleOf(t.type).label.toLowerCase()}`).join(', ');
    byId('summary').textContent =
      `${styleOf(lineage.root.type).label} “${lineage.root.displayName}”: ${lineage.nodes.length} nodes (${byType}), ${lineage.edges.length} edges, ` +
      `deepest level ${lineage.stats.deepestLevel}. Server ${Math.round(lineage.stats.elapsedMs)} ms, drawn in ${Math.round(renderMs)} ms.`;
    byId('node-count').textContent = `(${lineage.nodes.length})`;
    this.graphEl.setAttribute('aria-label', `Lineage graph of ${lineage.root.displayName}: ${lineage.nodes.length} nodes. The node list beside it holds the same nodes.`);
  }

  private offerMore(lineage: LineageGraph): void {
    const limit = this.view.limit;
    const text = `Partial answer: more than ${limit} nodes are reachable, so only the nearest ${lineage.nodes.length - 1} besides the root are shown.`;
    if (limit >= MAX_LINEAGE_LIMIT) {
      this.messages.set('truncated', 'warning', `${text} ${MAX_LINEAGE_LIMIT} is the most one answer may hold: lower the depth or filter the node types.`);
      return;
    }
    const raised = Math.min(MAX_LINEAGE_LIMIT, Math.max(limit * 2, 1000));
    this.messages.set('truncated', 'warning', text, { label: `Show up to ${raised} nodes`, run: () => this.apply({ limit: raised }) });
  }

  private async search(text: string): Promise<void> {
    this.results.replaceChildren();
    this.results.hidden = true;
    this.messages.remove('search', 'url');
    if (text === '') {
      this.messages.set('search', 'error', 'Type part of a name, a report title, an MLflow run id or a digest to search.');
      return;
    }
    // A typed id goes straight to the graph.
    if (/^[a-z]+:/.test(text) && idProblem(text) === null) {
      this.reroot(text);
      return;
    }
    try {
      const { search } = await this.client.request<{ search: SearchHit[] }>(SEARCH, { text, first: 20 });
      if (search.length === 0) {
        this.messages.set('search', 'warning', `Nothing matches “${text}”. Try part of a name, a report title, an MLflow run id or a digest prefix.`);
        return;
      }
      for (const hit of search) {
        const style = styleOf(hit.type);
        const button = h('button', { type: 'button', 'data-id': hit.id },
          h('span', { class: 'swatch', style: `background:${style.colour}`, 'aria-hidden': 'true' }),
          h('span', { class: 'name', text: hit.displayName }),
          h('span', { class: 'meta', text: [style.label, hit.summary, hit.source].filter(Boolean).join(' · ') }),
        );
        button.addEventListener('click', () => {
          this.results.hidden = true;
          this.focusList = true;
          this.reroot(hit.id);
        });
        const item = h('li', {}, button);
        if (hit.type === 'DATASET') {
          const view = h('button', { type: 'button', class: 'dataset-view-link', text: 'Dataset view', 'aria-label': `Open the dataset view of ${hit.displayName}` });
          view.addEventListener('click', () => this.openDataset(hit.id));
          item.append(view);
        }
        this.results.append(item);
      }
      this.results.hidden = false;
      this.results.querySelector('button')?.focus();
      this.messages.set('search', 'info', `${search.length} match${search.length === 1 ? '' : 'es'} for “${text}”: pick one to draw its lineage.`);
    } catch (err) {
      this.fail(err, 'search');
    }
  }

  /** Shows a node's details; `fromGraph` also moves the list's active item, `reveal` pans to the node. */
  private async select(id: string, fromGraph = false, reveal = true): Promise<void> {
    this.graph.focus(id, reveal);
    if (fromGraph) this.list.activate(id, false);
    const seq = ++this.detailRequests;
    this.details.replaceChildren(h('p', { class: 'hint', text: 'Loading details…' }));
    try {
      const type = this.answer?.nodes.find((n) => n.id === id)?.type ?? '';
      const withSignatures = type === 'REPORT' && (await this.hasSignatures());
      const { node } = await this.client.request<{ node: NodeRecord }>(nodeDetails(type, withSignatures), { id });
      if (seq !== this.detailRequests) return;
      this.details.replaceChildren(renderDetails(node, { signaturesAvailable: withSignatures, isRoot: id === this.answer?.root.id, onReroot: (nodeId) => this.reroot(nodeId), onOpenDataset: (datasetId) => this.openDataset(datasetId) }));
      const panel = this.details.firstElementChild;
      if (node.__typename === 'Signal') {
        const form = signalTransitionForm(this.client, { id, status: String(node.status ?? '') }, () => void this.select(id, false, false));
        if (form) panel?.append(form);
      }
      if (node.__typename === 'Report' && withSignatures) panel?.append(this.signBlock(id));
      panel?.append(auditTrailButton(this.client, id));
    } catch (err) {
      if (seq !== this.detailRequests) return;
      this.details.replaceChildren(h('p', { class: 'hint', text: err instanceof Error ? err.message : String(err) }));
      if (err instanceof ApiProblem && err.kind === 'UNAUTHENTICATED') this.fail(err, 'load');
    }
  }

  /** The report's signing form (or why the account cannot sign); a stored signature reloads the panel, so its signatures table shows it. */
  private signBlock(id: string): HTMLElement {
    const intent = this.signIntent?.id === id ? this.signIntent : null;
    this.signIntent = null;
    return signReportBlock(this.client, id, session.token() !== null, (signed) => {
      this.messages.set('sign', 'info', signedMessage(signed));
      void this.select(id, false, false);
    }, { meaning: intent?.meaning ?? null, focus: intent !== null });
  }

  /**
   * Whether `Report.signatures` exists on this server: introspection says so. Where introspection
   * is off, one probe that fails validation on a server without the field decides instead.
   * Only that answer is remembered; a failure for another reason (signed out, server down) is asked again next time.
   */
  private hasSignatures(): Promise<boolean> {
    const invalid = (err: unknown) => err instanceof ApiProblem && err.code === 'GRAPHQL_VALIDATION_FAILED';
    const forget = () => {
      this.signatures = null;
      return false;
    };
    this.signatures ??= this.client
      .request<{ __type: { fields: { name: string }[] } | null }>(REPORT_FIELDS)
      .then((r) => r.__type?.fields.some((f) => f.name === 'signatures') ?? false)
      .catch((err: unknown) =>
        invalid(err) ? this.client.request(SIGNATURES_PROBE).then(() => true, (probe: unknown) => (invalid(probe) ? false : forget())) : forget(),
      );
    return this.signatures;
  }

  private fail(err: unknown, topic: string): void {
    if (!(err instanceof ApiProblem)) throw err;
    if (topic === 'load') this.setState('error');
    switch (err.kind) {
      case 'UNAUTHENTICATED':
        if (session.token()) this.signIn.expired();
        else this.signIn.require('Sign in to see lineage: this server does not allow anonymous reading.');
        return;
      case 'NETWORK':
      case 'UNAVAILABLE':
        this.messages.set(topic, 'error', err.message, { label: 'Try again', run: () => (topic === 'search' ? void this.search(this.searchText.value.trim()) : void this.load()) });
        return;
      case 'NOT_FOUND':
        this.messages.set(topic, 'error', `${err.message}. It may have been removed; search for another node.`);
        return;
      default:
        this.messages.set(topic, 'error', err.message);
    }
  }

  private clearGraph(message: string): void {
    this.loads++;
    this.answer = null;
    this.graph.clear();
    this.list.clear();
    this.details.replaceChildren(h('p', { class: 'hint', text: 'Select a node.' }));
    byId('summary').textContent = message;
    byId('node-count').textContent = '';
    this.setState('empty');
  }

  private setState(state: 'empty' | 'loading' | 'ready' | 'error'): void {
    this.graphEl.dataset.state = state;
    this.graphEl.setAttribute('aria-busy', String(state === 'loading'));
  }
}
