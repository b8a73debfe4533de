import cytoscape from 'cytoscape';
import type { LineageEdge, LineageNode } from '../domain/lineageGraph';
import { columnsOf, type Direction, depthLayout, sameColumnArcs } from './layout';
import { TYPE_STYLES } from './nodeStyles';

export interface GraphHandlers {
  readonly select: (id: string) => void;
  readonly reroot: (id: string) => void;
}

/** A field edge drawn between the two datasets holding its fields. */
export interface ColumnEdge {
  readonly from: string;
  readonly to: string;
  readonly label: string;
}

export interface DrawTimes {
  /** Placing every node and building the cytoscape graph. */
  readonly layoutMs: number;
  /** From the answer to the first frame on screen. */
  readonly renderMs: number;
}

/** Above this many elements the renderer trades detail for speed while panning (see perfOptions). */
const LARGE = 2000;

/**
 * The cytoscape canvas. Each answer gets a fresh instance because the renderer's speed
 * settings are fixed at creation and depend on the answer's size.
 */
export class GraphView {
  private cy: cytoscape.Core | null = null;

  constructor(
    private readonly container: HTMLElement,
    private readonly handlers: GraphHandlers,
  ) {}

  get core(): cytoscape.Core | null {
    return this.cy;
  }

  /** Draws an answer; resolves once the first frame is on screen, with the times it took. */
  async show(nodes: readonly LineageNode[], edges: readonly LineageEdge[], rootId: string, direction: Direction): Promise<DrawTimes> {
    const start = performance.now();
    const columns = columnsOf(nodes, edges, direction);
    const positions = depthLayout(nodes, edges, direction, columns);
    const arcs = sameColumnArcs(edges, positions, columns);
    const elements: cytoscape.ElementDefinition[] = nodes.map((n) => ({
      group: 'nodes',
      data: { id: n.id, label: n.displayName, type: n.type },
      position: { ...positions.get(n.id)! },
      classes: n.id === rootId ? `t-${n.type} root` : `t-${n.type}`,
    }));
    edges.forEach((e, i) => {
      const arc = arcs.get(i);
      elements.push(arc === undefined
        ? { group: 'edges', data: { id: `e${i}`, source: e.from, target: e.to, type: e.type } }
        : { group: 'edges', data: { id: `e${i}`, source: e.from, target: e.to, type: e.type, arc }, classes: 'arc' });
    });
    const large = elements.length > LARGE;
    this.cy?.destroy();
    const cy = cytoscape({
      container: this.container,
      elements,
      style: stylesheet(large),
      // Positions come with the elements; fitting is done below without measuring 5,000 labels.
      layout: { name: 'preset', fit: false },
      minZoom: 0.01,
      maxZoom: 4,
      boxSelectionEnabled: false,
      selectionType: 'single',
      autoungrabify: large,
      ...perfOptions(large),
    });
    this.cy = cy;
    fitPositions(cy, positions.values());
    cy.on('tap', 'node', (e) => this.handlers.select(e.target.id()));
    cy.on('dbltap', 'node', (e) => this.handlers.reroot(e.target.id()));
    // Labels are cut to keep columns apart; the node under the pointer shows its whole name.
    cy.on('mouseover', 'node', (e) => e.target.addClass('hover'));
    cy.on('mouseout', 'node', (e) => e.target.removeClass('hover'));
    const layoutMs = performance.now() - start;
    await new Promise<void>((resolve) => {
      cy.one('render', () => resolve());
      // A hidden tab renders nothing; never hang the page waiting for it.
      setTimeout(resolve, 10_000);
    });
    return { layoutMs, renderMs: performance.now() - start };
  }

  /**
   * Column-level edges between datasets already drawn, replacing any drawn before; dashed and
   * labelled `from field → to field`, so they read apart from the lineage edges.
   */
  showColumnEdges(edges: readonly ColumnEdge[]): void {
    const cy = this.cy;
    if (!cy) return;
    cy.remove('edge.column');
    cy.add(edges.filter((e) => !cy.getElementById(e.from).empty() && !cy.getElementById(e.to).empty()).map((e, i) => ({
      group: 'edges' as const,
      data: { id: `c${i}`, source: e.from, target: e.to, label: e.label, type: 'COLUMN' },
      classes: 'column',
    })));
  }

  clear(): void {
    this.cy?.destroy();
    this.cy = null;
  }

