import { NodeNotFoundError } from './errors';
import { LINEAGE_NODE_TYPES, LineageNodeType } from './lineage';
import { NODE_TYPES, NodeType, nameOf } from './nodeType';

describe('the node-type table', () => {
  it('names every type once, in words a message can start with', () => {
    const names = Object.values(NODE_TYPES).map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[A-Z][a-z]*( [a-z]+)*$/);
  });

  it('words NOT_FOUND from that name, with the id in the details', () => {
    const err = new NodeNotFoundError(NodeType.MODEL_VERSION, 'modelversion:s:m:1');
    expect({ code: err.code, message: err.message, details: err.details }).toEqual({
      code: 'NOT_FOUND',
      message: `${nameOf(NodeType.MODEL_VERSION)} "modelversion:s:m:1" was not found`,
      details: { id: 'modelversion:s:m:1' },
    });
    expect(nameOf(NodeType.MODEL_VERSION)).toBe('Model version');
  });

  it('leaves only dataset versions and the audit trail out of lineage, with the same values as NodeType', () => {
    expect(Object.values(NodeType).filter((t) => !LINEAGE_NODE_TYPES.includes(t))).toEqual([NodeType.DATASET_VERSION, NodeType.AUDIT_EVENT, NodeType.ACTOR]);
    for (const [key, value] of Object.entries(LineageNodeType)) expect(NodeType[key as keyof typeof NodeType]).toBe(value);
  });
});
