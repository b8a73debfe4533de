import { NeighbourWalk } from './neighbourWalk';

// Three inputs of the root at different depths and labels, one output, and a second-level input.
const nodes = [
  { id: 'r', depth: 0, displayName: 'root' },
  { id: 'b', depth: 1, displayName: 'beta' },
  { id: 'a', depth: 1, displayName: 'alpha' },
  { id: 'z', depth: 2, displayName: 'aardvark' },
  { id: 'o', depth: 1, displayName: 'out' },
  { id: 'x', depth: 2, displayName: 'x-input-of-a' },
];
const edges = [
  { from: 'b', to: 'r' },
  { from: 'z', to: 'r' },
  { from: 'a', to: 'r' },
  { from: 'a', to: 'r' },
  { from: 'r', to: 'o' },
  { from: 'x', to: 'a' },
];

describe('NeighbourWalk', () => {
  it('orders neighbours by depth, then label, each once', () => {
    const walk = new NeighbourWalk(nodes, edges);
    expect(walk.of('r', 'upstream')).toEqual(['a', 'b', 'z']);
    expect(walk.of('r', 'downstream')).toEqual(['o']);
  });

  it('cycles through all upstream neighbours of the start node on repeated presses, wrapping round', () => {
    const walk = new NeighbourWalk(nodes, edges);
    let at = 'r';
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      const step = walk.step(at, 'upstream')!;
      seen.push(`${step.id} ${step.position}/${step.count}`);
      at = step.id;
    }
    expect(seen).toEqual(['a 1/3', 'b 2/3', 'z 3/3', 'a 1/3']);
  });

  it('goes back to the start with the opposite arrow, then walks from there again', () => {
    const walk = new NeighbourWalk(nodes, edges);
    const first = walk.step('r', 'upstream')!;
    const second = walk.step(first.id, 'upstream')!;
    expect(second.id).toBe('b');
    expect(walk.step(second.id, 'downstream')).toEqual({ id: 'r', position: 0, count: 3, side: 'downstream' });
    expect(walk.step('r', 'downstream')!.id).toBe('o');
  });

  it('starts a new walk when the active node moved by other means', () => {
    const walk = new NeighbourWalk(nodes, edges);
    expect(walk.step('r', 'upstream')!.id).toBe('a');
    // The user moved away and back to "a" with ↓/↑ or a click, then pressed ← again: "a" is now where the walk starts.
    walk.reset();
    expect(walk.step('a', 'upstream')).toEqual({ id: 'x', position: 1, count: 1, side: 'upstream' });
  });

  it('has nowhere to go from a node without neighbours on that side', () => {
    const walk = new NeighbourWalk(nodes, edges);
    expect(walk.step('o', 'downstream')).toBeNull();
  });
});
