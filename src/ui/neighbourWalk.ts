/**
 * Which neighbour ←/→ in the node list go to. The first press leaves the node the walk starts
 * from for its nearest upstream (downstream) neighbour; each further press in the same
 * direction moves on to the next of that same node's neighbours, wrapping round, so a node with
 * several inputs can reach all of them from the keyboard. The opposite arrow goes back to the
 * start. Anything else that moves the active node (↑/↓, a click) ends the walk, and the next
 * arrow starts one from there.
 */
export type Side = 'upstream' | 'downstream';

export interface WalkNode {
  readonly id: string;
  readonly depth: number;
  readonly displayName: string;
}

export interface WalkEdge {
  readonly from: string;
  readonly to: string;
}

export interface WalkStep {
  readonly id: string;
  /** 1-based position among the start node's neighbours on that side; 0 when the step went back to the start. */
  readonly position: number;
  readonly count: number;
  readonly side: Side;
}

export class NeighbourWalk {
  private readonly neighbours = new Map<string, { upstream: string[]; downstream: string[] }>();
  private walk: { start: string; side: Side; index: number; at: string } | null = null;

  constructor(nodes: readonly WalkNode[], edges: readonly WalkEdge[]) {
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const entry = (id: string) => this.neighbours.get(id) ?? this.neighbours.set(id, { upstream: [], downstream: [] }).get(id)!;
    for (const e of edges) {
      if (!byId.has(e.from) || !byId.has(e.to) || e.from === e.to) continue;
      entry(e.to).upstream.push(e.from);
      entry(e.from).downstream.push(e.to);
    }
    // A stable order: nearest the root first, then by the label the list shows, then by id; each neighbour once.
    const order = (a: string, b: string) => {
      const x = byId.get(a)!;
      const y = byId.get(b)!;
      return x.depth - y.depth || cmp(x.displayName, y.displayName) || cmp(a, b);
    };
    for (const sides of this.neighbours.values()) {
      sides.upstream = [...new Set(sides.upstream)].sort(order);
      sides.downstream = [...new Set(sides.downstream)].sort(order);
    }
  }

  /** Ends the walk: the active node moved by other means (↑/↓, a click), so the next arrow starts from there. */
  reset(): void {
    this.walk = null;
  }

  /** The neighbours of `id` on `side`, in walk order. */
  of(id: string, side: Side): readonly string[] {
    return this.neighbours.get(id)?.[side] ?? [];
  }

  /** The step an arrow press takes from the active node `active`; null when there is nowhere to go. */
  step(active: string, side: Side): WalkStep | null {
    const walk = this.walk?.at === active ? this.walk : null;
    if (walk && walk.side !== side) {
      this.walk = null;
      return { id: walk.start, position: 0, count: this.of(walk.start, walk.side).length, side };
    }
    const start = walk ? walk.start : active;
    const list = this.of(start, side);
    if (list.length === 0) return null;
    const index = walk ? (walk.index + 1) % list.length : 0;
    this.walk = { start, side, index, at: list[index] };
    return { id: list[index], position: index + 1, count: list.length, side };
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
