import { buildSchema, parse, validate } from 'graphql';
import { withoutSuggestion } from './suggestions';

const schema = buildSchema('type Query { report: Int reports: [Int] }');

describe('suggestions', () => {
  it('takes graphql-js\'s "Did you mean" sentence out of a validation message, keeping the rest', () => {
    const [error] = validate(schema, parse('{ repor }'));
    expect(error.message).toContain('Did you mean');
    expect(withoutSuggestion(error.message)).toBe('Cannot query field "repor" on type "Query".');
  });

  it('leaves a message without one as it is', () => {
    expect(withoutSuggestion('Cannot query field "x" on type "Query".')).toBe('Cannot query field "x" on type "Query".');
  });
});
