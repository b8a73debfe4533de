import { parseValue, type ValueNode } from 'graphql';
import { GraphQLJSON, GraphQLJSONObject, MAX_JSON_DEPTH } from './json';

/** `{a: [{a: … 1}]}`, `levels` containers deep, built without recursion. */
function nested(levels: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < levels; i++) v = i % 2 === 0 ? { a: v } : [v];
  return v;
}

function literal(levels: number): ValueNode {
  return parseValue(`${'{a: ['.repeat(levels)}1${']}'.repeat(levels)}`, { maxTokens: 1_000_000 });
}

describe('JSON scalars with a nesting limit', () => {
  it('accepts values and literals up to the limit, as graphql-scalars parses them', () => {
    expect(GraphQLJSON.parseValue(nested(MAX_JSON_DEPTH - 1))).toEqual(nested(MAX_JSON_DEPTH - 1));
    expect(GraphQLJSONObject.parseLiteral(literal(MAX_JSON_DEPTH / 2), {})).toMatchObject({ a: [{ a: expect.any(Array) }] });
    expect(GraphQLJSON.name).toBe('JSON');
    expect(GraphQLJSONObject.name).toBe('JSONObject');
  });

  it('refuses a value or literal thousands deep as BAD_USER_INPUT without overflowing the stack', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 30_000; i++) deep = { a: deep };
    expect(() => GraphQLJSON.parseValue(deep)).toThrow(expect.objectContaining({ message: expect.stringMatching(/deeper than 64 levels/), extensions: { code: 'BAD_USER_INPUT' } }));
    expect(() => GraphQLJSONObject.parseValue(deep)).toThrow(/deeper than 64 levels/);
    expect(() => GraphQLJSON.parseLiteral(literal(MAX_JSON_DEPTH), {})).toThrow(/deeper than 64 levels/);
  });
});
