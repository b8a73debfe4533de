import fc from 'fast-check';
import { RunStatus } from './run';
import { type OlRunState, type OlTransition, OL_RUN_STATES, decodeTransition, encodeTransition, summariseRun } from './openlineageRunState';

const t = (state: OlRunState, at: string, eventId = `${state}-${at}`): OlTransition => ({ state, at, eventId });

describe('summariseRun', () => {
  it('follows START → RUNNING → COMPLETE', () => {
    const s = summariseRun([t('START', '2024-01-01T00:00:00.000Z'), t('RUNNING', '2024-01-01T00:01:00.000Z'), t('COMPLETE', '2024-01-01T00:02:00.000Z')]);
    expect(s).toMatchObject({ state: 'COMPLETE', status: RunStatus.FINISHED, startTime: '2024-01-01T00:00:00.000Z', endTime: '2024-01-01T00:02:00.000Z' });
  });

  it('lets a terminal state win even when its time is earlier than a RUNNING event', () => {
    const s = summariseRun([t('FAIL', '2024-01-01T00:00:30.000Z'), t('RUNNING', '2024-01-01T00:01:00.000Z')]);
    expect(s).toMatchObject({ state: 'FAIL', status: RunStatus.FAILED, endTime: '2024-01-01T00:00:30.000Z' });
  });

  it('has no state when no event carried one', () => {
    expect(summariseRun([])).toMatchObject({ state: null, startTime: null, endTime: null, history: [] });
  });

  it('counts a duplicated transition once', () => {
    const a = t('START', '2024-01-01T00:00:00.000Z');
    expect(summariseRun([a, a]).history).toHaveLength(1);
  });

  it('is a function of the set of transitions, not of their order', () => {
    const transition = fc.record({
      state: fc.constantFrom(...OL_RUN_STATES),
      at: fc.integer({ min: 0, max: 5 }).map((m) => new Date(Date.UTC(2024, 0, 1, 0, m)).toISOString()),
      eventId: fc.constantFrom('a', 'b', 'c', 'd'),
    });
    fc.assert(
      fc.property(fc.array(transition, { maxLength: 8 }), fc.infiniteStream(fc.nat()), (list, seeds) => {
        const shuffled = [...list].sort(() => (seeds.next().value % 3) - 1);
        expect(summariseRun(shuffled)).toEqual(summariseRun(list));
      }),
    );
  });

  it('round-trips transitions through their stored form', () => {
    const a = t('ABORT', '2024-01-01T00:00:00.000Z', 'abc');
    expect(decodeTransition(encodeTransition(a))).toEqual(a);
    expect(decodeTransition('garbage')).toBeNull();
  });
});
