import { BadInputError } from './errors';
import { checkAsOf, checkClocks, checkDepth, lineageRequest, LINEAGE_NODE_TYPES, LineageDirection, LineageNodeType } from './lineage';
import { rootAbsenceMessage } from './lineageClock';
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

const clockNow = new Date('2026-03-01T00:00:00Z');
describe('the two clocks', () => {
  it('takes either clock, both or neither, and refuses a future one naming it', () => {
    expect(checkClocks({}, clockNow)).toEqual({ asOf: null, validAt: null });
    expect(checkClocks({ validAt: '2024-05-01T00:00:00Z' }, clockNow)).toEqual({ asOf: null, validAt: new Date('2024-05-01T00:00:00Z') });
    expect(checkClocks({ asOf: clockNow, validAt: clockNow }, clockNow)).toEqual({ asOf: clockNow, validAt: clockNow });
    expect(argumentOf(() => checkClocks({ validAt: '2026-03-01T00:00:00.001Z' }, clockNow))).toBe('validAt');
    expect(argumentOf(() => checkClocks({ asOf: '2026-03-02T00:00:00Z', validAt: '2024-01-01T00:00:00Z' }, clockNow))).toBe('asOf');
    expect(argumentOf(() => checkClocks({ validAt: 'last spring' }, clockNow))).toBe('validAt');
    expect(argumentOf(() => lineageRequest({ validAt: '2027-01-01T00:00:00Z' }, 20, clockNow))).toBe('validAt');
    expect(lineageRequest({ validAt: '2024-01-01T00:00:00Z' }, 20, clockNow).validAt).toEqual(new Date('2024-01-01T00:00:00Z'));
  });

  const id = 'report:SDR-2024Q1';
  const recordedAt = new Date('2026-02-10T09:00:00Z');
  const validFrom = new Date('2024-05-07T09:00:00Z');

  it('says nothing when the root existed on every clock asked, or has no time on it', () => {
    expect(rootAbsenceMessage(NodeType.REPORT, id, { asOf: null, validAt: null }, { recordedAt, validFrom })).toBeNull();
    expect(rootAbsenceMessage(NodeType.REPORT, id, { asOf: recordedAt, validAt: validFrom }, { recordedAt, validFrom })).toBeNull();
    expect(rootAbsenceMessage(NodeType.DATASET, 'dataset:s3%3A%2F%2Fx:y', { asOf: new Date(0), validAt: new Date(0) }, { recordedAt: null, validFrom: null })).toBeNull();
  });

  it('names the clock, the instant asked and when the root came to exist on it', () => {
    expect(rootAbsenceMessage(NodeType.REPORT, id, { asOf: new Date('2024-01-01T00:00:00Z'), validAt: null }, { recordedAt, validFrom })).toBe(
      'Report "report:SDR-2024Q1" was first recorded by pv-lineage at 2026-02-10T09:00:00.000Z, after asOf 2024-01-01T00:00:00.000Z: pv-lineage held nothing of it then. Ask with validAt for the time its source records.',
    );
    expect(rootAbsenceMessage(NodeType.REPORT, id, { asOf: null, validAt: new Date('2024-05-01T00:00:00Z') }, { recordedAt, validFrom })).toBe(
      'Report "report:SDR-2024Q1" dates from 2024-05-07T09:00:00.000Z in its source records, after validAt 2024-05-01T00:00:00.000Z: it did not exist yet then.',
    );
  });

  it('reports the recorded clock first when the root was absent on both', () => {
    const both = rootAbsenceMessage(NodeType.REPORT, id, { asOf: new Date('2024-01-01T00:00:00Z'), validAt: new Date('2024-01-01T00:00:00Z') }, { recordedAt, validFrom });
    expect(both).toContain('after asOf');
    const sourceOnly = rootAbsenceMessage(NodeType.REPORT, id, { asOf: recordedAt, validAt: new Date('2024-01-01T00:00:00Z') }, { recordedAt, validFrom });
    expect(sourceOnly).toContain('after validAt');
  });
});
