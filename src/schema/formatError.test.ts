import { GraphQLError } from 'graphql';
import { DomainError } from '../domain/errors';
import { formatError } from './formatError';

const format = (error: GraphQLError) => formatError(error.toJSON(), error);

describe('formatError', () => {
  it('keeps a domain error’s message, code and details', () => {
    const err = new GraphQLError('wrapped', { originalError: new DomainError('NOT_FOUND', 'No run run:s:1', { id: 'run:s:1' }) });
    expect(format(err)).toMatchObject({ message: 'No run run:s:1', extensions: { code: 'NOT_FOUND', id: 'run:s:1' } });
  });

  it('says which limit a refused operation broke, and nothing else of the plugin’s extensions', () => {
    const err = new GraphQLError('too deep', { extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'depth', max: 12, actual: 40, http: { status: 400 } } });
    expect(format(err).extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 'depth', max: 12, actual: 40 });
  });

  it('passes request errors without their extensions', () => {
    const err = new GraphQLError('Syntax Error', { extensions: { code: 'GRAPHQL_PARSE_FAILED', detail: 'x' } });
    expect(format(err).extensions).toEqual({ code: 'GRAPHQL_PARSE_FAILED' });
  });

  it('hides anything else behind INTERNAL_SERVER_ERROR', () => {
    const err = new GraphQLError('Neo4jError: index foo', { originalError: new Error('driver text') });
    expect(format(err)).toEqual({ message: 'Internal server error', locations: undefined, path: undefined, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });
});