  /** Marks a node selected and, with `reveal`, brings it into view (keyboard users cannot pan to find it). */
  focus(id: string, reveal: boolean): void {
    const cy = this.cy;
    if (!cy) return;
    const node = cy.getElementById(id);
    if (node.empty()) return;
    cy.$(':selected').unselect();
    node.select();
    if (!reveal) return;
    const extent = cy.extent();
    const p = node.position();
    const visible = p.x > extent.x1 && p.x < extent.x2 && p.y > extent.y1 && p.y < extent.y2;
    if (!visible || cy.zoom() < 0.4) {
      cy.zoom(Math.max(cy.zoom(), 0.8));
      cy.center(node);
    }
  }
}

/** Fits the view to the node centres (plus a margin for labels) instead of cytoscape's label-measuring fit. */
function fitPositions(cy: cytoscape.Core, points: Iterable<{ x: number; y: number }>): void {
  let x1 = Infinity, y1 = Infinity, x2 = -Infinity, y2 = -Infinity;
  for (const p of points) {
    x1 = Math.min(x1, p.x);
    y1 = Math.min(y1, p.y);
    x2 = Math.max(x2, p.x);
    y2 = Math.max(y2, p.y);
  }
  if (x1 === Infinity) return;
  const margin = 110;
  const width = Math.max(cy.width(), 1);
  const height = Math.max(cy.height(), 1);
  const zoom = Math.min(1.5, width / (x2 - x1 + 2 * margin), height / (y2 - y1 + 2 * margin));
  cy.viewport({ zoom, pan: { x: width / 2 - (zoom * (x1 + x2)) / 2, y: height / 2 - (zoom * (y1 + y2)) / 2 } });
}

/** Cheaper rendering for big answers: plain edges and a cached texture while moving keep panning smooth. */
function perfOptions(large: boolean): Partial<cytoscape.CytoscapeOptions> {
  return large ? { hideEdgesOnViewport: true, textureOnViewport: true, pixelRatio: 1, motionBlur: false } : { pixelRatio: 'auto' };
}

function stylesheet(large: boolean): cytoscape.StylesheetJson {
  const perType = Object.entries(TYPE_STYLES).map(([type, s]) => ({
    // Class selectors: much cheaper than data selectors when styling thousands of nodes.
    selector: `node.t-${type}`,
    style: { shape: s.shape, 'background-color': s.colour },
  }));
  return [
    {
      selector: 'node',
      style: {
        shape: 'star',
        'background-color': '#777777',
        width: 30,
        height: 30,
        'border-width': 1,
        'border-color': '#ffffff',
        label: 'data(label)',
        'font-size': 11,
        'font-family': 'DejaVu Sans, system-ui, sans-serif',
        color: '#1b1f24',
        'text-valign': 'bottom',
        'text-margin-y': 4,
        'text-wrap': 'ellipsis',
        'text-max-width': '200px',
        // Labels are skipped when they would be unreadably small: the main cost of big graphs.
        'min-zoomed-font-size': 7,
      },
    },
    ...perType,
    {
      selector: 'edge.column',
      style: { width: 1.5, 'line-style': 'dashed', 'line-color': '#5E8FB3', 'curve-style': 'bezier', 'target-arrow-shape': 'triangle', 'target-arrow-color': '#5E8FB3', label: 'data(label)', 'font-size': 9, 'text-rotation': 'autorotate', color: '#1b1f24' },
    },
    {
      // The whole label of the node under the pointer or selected (by click or from the keyboard list), drawn above its neighbours.
      selector: 'node.hover, node:selected',
      style: { 'text-wrap': 'wrap', 'text-max-width': '480px', 'z-index': 10, 'text-background-color': '#ffffff', 'text-background-opacity': 0.92, 'text-background-padding': '2px', 'min-zoomed-font-size': 0 },
    },
    { selector: 'node.root', style: { width: 44, height: 44, 'border-width': 4, 'border-color': '#1b1f24', 'font-weight': 'bold' } },
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#0b57d0', 'overlay-color': '#0b57d0', 'overlay-opacity': 0.15, 'overlay-padding': 6 } },
    {
      selector: 'edge',
      style: large
        ? { width: 1, 'line-color': '#9aa5b1', 'curve-style': 'haystack', 'haystack-radius': 0 }
        : { width: 1.5, 'line-color': '#9aa5b1', 'curve-style': 'straight', 'target-arrow-shape': 'triangle', 'target-arrow-color': '#9aa5b1', 'arrow-scale': 0.9 },
    },
    {
      // An edge within one column bows out of it instead of running through the nodes between its ends (layout.ts sameColumnArcs); also in big answers, where there are few of them.
      selector: 'edge.arc',
      style: { 'curve-style': 'unbundled-bezier', 'control-point-distances': 'data(arc)', 'control-point-weights': 0.5 },
    },
  ] as cytoscape.StylesheetJson;
}
