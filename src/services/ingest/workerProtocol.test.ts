import { BadInputError, ConflictError, DomainError } from '../../domain/errors';
import { fromWire, toWire } from './workerProtocol';

describe('refusals crossing the worker boundary', () => {
  it('keep their code, message and details', () => {
    const back = fromWire(structuredClone(toWire(new ConflictError('Ingestion i-1 of store s is already running', { ingestionId: 'i-1' }))));
    expect(back).toBeInstanceOf(DomainError);
    expect(back).toMatchObject({ code: 'CONFLICT', message: 'Ingestion i-1 of store s is already running', details: { ingestionId: 'i-1' } });
    expect(fromWire(toWire(new BadInputError('uri', '"/x" does not exist')))).toMatchObject({ code: 'BAD_USER_INPUT', details: { argument: 'uri' } });
  });

  it('leave anything else an internal error, without a code', () => {
    const back = fromWire(toWire(new Error('socket hang up')));
    expect(back).not.toBeInstanceOf(DomainError);
    expect(back.message).toBe('socket hang up');
  });
});
