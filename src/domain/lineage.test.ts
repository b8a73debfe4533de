import { BadInputError } from './errors';
import { checkAsOf, checkDepth, lineageRequest, LINEAGE_NODE_TYPES, LineageDirection, LineageNodeType } from './lineage';
import { NodeType } from './nodeType';
import { ALL_RELATIONS } from './relation';

const argumentOf = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(BadInputError);
    return (err as BadInputError).details.argument;
  }
  throw new Error('expected a BadInputError');
};

describe('lineage request rules', () => {
  it('fills the documented defaults', () => {
    const r = lineageRequest({}, 20);
    expect(r).toMatchObject({ direction: LineageDirection.UPSTREAM, depth: 5, limit: 1000, asOf: null });
    expect(r.nodeTypes).toEqual(LINEAGE_NODE_TYPES);
    expect(r.relations).toEqual(ALL_RELATIONS);
  });

  it('rejects a depth outside 1..max instead of clamping it', () => {
    for (const d of [0, -1, 21, 2.5]) expect(argumentOf(() => checkDepth(d, 20))).toBe('depth');
    expect(checkDepth(20, 20)).toBe(20);
    expect(argumentOf(() => lineageRequest({ depth: 8 }, 7))).toBe('depth');
  });

  it('rejects empty type filters, naming the argument', () => {
    expect(argumentOf(() => lineageRequest({ nodeTypes: [] }, 20))).toBe('nodeTypes');
    expect(argumentOf(() => lineageRequest({ relationshipTypes: [] }, 20))).toBe('relationshipTypes');
    expect(argumentOf(() => lineageRequest({ nodeTypes: [NodeType.AUDIT_EVENT] }, 20))).toBe('nodeTypes');
  });

  it('rejects an asOf in the future or unparsable', () => {
    const now = new Date('2025-01-01T00:00:00Z');
    expect(argumentOf(() => checkAsOf('2025-01-01T00:00:01Z', now))).toBe('asOf');
    expect(argumentOf(() => checkAsOf('not a date', now))).toBe('asOf');
    expect(checkAsOf('2024-12-31T23:59:59Z', now)?.toISOString()).toBe('2024-12-31T23:59:59.000Z');
  });

  it('keeps the GraphQL NodeType values equal to the domain ones', () => {
    expect(Object.values(LineageNodeType).sort()).toEqual([...LINEAGE_NODE_TYPES].sort());
    for (const v of Object.values(LineageNodeType)) expect(Object.values(NodeType)).toContain(v);
  });
});
