import type { GraphQLError } from 'graphql';
import { checkVariableDepth, tooDeepVariable } from './variableDepth';

/** `{ a: { a: … leaf } }`, `levels` objects deep, built without recursion. */
function nested(levels: number, leaf: unknown = 1): unknown {
  let value = leaf;
  for (let i = 0; i < levels; i++) value = i % 2 === 0 ? { a: value } : [value];
  return value;
}

describe('variable nesting', () => {
  it('accepts values up to the limit, scalars and null included', () => {
    expect(tooDeepVariable({ x: nested(64), y: 'text', z: null, n: 3 }, 64)).toBeNull();
  });

  it('names the first variable one level over the limit', () => {
    expect(tooDeepVariable({ ok: nested(64), deep: nested(65) }, 64)).toBe('deep');
  });

  it('refuses a value nested 30,000 deep without overflowing the stack, as BAD_USER_INPUT naming it', () => {
    let error: GraphQLError | undefined;
    try {
      checkVariableDepth({ unused: nested(30_000) }, 64);
    } catch (e) {
      error = e as GraphQLError;
    }
    expect(error?.message).toBe('Variable "$unused" nests objects or arrays deeper than 64 levels');
    expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', http: { status: 400 } });
  });
});
