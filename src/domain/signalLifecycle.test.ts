import { BadInputError } from './errors';
import { SignalStatus } from './signal';
import { SIGNAL_TRANSITIONS, checkDecision, checkTransition } from './signalLifecycle';

const ALL = Object.values(SignalStatus);
const LEGAL: [SignalStatus, SignalStatus][] = [
  [SignalStatus.DETECTED, SignalStatus.VALIDATED],
  [SignalStatus.DETECTED, SignalStatus.NOT_VALIDATED],
  [SignalStatus.VALIDATED, SignalStatus.PRIORITISED],
  [SignalStatus.PRIORITISED, SignalStatus.ASSESSED],
  [SignalStatus.ASSESSED, SignalStatus.CLOSED],
];
const isLegal = (from: SignalStatus, to: SignalStatus) => LEGAL.some(([a, b]) => a === from && b === to);

describe('signal lifecycle (GVP Module IX)', () => {
  it('has exactly the documented transitions', () => {
    const table = ALL.flatMap((from) => SIGNAL_TRANSITIONS[from].map((to) => [from, to]));
    expect(table.sort()).toEqual([...LEGAL].sort());
  });

  it('accepts every legal step', () => {
    for (const [from, to] of LEGAL) expect(() => checkTransition(from, to)).not.toThrow();
  });

  it('refuses every other pair with BAD_USER_INPUT naming from, to and what is allowed', () => {
    const illegal = ALL.flatMap((from) => ALL.filter((to) => !isLegal(from, to)).map((to) => [from, to] as const));
    expect(illegal).toHaveLength(ALL.length * ALL.length - LEGAL.length);
    for (const [from, to] of illegal) {
      try {
        checkTransition(from, to);
        throw new Error(`${from} → ${to} was accepted`);
      } catch (err) {
        expect(err).toBeInstanceOf(BadInputError);
        expect((err as BadInputError).details).toEqual({ argument: 'to', from, to, allowed: SIGNAL_TRANSITIONS[from] });
        expect((err as BadInputError).message).toContain(`${from} to ${to}`);
      }
    }
  });

  it('keeps NOT_VALIDATED and CLOSED as final stages', () => {
    expect(SIGNAL_TRANSITIONS[SignalStatus.NOT_VALIDATED]).toEqual([]);
    expect(SIGNAL_TRANSITIONS[SignalStatus.CLOSED]).toEqual([]);
  });

  it('needs a decision and a rationale', () => {
    expect(checkDecision(' Validated ', ' strong PRR ')).toEqual({ decision: 'Validated', rationale: 'strong PRR' });
    expect(() => checkDecision('', 'why')).toThrow(expect.objectContaining({ details: { argument: 'decision' } }));
    expect(() => checkDecision('ok', '   ')).toThrow(expect.objectContaining({ details: { argument: 'rationale' } }));
    expect(() => checkDecision('ok', 'x'.repeat(2001))).toThrow(expect.objectContaining({ details: { argument: 'rationale' } }));
  });
});
