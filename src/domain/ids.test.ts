import { BadInputError } from './errors';
import { encodeIdPart, formatId, parseId, parseIdOf } from './ids';
import { NODE_TYPES, NodeType } from './nodeType';

describe('typed ids', () => {
  it.each([
    [NodeType.RUN, ['3f2a9c1b7d40', '5b1d0c2e9f8a4b7c8d9e0f1a2b3c4d5e']],
    [NodeType.EXPERIMENT, ['3f2a9c1b7d40', '427381920394857261']],
    [NodeType.DATASET, ['s3://pv-data', 'faers/2024Q1/drug_event.parquet']],
    [NodeType.MODEL_VERSION, ['3f2a9c1b7d40', 'pv signal:xgb', '12']],
    [NodeType.REPORT, ["SDR-2024Q1 (draft) it's *"]],
  ])('round-trips %s ids through format and parse', (type, parts) => {
    const id = formatId(type, ...parts);
    expect(id.split(':')).toHaveLength(parts.length + 1);
    expect(parseId(id)).toEqual({ type, parts });
  });

  it('percent-encodes every reserved character, including those encodeURIComponent leaves', () => {
    expect(encodeIdPart("a:b/c d!'()*")).toBe('a%3Ab%2Fc%20d%21%27%28%29%2A');
  });

  it('uses one distinct prefix per node type', () => {
    const prefixes = Object.values(NODE_TYPES).map((t) => t.prefix);
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });

  it.each([
    ['', 'empty'],
    ['nope:abc', 'unknown type prefix "nope"'],
    ['run:onlyone', 'run:<storeKey>:<runId>'],
    ['run:a:b:c', 'run:<storeKey>:<runId>'],
    ['run::b', 'part <storeKey> is empty'],
    ['run:a:%E0%A4%A', 'not valid percent-encoding'],
    ['run:a:b%2fc', 'canonical'],
    ['report:a b', 'canonical'],
  ])('rejects %j as BAD_USER_INPUT (%s)', (id, why) => {
    let caught: unknown;
    try {
      parseId(id, 'reportId');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(BadInputError);
    const err = caught as BadInputError;
    expect(err.code).toBe('BAD_USER_INPUT');
    expect(err.message).toContain(why);
    expect(err.message).toContain('"reportId"');
    expect(err.details.argument).toBe('reportId');
  });

  it('rejects an id of another type where one type is required', () => {
    const id = formatId(NodeType.REPORT, 'x');
    expect(() => parseIdOf(NodeType.RUN, id, 'runId')).toThrow(/must be a run id/);
  });

  it('refuses to format an id with a missing or empty part', () => {
    expect(() => formatId(NodeType.RUN, 'abc')).toThrow(/needs 2 parts/);
    expect(() => formatId(NodeType.RUN, 'abc', '')).toThrow(/empty/);
  });
});
