import { h } from './dom';
import type { LineageEdge, LineageNode } from '../domain/lineageGraph';
import { NeighbourWalk, type Side } from './neighbourWalk';
import { styleOf } from './nodeStyles';

export interface NodeListHandlers {
  readonly select: (id: string) => void;
  readonly reroot: (id: string) => void;
}

/**
 * The graph as a listbox: what keyboard and screen-reader users navigate, since a canvas has
 * no focusable parts. ↑/↓ move through the list (depth order), ←/→ jump to an upstream or
 * downstream neighbour (pressed again, to the next one: `neighbourWalk.ts`), Enter re-roots on
 * the active node. Each ←/→ step says "n of m" in the list's live region.
 */
export class NodeList {
  private ids: string[] = [];
  private index = new Map<string, number>();
  private walk = new NeighbourWalk([], []);
  private names = new Map<string, string>();
  private active: string | null = null;

  constructor(
    private readonly el: HTMLElement,
    private readonly handlers: NodeListHandlers,
    /** A polite live region: where a ←/→ step says which neighbour of how many it reached. */
    private readonly status: HTMLElement,
  ) {
    el.addEventListener('keydown', (e) => this.onKey(e));
    el.addEventListener('click', (e) => {
      const option = (e.target as HTMLElement).closest<HTMLElement>('[role="option"]');
      if (option?.dataset.id) this.activate(option.dataset.id, true);
    });
    el.addEventListener('dblclick', (e) => {
      const option = (e.target as HTMLElement).closest<HTMLElement>('[role="option"]');
      if (option?.dataset.id) this.handlers.reroot(option.dataset.id);
    });
  }

  show(nodes: readonly LineageNode[], edges: readonly LineageEdge[]): void {
    this.ids = nodes.map((n) => n.id);
    this.index = new Map(this.ids.map((id, i) => [id, i]));
    this.walk = new NeighbourWalk(nodes, edges);
    this.names = new Map(nodes.map((n) => [n.id, n.displayName]));
    this.active = null;
    this.status.textContent = '';
    this.el.removeAttribute('aria-activedescendant');
    const fragment = document.createDocumentFragment();
    nodes.forEach((n, i) => {
      const style = styleOf(n.type);
      const where = n.depth === 0 ? 'root' : `depth ${n.depth}`;
      fragment.append(
        // No aria-label: the option is named by what it shows (WCAG 2.5.3, label in name), the
        // summary added for screen readers only.
        h('li', { role: 'option', id: `node-option-${i}`, 'data-id': n.id, 'data-type': n.type, 'aria-selected': 'false' },
          h('span', { class: 'swatch', style: `background:${style.colour}`, 'aria-hidden': 'true' }),
          h('span', { class: 'name', text: n.displayName }),
          h('span', { class: 'meta', text: ` ${style.label} · ${where}` }),
          ...(n.summary ? [h('span', { class: 'visually-hidden', text: ` · ${n.summary}` })] : []),
        ),
      );
    });
    this.el.replaceChildren(fragment);
  }

  clear(): void {
    this.show([], []);
  }

  /** Marks a node active (from a click on the canvas, too) without moving the focus; `fromWalk` keeps a ←/→ walk going. */
  activate(id: string, notify: boolean, fromWalk = false): void {
    const i = this.index.get(id);
    if (i === undefined) return;
    if (!fromWalk) {
      this.walk.reset();
      this.status.textContent = '';
    }
    if (this.active !== null) this.optionAt(this.index.get(this.active)!)?.setAttribute('aria-selected', 'false');
    this.active = id;
    const option = this.optionAt(i);
    option?.setAttribute('aria-selected', 'true');
    if (option) {
      this.el.setAttribute('aria-activedescendant', option.id);
      option.scrollIntoView({ block: 'nearest' });
    }
    if (notify) this.handlers.select(id);
  }

  private optionAt(i: number): HTMLElement | null {
    return this.el.children.item(i) as HTMLElement | null;
  }

  private onKey(e: KeyboardEvent): void {
    if (this.ids.length === 0) return;
    const current = this.active === null ? -1 : this.index.get(this.active)!;
    let next: string | undefined;
    switch (e.key) {
      case 'ArrowDown':
        next = this.ids[Math.min(this.ids.length - 1, current + 1)];
        break;
      case 'ArrowUp':
        next = this.ids[Math.max(0, current - 1)];
        break;
      case 'Home':
        next = this.ids[0];
        break;
      case 'End':
        next = this.ids[this.ids.length - 1];
        break;
      case 'ArrowLeft':
      case 'ArrowRight':
        e.preventDefault();
        this.stepTo(e.key === 'ArrowLeft' ? 'upstream' : 'downstream');
        return;
      case 'Enter':
        if (this.active !== null) this.handlers.reroot(this.active);
        e.preventDefault();
        return;
      default:
        return;
    }
    e.preventDefault();
    if (next !== undefined && next !== this.active) this.activate(next, true);
  }

  private stepTo(side: Side): void {
    if (this.active === null) return;
    const step = this.walk.step(this.active, side);
    if (step === null) {
      this.status.textContent = `No ${side} neighbour of ${this.names.get(this.active) ?? this.active}.`;
      return;
    }
    this.activate(step.id, true, true);
    const name = this.names.get(step.id) ?? step.id;
    this.status.textContent = step.position === 0 ? `Back to ${name}.` : `${name}: ${side} neighbour ${step.position} of ${step.count}.`;
  }
}
