import { DomainError } from './errors';
import { INPUT_LIMITS, assertWithinLimit, lengthProblem, utf8Length } from './inputLimits';

describe('input limits', () => {
  it('counts UTF-8 bytes, not UTF-16 code units', () => {
    expect(utf8Length('a')).toBe(1);
    expect(utf8Length('é')).toBe(2);
    expect(utf8Length('😀')).toBe(4);
  });

  it('accepts a value at the limit and refuses one byte more', () => {
    expect(lengthProblem('name', 'x'.repeat(INPUT_LIMITS.name))).toBeNull();
    expect(lengthProblem('name', 'x'.repeat(INPUT_LIMITS.name + 1))).toMatch(/2049 bytes.*limit for a name is 2048/);
  });

  it('refuses four-byte characters that fit by character count but not by bytes', () => {
    const value = '😀'.repeat(INPUT_LIMITS.uri / 2);
    expect(value.length).toBe(INPUT_LIMITS.uri);
    expect(lengthProblem('uri', value)).not.toBeNull();
  });

  it('throws BAD_USER_INPUT naming the field', () => {
    let caught: unknown;
    try {
      assertWithinLimit('input.title', 'name', 'y'.repeat(5000));
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect((caught as DomainError).code).toBe('BAD_USER_INPUT');
    expect((caught as DomainError).details).toMatchObject({ argument: 'input.title', limit: INPUT_LIMITS.name });
    expect((caught as DomainError).message).toMatch(/^input\.title is 5000 bytes long/);
  });
});
